/**
 * Typo-tolerant lookup of a word in a fixed vocabulary by deletion neighbourhoods
 * (the SymSpell idea): every vocabulary word is indexed under the strings obtained by
 * deleting up to `maxEdits` letters, so a query costs a few map lookups whatever the
 * vocabulary size. (Fuse.js scans every entry per query: ~6 ms per word over 3,000 words.)
 */

export interface TypoMatch {
  word: string;
  distance: number;
}

/**
 * Longest word that is corrected or indexed: no word of either language is longer, and a
 * word's deletion neighbourhood grows with the square of its length (a pasted 4,000-letter
 * token would cost millions of strings).
 */
const MAX_WORD_LENGTH = 24;

/** Edits allowed for a word of this length: short words are too easy to confuse. */
function allowedEdits(length: number): number {
  if (length > MAX_WORD_LENGTH) return 0;
  if (length >= 8) return 2;
  if (length >= 4) return 1;
  return 0;
}

// Words are compared by UTF-16 code unit: every letter of Arabic and Latin is one unit.
/**
 * At most how many entries a word takes in an index allowing up to two edits: the word and
 * its variants one or two letters short. Lets content be measured before it is indexed.
 */
export function entriesFor(word: string): number {
  const length = word.length;
  const edits = allowedEdits(length);
  return 1 + (edits >= 1 ? length : 0) + (edits >= 2 ? (length * (length - 1)) / 2 : 0);
}

function deletions(word: string, depth: number, into: Set<string>): void {
  if (depth === 0) return;
  for (let i = 0; i < word.length; i++) {
    const shorter = word.slice(0, i) + word.slice(i + 1);
    if (!into.has(shorter)) {
      into.add(shorter);
      deletions(shorter, depth - 1, into);
    }
  }
}

/** Optimal string alignment distance (Levenshtein plus adjacent transposition). */
export function editDistance(s: string, t: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= s.length; i++) {
    rows.push(new Array<number>(t.length + 1).fill(0));
    rows[i]![0] = i;
  }
  for (let j = 0; j <= t.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= s.length; i++) {
    const row = rows[i]!;
    const prev = rows[i - 1]!;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      row[j] = best;
    }
  }
  return rows[s.length]![t.length]!;
}

/** Whether two strings are within `k` edits (the distance above), in O(length × k): for long texts. */
export function withinEdits(s: string, t: string, k: number): boolean {
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

export class TypoIndex {
  /** Deletion variant → the word (or words) it comes from; most variants have one word. */
  private readonly byDeletion = new Map<string, string | string[]>();

  private readonly words = new Set<string>();

  /** An index read back from its structured clone (a compiled index saved between starts). */
  static revive(clone: TypoIndex): TypoIndex {
    return Object.setPrototypeOf(clone, TypoIndex.prototype) as TypoIndex;
  }

  constructor(words: Iterable<string> = [], private readonly maxEdits = 2) {
    for (const word of words) this.add(word);
  }

  /** Adds a word (again is harmless), so the index can grow with the vocabulary. */
  add(word: string): void {
    if (this.words.has(word)) return;
    this.words.add(word);
    const keys = new Set<string>([word]);
    deletions(word, Math.min(this.maxEdits, allowedEdits(word.length)), keys);
    for (const key of keys) {
      const bucket = this.byDeletion.get(key);
      if (bucket === undefined) this.byDeletion.set(key, word);
      else if (typeof bucket === "string") this.byDeletion.set(key, [bucket, word]);
      else bucket.push(word);
    }
  }

  /** The vocabulary words closest to `query` within the edits allowed for its length (empty if none). */
  closest(query: string): TypoMatch[] {
    const budget = Math.min(this.maxEdits, allowedEdits(query.length));
    if (budget === 0) return [];
    const keys = new Set<string>([query]);
    deletions(query, budget, keys);
    let best: TypoMatch[] = [];
    const seen = new Set<string>();
    for (const key of keys) {
      const bucket = this.byDeletion.get(key);
      for (const word of bucket === undefined ? [] : typeof bucket === "string" ? [bucket] : bucket) {
        if (seen.has(word)) continue;
        seen.add(word);
        const distance = editDistance(query, word);
        // A very short vocabulary word ("ai", "q") is never the correction of anything.
        if (distance > budget || word.length < 3) continue;
        if (best.length === 0 || distance < best[0]!.distance) best = [{ word, distance }];
        else if (distance === best[0]!.distance) best.push({ word, distance });
      }
    }
    return best;
  }
}
