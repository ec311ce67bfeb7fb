/**
 * `npm run eval [-- [--confusions] file.jsonl ...]`: accuracy per style and form, decline rate
 * on out-of-scope questions, precision of the facts asserted, reply-language agreement and
 * wrong facts, for each labelled set; the confusions of the sets used for tuning. Those of the
 * measure-only sets (holdout*, blind) are printed only with --confusions: reading them turns a
 * measure into a tuning set.
 */
import { basename, join } from "node:path";
import { loadContent } from "../content/load.js";
import { createEngine } from "../engine/engine.js";
import { evaluate, evaluateDialogues, rate, readDialogues, readEvalSet, type Ratio } from "../evaluation/evaluate.js";
import { projectRoot } from "../project-root.js";

const DEFAULT_SETS = [
  ...["dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "dev11", "dev12", "dev13", "dev14", "dev15", "dev16", "holdout", "blind", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6", "holdout7", "holdout8", "holdout9", "holdout10", "holdout11", "holdout12", "holdout13", "holdout14", "holdout15", "holdout16"],
  ...["dialogues-dev", "dialogues-dev2", "dialogues-dev3", "dialogues-dev4", "dialogues-dev5", "dialogues-dev6", "dialogues-dev7", "dialogues-dev8", "dialogues-dev9", "dialogues-dev10", "dialogues-dev11", "dialogues-dev12", "dialogues-dev13", "dialogues-holdout", "dialogues-holdout2", "dialogues-holdout3", "dialogues-holdout4", "dialogues-holdout5", "dialogues-holdout6", "dialogues-holdout7", "dialogues-holdout8", "dialogues-holdout9", "dialogues-holdout10", "dialogues-holdout11"],
];
const args = process.argv.slice(2);
const showAllConfusions = args.includes("--confusions");
const named = args.filter((a) => a !== "--confusions");
const files = named.length ? named : DEFAULT_SETS.map((name) => join(projectRoot, `test/eval/${name}.jsonl`));
const engine = createEngine(loadContent(projectRoot));
const pct = (r: Ratio) => `${(rate(r) * 100).toFixed(1).padStart(5)}%  (${r.right}/${r.total})`;
const measureOnly = (file: string) => /^(dialogues-)?(holdout|blind)/.test(basename(file));
const isDialogues = (file: string) => basename(file).startsWith("dialogues");

for (const file of files) {
  console.log(`\n== ${file}${measureOnly(file) ? " (measure only)" : ""}`);
  const hidden = measureOnly(file) && !showAllConfusions;
  if (isDialogues(file)) {
    const report = evaluateDialogues(engine, readDialogues(file));
    console.log(`follow-up turns answered right:             ${pct(report.followups)}`);
    console.log(`standalone turns answered right:            ${pct(report.standalone)}`);
    console.log(`turns answered with a wrong fact:           ${report.wrongFacts} of ${report.turns} (${((report.wrongFacts / report.turns) * 100).toFixed(1)}%)`);
    if (hidden) {
      console.log(`confusions: ${report.confusions.length} (not shown: a measure-only set; --confusions shows them)`);
      continue;
    }
    console.log(`confusions (${report.confusions.length}):`);
    for (const { dialogue, turn, got } of report.confusions) {
      const before = dialogue.turns.slice(0, turn).map((t) => t.q).join(" / ");
      const t = dialogue.turns[turn]!;
      console.log(`  [${dialogue.id} ${dialogue.style}${t.followup ? " follow-up" : ""}] expected ${t.expect}, got ${got}: ${t.q}${before ? `   (after: ${before})` : ""}`);
    }
    continue;
  }
  const report = evaluate(engine, readEvalSet(file));
  console.log(`in-scope answered with the right fact/reply: ${pct(report.inScope)}`);
  for (const [style, ratio] of [...report.byStyle].sort()) console.log(`  ${style.padEnd(14)} ${pct(ratio)}`);
  console.log(`out-of-scope declined:                       ${pct(report.outOfScopeDeclined)}`);
  if (report.byForm.size) {
    console.log("by form (declines included):");
    for (const [form, ratio] of [...report.byForm].sort()) console.log(`  ${form.padEnd(17)} ${pct(ratio)}`);
  }
  console.log(`facts asserted that were right (precision):  ${pct(report.precision)}`);
  console.log(`reply in the question's language:            ${pct(report.languageAgreement)}`);
  console.log(`answered with a wrong fact:                  ${report.wrongFacts} of ${report.total} (${((report.wrongFacts / report.total) * 100).toFixed(1)}%)`);
  if (hidden) {
    console.log(`confusions: ${report.confusions.length} (not shown: a measure-only set; --confusions shows them)`);
    continue;
  }
  console.log(`confusions (${report.confusions.length}):`);
  for (const { case: c, got } of report.confusions) console.log(`  [${c.style}${c.form ? `/${c.form}` : ""}] expected ${c.expect}, got ${got}: ${c.q}`);
}
