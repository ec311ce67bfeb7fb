import { normalizeText } from "../matching/normalize.js";

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

/** Whether two texts are within `k` edits (optimal string alignment), in O(length × k). */
function withinEdits(s: string, t: string, k: number): boolean {
  if (Math.abs(s.length - t.length) > k) return false;
  const far = k + 1;
  let before: number[] = [];
  let previous = Array.from({ length: t.length + 1 }, (_, j) => (j <= k ? j : far));
  for (let i = 1; i <= s.length; i++) {
    const row = new Array<number>(t.length + 1).fill(far);
    row[0] = i <= k ? i : far;
    let best = row[0];
    for (let j = Math.max(1, i - k); j <= Math.min(t.length, i + k); j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      row[j] = Math.min(d, far);
      best = Math.min(best, row[j]!);
    }
    if (best > k) return false;
    [before, previous] = [previous, row];
  }
  return previous[t.length]! <= k;
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
