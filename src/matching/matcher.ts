import type { Content, Fact, Intent, Language } from "../content/schema.js";
import { detectLanguage } from "./language.js";
import { NgramIndex, type TrigramVector } from "./ngram-index.js";
import { askedTypes, figuresOf, isYesNo, readQuestion, type ReadQuestion } from "./question.js";
import { tokenize, type Token } from "./tokenize.js";
import { chooseSenses, Vocabulary, type Feature, type Gender, type ReadingMode } from "./vocabulary.js";

/** Scoring constants, chosen on the development sets only: `npm run tune` (dev to dev15), and the dialogue sets dialogues-dev to dialogues-dev11 for `conversationMarginPenalty`. */
export const DEFAULT_SCORING = {
  /** Share of the score from how much of the question the intent explains (vs. the closest example). */
  coverageShare: 0.5,
  /** Question words ("how much", "who") weigh this fraction of a topic word. */
  questionWordFactor: 0.5,
  /** Generic words ("article", "company", "AI") say little about which fact is asked for. */
  genericWordFactor: 0.35,
  /** Home entities (Meta, Q2 2024) are in every question; they weigh little. */
  homeEntityFactor: 0.3,
  /** Weight of a word the content does not know, relative to the rarest known word. */
  unknownFactor: 0.55,
  /** A number no intent mentions weighs this fraction of an unknown word. */
  unknownNumberFactor: 0.5,
  /** Words learnt from examples (not curated in the lexicon) weigh this fraction of their rarity. */
  learntWordFactor: 0.5,
  /** The score is multiplied by this for each entity that differs from the intent's own of that kind... */
  entityMismatchPenalty: 0.6,
  /** ...and by this for each entity of a kind the intent does not talk about. */
  entityUnmentionedPenalty: 0.9,
  /** The score is multiplied by this for each question word ("where") no example of the intent uses. */
  questionMismatchPenalty: 0.8,
  /**
   * The score is multiplied by this for each subject of the question that the article gives
   * only for another entity of the question's kind ("parameters" of Llama 4: the article
   * gives them for Llama 3 and 3.1 only) and that the intent does not cover.
   */
  elsewherePenalty: 0.6,
  /** The score is multiplied by this for each off-topic subject the intent does not cover. */
  offTopicPenalty: 0.4,
  /** The score is multiplied by this when the question asks for a kind of answer (a date, a sum of money) its fact does not give. */
  answerTypePenalty: 0.4,
  /**
   * The score is multiplied by this when a yes/no question claims subjects of which its fact
   * states none ("Did Meta say Llama 4 will be open source?" of the competition fact)...
   */
  unstatedClaimPenalty: 0.6,
  /** ...unless one of its examples is at least this close to the question (a premise to correct: "at a developer conference?"). */
  unstatedClaimClosest: 0.5,
  /** The score is multiplied by this for each of the question's shared subjects (the future) none of the intent's examples has. */
  unsharedPenalty: 0.6,
  /** Below this margin over the runner-up, confidence is reduced... */
  marginTarget: 0.15,
  /** ...by this much per unit of missing margin. */
  marginPenalty: 0.6,
  /**
   * ...and by this much in a conversation: a short message after an answer ("did he give a
   * number?") often fits several facts about as well, and a guess among them is a wrong fact.
   */
  conversationMarginPenalty: 1.0,
  /** Confidence needed to assert a fact. */
  threshold: 0.525,
  /** Suggestions ("did you mean") need at least this raw score. */
  suggestionFloor: 0.2,
  /** Share of the similarity from the character-trigram signal (the rest from the lexicon's features). */
  ngramShare: 0.3,
  /** Words of the sentences around the question (context before it, in a long message) weigh this fraction of their weight. */
  contextFactor: 0.3,
  /** ...and the other clauses of the asking sentence this fraction. */
  clauseContextFactor: 0.6,
  /** A follow-up ("who said that?") is read with the subjects of the conversation's last answer at this fraction of their weight. */
  priorFactor: 0.5,
};

export type Scoring = typeof DEFAULT_SCORING;

/** How a candidate's score came about (explanations only: `match(..., { explain: true })`). */
export interface ScoreParts {
  /** Share of the question's weight its examples explain. */
  coverage: number;
  /** Weighted F1 of the closest example. */
  bestExample: number;
  /** Character-trigram cosine with the closest example. */
  ngram: number;
  /** The similarity before penalties: coverage and closest example, mixed with the trigrams. */
  similarity: number;
  /** Each penalty applied: why, and the factor it multiplied the score by. */
  penalties: Array<{ why: string; factor: number }>;
  /** Why the intent is ruled out, if it is. */
  ruledOut?: string;
}

export interface Candidate {
  intent: Intent;
  /** Similarity in [0, 1], after the entity, question-word and off-topic penalties. */
  score: number;
  parts?: ScoreParts;
  /** The question names an entity the article never mentions (Llama 2, Amazon): this intent is out. */
  conflict: boolean;
  /** What a yes/no question got wrong that this intent's fact corrects (a quarter, a year the article never names). */
  corrects?: readonly Feature[];
}

export interface MatchResult {
  lang: Language;
  mode: ReadingMode;
  /** The best intent whose entities agree, if any. */
  best?: Candidate;
  /** Calibrated confidence in `best`, in [0, 1]. */
  confidence: number;
  /** Intents ranked by raw score, conflicts included (for "did you mean"). */
  ranked: Candidate[];
  /** The question's features: of the sentence(s) that ask, in a message of several sentences. */
  features: Feature[];
  /** What the other sentences add (known subjects only), weighed as context. */
  context: Feature[];
  /** What the conversation adds to a follow-up (the subjects of its last answers), weighed as context. */
  prior: Feature[];
  /** Whether the message has any word or number at all (stop words included): text, not a sticker. */
  words: boolean;
  /** A yes/no question: it begins or ends with a word that marks one (is, did, هل; right, صح), and has no question word. */
  yesNo: boolean;
  /** It joins alternatives ("up or down?"): asked which, not whether, so no claim to confirm. */
  either: boolean;
  /** The message reads as a follow-up: it refers back ("who said that?") or continues ("and Llama 3.1?", "وليش؟"). */
  followsUp: "refers-back" | "continues" | undefined;
  /** It has a word that asks without being a question word ("tell me", «عطيني»): a thank-you with one still asks. */
  requests: boolean;
  /** It asks for something besides what was just answered ("anyone else?", «وفي سبب تاني؟»), outside a subject's own words ("the other companies"). */
  asksOther: boolean;
  /** The figures the question states: a number and the unit concept after it ("5x": 5, multiple). */
  figures: Array<{ value: number; unit: string }>;
  /** Words of the question that say the opposite of a concept ("closed source"), read as that concept: the answer corrects them. */
  contradicts: Feature[];
  /** The kinds of answer the question asks for, if its words say. */
  asked: ReadonlySet<string> | undefined;
  /** The message's sentences, and which were read as the question (explanations only). */
  sentences?: Array<{ text: string; asks: boolean }>;
}

interface MessageReading {
  question: string;
  fallbackLang: Language;
  tokens: readonly Token[];
  lang: Language;
  mode: ReadingMode;
  read: ReadQuestion;
  trigrams: TrigramVector | undefined;
}

interface IndexedIntent {
  intent: Intent;
  /** Every feature of its examples. */
  profile: Set<string>;
  /** Entities the intent talks about (from its examples and keywords), and their types. */
  entities: Set<string>;
  entityTypes: Set<string>;
  /** Question words its examples use ("q:who", "q:quantity"). */
  questionTypes: Set<string>;
  /** The kinds of answer its fact gives; undefined for a reply (greeting, help...), which no question word limits. */
  answers: ReadonlySet<string> | undefined;
  /** Entity types its fact speaks of without naming any (the rivals: company). */
  unnamed: ReadonlySet<string>;
  /** Topics its fact names without saying what they are (inference): "what is an inference project?" is not its. */
  unexplained: ReadonlySet<string>;
  /** The persons its fact's answer names, and their genders ("what is her role?" is not about a fact naming only a man). */
  persons: ReadonlySet<string>;
  /** Those persons and the ones of the fact it was said in (its `saidIn`): who may be asked what they said of it. */
  speakers: ReadonlySet<string>;
  genders: ReadonlySet<Gender>;
  /** The figures its fact states (value, unit concept, and whether it is a value of the fact's period). */
  figures: ReadonlyArray<{ value: number; unit: string; period: boolean }>;
  /** The features its fact's title and answer state, in either language; undefined for a reply. */
  stated: ReadonlySet<string> | undefined;
  /**
   * Entities only a figure's period names (its `of`: 2023 of "Q2 2023"), each with the whole
   * period: they are the intent's only in a question naming all of it ("capex in Q2 2023", not "in 2023").
   */
  jointly: ReadonlyMap<string, readonly string[]>;
}

const EXAMPLE_MODES: Array<["en" | "ar" | "arabizi", ReadingMode]> = [
  ["en", "english"],
  ["ar", "arabic"],
  ["arabizi", "arabizi"],
];

/**
 * Matches a question to an intent. Each intent is a profile of features (lexicon concepts,
 * learnt words, entities) taken from its examples; a question's score against it combines
 * the weighted share of the question the intent explains (so unknown words push towards
 * "I don't know") with the weighted F1 of the closest example. Entities of strict types
 * (model, company, quarter, year) must agree; question words and off-topic subjects the
 * intent does not cover lower its score.
 */
export class Matcher {
  readonly vocabulary: Vocabulary;
  private readonly indexed: IndexedIntent[];
  /** Inverted indexes: feature → intents whose profile has it; feature → examples that have it. */
  private readonly intentPostings = new Map<string, number[]>();
  private readonly examplePostings = new Map<string, number[]>();
  /** Per example: its intent and its total feature weight. */
  private readonly exampleIntent: number[] = [];
  private readonly exampleWeight: number[] = [];
  private readonly idf = new Map<string, number>();
  /** Entity types a yes/no question may state wrongly and be corrected (the lexicon's correctable). */
  private readonly correctable: ReadonlySet<string>;
  /** Entity types that each say when (the lexicon's periods): naming one replaces the conversation's period of any. */
  private readonly periods: readonly string[];
  private readonly sequences: Content["sequences"];
  /** Entities some intent talks about. */
  private readonly articleEntities = new Set<string>();
  private readonly unknownWeight: number;
  /** The second signal: character trigrams of every example, by intent. */
  private readonly ngrams: NgramIndex;
  /** What greetings say (the features of the greeting intents' canonical questions: hello, salam). */
  private readonly greetingWords: ReadonlySet<string>;
  private lastReading: MessageReading | undefined;
  /** Scratch accumulators reused by every question (the matcher is synchronous). */
  private readonly covered: Float64Array;
  private readonly bestExample: Float64Array;
  private readonly overlap: Float64Array;
  private readonly inShortlist: Uint8Array;

  /**
   * A matcher read back from its structured clone (`v8.serialize`: plain data, typed arrays
   * and shared references survive; prototypes do not), as a compiled index saved between starts.
   */
  static revive(clone: Matcher): Matcher {
    const matcher = Object.setPrototypeOf(clone, Matcher.prototype) as Matcher;
    Vocabulary.revive(matcher.vocabulary);
    NgramIndex.revive(matcher.ngrams);
    matcher.lastReading = undefined;
    return matcher;
  }

  constructor(
    { concepts, intents, facts, mustAgree, correctable, periods, sequences }: Pick<Content, "concepts" | "intents" | "facts" | "mustAgree" | "correctable" | "periods" | "sequences">,
    readonly scoring: Readonly<Scoring> = DEFAULT_SCORING,
  ) {
    this.correctable = new Set(correctable);
    this.periods = periods;
    this.sequences = sequences;
    const factsById = new Map(facts.map((f) => [f.id, f]));
    const texts = intents.map((intent) => exampleTexts(intent));
    this.ngrams = new NgramIndex(
      texts.flatMap((list, group) => list.map(([text]) => ({ text, group }))),
      intents.length,
    );
    const { vocabulary, readings } = Vocabulary.build(
      concepts,
      mustAgree,
      texts.flatMap((list) => list.map(([text, mode]) => [tokenize(text), mode] as const)),
    );
    this.vocabulary = vocabulary;
    let next = 0;
    const resolved = texts.map((list) => list.map(() => exampleFeatures(readings[next++]!)));
    // A wrong period an example puts to a fact ("Why was Llama 3 released in 2023?") is a
    // premise to correct, not the fact's own: of the correctable kinds, an intent has only the
    // entities its fact's answer names.
    const answerFeatures = new Map(facts.map((f) => [f.id, [...this.read(f.answer.en, "en"), ...this.read(f.answer.ar, "ar")]]));
    // And the periods its figures are of where the answer says them in other words ("a year earlier": Q2 2023).
    const periodsOf = (fact: Fact) => fact.figures.flatMap((figure) => (figure.of === undefined ? [] : [this.read(figure.of, "en").map((f) => f.id)]));
    const namedByFact = new Map(facts.map((f) => [f.id, new Set([...answerFeatures.get(f.id)!.map((x) => x.id), ...periodsOf(f).flat()])]));
    // The persons each fact's answer names: who said it, and their genders.
    const personsOf = (factId: string | undefined) => (factId === undefined ? [] : (answerFeatures.get(factId) ?? []).filter((f) => f.entityType === "person"));
    const titledByFact = new Map(facts.map((f) => [f.id, [...this.read(f.title.en, "en"), ...this.read(f.title.ar, "ar")].map((x) => x.id)]));
    const ownEntity = (intent: Intent, f: Feature) =>
      intent.fact === undefined || f.entityType === undefined || !this.correctable.has(f.entityType) || namedByFact.get(intent.fact)?.has(f.id) === true;
    this.indexed = intents.map((intent, i) => {
      const entities = new Set<string>();
      const entityTypes = new Set<string>();
      const questionTypes = new Set<string>();
      const profile = new Set<string>();
      for (const features of resolved[i]!)
        for (const f of features) {
          if (f.kind === "entity" && !ownEntity(intent, f)) continue;
          profile.add(f.id);
          if (f.kind === "question") questionTypes.add(f.id);
          if (f.kind === "entity") {
            entities.add(f.id);
            if (f.entityType) entityTypes.add(f.entityType);
            this.articleEntities.add(f.id);
          }
        }
      const fact = intent.fact === undefined ? undefined : factsById.get(intent.fact);
      const figures = fact?.figures ?? [];
      // "8.5 billion and 6.4 billion: what are these figures?": the figures a fact states are its subjects too.
      for (const figure of figures) for (const f of this.read(String(figure.value), "en")) profile.add(f.id);
      for (const id of profile) push(this.intentPostings, id, i);
      const answers = intent.fact === undefined ? undefined : new Set<string>(fact?.answers ?? []);
      const named = personsOf(fact?.id);
      const persons = new Set(named.map((f) => f.id));
      // Who said it: those the fact names, and those of the fact it was said in.
      const speakers = new Set([...persons, ...personsOf(fact?.saidIn).map((f) => f.id)]);
      const genders = new Set(named.flatMap((f) => (f.gender ? [f.gender] : [])));
      const stated = fact ? new Set([...namedByFact.get(fact.id)!, ...titledByFact.get(fact.id)!]) : undefined;
      const answered = new Set(fact ? answerFeatures.get(fact.id)!.map((f) => f.id) : []);
      const jointly = new Map((fact ? periodsOf(fact) : []).flatMap((period) => period.filter((id) => !answered.has(id)).map((id) => [id, period] as const)));
      return { intent, profile, entities, entityTypes, questionTypes, answers, figures, unnamed: new Set(fact?.unnamed ?? []), unexplained: new Set(fact?.unexplained ?? []), persons, speakers, genders, stated, jointly };
    });
    const n = this.indexed.length;
    for (const [id, list] of this.intentPostings) this.idf.set(id, Math.log(1 + n / list.length));
    this.unknownWeight = Math.log(1 + n) * this.scoring.unknownFactor;
    resolved.forEach((examples, i) => {
      for (const features of examples) {
        if (features.length === 0) continue;
        const example = this.exampleIntent.length;
        this.exampleIntent.push(i);
        this.exampleWeight.push(features.reduce((sum, f) => sum + this.featureWeight(f), 0));
        for (const f of features) push(this.examplePostings, f.id, example);
      }
    });
    this.greetingWords = new Set(
      intents
        .filter((i) => i.reply === "greeting")
        .flatMap((i) => [...this.vocabulary.resolve(tokenize(i.question.en), "english"), ...this.vocabulary.resolve(tokenize(i.question.ar), "arabic")])
        .map((f) => f.id),
    );
    this.covered = new Float64Array(n);
    this.bestExample = new Float64Array(n);
    this.overlap = new Float64Array(this.exampleIntent.length);
    this.inShortlist = new Uint8Array(n);
  }

  private featureWeight(feature: Feature): number {
    const idf = this.idf.get(feature.id);
    // A figure the article does not give ("was it 9 billion?") is often a guess at one it does.
    if (idf === undefined && feature.kind === "number") return this.unknownWeight * this.scoring.unknownNumberFactor;
    if (idf === undefined || feature.kind === "off-topic" || feature.kind === "unknown") return this.unknownWeight;
    if (feature.kind === "question") return idf * this.scoring.questionWordFactor;
    if (feature.kind === "generic") return idf * this.scoring.genericWordFactor;
    if (feature.kind === "word") return idf * this.scoring.learntWordFactor;
    if (feature.kind === "entity" && feature.home) return idf * this.scoring.homeEntityFactor;
    return idf;
  }

  /** The features of a text read as written in `lang` (a fact's answer, to compare a question's claims with). */
  read(text: string, lang: Language): Feature[] {
    const features = this.vocabulary.resolve(tokenize(text), lang === "ar" ? "arabic" : "english");
    return chooseSenses(features, features);
  }

  /**
   * @param explain also record how each candidate's score came about, and the sentences read
   * @param prior the subjects of the conversation's last answer: a follow-up ("who said that?")
   *   takes its subject from them, its ask from the question
   * @param holds subjects of the conversation whose model or period holds for the question
   *   (intents naming another of the kind are penalised), without lending it their words
   * @param inConversation the message comes after an answer: a close runner-up costs more confidence
   * @param besides a fact not to answer with ("did anyone else speak?" after it)
   * @param without concepts of the question not to match on (the "before" of "the version before it")
   */
  match(
    question: string,
    fallbackLang: Language = "en",
    {
      explain = false,
      prior = [],
      holds = [],
      inConversation = false,
      besides,
      without,
    }: {
      explain?: boolean;
      prior?: readonly Feature[];
      holds?: readonly Feature[];
      inConversation?: boolean;
      besides?: string;
      without?: ReadonlySet<string>;
    } = {},
  ): MatchResult {
    const { tokens, lang, mode, read, trigrams } = this.readMessage(question, fallbackLang);
    const { contextInSentence, tokens: focusTokens, sentences, claims } = read;
    // "And 3.1?" in a conversation about a Llama: a bare version number names that model.
    const aboutModel = prior.some((f) => f.entityType === "model");
    const asModel = (f: Feature) => {
      const model = aboutModel && f.kind === "number" ? this.vocabulary.modelOfVersion(f.value!) : undefined;
      return model && this.articleEntities.has(model.id) ? model : f;
    };
    // Words of two meanings take theirs from all that is said, the conversation included.
    const cues = [...read.features, ...read.context, ...prior];
    // "Is Llama closed source?" is asked of what the article says about open source, and corrected.
    const senses = chooseSenses(read.features, cues).map(asModel);
    const askedAbout = senses.filter((f) => !f.compared);
    const chosen = without ? askedAbout.filter((f) => !without.has(f.id)) : askedAbout;
    const contradicts = chosen.filter((f) => f.opposite !== undefined);
    const features = contradicts.length ? chosen.map((f) => (f.opposite ? { ...f.opposite, ...(f.text !== undefined && { text: f.text }) } : f)) : chosen;
    const context = chooseSenses(read.context, cues);
    // "How much exactly?" asks for a value: a degree ("sharply") is no answer to it. Nor is it
    // to "by how much?" asked after an answer: a question word alone asks for its figure.
    const bare = prior.length > 0 && features.length > 0 && features.every((f) => f.kind === "question");
    const asked = this.precise(askedTypes(features), tokens, bare);
    const yesNo = isYesNo(features, focusTokens, this.vocabulary);
    const contextWeight = contextInSentence ? this.scoring.clauseContextFactor : this.scoring.contextFactor;
    const weighed = context.map((feature) => ({ feature, factor: contextWeight }));
    const seen = new Set([...features, ...context].map((f) => f.id));
    // "And Llama 3.1?", "and in Q2?": an entity the question names replaces the conversation's of its kind.
    // A quarter, a year or a month each name the period asked about: naming one replaces the conversation's period.
    const named = new Set(features.flatMap((f) => (f.kind === "entity" && f.entityType ? (this.periods.includes(f.entityType) ? this.periods : [f.entityType]) : [])));
    // "وقالت إيه؟" (and what did she say?): a request of stop words alone asks about the
    // conversation's subject; "and?" or "ok" alone asks nothing.
    const asks = features.length > 0 || without !== undefined || tokens.some((t) => this.vocabulary.marksRequest(t));
    for (const feature of asks ? prior : []) {
      if (seen.has(feature.id) || (feature.entityType !== undefined && named.has(feature.entityType))) continue;
      seen.add(feature.id);
      weighed.push({ feature, factor: this.scoring.priorFactor });
    }
    // The conversation's model or period holds for a follow-up as if it were named ("when did it
    // come out?" after Llama 3.1 is not about Llama 3).
    const inheritedAll = [...weighed.slice(context.length).map((w) => w.feature), ...holds.filter((f) => f.entityType === undefined || !named.has(f.entityType))].filter(
      (f) => this.vocabulary.isStrictEntity(f),
    );
    const inherited = inheritedAll.filter((f) => inheritedAll.filter((g) => g.entityType === f.entityType).length === 1);
    // "What's his role?": a pronoun says whom, unless the question names a person itself.
    // "Did anyone else speak?" after a fact asks about a person that fact does not name.
    const namesPerson = features.some((f) => f.entityType === "person");
    const asksOther = this.asksOther(tokens, features);
    const someoneElse =
      besides !== undefined && !namesPerson && asksOther && (asked?.has("who") || tokens.some((t) => this.vocabulary.marksPerson(t)))
        ? this.indexed.find((x) => x.intent.fact === besides)?.persons
        : undefined;
    const person = { gender: namesPerson ? undefined : this.vocabulary.pronounGender(focusTokens), besides: someoneElse };
    // What a yes/no question claims: its subjects and the entities it names beyond the article's
    // home ones, with those of the sentences before it ("Since Llama 3.1 has 405B, is it the biggest?").
    const claimed = yesNo && !someoneElse ? [...features, ...context].filter((f) => (f.kind === "topic" && f.asks === undefined) || (f.kind === "entity" && !f.home)) : NONE;
    // "Is Google building capacity too?" asks about Google, which the article does not cover: no premise to correct.
    const adds = tokens.some((t) => this.vocabulary.marksAlso(t));
    const ranked = this.rank(features, weighed, trigrams, asked, yesNo || claims, explain, inherited, person, claimed, adds);
    if (besides !== undefined) for (const c of ranked) if (c.intent.fact === besides) c.conflict = true;
    const agreeing = ranked.filter((c) => !c.conflict);
    const best = agreeing[0];
    let confidence = 0;
    if (best) {
      const target = best.intent.fact ?? best.intent.reply;
      const runnerUp = agreeing.find((c) => (c.intent.fact ?? c.intent.reply) !== target)?.score ?? 0;
      const missingMargin = Math.max(0, this.scoring.marginTarget - (best.score - runnerUp));
      confidence = Math.max(0, best.score - (inConversation ? this.scoring.conversationMarginPenalty : this.scoring.marginPenalty) * missingMargin);
    }
    return {
      lang,
      mode,
      best,
      confidence,
      ranked,
      features,
      context,
      prior: weighed.slice(context.length).map((w) => w.feature),
      words: tokens.length > 0,
      yesNo,
      either: focusTokens.some((t) => this.vocabulary.marksEither(t)),
      followsUp: this.vocabulary.followsUp(tokens),
      requests: tokens.some((t) => this.vocabulary.marksRequest(t)),
      asksOther,
      figures: figuresOf(features),
      contradicts,
      asked,
      ...(explain && { sentences }),
    };
  }

  /**
   * "And the version before it?" after Llama 3.1: the conversation's subjects with its entity
   * of a sequence (the lexicon's sequences) stepped to the one before or after, and the
   * question's words that ask so (the cue, and the model it names: "and after Llama 4?"), not
   * to be matched on; `only` when it says nothing else. Undefined when the question names two
   * of the sequence or an entity of another kind, a subject of its own (except past the last
   * one: the future), asks no step, or the sequence has none before the first.
   */
  stepped(features: readonly Feature[], prior: readonly Feature[]): { prior: Feature[]; cue: ReadonlySet<string>; only: boolean; beyond?: string } | undefined {
    for (const { order, before, after, about, beyond } of this.sequences) {
      // One step, in as many words ("the upgraded one that came after it"): its cues all go one way.
      const cues = features.filter((f) => before.includes(f.id) || after.includes(f.id));
      if (cues.length === 0 || !(cues.every((f) => before.includes(f.id)) || cues.every((f) => after.includes(f.id)))) continue;
      // "And after Llama 4?" steps from the one it names; two named, or one of the kind outside the sequence, is no step.
      const named = features.filter((f) => f.kind === "entity" && order.some((id) => id.startsWith(`${f.entityType}:`)));
      if (named.length > 1 || named.some((f) => !order.includes(f.id))) continue;
      // "Will Llama 4 come out before 2025?" is about the year, not the model before.
      if (features.some((f) => f.kind === "entity" && !f.home && !named.includes(f))) continue;
      const current = named.length ? named : prior.filter((f) => order.includes(f.id));
      if (current.length !== 1) continue;
      const forward = after.includes(cues[0]!.id);
      // "And the next one, Llama 4?" after Llama 3.1 names where the step lands: it asks about Llama 4 itself.
      const from = prior.filter((f) => order.includes(f.id));
      if (named.length === 1 && from.length === 1 && order[order.indexOf(from[0]!.id) + (forward ? 1 : -1)] === named[0]!.id) continue;
      const next = order[order.indexOf(current[0]!.id) + (forward ? 1 : -1)];
      // "Why prepare for it before it's due?" has a subject of its own: no step. Past the last
      // one, what it asks is about the future ("and after Llama 4, will it grow more?").
      const ownSubject = features.some((f) => !cues.includes(f) && (f.kind === "topic" || f.kind === "word") && !about.includes(f.id));
      if (ownSubject && !(forward && next === undefined)) continue;
      // The figures and dates were the other one's ("405B" is Llama 3.1's, April Llama 3's).
      const others = prior.filter((f) => !order.includes(f.id) && f.kind !== "number" && !(f.entityType !== undefined && this.periods.includes(f.entityType)));
      // "واللي قبلو؟" says nothing but the step: all it asks comes from the conversation. "And
      // the models after it?" past the last one asks about the future as such.
      const step = (f: Feature) => cues.includes(f) || named.includes(f) || f.kind === "question";
      const without = new Set(named.map((f) => f.id));
      if (next === undefined) {
        if (forward) return { prior: others, cue: without, only: features.every((f) => step(f) || about.includes(f.id)), ...(beyond && { beyond }) };
        continue;
      }
      for (const cue of cues) without.add(cue.id);
      return { prior: [this.vocabulary.entityOf(next), ...others], cue: without, only: features.every(step) };
    }
    return undefined;
  }

  /** What is asked, less a degree when a word asks for a value and something else is still asked. */
  private precise(asked: ReadonlySet<string> | undefined, tokens: readonly Token[], bare: boolean): ReadonlySet<string> | undefined {
    if (asked === undefined || !asked.has("degree") || asked.size === 1 || !(bare || tokens.some((t) => this.vocabulary.marksExact(t)))) return asked;
    return new Set([...asked].filter((type) => type !== "degree"));
  }

  /** A word asking for something else that is not one of a subject's own words ("the other companies" is competition). */
  private asksOther(tokens: readonly Token[], features: readonly Feature[]): boolean {
    if (!tokens.some((t) => this.vocabulary.marksOther(t))) return false;
    const inPhrases = new Set(features.flatMap((f) => (f.text?.includes(" ") ? f.text.split(" ") : [])));
    return tokens.some((t) => this.vocabulary.marksOther(t) && !inPhrases.has(t.text));
  }

  /**
   * A message read as a question: its language, words, the part that asks, and that part's
   * trigrams. It does not depend on the conversation, and a follow-up is matched twice (alone,
   * then with the conversation's subject): the last message's reading is kept for the second.
   */
  private readMessage(question: string, fallbackLang: Language): MessageReading {
    const last = this.lastReading;
    if (last?.question === question && last.fallbackLang === fallbackLang) return last;
    const tokens = tokenize(question);
    const { lang, mode } = detectLanguage(tokens, this.vocabulary, fallbackLang);
    const read = readQuestion(question, tokens, mode, this.vocabulary, this.greetingWords);
    const trigrams = this.scoring.ngramShare > 0 ? this.ngrams.vectorOf(read.text) : undefined;
    return (this.lastReading = { question, fallbackLang, tokens, lang, mode, read, trigrams });
  }

  private rank(
    features: readonly Feature[],
    context: ReadonlyArray<{ feature: Feature; factor: number }>,
    questionTrigrams: TrigramVector | undefined,
    asked: ReadonlySet<string> | undefined,
    claims: boolean,
    explain: boolean,
    inherited: readonly Feature[] = [],
    person: { gender?: Gender | undefined; besides?: ReadonlySet<string> | undefined } = {},
    claimed: readonly Feature[] = NONE,
    adds = false,
  ): Candidate[] {
    if (features.length === 0 && context.length === 0) return [];
    const all = context.length ? [...features, ...context.map((c) => c.feature)] : features;
    const weights = all.map((f, k) => this.featureWeight(f) * (k < features.length ? 1 : context[k - features.length]!.factor));
    // Words the content does not know count by the square root of their number: one in a short
    // question says a lot, but most of those in a long message are context around the question.
    const unknown = features.filter((f) => f.kind === "unknown").length;
    const knownWeight = weights.reduce((sum, w, k) => (all[k]!.kind === "unknown" ? sum : sum + w), 0);
    const questionWeight = knownWeight + this.unknownWeight * Math.sqrt(unknown);
    // "Did he say it on the Q3 call?": a yes/no question may get a quarter or a year wrong; one
    // the article never names is then corrected by the facts that name one of that kind, and
    // counts for them as if it were their own. "Was it Susan Li who said it?": a person (who
    // need not agree) is corrected by a fact that names another.
    const strict = features.filter((f) => this.vocabulary.isStrictEntity(f));
    // A why- or how-question presupposes its period as a yes/no question states it ("Why was
    // Llama 3 released in 2023?"); one asking for a value of that period ("How much was capex in
    // Q3?", "What did Meta spend in Q1?") is declined, and so is one asking whether a fact's own
    // figure held in another period ("Was capex $8.5B in Q1 too?"): the article does not say;
    // a why-question only states it ("Since capex rose 33% in Q1, why?"): corrected. Other
    // figures make a garbled claim to correct ("capex rose 50% to $12B in Q3, right?"), and so
    // does a figure that is no value of a period ("Did he announce 10x on the Q4 call?",
    // "Did Llama 3 come out in 2023 with 80B parameters?"): facts mark the figures that are.
    const questions = features.filter((f) => f.kind === "question");
    const presupposes = claims || (questions.length > 0 && questions.every((f) => f.asks === undefined));
    const premises = presupposes && !adds ? strict.filter((f) => this.correctable.has(f.entityType!) && !this.articleEntities.has(f.id)) : [];
    // One the article names, but of another fact (2023, the year before the Q2 capex), is a
    // premise to correct for the facts that name another of its kind ("Why was Llama 3
    // released in 2023?"), and agrees with those that name it.
    const namedPremises = presupposes && !adds ? strict.filter((f) => this.correctable.has(f.entityType!) && this.articleEntities.has(f.id)) : NONE;
    const stated = figuresOf(features);
    // A person is stated by "what did Sheryl say?" too, where a quarter is asked for ("capex in Q3?").
    const statesPerson = presupposes || questions.length === 0;
    // "What did Susan Li say?" asks about someone the article names: about her, not a claim to correct.
    const asksAbout = (f: Feature) => !presupposes && f.entityType === "person" && this.articleEntities.has(f.id);
    const namedInstead = statesPerson
      ? features.filter((f) => f.kind === "entity" && !strict.includes(f) && this.correctable.has(f.entityType!) && !asksAbout(f))
      : [];
    const askedPersons = features.filter(asksAbout).map((f) => f.id);
    // "Who is Sam Altman?": a person the article never names is no premise to correct unless
    // the question states one ("Why did Sundar Pichai say Llama 4 needs 10x?"); asked about,
    // the article does not say.
    const stranger = !statesPerson && features.some((f) => f.kind === "entity" && !f.home && !strict.includes(f) && !this.articleEntities.has(f.id));
    const strictEntities = premises.length ? strict.filter((f) => !premises.includes(f)) : strict;
    const named = new Set(features.map((f) => f.id));
    // The topics right after a word asking what something is or means ("what exactly is an
    // inference project?"), generic words between them skipped. (Arabic «شو يعني…» asks as
    // often what something means for another: «شو يعني هالشي للصناعة؟».)
    const asksWhatIs = features.flatMap((f, k) =>
      f.kind === "question" && (f.asks?.length === 0 || f.asks?.includes("definition"))
        ? features.slice(k + 1).filter((g) => g.kind !== "generic").slice(0, 2).filter((g) => g.kind === "topic")
        : [],
    );
    const { covered, bestExample, overlap } = this;
    let touchedIntents: number[] = [];
    all.forEach((f, k) => {
      for (const i of this.intentPostings.get(f.id) ?? []) {
        if (covered[i] === 0) touchedIntents.push(i);
        covered[i]! += weights[k]!;
      }
    });
    for (const premise of premises)
      for (const i of touchedIntents) if (this.indexed[i]!.entityTypes.has(premise.entityType!)) covered[i]! += weights[features.indexOf(premise)]!;
    for (const premise of namedPremises)
      for (const i of touchedIntents) if (correctedBy(this.indexed[i]!, premise, named)) covered[i]! += weights[features.indexOf(premise)]!;
    // Two stages: every intent sharing a feature gets its coverage (a sum per feature); only
    // the best covered go on to the costlier parts (closest example, trigrams), so a question
    // costs about the same whatever the size of the catalogue.
    if (touchedIntents.length > SHORTLIST) {
      touchedIntents.sort((a, b) => covered[b]! - covered[a]!);
      // Those as well covered as the last one in go too ("how does this work?" covers every
      // intent with "how" alike), up to a bound.
      const cutoff = covered[touchedIntents[SHORTLIST - 1]!]! - 1e-9;
      let end = SHORTLIST;
      while (end < Math.min(touchedIntents.length, MAX_SHORTLIST) && covered[touchedIntents[end]!]! >= cutoff) end++;
      for (const i of touchedIntents.slice(end)) covered[i] = 0;
      touchedIntents = touchedIntents.slice(0, end);
    }
    const { exampleIntent, exampleWeight, inShortlist } = this;
    for (const i of touchedIntents) inShortlist[i] = 1;
    const touchedExamples: number[] = [];
    for (let k = 0; k < all.length; k++) {
      const examples = this.examplePostings.get(all[k]!.id);
      if (examples === undefined) continue;
      for (const e of examples) {
        if (inShortlist[exampleIntent[e]!] === 0) continue;
        if (overlap[e] === 0) touchedExamples.push(e);
        overlap[e]! += weights[k]!;
      }
    }
    for (const e of touchedExamples) {
      const i = exampleIntent[e]!;
      const f1 = (2 * overlap[e]!) / (questionWeight + exampleWeight[e]!);
      if (f1 > bestExample[i]!) bestExample[i] = f1;
      overlap[e] = 0;
    }
    for (const i of touchedIntents) inShortlist[i] = 0;
    const trigrams = questionTrigrams && this.ngrams.similarities(questionTrigrams, touchedIntents);

    const questionWords = features.filter((f) => f.kind === "question").map((f) => f.id);
    // An off-topic subject (revenue, headcount...) is a curated sign the article has no answer.
    const offTopic = features.filter((f) => f.kind === "off-topic").length;
    const sharedTopics = features.filter((f) => f.shared === true);
    const elsewhere = this.givenForOthersOnly(features, strictEntities);
    const ranked: Candidate[] = [];
    let closest = { similarity: -1, leftUnnamed: false };
    touchedIntents.forEach((i, shortlisted) => {
      const { intent, profile, entities, entityTypes, questionTypes, answers, figures, unnamed, unexplained, persons, speakers, genders, stated: statedByFact, jointly } = this.indexed[i]!;
      // An entity the article never names (Llama 2, Amazon) rules the intent out. One it
      // names elsewhere lowers the score a lot when the intent names another of its kind
      // (Llama 4 asked of the Llama 3 fact), a little when the intent names none (Llama 4
      // in a question on competition may be mere context).
      // (Most questions name no entity and state no premise: those lists are empty, and no
      // array is made per candidate for them.)
      const disagreeing = strictEntities.length ? strictEntities.filter((f) => !owns(this.indexed[i]!, f, named)) : NONE;
      const correctedHere = namedPremises.length ? namedPremises.filter((f) => correctedBy(this.indexed[i]!, f, named)) : NONE;
      const valueOfPeriod =
        claims && premises.length + correctedHere.length > 0 && stated.length > 0 && stated.every((q) => figures.some((f) => f.period && f.unit === q.unit && Math.abs(f.value - q.value) < 1e-9));
      // "Is Google one of the rivals he meant?": the fact leaves its rivals unnamed, so it cannot say.
      // "Which data centres?", «شو اسم مراكز البيانات؟»: asked to name what the fact leaves unnamed, likewise.
      const leftUnnamed =
        unnamed.size > 0
          ? features.find(
              (f, k) =>
                (f.kind === "entity" && f.entityType !== undefined && unnamed.has(f.entityType) && !entities.has(f.id)) ||
                (f.kind === "topic" && unnamed.has(f.id) && [features[k - 1], features[k + 1]].some((g) => g?.asks?.includes("names"))),
            )
          : undefined;
      // Inherited too: "and the one before it?" after Llama 3 is Llama 2, which the article never names.
      // Part of a figure's period ("capex in 2023", the year of Q2 2023) is no period the fact gives.
      // "What exactly is an inference project?": what the fact names without saying what it is.
      const conflict =
        stranger ||
        (unexplained.size > 0 && asksWhatIs.some((f) => unexplained.has(f.id))) ||
        valueOfPeriod ||
        leftUnnamed !== undefined ||
        disagreeing.some((f) => !this.articleEntities.has(f.id) || (entities.has(f.id) && !correctedHere.includes(f))) ||
        inherited.some((f) => !this.articleEntities.has(f.id));
      const contradicting =
        count(disagreeing, (f) => entityTypes.has(f.entityType!) && !correctedHere.includes(f)) + count(inherited, (f) => !entities.has(f.id) && entityTypes.has(f.entityType!));
      const corrects =
        premises.length || correctedHere.length || namedInstead.length
          ? [...premises.filter((f) => entityTypes.has(f.entityType!)), ...correctedHere, ...namedInstead.filter((f) => !entities.has(f.id) && entityTypes.has(f.entityType!))]
          : NONE;
      const unmentioned = disagreeing.length - contradicting + count(premises, (f) => !corrects.includes(f));
      const lexical = this.scoring.coverageShare * (covered[i]! / questionWeight) + (1 - this.scoring.coverageShare) * bestExample[i]!;
      const similarity = trigrams ? (1 - this.scoring.ngramShare) * lexical + this.scoring.ngramShare * trigrams[shortlisted]! : lexical;
      // "Where will the data centres be built?" is not answered by a fact nobody asks "where" of.
      const unaskedQuestions = count(questionWords, (id) => !questionTypes.has(id));
      // "How many parameters will Llama 4 have?" is not answered by the Llama 4 compute fact.
      const askedElsewhere = count(elsewhere, (id) => !profile.has(id));
      // "How many GPUs will Llama 4 use?" asks a number; the Llama 4 fact gives a multiple.
      // "When will the next model come out?" is not answered by a release none of whose examples speak of the future.
      // An entity they have in common ("Llama 4 is coming. Who said that?") anchors the question to the intent anyway.
      const unshared = sharedTopics.length && !features.some((f) => f.kind === "entity" && !f.home && entities.has(f.id)) ? count(sharedTopics, (f) => !profile.has(f.id)) : 0;
      const wrongType = asked !== undefined && answers !== undefined && !someOf(asked, (type) => answers.has(type)) ? 1 : 0;
      const otherPerson =
        (person.gender !== undefined && genders.size > 0 && !genders.has(person.gender)) ||
        (person.besides !== undefined && ![...persons].some((p) => !person.besides!.has(p))) ||
        (askedPersons.length > 0 && intent.fact !== undefined && !askedPersons.some((p) => speakers.has(p)))
          ? 1
          : 0;
      const unstatedClaim =
        statedByFact !== undefined && claimed.length > 0 && bestExample[i]! < this.scoring.unstatedClaimClosest && !claimed.some((f) => statedByFact.has(f.id)) ? 1 : 0;
      const { scoring } = this;
      const score =
        similarity *
        scoring.offTopicPenalty ** offTopic *
        scoring.entityMismatchPenalty ** contradicting *
        scoring.entityUnmentionedPenalty ** unmentioned *
        scoring.questionMismatchPenalty ** unaskedQuestions *
        scoring.elsewherePenalty ** askedElsewhere *
        scoring.answerTypePenalty ** wrongType *
        scoring.entityMismatchPenalty ** otherPerson *
        scoring.unsharedPenalty ** unshared *
        scoring.unstatedClaimPenalty ** unstatedClaim;
      const candidate: Candidate = { intent, score, conflict, ...(corrects.length && { corrects }) };
      if (explain) {
        const applied: Array<[number, number, string]> = [
          [scoring.offTopicPenalty, offTopic, "an off-topic subject"],
          [scoring.entityMismatchPenalty, contradicting, "an entity other than the intent's own of its kind"],
          [scoring.entityUnmentionedPenalty, unmentioned, "an entity of a kind the intent does not talk about"],
          [scoring.questionMismatchPenalty, unaskedQuestions, "a question word none of its examples uses"],
          [scoring.elsewherePenalty, askedElsewhere, "a subject the article gives only for other entities"],
          [scoring.answerTypePenalty, wrongType, `asks for ${[...(asked ?? [])].join(" or ")}, which its fact does not give`],
          [
            scoring.entityMismatchPenalty,
            otherPerson,
            person.besides
              ? "asks about someone else, and its fact names no one new"
              : person.gender !== undefined
                ? `a pronoun for a ${person.gender === "female" ? "woman" : "man"}, and its fact names none`
                : persons.size > 0
                  ? "asks about someone its fact does not name, and it names another"
                  : "asks what someone said, and neither its fact nor the one it was said in names them",
          ],
          [scoring.unsharedPenalty, unshared, "a subject none of its examples speaks of that only such intents answer (the lexicon's shared)"],
          [scoring.unstatedClaimPenalty, unstatedClaim, "a yes/no question claiming only what its fact does not state"],
        ];
        const ruledOut = leftUnnamed
          ? `its fact names no ${leftUnnamed.entityType ?? leftUnnamed.id}, so it cannot say about ${leftUnnamed.text ?? leftUnnamed.id}`
          : valueOfPeriod
            ? "a figure of its fact's period, asked of another period"
            : conflict
              ? "an entity the article never names"
              : undefined;
        candidate.parts = {
          ...(ruledOut && { ruledOut }),
          coverage: covered[i]! / questionWeight,
          bestExample: bestExample[i]!,
          ngram: trigrams?.[shortlisted] ?? 0,
          similarity,
          penalties: applied.filter(([, n]) => n > 0).map(([factor, n, why]) => ({ why: n > 1 ? `${why} (×${n})` : why, factor: factor ** n })),
        };
      }
      ranked.push(candidate);
      if (similarity > closest.similarity) closest = { similarity, leftUnnamed: leftUnnamed !== undefined };
      covered[i] = 0;
      bestExample[i] = 0;
    });
    // "Is Google one of the rivals he meant?": when the closest intent's fact leaves the
    // question's entity unnamed, no other fact corrects it ("Not Google: …" would be made up).
    if (closest.leftUnnamed)
      for (const candidate of ranked)
        if (candidate.corrects && !candidate.conflict) {
          candidate.conflict = true;
          if (candidate.parts) candidate.parts.ruledOut = "the closest fact leaves the entity it would correct unnamed";
        }
    return ranked.sort((a, b) => b.score - a.score);
  }

  /**
   * Subjects of the question the article gives per entity, but never for the question's own:
   * the only intents about them name another entity of the kind the question names
   * ("parameters" of Llama 4, given for Llama 3 and 3.1). One such intent is not enough to
   * say so: its examples may simply not use the word for the others.
   */
  private givenForOthersOnly(features: readonly Feature[], strictEntities: readonly Feature[]): string[] {
    if (strictEntities.length === 0) return [];
    const namesAnother = (i: number) => {
      const { entities, entityTypes } = this.indexed[i]!;
      return strictEntities.some((f) => !entities.has(f.id) && entityTypes.has(f.entityType!));
    };
    return features
      .filter((f) => {
        const holders = f.kind === "topic" ? this.intentPostings.get(f.id) : undefined;
        return holders !== undefined && holders.length >= 2 && holders.every(namesAnother);
      })
      .map((f) => f.id);
  }
}

/** How many of the intents that share a feature with a question are scored in full: those it covers best... */
const SHORTLIST = 12;
/** ...and, when more cover it as well as the last of those, at most this many. */
const MAX_SHORTLIST = 40;

const NONE: readonly Feature[] = [];

/** Whether an entity the question names (`named`: all it names) is the intent's; one of a figure's period only with the rest of that period. */
const owns = ({ entities, jointly }: IndexedIntent, f: Feature, named: ReadonlySet<string>) =>
  entities.has(f.id) && (jointly.get(f.id)?.every((id) => named.has(id)) ?? true);

/** Whether an intent corrects a period the question states: it names another of its kind, not that one. */
const correctedBy = (intent: IndexedIntent, premise: Feature, named: ReadonlySet<string>) => !owns(intent, premise, named) && intent.entityTypes.has(premise.entityType!);

function count<T>(items: readonly T[], test: (item: T) => boolean): number {
  let n = 0;
  for (const item of items) if (test(item)) n++;
  return n;
}

function someOf<T>(items: ReadonlySet<T>, test: (item: T) => boolean): boolean {
  for (const item of items) if (test(item)) return true;
  return false;
}

function push(index: Map<string, number[]>, key: string, value: number): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}

/** Distinct features of an example, read as a question is (an opposite as its concept); unknown and off-topic words say nothing about the intent. */
function exampleFeatures(features: readonly Feature[]): Feature[] {
  return dedupe(features.filter((f) => f.kind !== "unknown" && f.kind !== "off-topic").map((f) => f.opposite ?? f));
}

function dedupe(features: readonly Feature[]): Feature[] {
  const seen = new Set<string>();
  return features.filter((f) => (seen.has(f.id) ? false : (seen.add(f.id), true)));
}

function exampleTexts(intent: Intent): Array<[string, ReadingMode]> {
  const texts: Array<[string, ReadingMode]> = [
    [intent.question.en, "english"],
    [intent.question.ar, "arabic"],
  ];
  for (const [key, mode] of EXAMPLE_MODES) {
    for (const text of intent.examples[key]) texts.push([text, mode]);
    for (const text of intent.keywords?.[key] ?? []) texts.push([text, mode]);
  }
  return texts;
}
