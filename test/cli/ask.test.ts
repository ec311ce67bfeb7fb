import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { engine, repoRoot } from "../support/content.js";

const tsx = join(repoRoot, "node_modules", ".bin", "tsx");

function ask(args: string[], input = ""): { stdout: string; stderr: string; status: number | null } {
  const run = spawnSync(tsx, [join(repoRoot, "src/cli/ask.ts"), ...args], { input, encoding: "utf8", cwd: repoRoot });
  return { stdout: run.stdout, stderr: run.stderr, status: run.status };
}

describe("npm run ask", () => {
  it("--explain shows the sentences, each word's lexicon entry, the candidates' scores in parts, the threshold and the decision", () => {
    const run = ask(["--explain", "My team argued about this all morning. How many times more compute will Llama 4 need?"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("[context] My team argued about this all morning.");
    expect(run.stdout).toContain("[the question] How many times more compute will Llama 4 need?");
    expect(run.stdout).toMatch(/"compute" → compute \(topic, intents\/lexicon\.json concepts\[\d+\]\)/);
    expect(run.stdout).toMatch(/Asks for: multiple/);
    expect(run.stdout).toMatch(/1\. llama4-compute [\d.]+: similarity [\d.]+ \(covers [\d.]+ of the question, closest example [\d.]+, trigrams [\d.]+\)/);
    expect(run.stdout).toMatch(/threshold 0\.\d+/);
    expect(run.stdout).toContain("Decision: answered with the fact llama4-compute.");
    expect(run.stdout).toContain(`Reply:\n${engine.answer("How many times more compute will Llama 4 need?").reply}`);
  });

  it("--explain says why an intent is ruled out", () => {
    const run = ask(["--explain", "Is Google one of the rivals he meant?"]);
    expect(run.stdout).toMatch(/competition [\d.]+ \(ruled out: its fact names no company, so it cannot say about google\)/);
    expect(run.stdout).toMatch(/\(ruled out: the closest fact leaves the entity it would correct unnamed\)/);
    expect(run.stdout).toContain("Decision: declined");
  });

  it("prints the reply exactly as the bot sends it", () => {
    const question = "How much compute will Llama 4 need?";
    const run = ask([question]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`${engine.answer(question).reply}\n`);
  });

  it("reads questions from stdin and prints one JSON object per line, in order, and nothing else", () => {
    const questions = ["كم ضعف الحوسبة لـ Llama 4؟", "hi", "How many employees does Meta have?", "", "What is Llama?"];
    const run = ask([], `${questions.join("\n")}\n`);
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(questions.length);
    const rows = lines.map((line) => JSON.parse(line));
    rows.forEach((row, i) => {
      expect(Object.keys(row)).toEqual(["question", "lang", "intent", "fact", "score", "answered", "reply"]);
      expect(row.question).toBe(questions[i]);
    });
    expect(rows[0]).toMatchObject({ lang: "ar", intent: "llama4-compute", fact: "llama4-compute", answered: true });
    expect(rows[1]).toMatchObject({ lang: "en", intent: "greeting", fact: null, answered: false });
    expect(rows[2]).toMatchObject({ intent: null, fact: null, answered: false });
    expect(rows[4]).toMatchObject({ fact: "open-source-llama", answered: true });
  });

  it("--dialogue reads the lines as one conversation: each turn with the facts answered before it; an empty line starts another", () => {
    const input = ["How much compute will Llama 4 need?", "who said that?", "", "who said that?", '{"turns":[{"q":"What was capex in Q2 2024?"},{"q":"and a year earlier?"}]}'].join("\n");
    const run = ask(["--dialogue"], `${input}\n`);
    expect(run.status).toBe(0);
    const rows = run.stdout.trimEnd().split("\n").map((line) => JSON.parse(line));
    expect(rows.map((r) => [r.fact ?? null, r.followup, r.context])).toEqual([
      ["llama4-compute", false, []],
      ["announcement", true, ["llama4-compute"]],
      [null, false, []],
      ["q2-capex", false, []],
      ["q2-capex", true, ["q2-capex"]],
    ]);
  });
});
