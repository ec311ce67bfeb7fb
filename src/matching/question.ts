import { clausesOf, endsAsQuestion, sentencesOf } from "./sentences.js";
import { tokenize, type Token } from "./tokenize.js";
import type { Feature, ReadingMode, Vocabulary } from "./vocabulary.js";

/** A message read as a question: what it asks, and what surrounds it. */
export interface ReadQuestion {
  /** The features of the sentence(s) that ask. */
  features: Feature[];
  /** Known subjects of the other sentences, which count a little. */
  context: Feature[];
  /** Whether the context is other clauses of the asking sentence (closer to the question) rather than other sentences. */
  contextInSentence: boolean;
  /** The text of the sentence(s) that ask, and their tokens. */
  text: string;
  tokens: readonly Token[];
  /** Every sentence, and whether it was read as the question. */
  sentences: Array<{ text: string; asks: boolean }>;
  /** Whether a part that asks is a yes/no question, or a statement with a question mark, so states what it asks about ("…in Q3, right? Where?"). */
  claims: boolean;
}

/** What the sentences around a question contribute: subjects, not chatter, question words or off-topic asides. */
const CONTEXT_KINDS = new Set<Feature["kind"]>(["topic", "generic", "entity", "word"]);

/**
 * The question in a message, and its context. In a message of several sentences the question
 * is the sentences that end with a question mark, else the last one with a question word or a
 * request, else the last one; the others are context: their known subjects count a little (a
 * preamble often names the subject: "Llama 4 is coming. How much compute will it take?"), their
 * unknown and off-topic words not at all (they are chatter, not the question). In one sentence, the clauses before the first that
 * asks are context likewise, weighed more. A greeting before a question ("Salam! Who is Susan
 * Li?") is not part of what is asked; one without a question is ("Good morning! I'd like to ask
 * about the article").
 */
export function readQuestion(
  message: string,
  tokens: readonly Token[],
  mode: ReadingMode,
  vocabulary: Vocabulary,
  greetingWords: ReadonlySet<string>,
): ReadQuestion {
  const read = focus(message, tokens, mode, vocabulary, greetingWords);
  const rest = read.features.filter((f) => !greetingWords.has(f.id));
  const asks = /[?؟]/.test(message) || rest.some((f) => f.kind === "question") || read.tokens.some((t) => vocabulary.marksRequest(t));
  // "Hello, how are you today?": without a subject of the article, the greeting is what is said.
  if (!asks || !rest.some((f) => f.kind === "topic" || f.kind === "entity" || f.kind === "word" || f.kind === "unknown" || f.kind === "generic")) return read;
  return { ...read, features: rest, context: read.context.filter((f) => !greetingWords.has(f.id)) };
}

function focus(message: string, tokens: readonly Token[], mode: ReadingMode, vocabulary: Vocabulary, greetingWords: ReadonlySet<string>): ReadQuestion {
  const sentences = sentencesOf(message);
  if (sentences.length >= 2) return inSentences(read(sentences, mode, vocabulary), mode, vocabulary, greetingWords);
  const whole: Part = { text: message, tokens, features: vocabulary.resolve(tokens, mode) };
  let texts = sentences.length === 1 ? clausesOf(sentences[0]!) : [];
  // Without a comma, the parts after the first each open with a question word: the first of
  // them that names a subject asks, unless the part before has a question word of its own.
  const cutAtQuestionWords = texts.length === 1 && mode === "english";
  if (cutAtQuestionWords) texts = atQuestionWords(texts[0]!, mode, vocabulary);
  const clauses = texts.length >= 2 ? read(texts, mode, vocabulary) : [];
  const first = cutAtQuestionWords
    ? clauses[0] && asksByWord(clauses[0], vocabulary) ? 0 : clauses.findIndex((clause, k) => k > 0 && namesSubject(clause))
    : clauses.findIndex((clause) => asksInClause(clause, vocabulary));
  if (first <= 0) return assemble([whole], [], [whole], false, mode, vocabulary);
  const preamble = clauses.slice(0, first);
  const question = fromClause(clauses, first, mode, vocabulary);
  return assemble([question], preamble, [...preamble, question], true, mode, vocabulary);
}

/**
 * The clauses from the first that asks, read together as written: what follows it may still
 * be the ask ("who is Susan Li, and where did she work before Meta?").
 */
function fromClause(clauses: readonly Part[], first: number, mode: ReadingMode, vocabulary: Vocabulary): Part {
  return read([clauses.slice(first).map((c) => c.text).join(" ")], mode, vocabulary)[0]!;
}

/** Words before a question word that can open a clause: fewer are the question's own ("Llama 4 compute how much?"). */
const MIN_PREAMBLE_WORDS = 4;

/**
 * Chat often runs context and question together without a comma ("my friend says meta spent 8
 * billion lol is that real what was the capex number"): a long clause is cut again before each
 * question word that follows a few words, so the clause that asks can be found. English only:
 * Arabic, in dialect, often puts the question word after its subject ("Llama 3 كانت كام؟").
 */
function atQuestionWords(clause: string, mode: ReadingMode, vocabulary: Vocabulary): string[] {
  const words = clause.split(/\s+/);
  if (words.length < 2 * MIN_PREAMBLE_WORDS) return [clause];
  // "is it hard to predict where models go": a yes/no question holds the question word it goes on to.
  const opensYesNo = (k: number) => {
    const [opening] = tokenize(words[k]!);
    return opening !== undefined && vocabulary.marksYesNo(opening);
  };
  const parts: string[] = [];
  let start = 0;
  let yesNo = opensYesNo(0);
  for (let k = MIN_PREAMBLE_WORDS; k < words.length - 1; k++) {
    if (yesNo || k - start < MIN_PREAMBLE_WORDS) continue;
    const tokens = tokenize(words[k]!);
    const [first] = vocabulary.resolve(tokens, mode);
    if (first?.kind !== "question" && !requests(tokens, vocabulary)) continue;
    parts.push(words.slice(start, k).join(" "));
    start = k;
    yesNo = opensYesNo(k);
  }
  parts.push(words.slice(start).join(" "));
  return parts;
}

interface Part {
  text: string;
  tokens: readonly Token[];
  features: Feature[];
}

function read(texts: readonly string[], mode: ReadingMode, vocabulary: Vocabulary): Part[] {
  return texts.map((text) => {
    const partTokens = tokenize(text);
    return { text, tokens: partTokens, features: vocabulary.resolve(partTokens, mode) };
  });
}

const namesSubject = (part: Part) => part.features.some((f) => f.kind !== "question");

/** Sentences ask when they end with a question mark, else the last one with a question word or a request ("tell me") does, else the last one. */
function inSentences(sentences: Part[], mode: ReadingMode, vocabulary: Vocabulary, greetingWords: ReadonlySet<string>): ReadQuestion {
  // "Hi, how are you? I'd like to know whether…": a greeting's question mark does not make it the ask.
  const greets = (s: Part) => s.features.every((f) => greetingWords.has(f.id));
  // "my mate says it's free?? what is llama actually": a last sentence with a question word asks
  // too, and so does one that is a yes/no question ("…no clue haha. is metas capex gonna go up").
  const final = sentences[sentences.length - 1]!;
  const asksLast = (s: Part) => s === final && (s.features.some((f) => f.kind === "question") || marksYesNo(s.tokens, vocabulary));
  let asking = sentences.filter((s) => (endsAsQuestion(s.text) || asksLast(s)) && !greets(s));
  if (asking.length === 0) {
    const last = [...sentences].reverse().find((s) => s.features.some((f) => f.kind === "question") || requests(s.tokens, vocabulary));
    // Nothing marks the ask ("…before my lecture. Sum up the article for me"): it comes last,
    // with any greeting (which is what is said when nothing is asked).
    asking = last ? [last] : sentences.filter((s) => s === final || (greets(s) && s.features.length > 0));
  }
  // "The article gives Llama 3 80 billion parameters. Is that right?": the question names no
  // subject of its own; the whole message is the question.
  // "…Meta is building capacity early. Why so, what reason did Zuckerberg give?": a question
  // that points back and names no topic of its own (a person at most) asks about the message.
  // Either way the other sentences are what is asked about, words the article does not cover
  // included ("Meta's stock jumped 10%. Why?" is about the stock).
  const pointsBack = (s: Part) => s.tokens.some((t) => vocabulary.marksRefersBack(t)) && !s.features.some((f) => f.kind === "topic" || f.kind === "word");
  if (!asking.some(namesSubject) || asking.every(pointsBack)) asking = sentences;
  const others = sentences.filter((s) => !asking.includes(s));
  // "Hello! Quick one - does Meta think it is in a race?": in the sentence that asks, the
  // clauses before the one that asks are context too.
  const texts = asking.length === 1 && others.length > 0 ? clausesOf(asking[0]!.text) : [];
  const clauses = texts.length >= 2 ? read(texts, mode, vocabulary) : [];
  const first = clauses.findIndex((clause) => asksInClause(clause, vocabulary));
  if (first > 0) {
    const preamble = [...others, ...clauses.slice(0, first)];
    const question = fromClause(clauses, first, mode, vocabulary);
    return assemble([question], preamble, [...preamble, question], false, mode, vocabulary);
  }
  return assemble(asking, others, sentences, false, mode, vocabulary);
}

/**
 * A clause asks when it has a question word, a request ("tell me", "شو") or marks a yes/no question, and names a subject.
 * Stricter than for sentences, as a comma often only pauses a question ("Llama 4, how much
 * compute will it need?").
 */
function asksInClause(clause: Part, vocabulary: Vocabulary): boolean {
  return (asksByWord(clause, vocabulary) || marksYesNo(clause.tokens, vocabulary)) && namesSubject(clause);
}

/** Whether a part has a question word or a request. */
function asksByWord({ features, tokens }: Part, vocabulary: Vocabulary): boolean {
  return features.some((f) => f.kind === "question") || requests(tokens, vocabulary);
}

/** Whether a part has a request or an interrogative kept as a stop word ("tell me", "ممكن تقولي", "قالت إيه", "wut did"). */
function requests(tokens: readonly Token[], vocabulary: Vocabulary): boolean {
  return tokens.some((t) => vocabulary.marksRequest(t));
}

/** The question from the parts that ask; the known subjects of the others are its context. */
function assemble(asking: readonly Part[], others: readonly Part[], all: readonly Part[], inSentence: boolean, mode: ReadingMode, vocabulary: Vocabulary): ReadQuestion {
  const features = dedupe(asking.flatMap((s) => s.features));
  const own = new Set(features.map((f) => f.id));
  const context = dedupe(others.flatMap((s) => s.features.filter((f) => CONTEXT_KINDS.has(f.kind) && !own.has(f.id))));
  return {
    features,
    context,
    contextInSentence: inSentence,
    text: asking.map((s) => s.text).join(" "),
    tokens: asking.flatMap((s) => s.tokens),
    sentences: all.map((s) => ({ text: s.text, asks: asking.includes(s) })),
    claims: asking.some((s) => isYesNo(s.features, s.tokens, vocabulary) || statesAsQuestion(s, mode, vocabulary)),
  };
}

/**
 * The kinds of answer a question asks for, or undefined when its words do not say (why, is
 * it, tell me about) or say it is anything (what is): any its question words ask for ("who... and where": a person,
 * or a place or an occasion), narrowed by each subject asked about by value where that leaves
 * any ("how much... in dollars": money). Without a question word, such a subject alone says
 * what is asked ("Meta's rivals by name": names).
 */
export function askedTypes(features: readonly Feature[]): ReadonlySet<string> | undefined {
  // A word that asks for no kind: "what is it?" wants whatever the article says; "where models
  // are headed" wants a trend, not a place.
  if (features.some((f) => f.asks?.length === 0)) return undefined;
  const words = features.filter((f) => f.kind === "question" && f.asks);
  const byWords = words.length ? new Set(words.flatMap((f) => f.asks!)) : undefined;
  // The kinds every subject asked about by value allows, in the first one's order of preference.
  let bySubjects: readonly string[] | undefined;
  const narrow = (asks: readonly string[]) => {
    const narrowed = bySubjects ? bySubjects.filter((type) => asks.includes(type)) : asks;
    if (narrowed.length) bySubjects = narrowed;
  };
  let ofFigure = false;
  for (const [k, subject] of features.entries()) {
    // The units of a figure state a value, they do not ask for one: "the 10x claim", "33% to $8.5B", "8.5 billion dollars".
    // A question word ends the figure: in "10x? how much $$ is that", "$$" asks for money. So
    // does a subject that is no further unit of it: in "how much did Llama 3.1 405B cost?", the
    // cost (a sum or a degree) is asked, not a unit of 405 billion.
    const previous = features[k - 1];
    ofFigure =
      subject.asks !== undefined &&
      subject.kind !== "question" &&
      (previous?.kind === "number" || (ofFigure && previous?.asks !== undefined && subject.asks.every((type) => previous.asks!.includes(type))));
    if (subject.kind !== "question" && subject.asks && !ofFigure) narrow(subject.asks);
  }
  // Then the subjects that only narrow a question word, after those that ask: in "how much did
  // they spend on servers alone?" the part asked for stands.
  if (byWords) for (const subject of features) if (subject.narrows) narrow(subject.narrows);
  if (!bySubjects) return byWords;
  if (!byWords) return new Set(bySubjects);
  // With a question word, the subjects' first kind it allows: "how much did it cost" asks for
  // money, "how much more expensive" a degree.
  // A unit that names one kind says it whatever word asks how many: "how many %" asks a percentage.
  const first = bySubjects.find((type) => byWords.has(type));
  if (first === undefined) return bySubjects.length === 1 && words.every((f) => f.asks!.includes("number")) ? new Set(bySubjects) : byWords;
  return new Set([first]);
}

/** Figures stated in a question: a number ("5", "ten", "عشرة") and the concept right after it ("x", "%", "billion"). */
export function figuresOf(features: readonly Feature[]): Array<{ value: number; unit: string }> {
  const figures: Array<{ value: number; unit: string }> = [];
  features.forEach((f, k) => {
    const next = features[k + 1];
    if (f.kind !== "number" || f.value === undefined || !next || next.kind === "number") return;
    if (Number.isFinite(f.value)) figures.push({ value: f.value, unit: next.id });
  });
  return figures;
}


/** A yes/no question: it begins or ends with a word that marks one (is, did, هل; right, صح), and has no question word. */
export function isYesNo(features: readonly Feature[], tokens: readonly Token[], vocabulary: Vocabulary): boolean {
  return !features.some((f) => f.kind === "question") && marksYesNo(tokens, vocabulary);
}

/** Words a statement asked as a question has at least: "and in Q3?" asks for a value, it claims nothing. */
const MIN_STATEMENT_WORDS = 4;

/**
 * "So he said it on the Q1 call?": a statement with a question mark claims what it says, as a
 * yes/no question does, when nothing in it asks: no question word or request, and no stop word
 * to open it, which may be one that asks («ما حجم…», "which one").
 */
function statesAsQuestion({ text, tokens, features }: Part, mode: ReadingMode, vocabulary: Vocabulary): boolean {
  return (
    endsAsQuestion(text) &&
    tokens.length >= MIN_STATEMENT_WORDS &&
    !features.some((f) => f.kind === "question") &&
    !tokens.some((t) => vocabulary.marksRequest(t)) &&
    !vocabulary.opensWithStopWord(tokens, mode)
  );
}

/** Begins or ends with a yes/no word, or ends with one and a word pointing back ("أليس كذلك", "مش كده", "isn't it"), and has no request (what, إيه). */
function marksYesNo(tokens: readonly Token[], vocabulary: Vocabulary): boolean {
  const [first, last, beforeLast] = [tokens[0], tokens[tokens.length - 1], tokens[tokens.length - 2]];
  // "What day was that?", «هو قال إيه؟» ask what, whatever their first or last words.
  if (first === undefined || last === undefined || tokens.some((t) => vocabulary.marksRequest(t))) return false;
  return vocabulary.marksYesNo(first) || vocabulary.marksYesNo(last) || (beforeLast !== undefined && vocabulary.marksRefersBack(last) && vocabulary.marksYesNo(beforeLast));
}

function dedupe(features: readonly Feature[]): Feature[] {
  const seen = new Set<string>();
  return features.filter((f) => (seen.has(f.id) ? false : (seen.add(f.id), true)));
}
