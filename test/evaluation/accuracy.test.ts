import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluate, evaluateDialogues, rate, readDialogues, readEvalSet } from "../../src/evaluation/evaluate.js";
import { engine, repoRoot } from "../support/content.js";

/**
 * Floors on the labelled sets. They sit a little below the figures `npm run eval` prints, so
 * a change that breaks a language or style fails here. Only dev to dev16 are used for
 * tuning; holdout, blind and holdout2 to holdout16 measure how the bot does on questions it was
 * not tuned on. In dev3 to dev16 and holdout2 to holdout16 a style has only 8 to 55 questions, so
 * its floor is lower. dev5 to dev16 and holdout5 to holdout16 (long questions after context,
 * yes/no, wrong premises, near-topic questions) were written for the answer engine's second
 * version; the newest show how far it still is from the 95% aimed at.
 */
describe.each([
  ["dev", { inScope: 0.97, style: 0.9, declined: 0.97, language: 0.99, wrong: 0.02 }],
  ["dev2", { inScope: 0.94, style: 0.8, declined: 0.95, language: 0.99, wrong: 0.02 }],
  ["dev3", { inScope: 0.93, style: 0.8, declined: 0.95, language: 0.99, wrong: 0.02 }],
  ["dev4", { inScope: 0.9, style: 0.6, declined: 0.95, language: 0.99, wrong: 0.03 }],
  ["dev5", { inScope: 0.95, style: 0.85, declined: 0.95, language: 0.99, wrong: 0.02 }],
  ["dev6", { inScope: 0.89, style: 0.75, declined: 0.95, language: 0.99, wrong: 0.02 }],
  ["dev7", { inScope: 0.87, style: 0.7, declined: 0.95, language: 0.99, wrong: 0.015 }],
  ["dev8", { inScope: 0.93, style: 0.75, declined: 0.97, language: 0.99, wrong: 0.01 }],
  ["dev9", { inScope: 0.85, style: 0.6, declined: 0.97, language: 0.98, wrong: 0.01 }],
  ["dev10", { inScope: 0.93, style: 0.85, declined: 0.95, language: 0.97, wrong: 0.01 }],
  ["dev11", { inScope: 0.86, style: 0.7, declined: 0.97, language: 0.98, wrong: 0.01 }],
  ["dev12", { inScope: 0.92, style: 0.8, declined: 0.95, language: 0.97, wrong: 0.015 }],
  ["dev13", { inScope: 0.93, style: 0.8, declined: 0.95, language: 0.98, wrong: 0.015 }],
  ["dev14", { inScope: 0.82, style: 0.8, declined: 0.89, language: 0.99, wrong: 0.04 }],
  ["dev15", { inScope: 0.9, style: 0.7, declined: 0.96, language: 0.97, wrong: 0.015 }],
  ["dev16", { inScope: 0.92, style: 0.8, declined: 0.95, language: 0.97, wrong: 0.015 }],
  ["holdout", { inScope: 0.97, style: 0.9, declined: 0.97, language: 0.98, wrong: 0.02 }],
  ["blind", { inScope: 0.95, style: 0.88, declined: 0.95, language: 0.99, wrong: 0.02 }],
  ["holdout2", { inScope: 0.92, style: 0.75, declined: 0.95, language: 0.99, wrong: 0.02 }],
  ["holdout3", { inScope: 0.9, style: 0.75, declined: 0.95, language: 0.99, wrong: 0.02 }],
  ["holdout4", { inScope: 0.95, style: 0.85, declined: 0.95, language: 0.99, wrong: 0.02 }],
  ["holdout5", { inScope: 0.92, style: 0.8, declined: 0.95, language: 0.99, wrong: 0.02 }],
  ["holdout6", { inScope: 0.86, style: 0.65, declined: 0.95, language: 0.98, wrong: 0.02 }],
  ["holdout7", { inScope: 0.9, style: 0.75, declined: 0.97, language: 0.98, wrong: 0.01 }],
  ["holdout8", { inScope: 0.8, style: 0.65, declined: 0.97, language: 0.98, wrong: 0.01 }],
  ["holdout9", { inScope: 0.88, style: 0.75, declined: 0.97, language: 0.98, wrong: 0.01 }],
  ["holdout10", { inScope: 0.92, style: 0.8, declined: 0.95, language: 0.98, wrong: 0.01 }],
  ["holdout11", { inScope: 0.88, style: 0.7, declined: 0.95, language: 0.98, wrong: 0.015 }],
  ["holdout12", { inScope: 0.83, style: 0.6, declined: 0.97, language: 0.98, wrong: 0.01 }],
  ["holdout13", { inScope: 0.89, style: 0.7, declined: 0.93, language: 0.98, wrong: 0.035 }],
  ["holdout14", { inScope: 0.89, style: 0.7, declined: 0.95, language: 0.98, wrong: 0.02 }],
  ["holdout15", { inScope: 0.9, style: 0.8, declined: 0.96, language: 0.98, wrong: 0.015 }],
  ["holdout16", { inScope: 0.9, style: 0.75, declined: 0.97, language: 0.98, wrong: 0.015 }],
])("the %s set", (name, floors) => {
  const report = evaluate(engine, readEvalSet(join(repoRoot, `test/eval/${name}.jsonl`)));

  it(`answers in-scope questions with the right fact (≥ ${floors.inScope})`, () => {
    expect(rate(report.inScope)).toBeGreaterThanOrEqual(floors.inScope);
  });
  it(`does so in every style (≥ ${floors.style})`, () => {
    for (const [style, ratio] of report.byStyle) expect(rate(ratio), style).toBeGreaterThanOrEqual(floors.style);
  });
  it(`declines out-of-scope questions (≥ ${floors.declined})`, () => {
    expect(rate(report.outOfScopeDeclined)).toBeGreaterThanOrEqual(floors.declined);
  });
  it(`answers with a wrong fact at most ${floors.wrong * 100}% of the time`, () => {
    expect(report.wrongFacts / report.total).toBeLessThanOrEqual(floors.wrong);
  });
  it(`replies in the question's language (≥ ${floors.language})`, () => {
    expect(rate(report.languageAgreement)).toBeGreaterThanOrEqual(floors.language);
  });
});

/**
 * Floors on the conversations: each turn is answered with the facts answered before it as its
 * context, as the bot does. dialogues-dev to dialogues-dev13 are for tuning; dialogues-holdout to
 * dialogues-holdout11 measure only. dialogues-dev5 and dialogues-holdout4 have more follow-ups
 * asking for what the article does not give, and show how far the bot still is from the aim.
 */
describe.each([
  ["dialogues-dev", { followups: 0.9, standalone: 0.97, wrong: 0.015 }],
  ["dialogues-dev2", { followups: 0.85, standalone: 0.95, wrong: 0.03 }],
  ["dialogues-dev3", { followups: 0.9, standalone: 0.97, wrong: 0.025 }],
  ["dialogues-dev4", { followups: 0.92, standalone: 0.95, wrong: 0.01 }],
  ["dialogues-dev5", { followups: 0.7, standalone: 0.97, wrong: 0.065 }],
  ["dialogues-dev6", { followups: 0.9, standalone: 0.97, wrong: 0.02 }],
  ["dialogues-dev7", { followups: 0.84, standalone: 0.94, wrong: 0.025 }],
  ["dialogues-dev8", { followups: 0.8, standalone: 0.97, wrong: 0.03 }],
  ["dialogues-dev9", { followups: 0.88, standalone: 0.95, wrong: 0.025 }],
  ["dialogues-dev10", { followups: 0.78, standalone: 0.95, wrong: 0.04 }],
  ["dialogues-dev11", { followups: 0.8, standalone: 0.9, wrong: 0.05 }],
  ["dialogues-dev12", { followups: 0.84, standalone: 0.93, wrong: 0.055 }],
  ["dialogues-dev13", { followups: 0.86, standalone: 0.94, wrong: 0.04 }],
  ["dialogues-holdout", { followups: 0.85, standalone: 0.97, wrong: 0.025 }],
  ["dialogues-holdout2", { followups: 0.9, standalone: 0.95, wrong: 0.015 }],
  ["dialogues-holdout3", { followups: 0.84, standalone: 0.95, wrong: 0.03 }],
  ["dialogues-holdout4", { followups: 0.75, standalone: 0.95, wrong: 0.055 }],
  ["dialogues-holdout5", { followups: 0.85, standalone: 0.95, wrong: 0.035 }],
  ["dialogues-holdout6", { followups: 0.72, standalone: 0.93, wrong: 0.04 }],
  ["dialogues-holdout7", { followups: 0.8, standalone: 0.95, wrong: 0.045 }],
  ["dialogues-holdout8", { followups: 0.78, standalone: 0.9, wrong: 0.055 }],
  ["dialogues-holdout9", { followups: 0.8, standalone: 0.9, wrong: 0.065 }],
  ["dialogues-holdout10", { followups: 0.88, standalone: 0.93, wrong: 0.04 }],
  ["dialogues-holdout11", { followups: 0.86, standalone: 0.92, wrong: 0.045 }],
])("the %s conversations", (name, floors) => {
  const report = evaluateDialogues(engine, readDialogues(join(repoRoot, `test/eval/${name}.jsonl`)));
  const alone = evaluateDialogues({ ...engine, answer: (question, options) => engine.answer(question, { ...options, context: [] }) }, readDialogues(join(repoRoot, `test/eval/${name}.jsonl`)));

  it(`answers follow-up turns right (≥ ${floors.followups}), better than without the conversation`, () => {
    expect(rate(report.followups)).toBeGreaterThanOrEqual(floors.followups);
    expect(rate(report.followups)).toBeGreaterThan(rate(alone.followups));
  });
  it(`answers the other turns right (≥ ${floors.standalone})`, () => {
    expect(rate(report.standalone)).toBeGreaterThanOrEqual(floors.standalone);
  });
  it(`answers with a wrong fact at most ${floors.wrong * 100}% of the turns`, () => {
    expect(report.wrongFacts / report.turns).toBeLessThanOrEqual(floors.wrong);
  });
});
