import type { Concept } from "../content/schema.js";
import { arabicKey, arabiziKeys } from "./phonetic-key.js";
import { arabicLookupForms, arabicVerbVariants, stemArabic, stemEnglish } from "./stem.js";
import { tokenizeTerm, type Token } from "./tokenize.js";
import { TypoIndex, type TypoMatch } from "./typo-index.js";

/** How a question is read: its script decides which word lists are tried first. */
export type ReadingMode = "arabic" | "english" | "arabizi";

export type FeatureKind = "topic" | "generic" | "entity" | "question" | "off-topic" | "word" | "number" | "unknown";

/** One meaningful unit found in a text: a concept of the lexicon, a word learnt from intents, or an unknown word. */
export interface Feature {
  id: string;
  kind: FeatureKind;
  /** Entities only: agrees with every fact (e.g. Meta). */
  home: boolean;
  /** The kinds of answer it asks for (question words, subjects asked about by value), if it says. */
  asks?: readonly string[];
  /** The words it was read from, normalised (for explanations). */
  text?: string;
}

const MAX_PHRASE = 4;
/** Resolution of a word that is a stop word after typo correction. */
const STOP = "";
/** Arabic words are short and dense: one edit in a shorter word is often another word. */
const MIN_ARABIC_TYPO = 6;
/** Arabizi prefixes for the article and clitics: "el7osba", "bel", "wel". */
const ARABIZI_PREFIXES = ["wel", "bel", "fel", "lel", "el", "al", "il", "l", "b", "w"];
/** Arabizi verb prefixes: Maghrebi "ka/ki" (katbni), Egyptian/Levantine "bi/b" (bte3mel), future "ha" (hat7tag). */
const ARABIZI_VERB_PREFIXES = ["ka", "ki", "bi", "be", "by", "bt", "ha", "he", "b", "h"];


export type Script = "latin" | "arabizi" | "arabic";

/** A token with the keys it is looked up under, computed once per question. */
interface Word {
  token: Token;
  /** English/Arabizi stem, or the normalised Arabic word. */
  key: string;
  /** Arabic light stem (same as key for Latin words). */
  stem: string;
  stop: boolean;
}

/**
 * Every surface form the content knows, per script, and how to resolve a question's tokens
 * into features: phrases first, then exact words, stems, dialect verb forms, typos and, for
 * Arabizi, the consonant skeleton shared with Arabic script.
 */
export class Vocabulary {
  private readonly concepts = new Map<string, Concept>();
  /** Phrase keys (space-joined word keys) → feature id, per script. */
  private readonly phrases: Record<Script, Map<string, string>> = {
    latin: new Map(),
    arabizi: new Map(),
    arabic: new Map(),
  };
  /** First word keys of phrases of two or more words, so most words skip phrase lookup at once. */
  private readonly phraseStarts: Record<Script, Set<string>> = { latin: new Set(), arabizi: new Set(), arabic: new Set() };
  private readonly arabicStems = new Map<string, string>();
  private readonly stopLatin = new Set<string>();
  private readonly stopArabizi = new Set<string>();
  private readonly stopArabic = new Set<string>();
  /** Stop words that make a sentence a yes/no question where they begin or end it (is, did, هل; right, صح). */
  private readonly yesNo = new Set<string>();
  /** Latin words of the lexicon's subjects and names (Llama, open source, capex, CFO): what an Arabic sentence borrows. */
  private readonly borrowable = new Set<string>();
  private readonly latinTypos = new TypoIndex();
  private readonly arabicTypos = new TypoIndex([], 1);
  private readonly phonetic = new Map<string, string>();
  private readonly phoneticTypos = new TypoIndex([], 1);

  /** Entity types whose value must agree between the question and the intent (the lexicon's mustAgree). */
  private readonly mustAgree: ReadonlySet<string>;

  constructor(concepts: readonly Concept[], mustAgree: readonly string[] = []) {
    this.mustAgree = new Set(mustAgree);
    // Stop words first: phrases are stored without them, as questions are read without them.
    const ordered = [...concepts].sort((a, b) => Number(b.kind === "stop") - Number(a.kind === "stop"));
    for (const concept of ordered) {
      this.concepts.set(concept.id, concept);
      for (const term of concept.en) this.addTerm("latin", term, concept);
      for (const term of concept.arabizi) this.addTerm("arabizi", term, concept);
      for (const term of concept.ar) this.addTerm("arabic", term, concept);
    }
  }

  private stopWords(script: Script): Set<string> {
    return script === "arabic" ? this.stopArabic : script === "arabizi" ? this.stopArabizi : this.stopLatin;
  }

  /** Whether a word is a stop word of `script` (Arabizi questions also use English ones). */
  private stopSet(script: Script): (word: string) => boolean {
    if (script === "arabic") return (w) => this.stopArabic.has(w);
    if (script === "latin") return (w) => this.stopLatin.has(wordKey(w, "latin"));
    return (w) => this.stopArabizi.has(wordKey(w, "latin")) || this.stopLatin.has(wordKey(w, "latin"));
  }

  private addTerm(script: Script, term: string, concept: Concept): void {
    const words = wordsOf(term, script);
    if (words.length === 0) return;
    if (concept.kind === "stop") {
      // Only single words can be skipped; a multi-word stop phrase would never match.
      if (words.length !== 1) return;
      this.stopWords(script).add(wordKey(words[0]!, script));
      if (concept.marks === "yes-no") this.yesNo.add(`${script === "arabic" ? "arabic" : "latin"}:${wordKey(words[0]!, script)}`);
      return;
    }
    const isStop = this.stopSet(script);
    const content = words.filter((w) => !isStop(w));
    if (script === "latin" && (concept.kind === "topic" || concept.kind === "entity" || concept.kind === "generic"))
      for (const word of content) this.borrowable.add(wordKey(word, script));
    // A phrase is stored as written and, when it has stop words, without them too, as
    // questions are read both ways. Left with one word it would give that word alone the
    // phrase's meaning ("what time" → "time"), so then it is kept only as written.
    this.register(script, words, concept.id);
    if (content.length !== words.length && content.length >= 2) this.register(script, content, concept.id);
  }

  private register(script: Script, words: string[], featureId: string): void {
    const keys = words.map((w) => wordKey(w, script));
    const key = keys.join(" ");
    if (!this.phrases[script].has(key)) this.phrases[script].set(key, featureId);
    if (words.length > 1) this.phraseStarts[script].add(keys[0]!);
    if (script !== "arabic") return;
    // Arabic words and phrases also meet with clitics on their words ("لمراكز البيانات").
    const stems = words.map(stemArabic);
    const stemKey = stems.join(" ");
    if (words.length > 1) {
      this.phraseStarts.arabic.add(stems[0]!);
      if (!this.phrases.arabic.has(stemKey)) this.phrases.arabic.set(stemKey, featureId);
    } else if (!this.arabicStems.has(stemKey)) this.arabicStems.set(stemKey, featureId);
  }

  /**
   * Words of an intent's example (its resolved `features`) that no concept covers become
   * features of their own ("w:<key>"), so an intent is recognised by words nobody put in the
   * lexicon.
   */
  learnWords(features: readonly Feature[]): void {
    for (const feature of features) {
      if (feature.kind !== "unknown") continue;
      const [script, word] = splitUnknown(feature.id);
      this.register(script, [word], `w:${wordKey(word, script)}`);
    }
  }

  /** Brings the fuzzy indexes up to date with every word known so far; call again after learning more. */
  seal(): void {
    for (const script of ["latin", "arabizi"] as const)
      for (const key of this.phrases[script].keys()) if (!key.includes(" ") && this.isFuzzyTarget(key)) this.latinTypos.add(key);
    for (const key of [...this.stopLatin, ...this.stopArabizi]) this.latinTypos.add(key);
    const arabicWords = [...this.arabicStems.keys(), ...[...this.phrases.arabic.keys()].filter((k) => !k.includes(" "))];
    for (const word of arabicWords) if (word.length >= MIN_ARABIC_TYPO && this.isFuzzyTarget(word)) this.arabicTypos.add(word);
    for (const [key, id] of this.phrases.arabic) if (!key.includes(" ")) this.addPhonetic(arabicKey(key), id);
    for (const [stem, id] of this.arabicStems) this.addPhonetic(arabicKey(stem), id);
    for (const key of this.phonetic.keys()) if (key.length >= 4) this.phoneticTypos.add(key);
  }

  /**
   * Skeletons of two consonants collide too often to trust, and names are written in Latin
   * letters anyway, so entities (whose mismatch rules an answer out) are never guessed this way.
   */
  private addPhonetic(key: string, id: string): void {
    const concept = this.concepts.get(id);
    // Nor a word that says what kind of answer is asked ("aswa2", worse, is not "asma2", names).
    const guessable = concept?.kind !== "off-topic" && concept?.kind !== "entity" && concept?.asks === undefined;
    if (key.length >= 3 && !this.phonetic.has(key) && guessable) this.phonetic.set(key, id);
  }

  /** A guessed correction must never turn a word into an off-topic subject: that would decline a fair question. */
  private isFuzzyTarget(key: string): boolean {
    const id = this.phrases.latin.get(key) ?? this.phrases.arabizi.get(key) ?? this.phrases.arabic.get(key) ?? this.arabicStems.get(key);
    return id === undefined || this.concepts.get(id)?.kind !== "off-topic";
  }

  /** An entity whose value must agree with the intent's: Llama 2 is not Llama 3, Q3 not Q2 (the home entities agree with all). */
  isStrictEntity(feature: Feature): boolean {
    return feature.kind === "entity" && !feature.home && this.mustAgree.has(feature.id.split(":")[0] ?? "");
  }

  /** Whether a word makes a sentence a yes/no question where it begins or ends it. */
  marksYesNo(token: Token): boolean {
    if (token.kind === "arabic") return this.yesNo.has(`arabic:${token.text}`);
    return token.kind === "latin" && this.yesNo.has(`latin:${wordKey(token.text, "latin")}`);
  }

  isStopWord(token: Token, mode: ReadingMode): boolean {
    if (token.kind === "number" || token.kind === "entity") return false;
    if (token.kind === "arabic") return this.stopArabic.has(token.text) || this.stopArabic.has(token.text.replace(/^[وف](?=..)/, ""));
    return this.stopSet(mode === "arabizi" ? "arabizi" : "latin")(token.text);
  }

  /**
   * True when a Latin word is known only as Arabizi (a hint that the question is Arabizi).
   * Words both know, names and borrowed words (Llama, model, compute, "ya"), hint at neither.
   */
  isArabiziWord(word: string): boolean {
    const key = wordKey(word, "latin");
    return this.knownAsArabizi(key) && !this.knownAsEnglish(key);
  }

  /** True when a Latin word names a subject or a name of the content (Llama, model, capex), which Arabic sentences borrow as they are. */
  isBorrowableWord(word: string): boolean {
    return this.borrowable.has(wordKey(word, "latin"));
  }

  /** True when a Latin word is known only as English, and is not a name. */
  isEnglishWord(word: string): boolean {
    const key = wordKey(word, "latin");
    if (!this.knownAsEnglish(key) || this.knownAsArabizi(key)) return false;
    const id = this.phrases.latin.get(key);
    return id === undefined || this.concepts.get(id)?.kind !== "entity";
  }

  private knownAsEnglish(key: string): boolean {
    return this.stopLatin.has(key) || this.phrases.latin.has(key);
  }

  private knownAsArabizi(key: string): boolean {
    return this.stopArabizi.has(key) || this.phrases.arabizi.has(key);
  }

  /** Features of a tokenised text, in order, stop words dropped; unknown words kept as "unknown". */
  resolve(tokens: readonly Token[], mode: ReadingMode): Feature[] {
    const words = tokens.map((token) => this.read(token, mode));
    const features: Feature[] = [];
    const push = (feature: Feature, from: number, to: number) => {
      feature.text = to === from + 1 ? tokens[from]!.text : tokens.slice(from, to).map((t) => t.text).join(" ");
      features.push(feature);
    };
    let i = 0;
    while (i < words.length) {
      const { token, stop } = words[i]!;
      if (token.kind === "number" || token.kind === "entity") {
        push(this.feature(token.kind === "number" ? numberId(token.text) : entityId(token.text)), i, i + 1);
        i++;
        continue;
      }
      // A phrase as written, stop words included ("who are you", "من انت"), unless a phrase
      // read without stop words reaches further ("el data centers": "data centers", not "el data").
      const written = this.matchPhrase(words.slice(i, i + MAX_PHRASE), mode);
      const skipping = this.matchSkippingStops(words, i, mode);
      if (written && (!skipping || i + written.length >= skipping.end)) {
        push(this.feature(written.id), i, i + written.length);
        i += written.length;
        continue;
      }
      if (stop) {
        i++;
        continue;
      }
      if (skipping) {
        push(this.feature(skipping.id), i, skipping.end);
        i = skipping.end;
        continue;
      }
      const feature = this.resolveWord(token, mode);
      if (feature) push(feature, i, i + 1);
      i++;
    }
    return features;
  }

  private read(token: Token, mode: ReadingMode): Word {
    const arabic = token.kind === "arabic";
    const key = arabic ? token.text : token.kind === "latin" ? stemEnglish(token.text) : token.text;
    return { token, key, stem: arabic ? stemArabic(token.text) : key, stop: this.isStopWord(token, mode) };
  }

  /** The longest phrase over the next content words from `start`, skipping stop words ("capex of Meta"). */
  private matchSkippingStops(words: readonly Word[], start: number, mode: ReadingMode): { id: string; end: number } | undefined {
    const window: number[] = [];
    for (let j = start; j < words.length && window.length < MAX_PHRASE; j++) {
      const next = words[j]!;
      if (next.token.kind === "number" || next.token.kind === "entity") break;
      if (!next.stop) window.push(j);
    }
    const match = this.matchPhrase(window.map((j) => words[j]!), mode);
    return match && { id: match.id, end: window[match.length - 1]! + 1 };
  }

  private scriptsFor(token: Token, mode: ReadingMode): Script[] {
    if (token.kind === "arabic") return ["arabic"];
    return mode === "arabizi" ? ["arabizi", "latin"] : ["latin", "arabizi"];
  }

  /** The longest lexicon phrase of two or more words at the start of `span`. */
  private matchPhrase(span: readonly Word[], mode: ReadingMode): { id: string; length: number } | undefined {
    const first = span[0];
    if (!first || span.length < 2) return undefined;
    const arabic = first.token.kind === "arabic";
    for (const script of this.scriptsFor(first.token, mode)) {
      const starts = this.phraseStarts[script];
      if (!starts.has(first.key) && !(arabic && starts.has(first.stem))) continue;
      for (let length = span.length; length >= 2; length--) {
        const words = span.slice(0, length);
        if (words.some((w) => (w.token.kind === "arabic") !== arabic || w.token.kind === "number" || w.token.kind === "entity")) continue;
        const id = this.phrases[script].get(words.map((w) => w.key).join(" "));
        if (id) return { id, length };
        if (arabic) {
          const stemmed = this.phrases.arabic.get(words.map((w) => w.stem).join(" "));
          if (stemmed) return { id: stemmed, length };
        }
      }
    }
    return undefined;
  }

  /** The word's feature; undefined when it turns out to be a misspelt stop word ("wich"). */
  private resolveWord(token: Token, mode: ReadingMode): Feature | undefined {
    const id = token.kind === "arabic" ? this.resolveArabic(token.text) : this.resolveLatin(token.text, mode);
    if (id === STOP) return undefined;
    return id ? this.feature(id) : { id: `?${token.kind === "arabic" ? "arabic" : mode === "arabizi" ? "arabizi" : "latin"}:${token.text}`, kind: "unknown", home: false };
  }

  private resolveArabic(word: string): string | undefined {
    for (const form of arabicLookupForms(word)) {
      const hit = this.phrases.arabic.get(form);
      if (hit) return hit;
    }
    const stemmed = this.byStem(word);
    if (stemmed) return stemmed;
    for (const variant of arabicVerbVariants(word)) {
      const hit = this.phrases.arabic.get(variant) ?? this.byStem(variant);
      if (hit) return hit;
    }
    if (word.length < MIN_ARABIC_TYPO) return undefined;
    const lookup = (w: string) => this.phrases.arabic.get(w) ?? this.arabicStems.get(w);
    return unambiguous(this.arabicTypos.closest(word), lookup) ?? unambiguous(this.arabicTypos.closest(stemArabic(word)), lookup);
  }

  /**
   * The feature whose stem the word shares, unless it is off-topic: a shared stem is not
   * enough to call a question off-topic ("المستخدمة", used, is not "المستخدمين", users).
   */
  private byStem(word: string): string | undefined {
    const id = this.arabicStems.get(stemArabic(word));
    return id && this.concepts.get(id)?.kind !== "off-topic" ? id : undefined;
  }

  private resolveLatin(word: string, mode: ReadingMode): string | undefined {
    const key = wordKey(word, "latin");
    for (const script of mode === "arabizi" ? (["arabizi", "latin"] as const) : (["latin", "arabizi"] as const)) {
      const hit = this.phrases[script].get(key);
      if (hit) return hit;
    }
    // Arabizi reads Latin letters as Arabic sounds; in an English question only a word
    // with Arabizi digits ("7osba") is read that way.
    const arabiziLike = mode === "arabizi" || /[a-z][235679]|[235679][a-z]/.test(word);
    if (arabiziLike) {
      const viaSkeleton = this.resolveBySkeleton(word);
      if (viaSkeleton) return viaSkeleton;
    }
    // "heyy", "shukrann": a doubled letter is the commonest slip.
    const single = key.replace(/(.)\1/g, "$1");
    const undoubled = single !== key ? (this.phrases.latin.get(single) ?? this.phrases.arabizi.get(single)) : undefined;
    if (undoubled) return undoubled;
    return unambiguous(this.latinTypos.closest(key), (w) => this.phrases.latin.get(w) ?? this.phrases.arabizi.get(w) ?? STOP);
  }

  private resolveBySkeleton(word: string): string | undefined {
    const candidates = [word];
    // Egyptian/Levantine negation wraps the verb: "mat2a5arsh" → "t2a5ar".
    const negated = /^ma(.{3,})(?:sh|ch)$/.exec(word)?.[1];
    if (negated) candidates.push(negated);
    for (const prefix of [...ARABIZI_PREFIXES, ...ARABIZI_VERB_PREFIXES])
      if (word.startsWith(prefix) && word.length - prefix.length >= 3) candidates.push(word.slice(prefix.length));
    for (const candidate of candidates) {
      for (const key of arabiziKeys(candidate)) {
        const hit = this.phonetic.get(key);
        if (hit) return hit;
      }
    }
    // A near miss only for a word with Arabizi digits: one in plain letters may be an
    // English word an Arabizi sentence borrows ("password" is one step from بسرعة).
    if (!/[235679]/.test(word)) return undefined;
    for (const key of arabiziKeys(word)) {
      if (key.length < 4) continue;
      const hit = unambiguous(this.phoneticTypos.closest(key), (w) => this.phonetic.get(w));
      if (hit) return hit;
    }
    return undefined;
  }

  private feature(id: string): Feature {
    const concept = this.concepts.get(id);
    if (concept) return { id, kind: concept.kind === "stop" ? "topic" : concept.kind, home: concept.home ?? false, ...(concept.asks && { asks: concept.asks }) };
    if (id.startsWith("w:")) return { id, kind: "word", home: false };
    if (id.startsWith("num:")) return { id, kind: "number", home: false };
    // Entities recognised by pattern (llama7, q3, 2031) that the lexicon does not list.
    return { id, kind: "entity", home: false };
  }
}

/** Years are entities that must agree; other numbers are ordinary features ("num:8.5"). */
function numberId(value: string): string {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1990 && n <= 2100 ? `year:${n}` : `num:${value}`;
}

function entityId(marker: string): string {
  return marker.startsWith("q") ? `quarter:${marker}` : `model:${marker}`;
}

/** The feature all equally close corrections agree on; none when they disagree (a guess would be worse). */
function unambiguous(matches: readonly TypoMatch[], lookup: (word: string) => string | undefined): string | undefined {
  const ids = new Set(matches.map((m) => lookup(m.word)));
  const [only] = ids;
  return ids.size === 1 ? only : undefined;
}

function splitUnknown(id: string): [Script, string] {
  const match = /^\?(latin|arabizi|arabic):(.*)$/.exec(id);
  return [(match?.[1] ?? "latin") as Script, match?.[2] ?? id];
}

/** The words of a lexicon term, normalised exactly as a question is; empty if the term is not plain words. */
function wordsOf(term: string, script: Script): string[] {
  const tokens = tokenizeTerm(term);
  const wanted = script === "arabic" ? "arabic" : "latin";
  return tokens.every((t) => t.kind === wanted) ? tokens.map((t) => t.text) : [];
}

/** The key a word is stored and looked up under: stems for English/Arabizi, the normalised word for Arabic. */
export function wordKey(word: string, script: Script): string {
  return script === "arabic" ? word : stemEnglish(word);
}
