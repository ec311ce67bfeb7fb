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
 * A second signal beside the lexicon: TF-IDF cosine similarity of character trigrams between a
 * question and each example, best example per group (intent). It needs no lexicon entry, so it
 * meets spellings, dialect forms and inflections nobody listed ("بيحتاجوها", "computeing"),
 * within one script. Postings are kept per group: a question is compared with the few groups
 * the lexicon shortlisted, whatever the size of the catalogue.
 */
export class NgramIndex {
  private readonly idf = new Map<number, number>();
  /** Per group: trigram → where its postings start in `examples`/`weights`, and how many there are. */
  private readonly starts: Array<Map<number, number>>;
  private readonly counts: Array<Map<number, number>>;
  private readonly examples: Int32Array;
  private readonly weights: Float64Array;
  private readonly unknownIdf: number;
  private readonly dot: Float64Array;

  /** @param items each example's text and its group (0 to groups - 1) */
  constructor(items: ReadonlyArray<{ text: string; group: number }>, groups: number) {
    this.unknownIdf = Math.log(1 + items.length);
    const grams = items.map((e) => trigramsOf(normalizeText(e.text)));
    const documents = new Map<number, number>();
    for (const counts of grams) for (const gram of counts.keys()) documents.set(gram, (documents.get(gram) ?? 0) + 1);
    for (const [gram, n] of documents) this.idf.set(gram, Math.log(1 + items.length / n));
    const vectors = grams.map((counts) => this.vector(counts));
    // Postings laid out group by group, trigram by trigram, in two flat arrays: numbers only,
    // no object per posting.
    this.counts = Array.from({ length: groups }, () => new Map<number, number>());
    this.starts = Array.from({ length: groups }, () => new Map<number, number>());
    vectors.forEach((vector, example) => {
      const counts = this.counts[items[example]!.group]!;
      for (const gram of vector.keys()) counts.set(gram, (counts.get(gram) ?? 0) + 1);
    });
    let size = 0;
    this.counts.forEach((counts, group) => {
      for (const [gram, n] of counts) {
        this.starts[group]!.set(gram, size);
        size += n;
      }
    });
    this.examples = new Int32Array(size);
    this.weights = new Float64Array(size);
    const filled = this.starts.map((starts) => new Map(starts));
    vectors.forEach((vector, example) => {
      const next = filled[items[example]!.group]!;
      for (const [gram, weight] of vector) {
        const at = next.get(gram)!;
        this.examples[at] = example;
        this.weights[at] = weight;
        next.set(gram, at + 1);
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
   * For each of `groups`, the best cosine similarity of `text` to one of its examples, in
   * [0, 1], in the order given. The question's trigrams no example has still count in its
   * length: text the content does not know makes every group less similar.
   */
  similarities(text: string, groups: readonly number[]): number[] {
    const vector = this.vector(trigramsOf(normalizeText(text)));
    const { dot, examples, weights } = this;
    return groups.map((group) => {
      const starts = this.starts[group]!;
      const counts = this.counts[group]!;
      const touched: number[] = [];
      for (const [gram, weight] of vector) {
        const from = starts.get(gram);
        if (from === undefined) continue;
        const to = from + counts.get(gram)!;
        for (let k = from; k < to; k++) {
          const example = examples[k]!;
          if (dot[example] === 0) touched.push(example);
          dot[example]! += weight * weights[k]!;
        }
      }
      let best = 0;
      for (const example of touched) {
        if (dot[example]! > best) best = dot[example]!;
        dot[example] = 0;
      }
      return best;
    });
  }
}
