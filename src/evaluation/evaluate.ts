import { readFileSync } from "node:fs";
import { z } from "zod";
import type { Answer, Engine } from "../engine/engine.js";

/** One labelled question: `expect` is a fact id, a conversation reply kind, or "decline". */
export const evalCaseSchema = z
  .object({
    q: z.string(),
    expect: z.string().min(1),
    lang: z.enum(["ar", "en"]),
    style: z.string().min(1),
    /** The question's form, in the newer sets: plain, long (context first), yesno, premise (a wrong figure), near (near-topic)... */
    form: z.string().min(1).optional(),
  })
  .strict();
export type EvalCase = z.infer<typeof evalCaseSchema>;

export function readEvalSet(file: string): EvalCase[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line, i) => {
      const parsed = evalCaseSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}: line ${i + 1}: ${parsed.error.issues.map((x) => x.message).join("; ")}`);
      return parsed.data;
    });
}

export interface Ratio {
  right: number;
  total: number;
}

export interface EvalReport {
  inScope: Ratio;
  byStyle: Map<string, Ratio>;
  /** Every question (declines included) by its form, where the set gives forms. */
  byForm: Map<string, Ratio>;
  outOfScopeDeclined: Ratio;
  /** Of the questions answered with a fact, those answered with the right one. */
  precision: Ratio;
  languageAgreement: Ratio;
  /** Questions answered with a fact other than the labelled one (any fact, when out of scope): the worst outcome. */
  wrongFacts: number;
  /** Questions evaluated. */
  total: number;
  /** Wrong outcomes: expected → got, with the question. */
  confusions: Array<{ case: EvalCase; got: string }>;
}

/** What an answer amounts to, in the labels' vocabulary. */
export function outcomeOf(answer: Answer): string {
  if (answer.fact) return answer.fact;
  if (answer.kind === "decline" || answer.kind === "empty") return "decline";
  return answer.kind;
}

function bump(ratio: Ratio, right: boolean): void {
  ratio.total++;
  if (right) ratio.right++;
}

function entry(ratios: Map<string, Ratio>, key: string): Ratio {
  let ratio = ratios.get(key);
  if (!ratio) ratios.set(key, (ratio = { right: 0, total: 0 }));
  return ratio;
}

export function evaluate(engine: Engine, cases: readonly EvalCase[]): EvalReport {
  const report: EvalReport = {
    inScope: { right: 0, total: 0 },
    byStyle: new Map(),
    byForm: new Map(),
    outOfScopeDeclined: { right: 0, total: 0 },
    precision: { right: 0, total: 0 },
    languageAgreement: { right: 0, total: 0 },
    wrongFacts: 0,
    total: cases.length,
    confusions: [],
  };
  for (const item of cases) {
    const answer = engine.answer(item.q);
    const got = outcomeOf(answer);
    bump(report.languageAgreement, answer.lang === item.lang);
    if (answer.fact !== null) bump(report.precision, answer.fact === item.expect);
    if (answer.fact !== null && answer.fact !== item.expect) report.wrongFacts++;
    // Declining means asserting nothing from the article; a greeting reply to an off-topic
    // line is odd but not a wrong fact.
    const right = item.expect === "decline" ? !answer.answered : got === item.expect;
    if (item.form) bump(entry(report.byForm, item.form), right);
    if (!right) report.confusions.push({ case: item, got });
    if (item.expect === "decline") {
      bump(report.outOfScopeDeclined, right);
      continue;
    }
    bump(report.inScope, right);
    bump(entry(report.byStyle, item.style), right);
  }
  return report;
}

export const rate = (r: Ratio): number => (r.total === 0 ? 1 : r.right / r.total);
