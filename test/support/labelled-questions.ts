import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./content.js";

/** Every question of the labelled sets in test/eval (single questions and conversation turns), each once. */
export function labelledQuestions(): string[] {
  const folder = join(repoRoot, "test/eval");
  return [
    ...new Set(
      readdirSync(folder)
        .filter((name) => name.endsWith(".jsonl"))
        .flatMap((name) => readFileSync(join(folder, name), "utf8").trim().split("\n"))
        .flatMap((line) => {
          const row = JSON.parse(line) as { q?: string; turns?: Array<{ q: string }> };
          return row.turns ? row.turns.map((t) => t.q) : [row.q!];
        })
        .filter((q) => q.trim()),
    ),
  ];
}
