import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { contentJsonSchemas, serializeSchema } from "../../src/content/json-schemas.js";
import { ContentError, loadContent } from "../../src/content/load.js";
import { repoRoot } from "../support/content.js";

const copies: string[] = [];
afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the content folders, with one JSON file changed by `edit`. */
// `any`: the edits poke at arbitrary JSON on purpose, including into invalid shapes.
function contentWith(file: string, edit: (json: any) => void): string {
  const root = mkdtempSync(join(tmpdir(), "content-"));
  copies.push(root);
  cpSync(join(repoRoot, "data"), join(root, "data"), { recursive: true });
  cpSync(join(repoRoot, "intents"), join(root, "intents"), { recursive: true });
  const path = join(root, file);
  const json = JSON.parse(readFileSync(path, "utf8"));
  edit(json);
  writeFileSync(path, JSON.stringify(json));
  return root;
}

function problemsOf(root: string): readonly string[] {
  try {
    loadContent(root);
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return (error as ContentError).problems;
  }
  throw new Error("the content loaded, but it should not have");
}

describe("loadContent", () => {
  it("loads the repository's content, frozen", () => {
    const content = loadContent(repoRoot);
    expect(content.facts.length).toBeGreaterThanOrEqual(13);
    expect(content.facts.filter((f) => f.highlight).map((f) => f.highlight).sort()).toEqual([1, 2, 3]);
    expect(Object.isFrozen(content.facts[0])).toBe(true);
  });

  it("names the file, the entry and the field of an empty answer", () => {
    const root = contentWith("data/facts.json", (json) => (json.facts[0].answer.en = " "));
    expect(problemsOf(root)).toEqual(['data/facts.json: entry "llama4-compute" (facts[0]), field answer.en: must not be empty']);
  });

  it("names a missing language", () => {
    const root = contentWith("intents/intents.json", (json) => delete json.intents[2].question.ar);
    expect(problemsOf(root)[0]).toMatch(/^intents\/intents.json: entry "announcement" \(intents\[2\]\), field question\.ar: /);
  });

  it("rejects an intent pointing to a fact that does not exist", () => {
    const root = contentWith("intents/intents.json", (json) => (json.intents[0].fact = "llama5-compute"));
    const problems = problemsOf(root);
    expect(problems).toContain('intents/intents.json: entry "llama4-compute" (intents[0]), field fact: no fact "llama5-compute" in data/facts.json');
    // ...which also leaves a fact without an intent.
    expect(problems).toContain('intents/intents.json: no intent answers fact "llama4-compute" (add one with "fact": "llama4-compute")');
  });

  it("rejects duplicate ids", () => {
    const root = contentWith("data/facts.json", (json) => (json.facts[1].id = json.facts[0].id));
    expect(problemsOf(root)).toContain('data/facts.json: entry "llama4-compute", field id: the id is used twice');
  });

  it("rejects a source sentence that is not in the article", () => {
    const root = contentWith("data/facts.json", (json) => (json.facts[3].source = "جملة ليست في المقال."));
    expect(problemsOf(root)).toEqual([
      `data/facts.json: entry "build-ahead" (facts[3]), field source: not found verbatim in data/article.ar.txt`,
    ]);
  });

  it("rejects a lexicon term given to two concepts", () => {
    const root = contentWith("intents/lexicon.json", (json) => {
      const capex = json.concepts.find((c: { id: string }) => c.id === "capex");
      capex.en.push("compute");
    });
    expect(problemsOf(root).join("\n")).toMatch(/entry "capex" \(concepts\[\d+\]\), field en\[\d+\]: "compute" is already a term of "compute"/);
  });

  it("rejects unknown fields, so a typo in a field name is not silently ignored", () => {
    const root = contentWith("data/facts.json", (json) => (json.facts[0].anwser = json.facts[0].answer));
    expect(problemsOf(root)[0]).toMatch(/entry "llama4-compute" \(facts\[0\]\), field \(the entry itself\): Unrecognized key/);
  });

  it("reports a file that is not JSON", () => {
    const root = contentWith("data/messages.json", () => undefined);
    writeFileSync(join(root, "data/messages.json"), "{ not json");
    expect(problemsOf(root)[0]).toMatch(/^data\/messages.json: is not valid JSON/);
  });
});

describe("JSON Schemas for editors", () => {
  it("are up to date with the zod schemas (run `npm run schemas` after changing them)", () => {
    for (const [file, schema] of Object.entries(contentJsonSchemas()))
      expect(readFileSync(join(repoRoot, "schemas", file), "utf8"), file).toBe(serializeSchema(schema));
  });
});
