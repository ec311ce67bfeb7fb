import { normalizeText } from "./normalize.js";

/** Character n-grams of this length, taken within words padded with a space on each side. */
const N = 3;

/** The n-grams of a normalised text and their counts: " كم", "كم ", " ca", "cap"... */
function ngramsOf(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of text.split(" ")) {
    if (!word) continue;
    const padded = ` ${word} `;
    for (let i = 0; i + N <= padded.length; i++) {
      const gram = padded.slice(i, i + N);
      counts.set(gram, (counts.get(gram) ?? 0) + 1);
    }
  }
  return counts;
}

/**
 * A second signal beside the lexicon: TF-IDF cosine similarity of character trigrams between a
 * question and each example, best example per group (intent). It needs no lexicon entry, so it
 * meets spellings, dialect forms and inflections nobody listed ("بيحتاجوها", "computeing"),
 * within one script. Built once; a question costs one pass over the postings of its trigrams.
 */
export class NgramIndex {
  private readonly postings = new Map<string, Array<{ example: number; weight: number }>>();
  private readonly idf = new Map<string, number>();
  private readonly groupOf: number[] = [];
  private readonly groups: number;
  private readonly dot: Float64Array;

  /** @param examples each example's text and its group (0 to groups - 1) */
  constructor(examples: ReadonlyArray<{ text: string; group: number }>, groups: number) {
    this.groups = groups;
    const grams = examples.map((e) => ngramsOf(normalizeText(e.text)));
    const documents = new Map<string, number>();
    for (const counts of grams) for (const gram of counts.keys()) documents.set(gram, (documents.get(gram) ?? 0) + 1);
    for (const [gram, n] of documents) this.idf.set(gram, Math.log(1 + examples.length / n));
    grams.forEach((counts, example) => {
      const vector = this.vector(counts);
      for (const [gram, weight] of vector) {
        let list = this.postings.get(gram);
        if (!list) this.postings.set(gram, (list = []));
        list.push({ example, weight });
      }
      this.groupOf.push(examples[example]!.group);
    });
    this.dot = new Float64Array(examples.length);
  }

  /** Unit-length TF-IDF weights (sublinear term frequency); trigrams no example has count for nothing. */
  private vector(counts: ReadonlyMap<string, number>): Map<string, number> {
    const vector = new Map<string, number>();
    let norm = 0;
    for (const [gram, count] of counts) {
      const idf = this.idf.get(gram);
      if (idf === undefined) continue;
      const weight = (1 + Math.log(count)) * idf;
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
    const counts = ngramsOf(normalizeText(text));
    if (counts.size === 0) return best;
    let norm = 0;
    const known: Array<[string, number]> = [];
    for (const [gram, count] of counts) {
      const idf = this.idf.get(gram) ?? Math.log(1 + this.groupOf.length);
      const weight = (1 + Math.log(count)) * idf;
      norm += weight * weight;
      if (this.idf.has(gram)) known.push([gram, weight]);
    }
    norm = Math.sqrt(norm);
    const { dot } = this;
    const touched: number[] = [];
    for (const [gram, weight] of known)
      for (const posting of this.postings.get(gram)!) {
        if (dot[posting.example] === 0) touched.push(posting.example);
        dot[posting.example]! += (weight / norm) * posting.weight;
      }
    for (const example of touched) {
      const group = this.groupOf[example]!;
      if (dot[example]! > best[group]!) best[group] = dot[example]!;
      dot[example] = 0;
    }
    return best;
  }
}
