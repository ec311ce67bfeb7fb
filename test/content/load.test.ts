import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { contentJsonSchemas, serializeSchema } from "../../src/content/json-schemas.js";
import { ContentError, loadContent } from "../../src/content/load.js";
import { LIMITS } from "../../src/content/schema.js";
import { createEngine } from "../../src/engine/engine.js";
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

  it("rejects a sequence whose fact beyond the last one does not exist, naming the field", () => {
    const root = contentWith("intents/lexicon.json", (json) => (json.sequences[0].beyond = "llama5-compute"));
    expect(problemsOf(root)).toEqual(['intents/lexicon.json: entry sequences[0], field beyond: no fact has the id "llama5-compute"']);
  });

  it("rejects a fact said in a fact that does not exist, or in itself, naming the field", () => {
    const missing = contentWith("data/facts.json", (json) => (json.facts[1].saidIn = "keynote"));
    expect(problemsOf(missing)).toEqual(['data/facts.json: entry "future-compute" (facts[1]), field saidIn: no fact has the id "keynote"']);
    const itself = contentWith("data/facts.json", (json) => (json.facts[1].saidIn = "future-compute"));
    expect(problemsOf(itself)).toEqual(['data/facts.json: entry "future-compute" (facts[1]), field saidIn: a fact is not said in itself']);
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

  it("rejects a term that is read as another concept's (the same stem), naming both spellings", () => {
    const root = contentWith("intents/lexicon.json", (json) => {
      json.concepts.find((c: { id: string }) => c.id === "capex").en.push("calculated");
    });
    expect(problemsOf(root).join("\n")).toMatch(/entry "capex" \(concepts\[\d+\]\), field en\[\d+\]: "calculated" is already a term of "compute" \(as "calculations": both are read as "calculat"\)/);
  });

  it("rejects a term a stop word hides (it would never be looked up), naming both", () => {
    const root = contentWith("intents/lexicon.json", (json) => {
      json.concepts.find((c: { id: string }) => c.id === "stop-en").en.push("y");
    });
    expect(problemsOf(root)).toEqual([
      expect.stringMatching(/^intents\/lexicon\.json: entry "q:why" \(concepts\[\d+\]\), field en\[0\]: "why" is read as the stop word "y" of "stop-en", so it is never looked up/),
    ]);
  });

  it("rejects a correctable entity type no entity concept has, naming the field", () => {
    const root = contentWith("intents/lexicon.json", (json) => json.correctable.push("persn"));
    expect(problemsOf(root).join("\n")).toMatch(/intents\/lexicon\.json.*correctable.*every correctable type must be the type of some entity concept/);
  });

  it("rejects a sense naming no concept, and a sense otherwise that is not the last, naming the entry and field", () => {
    const root = contentWith("intents/lexicon.json", (json) => {
      const ambiguous = json.concepts.find((c: { senses?: unknown }) => c.senses);
      ambiguous.senses[0].concept = "relase";
      ambiguous.senses.unshift({ concept: "increase" });
    });
    const problems = problemsOf(root).join("\n");
    expect(problems).toMatch(/intents\/lexicon\.json: entry "came-out-or-rose" \(concepts\[\d+\]\), field senses\[0\]\.when: only the last sense may have no when/);
    expect(problems).toMatch(/entry "came-out-or-rose" \(concepts\[\d+\]\), field senses\[1\]\.concept: no concept "relase"/);
  });

  it("rejects related facts that do not exist, the fact itself or one named twice, naming each", () => {
    const root = contentWith("data/facts.json", (json) => (json.facts[0].related = ["no-such-fact", json.facts[0].id, "q2-capex", "q2-capex"].slice(0, 3)));
    const root2 = contentWith("data/facts.json", (json) => (json.facts[0].related = ["q2-capex", "q2-capex"]));
    expect(problemsOf(root)).toEqual([
      expect.stringMatching(/^data\/facts\.json: entry "llama4-compute" \(facts\[0\]\), field related\[0\]: no fact has the id "no-such-fact"/),
      expect.stringMatching(/field related\[1\]: a fact is not related to itself/),
    ]);
    expect(problemsOf(root2)).toEqual([expect.stringMatching(/field related\[1\]: "q2-capex" is named twice/)]);
  });

  it("rejects unknown fields, so a typo in a field name is not silently ignored", () => {
    const root = contentWith("data/facts.json", (json) => (json.facts[0].anwser = json.facts[0].answer));
    expect(problemsOf(root)[0]).toMatch(/entry "llama4-compute" \(facts\[0\]\), field \(the entry itself\): Unrecognized key/);
  });

  it("accepts a file saved with a UTF-8 byte order mark", () => {
    const root = contentWith("data/messages.json", () => undefined);
    const path = join(root, "data/messages.json");
    writeFileSync(path, `\uFEFF${readFileSync(path, "utf8")}`);
    expect(loadContent(root).messages.greeting.en).toBe(loadContent(repoRoot).messages.greeting.en);
  });

  it("refuses what would not fit in one Telegram message or a button's alert, naming the entry and field", () => {
    const root = contentWith("data/messages.json", (json) => {
      json.notAllowed.ar = "ل".repeat(201);
      json.help.en = "h".repeat(3_001);
    });
    expect(problemsOf(root)).toEqual([
      "data/messages.json: field help.en: must be at most 3,000 characters",
      "data/messages.json: field notAllowed.ar: must be at most 200 characters (it is shown in a button's alert)",
    ]);
  });

  it("at its limits, the replies made of several texts still fit in one message", () => {
    const content = loadContent(repoRoot);
    const longest = (n: number) => "x".repeat(n);
    const highlights = createEngine({
      ...content,
      facts: content.facts.map((f) => ({ ...f, answer: { ar: longest(LIMITS.answer), en: longest(LIMITS.answer) } })),
      messages: { ...content.messages, highlightsTitle: { ar: longest(LIMITS.message), en: longest(LIMITS.message) } },
    }).highlights("en");
    expect(highlights.length).toBeLessThanOrEqual(4096);
    // /start is the greeting and the help; a decline, "I don't know", "did you mean" and three questions.
    expect(LIMITS.message + 2 + LIMITS.longMessage).toBeLessThanOrEqual(4096);
    expect(2 * LIMITS.message + 2 + 3 * (LIMITS.question + 3)).toBeLessThanOrEqual(4096);
  });

  it("refuses more examples than the bot takes, and words that would not fit in its typo index", () => {
    const many = contentWith("intents/intents.json", (json) => {
      const copies = [0, 1, 2, 3, 4, 5].map((k) => ({ ...json.intents[0], id: `copy-${k}` }));
      json.intents.push(...copies);
      for (const intent of json.intents)
        intent.examples = { en: Array.from({ length: 300 }, (_, i) => `q ${i}`), ar: Array.from({ length: 300 }, (_, i) => `س ${i}`), arabizi: Array.from({ length: 300 }, (_, i) => `s ${i}`) };
    });
    const intents = loadContent(repoRoot).intents.length + 6;
    expect(problemsOf(many)).toEqual([`intents/intents.json: field examples: ${(intents * 900).toLocaleString("en")} examples in all, more than the 20,000 the bot takes`]);
    const wordy = contentWith("intents/intents.json", (json) => {
      json.intents[0].examples.en = Array.from({ length: 300 }, (_, i) => Array.from({ length: 20 }, (_, j) => `${"abcdefghij"[i % 10]}${i}x${j}califragilistic`).join(" "));
    });
    expect(problemsOf(wordy)[0]).toMatch(/^intents\/intents\.json and intents\/lexicon\.json: the [\d,]+ different words of the examples, keywords and terms make [\d,]+ entries in the typo index, more than the 500,000/);
  });

  it("rejects a kind of answer no concept asks for (a typo would silently never match)", () => {
    const root = contentWith("data/facts.json", (json) => (json.facts[0].answers = ["multiple", "multple"]));
    expect(problemsOf(root)).toEqual([
      expect.stringMatching(/^data\/facts\.json: entry "llama4-compute" \(facts\[0\]\), field answers\[1\]: no concept of intents\/lexicon\.json asks for "multple" \(kinds asked: .*multiple/),
    ]);
  });

  it("rejects a figure whose unit is no concept, or whose format has no place for the number", () => {
    const root = contentWith("data/facts.json", (json) => {
      json.facts[0].figures = [{ value: 10, unit: "multipel", format: { en: "10x", ar: "{n} أضعاف" } }];
    });
    expect(problemsOf(root)).toEqual([
      'data/facts.json: entry "llama4-compute" (facts[0]), field figures[0].unit: no concept "multipel" in intents/lexicon.json',
      'data/facts.json: entry "llama4-compute" (facts[0]), field figures[0].format.en: must contain {n}, where the number goes',
    ]);
  });

  it("rejects an unnamed type no entity has, a shared concept that is no topic, an opposite that is none", () => {
    const facts = contentWith("data/facts.json", (json) => (json.facts[0].unnamed = ["compny"]));
    expect(problemsOf(facts)).toEqual([
      'data/facts.json: entry "llama4-compute" (facts[0]), field unnamed[0]: no entity of type "compny" nor topic "compny" in intents/lexicon.json (entities are named type:value)',
    ]);
    const unexplained = contentWith("data/facts.json", (json) => (json.facts[0].unexplained = ["inferense"]));
    expect(problemsOf(unexplained)).toEqual(['data/facts.json: entry "llama4-compute" (facts[0]), field unexplained[0]: no topic "inferense" in intents/lexicon.json']);
    const lexicon = contentWith("intents/lexicon.json", (json) => (json.concepts[0].shared = true));
    expect(problemsOf(lexicon)).toEqual(['intents/lexicon.json: entry "company:meta" (concepts[0]), field shared: only a topic is shared']);
    const gender = contentWith("intents/lexicon.json", (json) => (json.concepts[0].gender = "female"));
    expect(problemsOf(gender)).toEqual([
      'intents/lexicon.json: entry "company:meta" (concepts[0]), field gender: only a person (person:…) or a word that refers back (he, she) has a gender',
    ]);
    const opposite = contentWith("intents/lexicon.json", (json) => {
      json.concepts.find((c: { id: string }) => c.id === "closed-source").opposite = "open-sauce";
    });
    expect(problemsOf(opposite)).toEqual([expect.stringMatching(/^intents\/lexicon\.json: entry "closed-source" \(concepts\[\d+\]\), field opposite: no concept "open-sauce"$/)]);
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
