import { normalizeText } from "../matching/normalize.js";
import { withinEdits } from "../matching/typo-index.js";

/** Letters that may differ between two wordings of one question ("capx" for "capex"). */
const MAX_EDITS = 2;
/** Shorter texts are too short for a typo to leave them the same question ("why" and "who"). */
const MIN_FUZZY_LENGTH = 10;

/** One wording, with the questions asked in it or in a near-identical one. */
export interface QuestionGroup<T> {
  /** The newest question of the group. */
  newest: T;
  count: number;
}

/** A question as compared: normalised (case, diacritics, letter variants), punctuation and spacing dropped. */
const keyOf = (text: string) => normalizeText(text).replace(/[^\p{L}\p{N}]+/gu, "");
const numbersOf = (key: string) => key.match(/\d+/g)?.join(" ") ?? "";

/**
 * Questions (newest first) grouped by wording: the same after normalisation, or a couple of
 * letters apart with the same numbers ("capex in 2023" and "capex in 2024" stay apart), a
 * wording joining every group it is near. Groups come in the order of their newest question.
 */
export function groupQuestions<T extends { text: string }>(questions: readonly T[]): Array<QuestionGroup<T>> {
  // Each distinct wording once, newest first, with how often it was asked.
  const wordings = new Map<string, { newest: T; count: number; numbers: string }>();
  for (const question of questions) {
    const key = keyOf(question.text);
    const wording = wordings.get(key);
    if (wording) wording.count++;
    else wordings.set(key, { newest: question, count: 1, numbers: numbersOf(key) });
  }
  const keys = [...wordings.keys()];
  // Union-find over the wordings, the root of a group always its newest (lowest index).
  const root = keys.map((_, i) => i);
  const find = (i: number): number => (root[i] === i ? i : (root[i] = find(root[i]!)));
  for (let i = 0; i < keys.length; i++)
    for (let j = i + 1; j < keys.length; j++) {
      const [a, b] = [keys[i]!, keys[j]!];
      if (a.length < MIN_FUZZY_LENGTH || b.length < MIN_FUZZY_LENGTH || wordings.get(a)!.numbers !== wordings.get(b)!.numbers) continue;
      const [ra, rb] = [find(i), find(j)];
      if (ra !== rb && withinEdits(a, b, MAX_EDITS)) root[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  const groups = new Map<number, QuestionGroup<T>>();
  keys.forEach((key, i) => {
    const { newest, count } = wordings.get(key)!;
    const group = groups.get(find(i));
    if (group) group.count += count;
    else groups.set(find(i), { newest, count });
  });
  return [...groups.values()];
}
