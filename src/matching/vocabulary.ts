import type { Concept } from "../content/schema.js";
import { arabicKey, arabiziKeys } from "./phonetic-key.js";
import { arabicLookupForms, arabicVerbVariants, stemArabic, stemEnglish, withoutDialectObject } from "./stem.js";
import { tokenizeTerm, type Token } from "./tokenize.js";
import { TypoIndex, type TypoMatch } from "./typo-index.js";

/** An Arabic word with the article, after "and" or a preposition or not (العام، والعام، للعام، بالعام). */
const DEFINITE = /^(?:[وف]?[بلك]?ال|[وف]?لل)../;

/** How a question is read: its script decides which word lists are tried first. */
export type ReadingMode = "arabic" | "english" | "arabizi";

export type FeatureKind = "topic" | "generic" | "entity" | "question" | "off-topic" | "word" | "number" | "unknown";

/** One meaningful unit found in a text: a concept of the lexicon, a word learnt from intents, a number, or an unknown word. */
export type Gender = "male" | "female";

export interface Feature {
  /** What it means, as a key: two features with the same id mean the same (indexes and scores are keyed by it; it is never parsed). */
  readonly id: string;
  readonly kind: FeatureKind;
  /** Entities only: agrees with every fact (e.g. Meta). */
  readonly home: boolean;
  /** Topics: the concept it contradicts ("closed source" of open source), as the lexicon's `opposite` says. */
  readonly opposite?: Feature;
  /** Topics: only intents whose examples have it too answer it well (the lexicon's `shared`). */
  readonly shared?: boolean;
  /** The kinds of answer it asks for (question words, subjects asked about by value), if it says. */
  readonly asks?: readonly string[];
  /** Subjects: the kinds they narrow a question word's ask to, asking none alone (the lexicon's `narrows`). */
  readonly narrows?: readonly string[];
  /** Entities: their type (model, quarter, year, company), which `mustAgree` may name. */
  readonly entityType?: string;
  /** Person entities: their gender, as the lexicon gives it. */
  readonly gender?: Gender;
  /** Topics: the entity type of what the subject belongs to (a role is a person's), as the lexicon's `holder` says. */
  readonly holder?: string;
  /** Numbers: the value. */
  readonly value?: number;
  /** Unknown words: the word as read and the script it was read in (so examples can teach it). */
  readonly word?: { readonly script: Script; readonly written: string };
  /** The words it was read from, normalised (for explanations). */
  readonly text?: string;
  /** Words of two meanings: their senses, tried in order, each with what names it (q:when for release); `chooseSenses` picks one. */
  readonly senses?: ReadonlyArray<{ readonly feature: Feature; readonly when?: ReadonlySet<string> }>;
  /** Entities: named right after a word that compares ("like GPT-4", «مثل GPT-4»): compared with, not asked about. */
  readonly compared?: true;
}

/**
 * Words of two meanings in the sense what else is said gives them (طلع asked when is a
 * release, otherwise a rise): the first sense one of whose cues (a concept id or an entity
 * type) is among `cues`.
 */
export function chooseSenses(features: readonly Feature[], cues: readonly Feature[]): Feature[] {
  if (!features.some((f) => f.senses)) return features as Feature[];
  const named = new Set(cues.flatMap((f) => (f.entityType ? [f.id, f.entityType] : [f.id])));
  return features.map((f) => f.senses?.find((s) => !s.when || [...s.when].some((cue) => named.has(cue)))?.feature ?? f);
}

const MAX_PHRASE = 4;
/** Stop words a phrase may be read across, between its words. */
const MAX_SKIPPED = 2;
/** Shorter Latin words are not corrected to an entity, nor, in an English question, to an Arabizi word: one edit makes another word too easily. */
const MIN_RISKY_TYPO = 6;
/** Arabic words are short and dense: one edit in a shorter word is often another word. */
const MIN_ARABIC_TYPO = 6;
/** Arabizi prefixes for the article and clitics: "el7osba", "bel", "wel". */
const ARABIZI_PREFIXES = ["wel", "bel", "fel", "lel", "el", "al", "il", "l", "b", "w"];
/** Arabizi verb prefixes: Maghrebi "ka/ki" (katbni), Egyptian/Levantine "bi/b" (bte3mel), future "ha" (hat7tag). */
const ARABIZI_VERB_PREFIXES = ["ka", "ki", "bi", "be", "by", "bt", "ha", "he", "b", "h"];
/** Arabizi object pronouns on a verb: "sarafouha" (they spent it), "bnaha", "3amalhom". */
const ARABIZI_OBJECT_SUFFIXES = ["ouha", "oha", "uha", "ha", "hom", "hum", "houm"];

/**
 * A particle or preposition with a pronoun on it is as empty as the particle: "عندها" (she
 * has), "منهم", "3andhom". Tried only for a word that means nothing by itself ("ليه" is why).
 */
const ARABIC_PRONOUNS = ["هما", "هم", "هن", "ها", "كم", "نا", "ه", "ك", "ي", "و"];
/** Her, them, the two of them: pronouns that point back to someone (ه alone is also the feminine ending). */
const PERSONAL_PRONOUNS = ["هما", "ها", "هم", "هن"];
const ARABIZI_PRONOUNS = ["hom", "hum", "ha", "kom", "ko", "na", "ak", "ek", "ik", "o", "u"];

function withoutPronoun(word: string, pronouns: readonly string[]): string[] {
  return pronouns.filter((p) => word.endsWith(p) && word.length - p.length >= 2).map((p) => word.slice(0, -p.length));
}

export type Script = "latin" | "arabizi" | "arabic";

/**
 * What one written form means in one script: the index's single record per key (a word key,
 * or word keys joined by spaces for a phrase).
 */
interface Surface {
  /** The word or phrase as written. */
  meaning?: Feature;
  /** Arabic: a lexicon word whose light stem this key is ("مراكز" for "المراكز"). */
  byStem?: Feature;
  /** A stop word: questions are read without it. */
  stop?: true;
  /** A stop word that makes a sentence a yes/no question where it begins or ends it (is, did, هل; right, صح). */
  yesNo?: true;
  /** A stop word that asks without being a question word of the lexicon (tell me, what, قولي, شو). */
  request?: true;
  /** A stop word that points back to what was said before (that, it, he, ذلك, ده). */
  refersBack?: true;
  /** A stop word that adds to what was said (too, also, كمان): it refers back as well. */
  also?: true;
  /** A stop word that asks for something besides what was just said (else, another, تاني). */
  other?: true;
  /** A stop word that continues a conversation where it begins a message (and, so, طيب, w). */
  continues?: true;
  /** A pronoun's gender (he, she). */
  gender?: Gender;
  /** A stop word that asks about a person without being a question word (anyone, someone, حدا). */
  person?: true;
  /** A stop word that asks for a value, precise or rough (exactly, roughly, بالضبط). */
  exact?: true;
  /** A stop word that introduces a comparison (like, مثل). */
  compares?: true;
  /** A stop word that makes the question word after it part of what is asked about (about, عن). */
  embeds?: true;
  /** A stop word that joins alternatives (or, أم): a yes/no question with it is no claim to confirm. */
  either?: true;
  /** The first word of a phrase of two or more words, so most words skip phrase lookup at once. */
  phraseStart?: true;
  /** A Latin word of a subject or a name (Llama, open source, capex, CFO): what an Arabic sentence borrows. */
  borrowable?: true;
}

/** A token with the keys it is looked up under, computed once per question. */
interface Word {
  token: Token;
  /** English/Arabizi stem, or the normalised Arabic word. */
  key: string;
  /** Arabic light stem (same as key for Latin words). */
  stem: string;
  stop: boolean;
}

/** A text to learn from: its tokens and how it is read. */
export type ExampleText = readonly [tokens: readonly Token[], mode: ReadingMode];

/**
 * Every surface form the content knows, per script, and how to resolve a question's tokens
 * into features: phrases first, then exact words, stems, dialect verb forms, typos and, for
 * Arabizi, the consonant skeleton shared with Arabic script. Built once by `Vocabulary.build`
 * and not changed after.
 */
export class Vocabulary {
  /** One record per key and script: everything the content says about that written form. */
  private readonly surfaces: Record<Script, Map<string, Surface>> = { latin: new Map(), arabizi: new Map(), arabic: new Map() };
  /** The lexicon's concepts as features, by id (numbers and entities found by pattern look here first). */
  private readonly concepts = new Map<string, Feature>();
  private readonly latinTypos = new TypoIndex();
  private readonly arabicTypos = new TypoIndex([], 1);
  /** Consonant skeletons of Arabic words (for Arabizi), and their near misses. */
  private readonly phonetic = new Map<string, Feature>();
  private readonly phoneticTypos = new TypoIndex([], 1);
  /** Entity types whose value must agree between the question and the intent (the lexicon's mustAgree). */
  private readonly mustAgree: ReadonlySet<string>;
  /** The keys of words that are stop words after a word of their clause that is not one (Levantine «منو», of it). */
  private readonly stopsAfterAWord = new Set<string>();
  /** The keys of words that mean a concept right before a numbered name (the lexicon's beforeAName: «بعد Llama 4»). */
  private readonly beforeAName = new Map<string, Feature>();

  /**
   * The vocabulary of a lexicon and the examples it is used on, and each example's features.
   * Examples are read with typo and Arabizi lookup into the lexicon; the words no concept
   * covers become features of their own (learnt words), so an intent is recognised by words
   * nobody put in the lexicon; the examples that had such words are read again.
   */
  static build(concepts: readonly Concept[], mustAgree: readonly string[], examples: readonly ExampleText[]): { vocabulary: Vocabulary; readings: Feature[][] } {
    const vocabulary = new Vocabulary(concepts, mustAgree);
    vocabulary.indexFuzzy();
    const first = examples.map(([tokens, mode]) => vocabulary.resolve(tokens, mode));
    for (const features of first) for (const { word } of features) if (word) vocabulary.register(word.script, [word.written], learntWord(wordKey(word.written, word.script)));
    vocabulary.indexFuzzy();
    const readings = first.map((features, k) => {
      const read = features.some((f) => f.kind === "unknown") ? vocabulary.resolve(...examples[k]!) : features;
      return chooseSenses(read, read);
    });
    return { vocabulary, readings };
  }

  /** A vocabulary read back from its structured clone (a compiled index saved between starts). */
  static revive(clone: Vocabulary): Vocabulary {
    const vocabulary = Object.setPrototypeOf(clone, Vocabulary.prototype) as Vocabulary;
    for (const index of [vocabulary.latinTypos, vocabulary.arabicTypos, vocabulary.phoneticTypos]) TypoIndex.revive(index);
    return vocabulary;
  }

  private constructor(concepts: readonly Concept[], mustAgree: readonly string[]) {
    this.mustAgree = new Set(mustAgree);
    for (const concept of concepts) this.concepts.set(concept.id, conceptFeature(concept));
    for (const concept of concepts)
      if (concept.senses) {
        const senses = concept.senses.map((s) => ({ feature: this.concepts.get(s.concept)!, ...(s.when && { when: new Set(s.when) }) }));
        this.concepts.set(concept.id, Object.freeze({ ...this.concepts.get(concept.id)!, senses }));
      }
    for (const concept of concepts)
      if (concept.opposite) this.concepts.set(concept.id, Object.freeze({ ...this.concepts.get(concept.id)!, opposite: this.concepts.get(concept.opposite)! }));
    // Stop words first: phrases are stored without them, as questions are read without them.
    const ordered = [...concepts].sort((a, b) => Number(b.kind === "stop") - Number(a.kind === "stop"));
    for (const concept of ordered) {
      // Keyed as `resolve` reads a question's words, in whichever script they are written.
      for (const term of concept.afterAWord ?? []) for (const token of tokenizeTerm(term)) this.stopsAfterAWord.add(this.read(token, "english").key);
      for (const term of concept.beforeAName ?? []) for (const token of tokenizeTerm(term)) this.beforeAName.set(this.read(token, "english").key, this.concepts.get(concept.id)!);
      for (const term of concept.en) this.addTerm("latin", term, concept);
      for (const term of concept.arabizi) this.addTerm("arabizi", term, concept);
      for (const term of concept.ar) this.addTerm("arabic", term, concept);
    }
  }

  private surface(script: Script, key: string): Surface {
    const map = this.surfaces[script];
    let surface = map.get(key);
    if (!surface) map.set(key, (surface = {}));
    return surface;
  }

  private meaning(script: Script, key: string): Feature | undefined {
    return this.surfaces[script].get(key)?.meaning;
  }

  /**
   * The one stop-word rule: an Arabic word is a stop word as written or without a leading
   * "و"/"ف" (and); a Latin one by its stem, Arabizi questions using English stop words too.
   */
  private isStop(word: string, script: Script): boolean {
    if (script === "arabic") {
      const stop = (w: string) => this.surfaces.arabic.get(w)?.stop === true;
      if (stop(word) || stop(word.replace(/^[وف](?=..)/, ""))) return true;
      // "بذلك", "لذلك", "عندها": a preposition on a stop word, or a pronoun on one; "ما بغاتش",
      // "ماكانش": a stop word in the dialects' negation.
      if (this.surfaces.arabic.get(word)?.meaning) return false;
      const negated = /^(?:ما)?(.{3,})ش$/.exec(word)?.[1];
      return (/^[بلك]../.test(word) && stop(word.slice(1))) || withoutPronoun(word, ARABIC_PRONOUNS).some(stop) || (negated !== undefined && stop(negated));
    }
    const key = wordKey(word, "latin");
    if (this.surfaces.latin.get(key)?.stop === true || (script === "arabizi" && this.surfaces.arabizi.get(key)?.stop === true)) return true;
    return script === "arabizi" && !this.surfaces.arabizi.get(key)?.meaning && withoutPronoun(word, ARABIZI_PRONOUNS).some((w) => this.surfaces.arabizi.get(w)?.stop === true);
  }

  private addTerm(script: Script, term: string, concept: Concept): void {
    const words = wordsOf(term, script);
    if (words.length === 0) return;
    if (concept.kind === "stop") {
      // Only single words can be skipped; a multi-word stop phrase would never match.
      if (words.length !== 1) return;
      const surface = this.surface(script, wordKey(words[0]!, script));
      surface.stop = true;
      if (concept.marks === "yes-no") surface.yesNo = true;
      if (concept.marks === "request") surface.request = true;
      if (concept.marks === "refers-back" || concept.marks === "also") surface.refersBack = true;
      if (concept.marks === "also") surface.also = true;
      if (concept.marks === "continues") surface.continues = true;
      if (concept.marks === "other") surface.other = true;
      if (concept.gender) surface.gender = concept.gender;
      if (concept.marks === "person") surface.person = true;
      if (concept.marks === "exact") surface.exact = true;
      if (concept.marks === "compares") surface.compares = true;
      if (concept.marks === "embeds") surface.embeds = true;
      if (concept.marks === "either") surface.either = true;
      return;
    }
    const content = words.filter((w) => !this.isStop(w, script));
    if (script === "latin" && (concept.kind === "topic" || concept.kind === "entity" || concept.kind === "generic"))
      for (const word of content) this.surface(script, wordKey(word, script)).borrowable = true;
    // A phrase is stored as written and, when it has stop words, without them too, as
    // questions are read both ways. Left with one word it would give that word alone the
    // phrase's meaning ("what time" → "time"), so then it is kept only as written.
    const feature = this.concepts.get(concept.id)!;
    this.register(script, words, feature);
    if (content.length !== words.length && content.length >= 2) this.register(script, content, feature);
  }

  /** The first meaning given to a key stays (stop words and earlier concepts win). */
  private register(script: Script, words: readonly string[], feature: Feature): void {
    const keys = words.map((w) => wordKey(w, script));
    const entry = this.surface(script, keys.join(" "));
    entry.meaning ??= feature;
    if (words.length > 1) this.surface(script, keys[0]!).phraseStart = true;
    if (script !== "arabic") return;
    // Arabic words and phrases also meet with clitics on their words ("لمراكز البيانات").
    const stems = words.map(stemArabic);
    const stemmed = this.surface("arabic", stems.join(" "));
    if (words.length > 1) {
      this.surface("arabic", stems[0]!).phraseStart = true;
      stemmed.meaning ??= feature;
    } else stemmed.byStem ??= feature;
  }

  /** Brings the fuzzy indexes up to date with every word known so far (adding a word twice is harmless). */
  private indexFuzzy(): void {
    for (const script of ["latin", "arabizi"] as const)
      for (const [key, surface] of this.surfaces[script]) {
        if (surface.stop || (surface.meaning && !key.includes(" "))) this.latinTypos.add(key);
      }
    for (const [key, surface] of this.surfaces.arabic) {
      if (key.includes(" ")) continue;
      if ((surface.byStem || surface.meaning) && key.length >= MIN_ARABIC_TYPO) this.arabicTypos.add(key);
      if (surface.meaning) this.addPhonetic(arabicKey(key), surface.meaning);
    }
    for (const [key, surface] of this.surfaces.arabic) if (surface.byStem && !key.includes(" ")) this.addPhonetic(arabicKey(key), surface.byStem);
    for (const key of this.phonetic.keys()) if (key.length >= 4) this.phoneticTypos.add(key);
  }

  /**
   * Skeletons of two consonants collide too often to trust, and names are written in Latin
   * letters anyway, so entities (whose mismatch rules an answer out) are never guessed this way;
   * nor a word that says what kind of answer is asked ("aswa2", worse, is not "asma2", names).
   */
  private addPhonetic(key: string, feature: Feature): void {
    const guessable = feature.kind !== "off-topic" && feature.kind !== "entity" && feature.asks === undefined;
    if (key.length >= 3 && !this.phonetic.has(key) && guessable) this.phonetic.set(key, feature);
  }

  /** An entity whose value must agree with the intent's: Llama 2 is not Llama 3, Q3 not Q2 (the home entities agree with all). */
  isStrictEntity(feature: Feature): boolean {
    return feature.kind === "entity" && !feature.home && feature.entityType !== undefined && this.mustAgree.has(feature.entityType);
  }

  /** Whether a word makes a sentence a yes/no question where it begins or ends it. */
  marksYesNo(token: Token): boolean {
    return this.marksAfterAnd(token, "yesNo");
  }

  /** Whether a word points back to what was said before (that, it, كذلك, ده). */
  marksRefersBack(token: Token): boolean {
    return this.marks(token, "refersBack");
  }

  /** Whether a word adds to what was said ("Google too?", «وجوجل كمان؟»). */
  marksAlso(token: Token): boolean {
    return this.marksAfterAnd(token, "also");
  }

  /** Whether a word asks for something besides what was just said ("anyone else?", «وفي سبب تاني؟»). */
  marksOther(token: Token): boolean {
    return this.marksAfterAnd(token, "other");
  }

  /** Whether a word asks, though it is not a question word of the lexicon ("tell me", "what", "قولي", "شو"). */
  marksRequest(token: Token): boolean {
    return this.marksAfterAnd(token, "request");
  }

  /** Whether a word asks about a person without being a question word (anyone, someone, حدا). */
  marksPerson(token: Token): boolean {
    return this.marks(token, "person");
  }

  /** Whether a word joins alternatives (or, أم): "up or down?" asks which, it claims neither. */
  marksEither(token: Token): boolean {
    return this.marks(token, "either");
  }

  /** Whether a word asks for a value, precise or rough (exactly, roughly, بالضبط): a degree ("sharply") does not give one. */
  marksExact(token: Token): boolean {
    return this.marksAfterAnd(token, "exact");
  }

  /** The gender the message's pronouns point to (he, his; she, her), when they agree on one. */
  pronounGender(tokens: readonly Token[]): Gender | undefined {
    const genders = new Set(tokens.flatMap((t) => (t.kind === "latin" ? [this.surfaces.latin.get(wordKey(t.text, "latin"))?.gender] : [])).filter((g) => g !== undefined));
    return genders.size === 1 ? [...genders][0] : undefined;
  }

  /** Whether a message opens with a stop word ("what was…", «ما حجم…»), after any that continue ("so", "و"). */
  opensWithStopWord(tokens: readonly Token[], mode: ReadingMode): boolean {
    const first = tokens.find((t) => !this.marks(t, "continues"));
    return first !== undefined && this.isStopWord(first, mode);
  }

  /**
   * Whether a message reads as a follow-up to what was said before, and how: it has a word
   * that refers back ("who said that?", "مين قالها؟" aside, "ومن صرح بذلك؟"), or begins with
   * one that continues ("and Llama 3.1?", "طيب و٢٠٢٥؟") or with a conjunction on a word ("وليش؟").
   */
  followsUp(tokens: readonly Token[]): "refers-back" | "continues" | undefined {
    if (tokens.some((t) => this.marks(t, "refersBack") || this.marksOther(t) || (t.kind === "arabic" && (this.marks({ ...t, text: t.text.replace(/^[وفب](?=..)/, "") }, "refersBack") || this.hasPronoun(t.text)))))
      return "refers-back";
    const [first, second] = tokens;
    if (first && (this.marks(first, "continues") || this.continuesArabic(first))) return "continues";
    // "What about Llama 3.1?", "how about 2025?": a question word or request, then one that continues.
    if (first && second && (this.marks(first, "request") || this.resolve([first], "english")[0]?.kind === "question") && this.marks(second, "continues")) return "continues";
    return undefined;
  }

  /**
   * "منصبها", "اسمهم": a known word with a pronoun on it points back to someone named before.
   * Not a final ه alone, which is also the feminine ending (ة as normalised).
   */
  private hasPronoun(word: string): boolean {
    return withoutPronoun(word, PERSONAL_PRONOUNS).some((base) => {
      const surface = this.surfaces.arabic.get(base) ?? this.surfaces.arabic.get(base.replace(/ت$/, "ه"));
      return surface !== undefined && surface.stop !== true && (surface.meaning !== undefined || surface.byStem !== undefined);
    });
  }

  /** "وليش", "فكم", "ومين": and/so on a word the lexicon knows (not "وقت", a word of its own). */
  private continuesArabic(token: Token): boolean {
    if (token.kind !== "arabic" || !/^[وف]../.test(token.text) || this.surfaces.arabic.has(token.text)) return false;
    const rest = this.surfaces.arabic.get(token.text.slice(1));
    return rest !== undefined && (rest.stop === true || rest.meaning !== undefined);
  }

  /** A mark on the word, or on it after و/ف (and, so) joined to it: "وهل", "فهل", "وتاني". */
  private marksAfterAnd(token: Token, mark: "yesNo" | "other" | "request" | "exact" | "also"): boolean {
    if (this.marks(token, mark)) return true;
    // A word known as written keeps its own sense: «واش» (Maghrebi "is it…?") is not و + «اش» (what).
    if (token.kind !== "arabic" || this.surfaces.arabic.has(token.text)) return false;
    return this.marks({ ...token, text: token.text.replace(/^[وف](?=..)/, "") }, mark);
  }

  private marks(token: Token, mark: "yesNo" | "request" | "refersBack" | "also" | "continues" | "other" | "person" | "exact" | "compares" | "embeds" | "either"): boolean {
    if (token.kind === "arabic") return this.surfaces.arabic.get(token.text)?.[mark] === true;
    if (token.kind !== "latin") return false;
    const key = wordKey(token.text, "latin");
    return this.surfaces.latin.get(key)?.[mark] === true || this.surfaces.arabizi.get(key)?.[mark] === true;
  }

  private isStopWord(token: Token, mode: ReadingMode): boolean {
    if (token.kind === "number" || token.kind === "entity") return false;
    return this.isStop(token.text, token.kind === "arabic" ? "arabic" : mode === "arabizi" ? "arabizi" : "latin");
  }

  /**
   * True when a Latin word is known only as Arabizi (a hint that the question is Arabizi).
   * Words both know, names and borrowed words (Llama, model, compute, "ya"), hint at neither.
   */
  isArabiziWord(word: string): boolean {
    const key = wordKey(word, "latin");
    return this.known("arabizi", key) && !this.known("latin", key);
  }

  /** True when a Latin word names a subject or a name of the content (Llama, model, capex), which Arabic sentences borrow as they are. */
  isBorrowableWord(word: string): boolean {
    return this.surfaces.latin.get(wordKey(word, "latin"))?.borrowable === true;
  }

  /** True when a Latin word is known only as English, and is not a name. */
  isEnglishWord(word: string): boolean {
    const key = wordKey(word, "latin");
    if (!this.known("latin", key) || this.known("arabizi", key)) return false;
    return this.meaning("latin", key)?.kind !== "entity";
  }

  private known(script: Script, key: string): boolean {
    const surface = this.surfaces[script].get(key);
    return surface?.stop === true || surface?.meaning !== undefined;
  }

  /** Features of a tokenised text, in order, stop words dropped; unknown words kept as "unknown". */
  resolve(tokens: readonly Token[], mode: ReadingMode): Feature[] {
    const words = tokens.map((token) => this.read(token, mode));
    // «شو أكبر نسخة منو؟»: after a word, Levantine «منو» is «منه» (of it), not the Gulf «منو» (who) that opens a clause.
    for (let i = 1; i < words.length; i++) if (!words[i - 1]!.stop && this.stopsAfterAWord.has(words[i]!.key)) words[i] = { ...words[i]!, stop: true };
    const features: Feature[] = [];
    // "Is Llama closed like GPT-4?": the entity right after a word that compares is compared with.
    let comparing = false;
    // "What did he say about how long it takes?": what he said of it answers, a degree included.
    // So after a yes/no opening ("is it hard to predict where models go?"), for its first question word.
    let embedding = false;
    let afterYesNo = words[0] !== undefined && words[0].stop && this.marksAfterAnd(words[0].token, "yesNo");
    // The question words after an embedded one are in what is asked about too ("…about how hard it is to forecast where models go?").
    let embedded = false;
    const push = (feature: Feature, from: number, to: number) => {
      const text = to === from + 1 ? tokens[from]!.text : tokens.slice(from, to).map((t) => t.text).join(" ");
      if (comparing && feature.kind === "entity") features.push({ ...feature, text, compared: true });
      else if ((embedding || afterYesNo || embedded) && feature.kind === "question" && feature.asks?.length) features.push({ ...feature, text, asks: [...new Set([...feature.asks, "degree"])] });
      else features.push({ ...feature, text });
      if ((embedding || afterYesNo) && feature.kind === "question") embedded = true;
      if (feature.kind === "question") afterYesNo = false;
      comparing = false;
      embedding = false;
    };
    let i = 0;
    while (i < words.length) {
      const { token, stop } = words[i]!;
      if (token.kind === "number" || token.kind === "entity") {
        push(token.kind === "number" ? this.numberFeature(token.text) : this.patternEntity(token.text), i, i + 1);
        i++;
        continue;
      }
      const named = words[i + 1]?.token.kind === "entity" ? this.nameCue(words[i]!) : undefined;
      if (named) {
        push(named, i, i + 1);
        i++;
        continue;
      }
      // A phrase as written, stop words included ("who are you", "من انت"), unless a phrase
      // read without stop words reaches further over its words ("el data centers": "data
      // centers", not "el data"); one that begins after it is read next ("من هي | الشركات المنافسة").
      const written = this.matchPhrase(words.slice(i, i + MAX_PHRASE), mode);
      const skipping = this.matchSkippingStops(words, i, mode);
      if (written && (!skipping || i + written.length >= skipping.end || skipping.start >= i + written.length)) {
        push(written.feature, i, i + written.length);
        i += written.length;
        continue;
      }
      if (stop) {
        if (this.marks(token, "compares")) comparing = true;
        if (this.marks(token, "embeds")) embedding = true;
        i++;
        continue;
      }
      if (skipping) {
        push(skipping.feature, i, skipping.end);
        i = skipping.end;
        continue;
      }
      const feature = this.resolveWord(token, mode);
      if (feature) push(feature, i, i + 1);
      i++;
    }
    return features;
  }

  /** What a word means right before a numbered name, "and" attached or not («وبعد Llama 4»). */
  private nameCue({ token, key }: Word): Feature | undefined {
    return this.beforeAName.get(key) ?? (token.kind === "arabic" && /^[وف]../.test(key) ? this.beforeAName.get(key.slice(1)) : undefined);
  }

  private read(token: Token, mode: ReadingMode): Word {
    const arabic = token.kind === "arabic";
    const key = arabic ? token.text : token.kind === "latin" ? stemEnglish(token.text) : token.text;
    return { token, key, stem: arabic ? stemArabic(token.text) : key, stop: this.isStopWord(token, mode) };
  }

  /** The longest phrase over the next content words from `start`, skipping stop words ("capex of Meta"). */
  private matchSkippingStops(words: readonly Word[], start: number, mode: ReadingMode): { feature: Feature; start: number; end: number } | undefined {
    const window: number[] = [];
    // Words far apart make no phrase: "how much did it cost" is not "how costly".
    let skipped = 0;
    for (let j = start; j < words.length && window.length < MAX_PHRASE; j++) {
      const next = words[j]!;
      if (next.token.kind === "number" || next.token.kind === "entity") break;
      if (!next.stop) window.push(j);
      else if (window.length > 0 && ++skipped > MAX_SKIPPED) break;
    }
    const match = this.matchPhrase(window.map((j) => words[j]!), mode);
    // An off-topic phrase costs an answer much: it counts only as written ("كام سيرفر", how
    // many servers, is not "صرفوا كام على السيرفرات", how much they spent on servers).
    if (match?.feature.kind === "off-topic") return undefined;
    return match && { feature: match.feature, start: window[0]!, end: window[match.length - 1]! + 1 };
  }

  private scriptsFor(token: Token, mode: ReadingMode): Script[] {
    if (token.kind === "arabic") return ["arabic"];
    return mode === "arabizi" ? ["arabizi", "latin"] : ["latin", "arabizi"];
  }

  /** The longest lexicon phrase of two or more words at the start of `span`. */
  private matchPhrase(span: readonly Word[], mode: ReadingMode): { feature: Feature; length: number } | undefined {
    const first = span[0];
    if (!first || span.length < 2) return undefined;
    const arabic = first.token.kind === "arabic";
    // "And" on a short first word, which the stemmer leaves whole ("وكم يستغرق": "كم يستغرق").
    const afterAnd = arabic && /^[وف](?=..)/.test(first.key) ? first.key.slice(1) : undefined;
    for (const script of this.scriptsFor(first.token, mode)) {
      const surfaces = this.surfaces[script];
      if (!surfaces.get(first.key)?.phraseStart && !(arabic && (surfaces.get(first.stem)?.phraseStart || (afterAnd && surfaces.get(afterAnd)?.phraseStart)))) continue;
      for (let length = span.length; length >= 2; length--) {
        const words = span.slice(0, length);
        if (words.some((w) => (w.token.kind === "arabic") !== arabic || w.token.kind === "number" || w.token.kind === "entity")) continue;
        // A stop word is not stemmed, but for "and" ("وعام قبل"): "كانت" (was) is not "انت" (you) with a clitic.
        // A stop word with the article ("والعام الجاي", "للعام المقبل") is stemmed as the phrase was.
        const stemmed = () => surfaces.get(words.map((w) => (w.stop && !DEFINITE.test(w.key) ? w.key.replace(/^[وف](?=..)/, "") : w.stem)).join(" "))?.meaning;
        const withoutAnd = () => (afterAnd ? surfaces.get([afterAnd, ...words.slice(1).map((w) => w.stem)].join(" "))?.meaning : undefined);
        const feature = surfaces.get(words.map((w) => w.key).join(" "))?.meaning ?? (arabic ? (stemmed() ?? withoutAnd()) : undefined);
        if (feature) return { feature, length };
      }
    }
    return undefined;
  }

  /** The word's feature; undefined when it turns out to be a misspelt stop word ("wich"). */
  private resolveWord(token: Token, mode: ReadingMode): Feature | undefined {
    const script: Script = token.kind === "arabic" ? "arabic" : mode === "arabizi" ? "arabizi" : "latin";
    const found = script === "arabic" ? this.resolveArabic(token.text) : this.resolveLatin(token.text, mode);
    if (found === "stop") return undefined;
    return found ?? { id: `?${script}:${token.text}`, kind: "unknown", home: false, word: { script, written: token.text } };
  }

  private resolveArabic(word: string): Feature | undefined {
    for (const form of arabicLookupForms(word)) {
      const hit = this.meaning("arabic", form);
      if (hit) return hit;
    }
    // "And"/"so" attach to short words too, which stemming leaves whole: "فكم", "ولماذا", "وين" aside.
    const conjoined = /^[وف]../.test(word) ? this.meaning("arabic", word.slice(1)) : undefined;
    if (conjoined) return conjoined;
    const stemmed = this.byStem(word);
    if (stemmed) return stemmed;
    // "وهيصرفوا" (and they will spend): the verb after "and"/"so" too.
    const verbs = /^[وف].{4}/.test(word) ? [word, word.slice(1)] : [word];
    for (const variant of verbs.flatMap((verb) => [verb, ...withoutDialectObject(verb)]).flatMap(arabicVerbVariants)) {
      const hit = this.meaning("arabic", variant) ?? this.byStem(variant);
      if (hit) return hit;
    }
    if (word.length < MIN_ARABIC_TYPO) return undefined;
    const lookup = (w: string) => this.meaning("arabic", w) ?? this.surfaces.arabic.get(w)?.byStem;
    const stem = stemArabic(word);
    return unambiguous(entitiesAlike(this.arabicTypos.closest(word), word, lookup), lookup) ?? unambiguous(entitiesAlike(this.arabicTypos.closest(stem), stem, lookup), lookup);
  }

  /**
   * The feature whose stem the word shares, unless it is off-topic: a shared stem is not
   * enough to call a question off-topic ("المستخدمة", used, is not "المستخدمين", users).
   */
  private byStem(word: string): Feature | undefined {
    const feature = this.surfaces.arabic.get(stemArabic(word))?.byStem;
    return feature?.kind !== "off-topic" ? feature : undefined;
  }

  /** The word's feature, "stop" for a misspelt stop word, undefined when unknown. */
  private resolveLatin(word: string, mode: ReadingMode): Feature | "stop" | undefined {
    const key = wordKey(word, "latin");
    const order = mode === "arabizi" ? (["arabizi", "latin"] as const) : (["latin", "arabizi"] as const);
    for (const script of order) {
      const hit = this.meaning(script, key);
      if (hit) return hit;
    }
    // "buildin", "waitin": chat drops the g of -ing (not to be read off-topic so: "eatin" up compute).
    if (mode === "english" && word.length >= 5 && word.endsWith("in")) {
      const surface = this.surfaces.latin.get(wordKey(`${word}g`, "latin"));
      if (surface?.meaning && surface.meaning.kind !== "off-topic") return surface.meaning;
      if (surface?.stop) return "stop";
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
    const undoubled = single !== key ? (this.meaning("latin", single) ?? this.meaning("arabizi", single)) : undefined;
    if (undoubled) return undoubled;
    // A short word of an English question is not guessed to be an Arabizi one ("keep" is not "keef", how).
    const scripts: readonly Script[] = mode === "english" && key.length < MIN_RISKY_TYPO ? ["latin"] : ["latin", "arabizi"];
    const lookup = (w: string) => {
      for (const script of scripts) {
        const surface = this.surfaces[script].get(w);
        if (surface?.meaning) return surface.meaning;
      }
      return scripts.some((script) => this.surfaces[script].get(w)?.stop) ? "stop" : undefined;
    };
    const corrected = unambiguous(entitiesAlike(this.latinTypos.closest(key), key, lookup), lookup);
    // An entity rules answers in or out: a short word is not guessed to be one ("cloud" is not Claude, "gauge" not Aug).
    return corrected !== "stop" && corrected?.kind === "entity" && key.length < MIN_RISKY_TYPO ? undefined : corrected;
  }

  private resolveBySkeleton(word: string): Feature | undefined {
    const candidates = [word];
    // Egyptian/Levantine negation wraps the verb: "mat2a5arsh" → "t2a5ar"; written apart,
    // "ma t2a5arsh", the word keeps only the ending (a word with Arabizi digits only).
    const negated = /^ma(.{3,})(?:sh|ch)$/.exec(word)?.[1] ?? (/[235679]/.test(word) ? /^(.{3,})(?:sh|ch)$/.exec(word)?.[1] : undefined);
    if (negated) candidates.push(negated);
    for (const prefix of [...ARABIZI_PREFIXES, ...ARABIZI_VERB_PREFIXES])
      if (word.startsWith(prefix) && word.length - prefix.length >= 3) candidates.push(word.slice(prefix.length));
    const object = ARABIZI_OBJECT_SUFFIXES.find((suffix) => word.endsWith(suffix) && word.length - suffix.length >= 4);
    if (object) candidates.push(word.slice(0, -object.length));
    // "y" (he) is dropped with the vowels, leaving too short a skeleton; "t" (she) keeps the
    // verb's person consonant the lexicon's forms have: "yezid", "hayzid" → "tezid" (تزيد).
    for (const candidate of [...candidates]) if (/^y[aeiou]?[^aeiouy]/.test(candidate)) candidates.push(`t${candidate.slice(1)}`);
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

  /** The Llama of a version number ("3.1" → Llama 3.1), as if named. */
  modelOfVersion(value: number): Feature {
    return this.patternEntity(`llama${value}`);
  }

  /** The feature of an entity by its id ("model:llama3"), as a question naming it would have. */
  entityOf(id: string): Feature {
    const colon = id.indexOf(":");
    return this.entity(id.slice(0, colon), id.slice(colon + 1));
  }

  /** Years are entities that must agree; other numbers are ordinary features ("8.5"). */
  private numberFeature(text: string): Feature {
    const value = Number(text);
    if (Number.isInteger(value) && value >= 1990 && value <= 2100) return this.entity("year", String(value));
    return { id: `num:${text}`, kind: "number", home: false, value };
  }

  /** Entities recognised by pattern (llama7, q3): the lexicon's concept of that name, if it has one. */
  private patternEntity(marker: string): Feature {
    return marker.startsWith("q") ? this.entity("quarter", marker) : this.entity("model", marker);
  }

  private entity(type: string, value: string): Feature {
    const id = `${type}:${value}`;
    return this.concepts.get(id) ?? { id, kind: "entity", home: false, entityType: type };
  }
}

/**
 * A lexicon concept as a feature; stop concepts that still name a phrase ("who are you") count
 * as topics, and one named num:N (ten, عشرة) is the number N, as if written in digits.
 */
function conceptFeature(concept: Concept): Feature {
  const number = /^num:(\d+(?:\.\d+)?)$/.exec(concept.id);
  if (number) return Object.freeze({ id: concept.id, kind: "number", home: false, value: Number(number[1]) });
  const kind = concept.kind === "stop" ? "topic" : concept.kind;
  return Object.freeze({
    id: concept.id,
    kind,
    home: concept.home ?? false,
    ...(concept.asks && { asks: concept.asks }),
    ...(concept.narrows && { narrows: concept.narrows }),
    ...(concept.shared && { shared: true }),
    ...(concept.holder && { holder: concept.holder }),
    // Entities are named type:value (model:llama4): the type is what must agree.
    ...(kind === "entity" && { entityType: concept.id.split(":")[0] }),
    ...(kind === "entity" && concept.gender && { gender: concept.gender }),
  });
}

/** A word of an example that no concept covers, which then counts for the intents whose examples use it. */
function learntWord(key: string): Feature {
  return Object.freeze({ id: `w:${key}`, kind: "word" as const, home: false });
}

/**
 * The feature all equally close corrections agree on; none when they disagree (a guess would
 * be worse). Nor an off-topic subject: a guess must not decline a fair question; but a word as
 * close to one ("stok" to stock) is not guessed to be anything else either (a wrong fact is
 * worse than a decline).
 */
/**
 * Typo matches, less those to an entity that begin with another letter: a name is misspelt
 * inside, seldom at its start ("zuckerburg"), while "remember" is no December and «سيكون» (will
 * be) no LeCun, whose mismatch would rule answers out.
 */
function entitiesAlike<T extends Feature | "stop">(matches: readonly TypoMatch[], word: string, lookup: (word: string) => T | undefined): TypoMatch[] {
  return matches.filter((m) => {
    const hit: Feature | "stop" | undefined = lookup(m.word);
    return m.word[0] === word[0] || hit === "stop" || hit?.kind !== "entity";
  });
}

function unambiguous<T extends Feature | "stop">(matches: readonly TypoMatch[], lookup: (word: string) => T | undefined): T | undefined {
  const found = new Set(matches.map((m) => lookup(m.word)));
  const [only] = found;
  return found.size === 1 && !(only !== "stop" && only?.kind === "off-topic") ? only : undefined;
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
