/**
 * `npm run tune`: tries each scoring constant a step up and down on the development sets
 * (dev to dev16; never the holdout or blind sets) and prints how in-scope accuracy, the decline
 * rate and the wrong facts move, so the constants in src/matching/matcher.ts can be chosen on
 * evidence.
 */
import { join } from "node:path";
import { loadContent } from "../content/load.js";
import { createEngine } from "../engine/engine.js";
import { evaluate, rate, readEvalSet } from "../evaluation/evaluate.js";
import { DEFAULT_SCORING, type Scoring } from "../matching/matcher.js";
import { projectRoot } from "../project-root.js";

const content = loadContent(projectRoot);
const cases = ["dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "dev11", "dev12", "dev13", "dev14", "dev15", "dev16"].flatMap((name) => readEvalSet(join(projectRoot, `test/eval/${name}.jsonl`)));

function measure(scoring: Scoring): string {
  const report = evaluate(createEngine(content, { scoring }), cases);
  const inScope = rate(report.inScope);
  const declined = rate(report.outOfScopeDeclined);
  const wrong = report.wrongFacts / report.total;
  return `in-scope ${(inScope * 100).toFixed(1)}%  declined ${(declined * 100).toFixed(1)}%  wrong facts ${(wrong * 100).toFixed(2)}%  mean ${(((inScope + declined) / 2) * 100).toFixed(1)}%`;
}

console.log(`current: ${measure(DEFAULT_SCORING)}`);
for (const key of Object.keys(DEFAULT_SCORING) as Array<keyof Scoring>) {
  for (const factor of [0.75, 1.25]) {
    const value = Math.round(DEFAULT_SCORING[key] * factor * 1000) / 1000;
    console.log(`${key.padEnd(20)} ${String(value).padStart(6)}: ${measure({ ...DEFAULT_SCORING, [key]: value })}`);
  }
}
