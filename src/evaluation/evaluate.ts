import { readFileSync } from "node:fs";
import { z } from "zod";
import { afterAnswer } from "../engine/conversation.js";
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

/** One labelled conversation: its turns in order, each with the expected outcome and whether it is a follow-up. */
export const dialogueSchema = z
  .object({
    id: z.string().min(1),
    lang: z.enum(["ar", "en"]),
    style: z.string().min(1),
    turns: z.array(z.object({ q: z.string(), expect: z.string().min(1), followup: z.boolean() }).strict()).min(1),
  })
  .strict();
export type Dialogue = z.infer<typeof dialogueSchema>;

function readJsonLines<T>(file: string, schema: z.ZodType<T>): T[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line, i) => {
      const parsed = schema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}: line ${i + 1}: ${parsed.error.issues.map((x) => x.message).join("; ")}`);
      return parsed.data;
    });
}

export const readEvalSet = (file: string): EvalCase[] => readJsonLines(file, evalCaseSchema);
export const readDialogues = (file: string): Dialogue[] => readJsonLines(file, dialogueSchema);

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

export interface DialogueReport {
  /** Turns labelled follow-ups (their subject is in the turns before), answered right. */
  followups: Ratio;
  /** The other turns, answered right. */
  standalone: Ratio;
  /** Turns answered with a fact other than the labelled one. */
  wrongFacts: number;
  turns: number;
  confusions: Array<{ dialogue: Dialogue; turn: number; got: string }>;
}

/** Runs each conversation as the bot would: every turn is answered with the facts answered before it as its context. */
export function evaluateDialogues(engine: Engine, dialogues: readonly Dialogue[]): DialogueReport {
  const report: DialogueReport = { followups: { right: 0, total: 0 }, standalone: { right: 0, total: 0 }, wrongFacts: 0, turns: 0, confusions: [] };
  for (const dialogue of dialogues) {
    let context: string[] = [];
    dialogue.turns.forEach((turn, k) => {
      const answer = engine.answer(turn.q, { context });
      context = afterAnswer(context, answer);
      const right = turn.expect === "decline" ? !answer.answered : outcomeOf(answer) === turn.expect;
      report.turns++;
      bump(turn.followup ? report.followups : report.standalone, right);
      if (answer.fact !== null && answer.fact !== turn.expect) report.wrongFacts++;
      if (!right) report.confusions.push({ dialogue, turn: k, got: outcomeOf(answer) });
    });
  }
  return report;
}
