import { normalizeText } from "./normalize.js";

/**
 * Trigram counts of a normalised text, within words padded with a space on each side (" كم",
 * "كم ", " ca", "cap"...). A trigram is a number, its three UTF-16 code units side by side
 * (48 bits, exact in a double): no string is made per trigram.
 */
function trigramsOf(text: string): Map<number, number> {
  const counts = new Map<number, number>();
  const padded = ` ${text} `;
  for (let i = 0; i + 2 < padded.length; i++) {
    const middle = padded.charCodeAt(i + 1);
    if (middle === 32) continue; // a window across two words
    const gram = (padded.charCodeAt(i) * 65536 + middle) * 65536 + padded.charCodeAt(i + 2);
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

/**
 * Trigrams in more than this share of the examples (" th", "ال ") are left out of the
 * postings: they say little about which intent a question is (their weight is small) and
 * they are most of the work. They still count in a text's length.
 */
const MAX_SHARE = 0.2;

/**
 * A second signal beside the lexicon: TF-IDF cosine similarity of character trigrams between a
 * question and each example, best example per group (intent). It needs no lexicon entry, so it
 * meets spellings, dialect forms and inflections nobody listed ("بيحتاجوها", "computeing"),
 * within one script. Built once; a question costs one pass over the postings of its trigrams.
 */
export class NgramIndex {
  private readonly idf = new Map<number, number>();
  /** Per trigram kept: where its postings start in `examples`/`weights` (and the next one's start ends them). */
  private readonly start = new Map<number, number>();
  private readonly end = new Map<number, number>();
  private readonly examples: Int32Array;
  private readonly weights: Float64Array;
  private readonly groupOf: Int32Array;
  private readonly groups: number;
  private readonly unknownIdf: number;
  private readonly dot: Float64Array;

  /** @param items each example's text and its group (0 to groups - 1) */
  constructor(items: ReadonlyArray<{ text: string; group: number }>, groups: number) {
    this.groups = groups;
    this.groupOf = Int32Array.from(items, (e) => e.group);
    this.unknownIdf = Math.log(1 + items.length);
    const grams = items.map((e) => trigramsOf(normalizeText(e.text)));
    const documents = new Map<number, number>();
    for (const counts of grams) for (const gram of counts.keys()) documents.set(gram, (documents.get(gram) ?? 0) + 1);
    for (const [gram, n] of documents) this.idf.set(gram, Math.log(1 + items.length / n));
    // Postings laid out gram by gram in two flat arrays.
    const kept = [...documents].filter(([, n]) => n <= Math.max(1, MAX_SHARE * items.length));
    let size = 0;
    for (const [gram, n] of kept) {
      this.start.set(gram, size);
      this.end.set(gram, size);
      size += n;
    }
    this.examples = new Int32Array(size);
    this.weights = new Float64Array(size);
    grams.forEach((counts, example) => {
      for (const [gram, weight] of this.vector(counts)) {
        const at = this.end.get(gram);
        if (at === undefined) continue;
        this.examples[at] = example;
        this.weights[at] = weight;
        this.end.set(gram, at + 1);
      }
    });
    this.dot = new Float64Array(items.length);
  }

  /** Unit-length TF-IDF weights (sublinear term frequency). */
  private vector(counts: ReadonlyMap<number, number>): Map<number, number> {
    const vector = new Map<number, number>();
    let norm = 0;
    for (const [gram, count] of counts) {
      const weight = (1 + Math.log(count)) * (this.idf.get(gram) ?? this.unknownIdf);
      vector.set(gram, weight);
      norm += weight * weight;
    }
    norm = Math.sqrt(norm);
    for (const [gram, weight] of vector) vector.set(gram, weight / norm);
    return vector;
  }

  /**
   * Per group, the best cosine similarity of `text` to one of its examples, in [0, 1]. The
   * question's trigrams no example has still count in its length: text the content does not
   * know makes every group less similar.
   */
  similarities(text: string): Float64Array {
    const best = new Float64Array(this.groups);
    const vector = this.vector(trigramsOf(normalizeText(text)));
    const { dot, examples, weights } = this;
    const touched: number[] = [];
    for (const [gram, weight] of vector) {
      const from = this.start.get(gram);
      if (from === undefined) continue;
      const to = this.end.get(gram)!;
      for (let k = from; k < to; k++) {
        const example = examples[k]!;
        if (dot[example] === 0) touched.push(example);
        dot[example]! += weight * weights[k]!;
      }
    }
    for (const example of touched) {
      const group = this.groupOf[example]!;
      if (dot[example]! > best[group]!) best[group] = dot[example]!;
      dot[example] = 0;
    }
    return best;
  }
}
