import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/content.js";

const tsx = join(repoRoot, "node_modules", ".bin", "tsx");

function checkContent(...args: string[]): { stdout: string; stderr: string; status: number | null } {
  const run = spawnSync(tsx, [join(repoRoot, "src/cli/check-content.ts"), ...args], { encoding: "utf8", cwd: repoRoot });
  return { stdout: run.stdout, stderr: run.stderr, status: run.status };
}

/** A copy of the content with a fact and an intent about revenue, which the lexicon lists as off-topic. */
function withRevenueFact(): string {
  const dir = mkdtempSync(join(tmpdir(), "content-revenue-"));
  for (const folder of ["data", "intents"]) cpSync(join(repoRoot, folder), join(dir, folder), { recursive: true });
  const factsPath = join(dir, "data/facts.json");
  const facts = JSON.parse(readFileSync(factsPath, "utf8"));
  facts.facts.push({
    id: "revenue",
    title: { en: "Revenue", ar: "الإيرادات" },
    answer: { en: "Meta's revenue grew in Q2 2024.", ar: "نمت إيرادات ميتا في الربع الثاني من 2024." },
    source: facts.facts[0].source,
  });
  writeFileSync(factsPath, JSON.stringify(facts));
  const intentsPath = join(dir, "intents/intents.json");
  const intents = JSON.parse(readFileSync(intentsPath, "utf8"));
  intents.intents.push({
    id: "revenue",
    fact: "revenue",
    question: { en: "What was Meta's revenue?", ar: "كم كانت إيرادات ميتا؟" },
    examples: {
      en: ["What was Meta's revenue?", "How much revenue did Meta make?", "Meta revenue Q2", "Did Meta's revenue grow?"],
      ar: ["كم كانت إيرادات ميتا؟", "ما هي أرباح ميتا؟", "إيرادات ميتا في الربع الثاني", "هل نمت إيرادات ميتا؟"],
    },
  });
  writeFileSync(intentsPath, JSON.stringify(intents));
  return dir;
}

describe("npm run check-content", () => {
  it("passes the project's content: valid, and every intent answers its own examples", () => {
    const run = checkContent();
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Content OK: \d+ facts, \d+ intents .*; every intent answers its own examples\.$/m);
  });

  it("refuses a new fact whose examples a lexicon entry swallows, naming the entry", () => {
    const run = checkContent(withRevenueFact());
    expect(run.status).toBe(1);
    const misses = run.stderr.split("\n").filter((line) => line.includes('entry "revenue"'));
    expect(misses.length).toBeGreaterThanOrEqual(4);
    expect(run.stderr).toMatch(
      /intents\/intents\.json: entry "revenue" \(intents\[\d+\]\), field examples\.en\[0\]: "What was Meta's revenue\?" is declined \(confidence [\d.]+\); its own score [\d.]+, lowered for an off-topic subject\. Its words: .*"revenue" → revenue \(off-topic, intents\/lexicon\.json concepts\[\d+\]\)/,
    );
  });
});
