import { normalizeText } from "./normalize.js";

/** Characters of normalised text are ASCII or Arabic; each fits in 9 bits, so a trigram fits in a small integer. */
const CHAR_BITS = 9;
const ARABIC_BLOCK = 0x0600;

/** A character's 9-bit code, or -1 for one outside ASCII and the Arabic block (emoji, Hebrew...). */
function charCode(code: number): number {
  if (code < 0x80) return code;
  if (code >= ARABIC_BLOCK && code < ARABIC_BLOCK + 0x100) return 0x80 + (code - ARABIC_BLOCK);
  return -1;
}

/**
 * Trigram counts of a normalised text, within words padded with a space on each side (" كم",
 * "كم ", " ca", "cap"...). A trigram is a small integer (three 9-bit character codes), which
 * V8 hashes and stores without boxing. Trigrams with a character no content can have are
 * counted apart: they only lengthen the text's vector.
 */
function trigramsOf(text: string): { counts: Map<number, number>; foreign: number[] } {
  const counts = new Map<number, number>();
  const foreign = new Map<string, number>();
  const padded = ` ${text} `;
  for (let i = 0; i + 2 < padded.length; i++) {
    if (padded.charCodeAt(i + 1) === 32) continue; // a window across two words
    const a = charCode(padded.charCodeAt(i));
    const b = charCode(padded.charCodeAt(i + 1));
    const c = charCode(padded.charCodeAt(i + 2));
    if (a < 0 || b < 0 || c < 0) {
      const gram = padded.slice(i, i + 3);
      foreign.set(gram, (foreign.get(gram) ?? 0) + 1);
      continue;
    }
    const gram = (((a << CHAR_BITS) | b) << CHAR_BITS) | c;
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return { counts, foreign: [...foreign.values()] };
}

/** A text's distinct trigrams and their unit-length TF-IDF weights, in step. */
export interface TrigramVector {
  readonly grams: readonly number[];
  readonly weights: readonly number[];
}

/** Sublinear term frequency. */
const tf = (count: number) => 1 + Math.log(count);

/**
 * A second signal beside the lexicon: TF-IDF cosine similarity of character trigrams between a
 * question and each example, best example per group (intent). It needs no lexicon entry, so it
 * meets spellings, dialect forms and inflections nobody listed ("بيحتاجوها", "computeing"),
 * within one script. Postings are kept per group: a question is compared with the few groups
 * the lexicon shortlisted, whatever the size of the catalogue.
 */
export class NgramIndex {
  private readonly idf = new Map<number, number>();
  private readonly unknownIdf: number;
  /**
   * Postings laid out group by group, trigram by trigram, in flat arrays (numbers only, no
   * object per posting): a slot is one group's postings of one trigram, `examples`/`weights`
   * from `slotStart[slot]` to `slotStart[slot + 1]`. Per trigram, its slots (one per group
   * that has it), so a question's trigrams are each looked up once whatever the groups asked for.
   */
  private readonly slotsOfGram = new Map<number, Int32Array>();
  private readonly slotGroup: Int32Array;
  private readonly slotStart: Int32Array;
  private readonly examples: Int32Array;
  private readonly weights: Float64Array;
  private readonly exampleGroup: Int32Array;
  /** Scratch while one question is scored: the dot product per example, and each group's place in the answer (-1: not asked for). */
  private readonly dot: Float64Array;
  private readonly place: Int32Array;
  /** Scratch: the examples whose dot product is not zero, each once. */
  private readonly touched: Int32Array;

  /** @param items each example's text and its group (0 to groups - 1) */
  /** An index read back from its structured clone (a compiled index saved between starts). */
  static revive(clone: NgramIndex): NgramIndex {
    return Object.setPrototypeOf(clone, NgramIndex.prototype) as NgramIndex;
  }

  constructor(items: ReadonlyArray<{ text: string; group: number }>, groups: number) {
    this.unknownIdf = Math.log(1 + items.length);
    const grams = items.map((e) => trigramsOf(normalizeText(e.text)));
    const documents = new Map<number, number>();
    for (const { counts } of grams) for (const gram of counts.keys()) documents.set(gram, (documents.get(gram) ?? 0) + 1);
    for (const [gram, n] of documents) this.idf.set(gram, Math.log(1 + items.length / n));
    const vectors = grams.map((g) => this.vector(g));
    const perGroup = Array.from({ length: groups }, () => new Map<number, number>());
    vectors.forEach(({ grams: list }, example) => {
      const counts = perGroup[items[example]!.group]!;
      for (const gram of list) counts.set(gram, (counts.get(gram) ?? 0) + 1);
    });
    const starts: number[] = [];
    const slotGroups: number[] = [];
    const gramSlots = new Map<number, number[]>();
    let size = 0;
    const slots = perGroup.map((counts, group) => {
      const slotOf = new Map<number, number>();
      for (const [gram, n] of counts) {
        const slot = starts.length;
        slotOf.set(gram, slot);
        let list = gramSlots.get(gram);
        if (!list) gramSlots.set(gram, (list = []));
        list.push(slot);
        starts.push(size);
        slotGroups.push(group);
        size += n;
      }
      return slotOf;
    });
    starts.push(size);
    for (const [gram, list] of gramSlots) this.slotsOfGram.set(gram, Int32Array.from(list));
    this.slotGroup = Int32Array.from(slotGroups);
    this.slotStart = Int32Array.from(starts);
    this.examples = new Int32Array(size);
    this.weights = new Float64Array(size);
    this.exampleGroup = Int32Array.from(items, (item) => item.group);
    const next = this.slotStart.slice(0, -1);
    vectors.forEach(({ grams: list, weights }, example) => {
      const slotOf = slots[items[example]!.group]!;
      list.forEach((gram, k) => {
        const at = next[slotOf.get(gram)!]!++;
        this.examples[at] = example;
        this.weights[at] = weights[k]!;
      });
    });
    this.dot = new Float64Array(items.length);
    this.touched = new Int32Array(items.length);
    this.place = new Int32Array(groups).fill(-1);
  }

  /** A text's trigrams weighed as the examples' are, to compare with them (`similarities`). */
  vectorOf(text: string): TrigramVector {
    return this.vector(trigramsOf(normalizeText(text)));
  }

  /** Unit-length TF-IDF weights; trigrams with a foreign character count in the length only. */
  private vector({ counts, foreign }: ReturnType<typeof trigramsOf>): TrigramVector {
    const grams: number[] = [];
    const weights: number[] = [];
    let norm = 0;
    for (const [gram, count] of counts) {
      const weight = tf(count) * (this.idf.get(gram) ?? this.unknownIdf);
      grams.push(gram);
      weights.push(weight);
      norm += weight * weight;
    }
    for (const count of foreign) norm += (tf(count) * this.unknownIdf) ** 2;
    norm = Math.sqrt(norm);
    for (let k = 0; k < weights.length; k++) weights[k]! /= norm;
    return { grams, weights };
  }

  /**
   * For each of `groups`, the best cosine similarity of `text` to one of its examples, in
   * [0, 1], in the order given. The question's trigrams no example has still count in its
   * length: text the content does not know makes every group less similar.
   */
  similarities({ grams, weights: questionWeights }: TrigramVector, groups: readonly number[]): number[] {
    const { dot, place, examples, weights, slotStart, slotGroup } = this;
    groups.forEach((group, k) => (place[group] = k));
    const touched = this.touched;
    let touchedCount = 0;
    for (let g = 0; g < grams.length; g++) {
      const slots = this.slotsOfGram.get(grams[g]!);
      if (slots === undefined) continue;
      const weight = questionWeights[g]!;
      for (let s = 0; s < slots.length; s++) {
        const slot: number = slots[s]!;
        if (place[slotGroup[slot]!]! < 0) continue;
        for (let k: number = slotStart[slot]!, end: number = slotStart[slot + 1]!; k < end; k++) {
          const example = examples[k]!;
          if (dot[example] === 0) touched[touchedCount++] = example;
          dot[example]! += weight * weights[k]!;
        }
      }
    }
    const best = new Array<number>(groups.length).fill(0);
    for (let t = 0; t < touchedCount; t++) {
      const example = touched[t]!;
      const k = place[this.exampleGroup[example]!]!;
      if (dot[example]! > best[k]!) best[k] = dot[example]!;
      dot[example] = 0;
    }
    for (const group of groups) place[group] = -1;
    return best;
  }
}
