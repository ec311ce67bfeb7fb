import Fuse from "fuse.js";
import type { Content, Fact, Intent, Language, Messages } from "../content/schema.js";
import { Matcher, type Candidate, type MatchResult, type Scoring } from "../matching/matcher.js";
import { normalizeText } from "../matching/normalize.js";
import type { Feature } from "../matching/vocabulary.js";

export type AnswerKind = "fact" | "summary" | "greeting" | "thanks" | "help" | "clarify" | "decline" | "empty";

export interface Suggestion {
  intent: string;
  question: string;
}

/** What the bot says to a question, and why. Free of any Telegram type. */
export interface Answer {
  question: string;
  lang: Language;
  kind: AnswerKind;
  /** The intent recognised, or null when the question was declined. */
  intent: string | null;
  /** The fact asserted, or null when none is (declines, greetings, help, summary). */
  fact: string | null;
  /** Calibrated confidence in the recognised intent, in [0, 1]. */
  score: number;
  /** True when the reply gives content from the article. */
  answered: boolean;
  reply: string;
  /** "Did you mean" questions offered with a decline; the topics, with a "which part?". */
  suggestions: Suggestion[];
  /** With a fact, the questions a reader most likely asks next (its related facts, at most two). */
  related: Suggestion[];
  /** True when the question was read as a follow-up: its subject came from the conversation (`AnswerOptions.context`). */
  followup: boolean;
}

export interface AnswerOptions {
  /** Reply in this language whatever the question's (a reader's saved preference). */
  replyLang?: Language;
  /** Reply language when the question itself does not tell (no words in either script). */
  fallbackLang?: Language;
  /** false: neither look in nor add to the answer cache (a check asking every example once). */
  cache?: boolean;
  /**
   * The facts answered last in this conversation, most recent first. A follow-up ("why?",
   * "who said that?", "and in 2025?") takes its subject from the last and its ask from the question;
   * a question that names its own subject is answered as it stands.
   */
  context?: readonly string[];
}

const MAX_SUGGESTIONS = 3;
/** Related questions offered with an answer: more would crowd it. */
const MAX_RELATED = 2;
/** What names a subject of its own: a question with one is not a follow-up unless it refers back. */
const SUBJECT_KINDS = new Set(["topic", "entity", "off-topic", "word"]);
/** What of a fact's title and question a follow-up takes as its subject. */
const PRIOR_KINDS = new Set(["topic", "entity", "generic", "word"]);
/** What a yes/no question claims: its subjects, entities (Susan Li, Q2), off-topic and unknown words; not its question or learnt words. */
const CLAIM_KINDS = new Set(["topic", "entity", "off-topic", "unknown", "word"]);
/**
 * What of a question is read: Telegram caps a message at 4,096 characters, and anything
 * longer (posted to the webhook, say) is not a question a person typed.
 */
export const MAX_QUESTION_CHARS = 4_096;
/** Longer questions are not cached: in groups the questions asked again are short ones, and the cache's memory stays small. */
const MAX_CACHED_CHARS = 300;
/** Least score of a greeting, thanks or help intent that is the best match, for a courtesy reply below the threshold. */
const COURTESY_FLOOR = 0.4;

/** A question as read, alone or as a follow-up; `floor` is the confidence its answer needs (the threshold unless said). */
interface Reading {
  result: MatchResult;
  followup: boolean;
  floor?: number;
}
export interface EngineOptions {
  /** Scoring constants other than the tuned ones (for tuning). */
  scoring?: Readonly<Scoring>;
  /** How many recent answers to keep (0: none, e.g. to benchmark matching itself). */
  cachedAnswers?: number;
  /** The content's index, built before (by `compile`, or read back from disk); else built here. */
  index?: Matcher;
}

export interface Engine {
  readonly content: Content;
  answer(question: string, options?: AnswerOptions): Answer;
  /** The reply to a known intent (a pressed "did you mean" button), or undefined for an unknown id. */
  answerIntent(intentId: string, lang: Language): Answer | undefined;
  /** A fact's answer (a topic button, a deep link), as its first intent's; undefined for an unknown id. */
  answerFact(factId: string, lang: Language): Answer | undefined;
  /** The article's three highlights, as one message. */
  highlights(lang: Language): string;
  /** The facts a search text (an inline query, often a word or two) is about, best first. */
  searchFacts(text: string, limit: number): { lang: Language; facts: Fact[] };
  /** The answer to a question and how it came about: every candidate's score and why. */
  explain(question: string, options?: AnswerOptions): Explanation;
}

/** An answer with the match behind it, each candidate's score in parts (see describeExplanation). */
export interface Explanation {
  answer: Answer;
  match: MatchResult;
  /** The confidence needed to assert a fact. */
  threshold: number;
}

/** Answers kept for questions asked again, by default (first in, first out). */
export const CACHED_ANSWERS = 2_000;

/**
 * The answer engine: a pure function of the content. Building it validates nothing (the
 * loader did) and indexes everything once; `answer` does no I/O.
 */
export function createEngine(content: Content, { scoring, cachedAnswers = CACHED_ANSWERS, index }: EngineOptions = {}): Engine {
  const matcher = index ?? new Matcher(content, scoring);
  const { threshold, suggestionFloor } = matcher.scoring;
  const factsById = new Map<string, Fact>(content.facts.map((f) => [f.id, f]));
  const intentsById = new Map<string, Intent>(content.intents.map((i) => [i.id, i]));
  /** Each fact's first intent: whose question stands for the fact in buttons and lists. */
  const intentOfFact = new Map<string, Intent>();
  for (const intent of content.intents) if (intent.fact !== undefined && !intentOfFact.has(intent.fact)) intentOfFact.set(intent.fact, intent);
  const { messages } = content;
  // The kinds of value the facts' figures are given in (money, a number, a multiple, a
  // percentage): a word asking only for one of them ("in dollars?", "how many parameters?")
  // says what kind of answer, not what about.
  const figureUnits = new Set(content.facts.flatMap((f) => f.figures.map((figure) => figure.unit)));
  const valueKinds = new Set(content.concepts.flatMap((c) => (figureUnits.has(c.id) ? (c.asks ?? []) : [])));
  const asksOnlyAValue = (result: MatchResult) =>
    result.features.every((f) => f.kind === "question" || (f.asks !== undefined && f.asks.length > 0 && f.asks.every((kind) => valueKinds.has(kind))));
  // Inline queries are typed a few letters at a time ("cap", "لام"): fuzzy substring search
  // over the facts' titles and answers (Fuse.js) finds what token scoring cannot yet.
  const factSearch = new Fuse(
    content.facts.map((fact) => ({ fact, text: normalizeText(`${fact.title.en} ${fact.title.ar} ${fact.answer.en} ${fact.answer.ar}`) })),
    { keys: ["text"], ignoreLocation: true, threshold: 0.3, minMatchCharLength: 2 },
  );

  function highlights(lang: Language): string {
    const lines = content.facts
      .filter((f) => f.highlight !== undefined)
      .sort((a, b) => a.highlight! - b.highlight!)
      .map((f) => `${f.highlight}. ${f.answer[lang]}`);
    return [messages.highlightsTitle[lang], ...lines].join("\n");
  }

  /** A fact's related facts, as their first intents' questions. */
  function relatedTo(fact: Fact, lang: Language): Suggestion[] {
    return fact.related.slice(0, MAX_RELATED).flatMap((id) => {
      const intent = intentOfFact.get(id);
      return intent ? [{ intent: intent.id, question: intent.question[lang] }] : [];
    });
  }

  function replyFor(intent: Intent, lang: Language): Pick<Answer, "kind" | "reply" | "fact" | "answered" | "related"> {
    if (intent.fact !== undefined) {
      const fact = factsById.get(intent.fact)!;
      return { kind: "fact", reply: fact.answer[lang], fact: intent.fact, answered: true, related: relatedTo(fact, lang) };
    }
    switch (intent.reply) {
      case "summary":
        return { kind: "summary", reply: highlights(lang), fact: null, answered: true, related: [] };
      case "repeat":
        // Pressed or asked with no answer before it: which part?
        return { kind: "clarify", reply: messages.clarify[lang], fact: null, answered: false, related: [] };
      case "greeting":
      case "thanks":
      case "help":
        return { kind: intent.reply, reply: messages[(intent.message ?? intent.reply) as keyof Messages][lang], fact: null, answered: false, related: [] };
      default:
        throw new Error(`intent "${intent.id}" has neither a fact nor a reply`);
    }
  }

  /**
   * What opens a fact's answer: a correction when the question states a figure of a unit the
   * fact gives, but another value ("5x" of the 10x fact: "The article says 10x, not 5x:");
   * "Yes:" to a yes/no question whose every subject the fact's answer states ("Is Llama open
   * source?"), so a claim the answer does not make ("less compute?") is not answered "Yes", nor
   * a choice between alternatives ("up or down?").
   */
  function opening(result: MatchResult, best: Candidate, lang: Language): string {
    const fact = best.intent.fact === undefined ? undefined : factsById.get(best.intent.fact);
    if (!fact) return "";
    if (best.corrects) return `${messages.premise[lang].replace("{asked}", best.corrects.map((f) => capitalised(f.text ?? f.id)).join(", "))} `;
    const contrary = result.contradicts.filter((f) => claimsOf(fact, lang).has(f.opposite!.id));
    if (contrary.length) return `${messages.premise[lang].replace("{asked}", contrary.map((f) => f.text ?? f.id).join(", "))} `;
    for (const asked of result.figures) {
      const stated = fact.figures.filter((f) => f.unit === asked.unit);
      if (stated.length === 0 || stated.some((f) => Math.abs(f.value - asked.value) < 1e-9)) continue;
      const format = stated[0]!.format[lang];
      const article = format.replace("{n}", String(stated[0]!.value));
      return `${messages.correction[lang].replace("{article}", article).replace("{asked}", format.replace("{n}", String(asked.value)))} `;
    }
    if (!result.yesNo || result.either || !fact.confirms || result.contradicts.length) return "";
    const stated = claimsOf(fact, lang);
    const confirmed = result.features.every((f) => !CLAIM_KINDS.has(f.kind) || stated.has(f.id));
    return confirmed ? `${messages.yes[lang]} ` : "";
  }

  // What a thank-you says: the features of the thanks intents' canonical questions ("Thanks", "شكرا").
  const thanksIntents = content.intents.filter((i) => i.reply === "thanks");
  const thanksWords = new Map(thanksIntents.flatMap((i) => (["en", "ar"] as const).flatMap((l) => matcher.read(i.question[l], l).map((f) => [f.id, i] as const))));

  function thanking(result: MatchResult, question: string): Intent | undefined {
    if (/[?؟]/.test(question) || result.requests || result.yesNo || result.features.some((f) => f.kind === "question")) return undefined;
    for (const f of result.features) {
      const intent = thanksWords.get(f.id);
      if (intent) return intent;
    }
    return undefined;
  }

  /** What a fact's answer states, as features (its subjects and entities), per language; read once. */
  const claims = new Map<string, ReadonlySet<string>>();
  function claimsOf(fact: Fact, lang: Language): ReadonlySet<string> {
    const key = `${lang}:${fact.id}`;
    let stated = claims.get(key);
    if (!stated) claims.set(key, (stated = new Set(matcher.read(`${fact.title[lang]} ${fact.answer[lang]}`, lang).map((f) => f.id))));
    return stated;
  }

  /** Every fact's topic, as the question of its first intent: what a "which part?" offers. */
  function topics(lang: Language): Suggestion[] {
    return content.facts.flatMap((fact) => {
      const intent = intentOfFact.get(fact.id);
      return intent ? [{ intent: intent.id, question: fact.title[lang] }] : [];
    });
  }

  function suggestionsFor(ranked: readonly Candidate[], lang: Language): Suggestion[] {
    const offered: Suggestion[] = [];
    for (const { intent, score } of ranked) {
      if (offered.length === MAX_SUGGESTIONS || score < suggestionFloor) break;
      // Offering "did you mean: hello?" would not help anyone.
      if (intent.fact !== undefined || intent.reply === "summary") offered.push({ intent: intent.id, question: intent.question[lang] });
    }
    return offered;
  }

  /**
   * A fact's subjects, as a follow-up takes them: those of its title and its first intent's
   * question, in both languages. Where the question names an entity of a kind, the title's
   * others of that kind are only compared with ("Llama 4 needs 10x the compute of Llama 3" is
   * about Llama 4: "when will it come out?" after it asks about Llama 4).
   */
  const subjects = new Map<string, readonly Feature[]>();
  function subjectsOf(factId: string): readonly Feature[] {
    let found = subjects.get(factId);
    if (!found) {
      const fact = factsById.get(factId);
      const intent = intentOfFact.get(factId);
      const asked = fact && intent ? (["en", "ar"] as const).flatMap((l) => matcher.read(intent.question[l], l)) : [];
      const titled = fact ? (["en", "ar"] as const).flatMap((l) => matcher.read(fact.title[l], l)) : [];
      const namedKinds = new Set(asked.flatMap((f) => (f.kind === "entity" && f.entityType ? [f.entityType] : [])));
      const read = [...asked, ...titled.filter((f) => !(f.kind === "entity" && f.entityType && namedKinds.has(f.entityType) && !asked.some((g) => g.id === f.id)))];
      const unique = new Map(read.filter((f) => PRIOR_KINDS.has(f.kind)).map((f) => [f.id, f]));
      subjects.set(factId, (found = [...unique.values()]));
    }
    return found;
  }

  /**
   * "Says who?", "where was this?" after a fact that gives neither: the fact it is said in
   * (its `saidIn`), when that one gives what is asked. Not for names after a fact that leaves
   * some of its subjects unnamed: "which ones?" after the rivals asks about them.
   */
  function saidInFor(factId: string, asked: ReadonlySet<string> | undefined): string | undefined {
    const fact = factsById.get(factId);
    const source = fact?.saidIn === undefined ? undefined : factsById.get(fact.saidIn);
    if (!fact || !source || asked === undefined || (fact.unnamed.length > 0 && asked.has("names"))) return undefined;
    const gives = (f: Fact) => [...asked].some((type) => f.answers.includes(type));
    return !gives(fact) && gives(source) ? source.id : undefined;
  }

  /**
   * The question read on its own and, when the conversation has a subject, as a follow-up to
   * it: when it refers back ("who said that?") or continues ("and in 2025?"), or names no subject
   * of its own ("why?"), or is not answered on its own. The follow-up reading is used when it
   * answers; otherwise the question stands alone (and is declined, or asked "which part?").
   */
  function read(question: string, options: AnswerOptions, explain = false): Reading {
    // The last answer's subjects: older ones only blur what "that" or "he" point to.
    const last = options.context?.[0];
    const inConversation = last !== undefined && subjectsOf(last).length > 0;
    const first = matcher.match(question, options.fallbackLang, { explain, inConversation });
    const prior = last === undefined ? [] : subjectsOf(saidInFor(last, first.asked) ?? last);
    // "And the version before it?" after Llama 3.1 asks about Llama 3, not the last answer
    // again; "and after Llama 4?" asks about the future, with or without a conversation.
    // Without a conversation, only a message that says nothing but the step is read so ("and
    // after Llama 4?"; not "Llama 4 is coming. Who said that?").
    const stepped = matcher.stepped(first.features, prior);
    if (!inConversation && !(stepped?.only && first.features.every((f) => f.kind !== "question"))) return { result: first, followup: false };
    if (stepped) {
      // Past the last one, the subjects of the fact about what comes after ("and after Llama 4?": future models).
      const stepPrior = stepped.beyond === undefined ? stepped.prior : [...stepped.prior, ...subjectsOf(stepped.beyond)];
      const along = matcher.match(question, options.fallbackLang, { explain, prior: stepPrior, inConversation, without: stepped.cue, besides: last });
      // "واللي قبلو؟" says nothing but the step: all it asks comes from the conversation, and
      // the best fact about the other model is enough. Not answered so, it is not the last answer either.
      const floor = stepped.only ? suggestionFloor : threshold;
      return { result: along, followup: along.best !== undefined && along.confidence >= floor, floor };
    }
    // "Is 10x exact?", «يعني عشرين ضعف؟» after the 10x answer: a figure of a unit the last
    // answer gives, and nothing else, is about that answer (a wrong value corrected), however
    // many other facts state such a figure.
    const lastFigures = factsById.get(last!)?.figures ?? [];
    const onlyFigures = first.figures.length > 0 && first.features.every((f) => f.kind === "number" || f.kind === "question" || (f.kind === "topic" && f.asks !== undefined));
    if (onlyFigures && first.figures.every((asked) => lastFigures.some((f) => f.unit === asked.unit))) {
      const about = matcher.match(question, options.fallbackLang, { explain, prior, inConversation });
      if (about.best?.intent.fact === last) return { result: about, followup: true, floor: suggestionFloor };
    }
    // "Did anyone else speak?", «وفي سبب تاني؟»: not the last answer again.
    const besides = first.asksOther ? last : undefined;
    const alone = besides === undefined ? first : matcher.match(question, options.fallbackLang, { explain, inConversation, besides });
    const answered = alone.best !== undefined && alone.confidence >= threshold;
    // "In dollars?", "how much exactly?": a question word or a unit alone asks what kind of
    // answer, not about what; what it asks about is the conversation's subject or nothing.
    const elliptical = alone.features.length > 0 && alone.features.every((f) => f.kind === "question" || (f.kind === "topic" && f.asks !== undefined));
    // "And what is his position?": a role names no subject of its own without the person it is of.
    const held = (f: Feature) => f.holder !== undefined && !alone.features.some((g) => g.entityType === f.holder);
    const ownSubject = !elliptical && alone.features.some((f) => SUBJECT_KINDS.has(f.kind) && !f.home && !held(f));
    if (answered && ownSubject && !alone.followsUp) return { result: alone, followup: false };
    // A word the content does not know ("in euros?", "GPU hours?") asks about something new:
    // the conversation's subject must not carry it to an answer.
    if (alone.features.some((f) => f.kind === "unknown")) return { result: alone, followup: false };
    const followup = matcher.match(question, options.fallbackLang, { explain, prior, inConversation, besides });
    // "And what did the CFO say?" after the announcement names a subject of its own: the
    // conversation's subject only wins over it when the reading with it is the surer one. A
    // message pointing back needs two ("why build all that capacity now?"): "wait, who said that?" is a follow-up.
    // A subject asked about by value counts with an entity it is asked of ("and when was Llama 3 released?").
    const namesEntity = alone.features.some((f) => f.kind === "entity" && !f.home);
    const aloneFirst =
      answered &&
      alone.features.filter((f) => f.kind === "topic" && (f.asks === undefined || namesEntity)).length >= (alone.followsUp === "refers-back" ? 2 : 1) &&
      alone.confidence >= followup.confidence &&
      followup.best?.intent !== alone.best?.intent;
    if (aloneFirst) return { result: alone, followup: false };
    // "Is that expensive?" after the capex answer: read alone, a fact the last one names as
    // related (the content's related) is the next question, when that reading is the surer
    // one; not when the message names an entity ("and Llama 3.1?") or the fact names another
    // of the conversation's ("when did it come out?" after Llama 3.1 is not Llama 3's release),
    // nor when it names nothing ("in dollars?" below).
    const next = alone.best?.intent.fact;
    const toRelated =
      answered &&
      !asksOnlyAValue(alone) &&
      next !== undefined &&
      factsById.get(last!)?.related.includes(next) === true &&
      alone.confidence > followup.confidence &&
      !alone.features.some((f) => f.kind === "entity" && !f.home) &&
      !contradicts(prior, next);
    if (toRelated) return { result: alone, followup: true };
    if (followup.best !== undefined && followup.confidence >= threshold) return { result: followup, followup: true };
    // "Up by how many %?" after the Q2 capex: a kind of answer the last fact gives, asked with a
    // unit or the conversation's own words only, is about it. Not one it does not give ("and in
    // dollars?" after training costs: the article gives no cost of training), nor a question
    // word alone ("how much exactly?"), which the usual reading takes.
    const asked = followup.asked;
    const inItsWords = (f: Feature) => f.kind === "question" || f.kind === "number" || (f.kind === "topic" && (f.asks !== undefined || prior.some((p) => p.id === f.id)));
    const chosen = followup.best?.intent.fact;
    const givesAsked = asked !== undefined && factsById.get(last!)!.answers.some((type) => asked.has(type));
    if (!onlyQuestionWords(alone) && alone.features.every(inItsWords) && chosen === last && givesAsked) return { result: followup, followup: true, floor: suggestionFloor };
    // "Any other reason?" after build-ahead, asking nothing but for another: the next question
    // the content names for it (its first related fact), when the reading besides it agrees.
    const nextOfLast = factsById.get(last!)?.related[0];
    // ("Who else?" asks for someone the last answer does not name: not this.)
    const asksAnother = alone.features.length > 0 && onlyQuestionWords(alone) && !alone.asked?.has("who");
    if (besides !== undefined && asksAnother && nextOfLast !== undefined && chosen === nextOfLast)
      return { result: followup, followup: true, floor: suggestionFloor };
    // "Is that expensive?" after the Llama 4 answer: a yes/no question that, read with the
    // conversation, points to the fact it answers alone too, and alone it is sure of it; unless
    // that fact names another of the conversation's entities' kind. ("In dollars?" asks for a
    // value of the conversation's subject, which another fact's figure is not.)
    const agreed = alone.best?.intent.fact;
    if (answered && alone.yesNo && agreed !== undefined && followup.best?.intent === alone.best?.intent && !onlyQuestionWords(alone) && !contradicts(prior, agreed))
      return { result: alone, followup: true };
    if (elliptical) return { result: followup, followup: false };
    // "When will it come out?" after the Llama 4 answer refers back: read alone, it still asks
    // about the conversation's model, not about the one model whose release the article gives.
    if (alone.followsUp) {
      const result = matcher.match(question, options.fallbackLang, { explain, holds: prior, inConversation, besides });
      // "And Llama 4?" after Llama 3.1's parameters asks the same of Llama 4: a fact giving no
      // kind of answer the last one gives does not answer it (the article has no Llama 4
      // parameters). A degree is asked of a model as its value ("and Llama 4?" after "future
      // models need more": 10x). Not so a period: "and 2025?" after the Q2 capex is what the article says of 2025.
      // A question word with the model asks the same ("w Llama 4 fih kam?").
      const namesOnlyAModel = alone.features.some((f) => f.entityType === "model") && alone.features.every((f) => f.entityType === "model" || f.kind === "question");
      const other = result.best?.intent.fact;
      const lastGives = factsById.get(last!)?.answers ?? [];
      const asksTheSame = !namesOnlyAModel || other === undefined || lastGives.includes("degree") || factsById.get(other)!.answers.some((type) => lastGives.includes(type));
      return { result, followup: false, ...(!asksTheSame && { floor: Infinity }) };
    }
    return { result: alone, followup: false };
  }

  const onlyQuestionWords = (result: MatchResult) => result.features.every((f) => f.kind === "question");

  /** Whether a fact names an entity of a kind the conversation names, but another one (Llama 3 of a conversation on Llama 4). */
  function contradicts(subjects: readonly Feature[], factId: string): boolean {
    const fact = factsById.get(factId);
    if (!fact) return false;
    const named = claimsOf(fact, "en");
    const stated = subjects.filter((f) => f.kind === "entity" && !f.home && f.entityType !== undefined);
    return stated.some((f) => !named.has(f.id) && [...named].some((id) => id.startsWith(`${f.entityType}:`)));
  }

  // Answers depend only on the question and the options, and the engine never changes (a
  // reload builds a new one), so recent answers are reused as they are: in groups the same
  // question comes again and again.
  const recent = new Map<string, Answer>();
  function answer(text: string, options: AnswerOptions = {}): Answer {
    const question = text.length > MAX_QUESTION_CHARS ? text.slice(0, MAX_QUESTION_CHARS) : text;
    if (question.length > MAX_CACHED_CHARS || cachedAnswers === 0 || options.cache === false) return deepFreezeAnswer(computeAnswer(question, options));
    const key = `${options.replyLang ?? ""}|${options.fallbackLang ?? ""}|${options.context?.[0] ?? ""}|${question}`;
    // First in, first out: refreshing an entry on every hit would store each question's
    // fresh string in a long-lived map, which makes garbage collection markedly slower.
    const cached = recent.get(key);
    if (cached) return cached;
    // Frozen: the same object goes to every caller that asks this again.
    const fresh = deepFreezeAnswer(computeAnswer(question, options));
    recent.set(key, fresh);
    if (recent.size > cachedAnswers) recent.delete(recent.keys().next().value!);
    return fresh;
  }

  function computeAnswer(question: string, options: AnswerOptions, { result, followup, floor = threshold }: Reading = read(question, options)): Answer {
    const lang = options.replyLang ?? result.lang;
    const score = Math.round(result.confidence * 1000) / 1000;
    const base = { question, lang, score, followup, related: [] };
    if (result.features.length === 0 && !result.words)
      return { ...base, kind: "empty", intent: null, fact: null, answered: false, reply: messages.empty[lang], suggestions: [] };
    // "Thank you, that clarified everything about Meta's spending": a thank-you that asks
    // nothing (no question word, no question mark, no "tell me", no yes/no) is thanked, whatever else it mentions.
    const thanksIntent = thanking(result, question);
    if (thanksIntent) return { ...base, ...replyFor(thanksIntent, lang), intent: thanksIntent.id, suggestions: [] };
    // "why?", "who said that?", "and then?": a question without a subject, and no conversation
    // to take one from, asserts no fact and is no courtesy ("who are you?" is still help).
    const subjectless = !followup && result.features.every((f) => f.kind === "question");
    const unanswerable = subjectless && (result.followsUp || result.best?.intent.fact !== undefined);
    if (result.best && result.confidence >= floor && !unanswerable) {
      // "Say that again more simply": the conversation's last answer again.
      const again = result.best.intent.reply === "repeat" && options.context?.[0] !== undefined ? intentOfFact.get(options.context[0]) : undefined;
      if (again) return { ...base, ...replyFor(again, lang), intent: again.id, followup: true, suggestions: [] };
      if (result.best.intent.reply === "repeat") return { ...base, ...replyFor(result.best.intent, lang), intent: result.best.intent.id, suggestions: topics(lang) };
      const reply = replyFor(result.best.intent, lang);
      return { ...base, ...reply, reply: opening(result, result.best, lang) + reply.reply, intent: result.best.intent.id, suggestions: [] };
    }
    // A thank-you or a "what can you do?" with words around it the bot does not follow
    // ("thx a lot that helped, bye") is still a courtesy, best answered as one: saying "I
    // don't know" to it would be wrong, and nothing from the article is asserted either way.
    const courtesy = result.ranked[0];
    if (
      courtesy &&
      !unanswerable &&
      !courtesy.conflict &&
      (courtesy.intent.reply === "thanks" || courtesy.intent.reply === "help" || courtesy.intent.reply === "greeting") &&
      courtesy.score >= COURTESY_FLOOR &&
      // "how much was it the year before?" asks for a figure: no courtesy answers it.
      result.asked === undefined &&
      !result.features.some((f) => f.kind === "off-topic")
    )
      return { ...base, ...replyFor(courtesy.intent, lang), intent: courtesy.intent.id, suggestions: [] };
    // Which part? The topics follow. (In a conversation the part is known: the article does not say.)
    if (subjectless && !options.context?.length) return { ...base, kind: "clarify", intent: null, fact: null, answered: false, reply: messages.clarify[lang], suggestions: topics(lang) };
    const suggestions = suggestionsFor(result.ranked, lang);
    const reply = suggestions.length
      ? [messages.dontKnow[lang], "", messages.didYouMean[lang], ...suggestions.map((s) => `• ${s.question}`)].join("\n")
      : messages.dontKnow[lang];
    return { ...base, kind: "decline", intent: null, fact: null, answered: false, reply, suggestions };
  }

  function answerIntent(intentId: string, lang: Language): Answer | undefined {
    const intent = intentsById.get(intentId);
    if (!intent) return undefined;
    return { question: intent.question[lang], lang, score: 1, intent: intent.id, suggestions: [], followup: false, ...replyFor(intent, lang) };
  }

  const titleWords = content.facts.map((fact) => ({ fact, title: normalizeText(`${fact.title.en} ${fact.title.ar}`).split(/\s+/) }));

  function answerFact(factId: string, lang: Language): Answer | undefined {
    const intent = intentOfFact.get(factId);
    return intent && answerIntent(intent.id, lang);
  }

  function searchFacts(query: string, limit: number): { lang: Language; facts: Fact[] } {
    const text = query.slice(0, MAX_QUESTION_CHARS);
    const result = matcher.match(text);
    const found: Fact[] = [];
    const add = (fact: Fact | undefined) => {
      if (fact && found.length < limit && !found.includes(fact)) found.push(fact);
    };
    const normalized = normalizeText(text).slice(0, 100);
    // Typed a few letters at a time: a title with a word that starts so comes first ("cap": capex).
    if (normalized.length >= 2)
      for (const { fact, title } of titleWords) if (title.some((word) => word.startsWith(normalized))) add(fact);
    for (const { intent, score, conflict } of result.ranked)
      if (!conflict && score >= suggestionFloor && intent.fact !== undefined) add(factsById.get(intent.fact));
    if (normalized) for (const { item } of factSearch.search(normalized, { limit })) add(item.fact);
    return { lang: result.lang, facts: found };
  }

  function explain(text: string, options: AnswerOptions = {}): Explanation {
    const question = text.slice(0, MAX_QUESTION_CHARS);
    const reading = read(question, options, true);
    return { answer: computeAnswer(question, options, reading), match: reading.result, threshold: reading.floor ?? threshold };
  }

  return { content, answer, answerIntent, answerFact, highlights, searchFacts, explain };
}

function deepFreezeAnswer(answer: Answer): Answer {
  for (const suggestion of answer.suggestions) Object.freeze(suggestion);
  Object.freeze(answer.suggestions);
  return Object.freeze(answer);
}

/** Names as a reader writes them: "q3" → "Q3", "susan li" → "Susan Li". */
function capitalised(text: string): string {
  return text.replace(/\b[a-z]/g, (letter) => letter.toUpperCase());
}
