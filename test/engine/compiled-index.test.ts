import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ContentError } from "../../src/content/load.js";
import { compiledKey } from "../../src/engine/compiled-index.js";
import { LiveEngine } from "../../src/engine/live-engine.js";
import { repoRoot } from "../support/content.js";
import { labelledQuestions } from "../support/labelled-questions.js";

const folders: string[] = [];
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  folders.push(dir);
  return dir;
}

/** A copy of the content folders, which a test may change. */
function contentCopy(): string {
  const root = folder("content-");
  cpSync(join(repoRoot, "data"), join(root, "data"), { recursive: true });
  cpSync(join(repoRoot, "intents"), join(root, "intents"), { recursive: true });
  return root;
}

const questions = labelledQuestions();

describe("the compiled index kept between starts", () => {
  it("is written after a check that passed, and read back by the next start, answering every question as the engine compiled afresh does", () => {
    const path = join(folder("index-"), "compiled-index.bin");
    const first = new LiveEngine(repoRoot, path);
    expect(first.started).toEqual({ fromIndex: false });
    const second = new LiveEngine(repoRoot, path);
    expect(second.started).toEqual({ fromIndex: true });
    expect(questions.length).toBeGreaterThan(5_000);
    for (const question of questions) {
      const fresh = first.engine.answer(question, { cache: false });
      expect(second.engine.answer(question, { cache: false }), question).toEqual(fresh);
    }
    // Conversations too: the follow-up readings use the same index.
    const context = ["llama4-compute"];
    for (const question of ["who said that?", "and why?", "وليش؟", "and after Llama 4?"])
      expect(second.engine.answer(question, { context, cache: false })).toEqual(first.engine.answer(question, { context, cache: false }));
  });

  it("is not used for content that changed since: the change is compiled, checked and served", () => {
    const root = contentCopy();
    const path = join(folder("index-"), "compiled-index.bin");
    const before = new LiveEngine(root, path).engine.answer("What did CFO Susan Li say?").reply;
    const facts = join(root, "data/facts.json");
    writeFileSync(facts, readFileSync(facts, "utf8").replace("Meta's CFO Susan Li said", "Susan Li, Meta's CFO, said"));
    const after = new LiveEngine(root, path);
    expect(after.started.fromIndex).toBe(false);
    expect(after.engine.answer("What did CFO Susan Li say?").reply).not.toBe(before);
    expect(after.engine.answer("What did CFO Susan Li say?").reply).toContain("Susan Li, Meta's CFO, said");
  });

  it("never stands in for content that fails its check: the start is refused as without it", () => {
    const root = contentCopy();
    const path = join(folder("index-"), "compiled-index.bin");
    new LiveEngine(root, path);
    const lexicon = join(root, "intents/lexicon.json");
    const json = JSON.parse(readFileSync(lexicon, "utf8")) as { concepts: Array<{ id: string; kind: string }> };
    // Capex as an off-topic subject: the capex intents' own examples are then declined.
    json.concepts.find((c) => c.id === "capex")!.kind = "off-topic";
    writeFileSync(lexicon, JSON.stringify(json));
    expect(() => new LiveEngine(root, path)).toThrow(ContentError);
  });

  it("a reload of content unchanged keeps the engine serving; of content changed, compiles it", () => {
    const root = contentCopy();
    const live = new LiveEngine(root, join(folder("index-"), "compiled-index.bin"));
    const serving = live.engine;
    expect(live.reload().ok).toBe(true);
    expect(live.engine).toBe(serving);
    const facts = join(root, "data/facts.json");
    writeFileSync(facts, readFileSync(facts, "utf8").replace("Meta's CFO Susan Li said", "Susan Li, Meta's CFO, said"));
    expect(live.reload().ok).toBe(true);
    expect(live.engine).not.toBe(serving);
    expect(live.engine.answer("What did CFO Susan Li say?").reply).toContain("Susan Li, Meta's CFO, said");
  });

  it("is compiled afresh, and saved again, when the file is damaged", () => {
    const path = join(folder("index-"), "compiled-index.bin");
    new LiveEngine(repoRoot, path);
    const saved = readFileSync(path);
    writeFileSync(path, saved.subarray(0, saved.length / 2));
    const damaged = new LiveEngine(repoRoot, path);
    expect(damaged.started).toEqual({ fromIndex: false });
    expect(damaged.engine.answer("How much compute will Llama 4 need?").fact).toBe("llama4-compute");
    expect(new LiveEngine(repoRoot, path).started.fromIndex).toBe(true);
  });

  it("serves the content compiled when the index cannot be saved, and says why", () => {
    const notAFolder = join(folder("index-"), "file");
    writeFileSync(notAFolder, "");
    const live = new LiveEngine(repoRoot, join(notAFolder, "compiled-index.bin"));
    expect(live.started.fromIndex).toBe(false);
    expect(live.started.saveError).toMatch(/ENOTDIR|EEXIST/);
    expect(live.engine.answer("How much compute will Llama 4 need?").fact).toBe("llama4-compute");
  });

  it("has a key that changes with any content file, and none for a file that cannot be read", () => {
    const root = contentCopy();
    const key = compiledKey(root);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(compiledKey(root)).toBe(key);
    const article = join(root, "data/article.en.txt");
    writeFileSync(article, `${readFileSync(article, "utf8")} `);
    expect(compiledKey(root)).not.toBe(key);
    rmSync(article);
    expect(compiledKey(root)).toBeUndefined();
  });
});
