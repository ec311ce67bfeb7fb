import type { Answer } from "./engine.js";

/** How many answered facts a conversation remembers, most recent first (the engine reads a follow-up against the first). */
export const REMEMBERED_FACTS = 3;

/**
 * A conversation's context after an answer: the fact it asserted first, then those before it
 * (no repeats). An answer that asserts no fact (a decline, a greeting) leaves it as it was, so
 * "why?" after "thanks" is still about the last fact.
 */
export function afterAnswer(context: readonly string[], answer: Pick<Answer, "fact">): string[] {
  if (answer.fact === null) return [...context];
  return [answer.fact, ...context.filter((id) => id !== answer.fact)].slice(0, REMEMBERED_FACTS);
}
