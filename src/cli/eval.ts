/**
 * `npm run eval [-- file.jsonl ...]`: accuracy per style, decline rate on out-of-scope
 * questions, reply-language agreement and the confusions, for each labelled set.
 */
import { join } from "node:path";
import { loadContent } from "../content/load.js";
import { createEngine } from "../engine/engine.js";
import { evaluate, rate, readEvalSet, type Ratio } from "../evaluation/evaluate.js";
import { projectRoot } from "../project-root.js";

const DEFAULT_SETS = ["dev", "dev2", "dev3", "dev4", "holdout", "blind", "holdout2", "holdout3", "holdout4"].map((name) => `test/eval/${name}.jsonl`);
const files = process.argv.slice(2).length ? process.argv.slice(2) : DEFAULT_SETS.map((f) => join(projectRoot, f));
const engine = createEngine(loadContent(projectRoot));
const pct = (r: Ratio) => `${(rate(r) * 100).toFixed(1).padStart(5)}%  (${r.right}/${r.total})`;

for (const file of files) {
  const report = evaluate(engine, readEvalSet(file));
  console.log(`\n== ${file}`);
  console.log(`in-scope answered with the right fact/reply: ${pct(report.inScope)}`);
  for (const [style, ratio] of [...report.byStyle].sort()) console.log(`  ${style.padEnd(14)} ${pct(ratio)}`);
  console.log(`out-of-scope declined:                       ${pct(report.outOfScopeDeclined)}`);
  console.log(`reply in the question's language:            ${pct(report.languageAgreement)}`);
  console.log(`answered with a wrong fact:                  ${report.wrongFacts} of ${report.total}`);
  console.log(`confusions (${report.confusions.length}):`);
  for (const { case: c, got } of report.confusions) console.log(`  [${c.style}] expected ${c.expect}, got ${got}: ${c.q}`);
}
