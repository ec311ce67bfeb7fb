import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { z } from "zod";
import { normalizeText } from "../matching/normalize.js";
import { tokenizeTerm } from "../matching/tokenize.js";
import { entriesFor } from "../matching/typo-index.js";
import { wordKey } from "../matching/vocabulary.js";
import {
  conversationReplies,
  LIMITS,
  factsFileSchema,
  intentsFileSchema,
  entityTypesOf,
  lexiconFileSchema,
  messagesFileSchema,
  type Concept,
  type Content,
  type Fact,
  type Intent,
  type Messages,
} from "./schema.js";

/** Where each content file lives, relative to the project root. */
export const CONTENT_FILES = {
  articleAr: "data/article.ar.txt",
  articleEn: "data/article.en.txt",
  facts: "data/facts.json",
  messages: "data/messages.json",
  lexicon: "intents/lexicon.json",
  intents: "intents/intents.json",
} as const;

/** Every problem found in the content, each naming the file, the entry and the field. */
export class ContentError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid content (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ContentError";
  }
}

type Problems = string[];

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * A file's text. Its size is checked before it is read: a file far larger than any real
 * content would exhaust the bot's memory (at start, or at /reload while the old content
 * serves). A UTF-8 byte order mark, which some editors write, is dropped.
 */
function readText(root: string, file: string, problems: Problems): string | undefined {
  try {
    const path = join(root, file);
    const { size } = statSync(path);
    if (size > LIMITS.fileBytes) {
      problems.push(`${file}: the file is ${megabytes(size)}, more than the ${megabytes(LIMITS.fileBytes)} content files may have`);
      return undefined;
    }
    const text = readFileSync(path, "utf8").replace(/^\uFEFF/, "");
    if (!text.trim()) problems.push(`${file}: the file is empty`);
    return text;
  } catch (error) {
    problems.push(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    return undefined;
  }
}

/** "facts[3].answer.en" → entry `"llama4-compute" (facts[3])`, field `answer.en`. */
function describeIssue(file: string, issue: z.core.$ZodIssue, data: unknown): string {
  const path = issue.path.map(String);
  const [list, index, ...field] = path;
  if (list !== undefined && index !== undefined && /^\d+$/.test(index)) {
    const entry = (data as Record<string, unknown[]>)[list]?.[Number(index)] as { id?: unknown } | undefined;
    const name = typeof entry?.id === "string" ? `"${entry.id}" (${list}[${index}])` : `${list}[${index}]`;
    return `${file}: entry ${name}, field ${field.join(".") || "(the entry itself)"}: ${issue.message}`;
  }
  return `${file}: field ${path.join(".") || "(top level)"}: ${issue.message}`;
}

function readJson<T>(root: string, file: string, schema: z.ZodType<T>, problems: Problems): T | undefined {
  const text = readText(root, file, problems);
  if (text === undefined) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    problems.push(`${file}: is not valid JSON (${(error as Error).message})`);
    return undefined;
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(describeIssue(file, issue, data));
    return undefined;
  }
  return parsed.data;
}

function duplicates(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  return ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
}

const squash = (text: string) => text.replace(/\s+/g, " ").trim();

function checkFacts(facts: readonly Fact[], articleAr: string, problems: Problems): void {
  const file = CONTENT_FILES.facts;
  for (const id of duplicates(facts.map((f) => f.id))) problems.push(`${file}: entry "${id}", field id: the id is used twice`);
  const article = squash(articleAr);
  facts.forEach((fact, i) => {
    if (!article.includes(squash(fact.source)))
      problems.push(`${file}: entry "${fact.id}" (facts[${i}]), field source: not found verbatim in ${CONTENT_FILES.articleAr}`);
    fact.related.forEach((related, k) => {
      const where = `${file}: entry "${fact.id}" (facts[${i}]), field related[${k}]`;
      if (related === fact.id) problems.push(`${where}: a fact is not related to itself`);
      else if (!facts.some((f) => f.id === related)) problems.push(`${where}: no fact has the id "${related}"`);
      else if (fact.related.indexOf(related) !== k) problems.push(`${where}: "${related}" is named twice`);
    });
    if (fact.saidIn !== undefined && (fact.saidIn === fact.id || !facts.some((f) => f.id === fact.saidIn)))
      problems.push(`${file}: entry "${fact.id}" (facts[${i}]), field saidIn: ${fact.saidIn === fact.id ? "a fact is not said in itself" : `no fact has the id "${fact.saidIn}"`}`);
  });
  const positions = facts.flatMap((f) => (f.highlight === undefined ? [] : [f.highlight])).sort();
  if (positions.join(",") !== "1,2,3")
    problems.push(`${file}: field highlight: exactly three facts must be highlights 1, 2 and 3 (found: ${positions.join(", ") || "none"})`);
}

function checkIntents(intents: readonly Intent[], facts: readonly Fact[], problems: Problems): void {
  const file = CONTENT_FILES.intents;
  for (const id of duplicates(intents.map((i) => i.id))) problems.push(`${file}: entry "${id}", field id: the id is used twice`);
  const factIds = new Set(facts.map((f) => f.id));
  intents.forEach((intent, i) => {
    if (intent.fact !== undefined && !factIds.has(intent.fact))
      problems.push(`${file}: entry "${intent.id}" (intents[${i}]), field fact: no fact "${intent.fact}" in ${CONTENT_FILES.facts}`);
  });
  const examples = intents.reduce((n, i) => n + i.examples.en.length + i.examples.ar.length + i.examples.arabizi.length, 0);
  if (examples > LIMITS.examples)
    problems.push(`${file}: field examples: ${examples.toLocaleString("en")} examples in all, more than the ${LIMITS.examples.toLocaleString("en")} the bot takes`);
  const answered = new Set(intents.map((i) => i.fact));
  for (const fact of facts)
    if (!answered.has(fact.id)) problems.push(`${file}: no intent answers fact "${fact.id}" (add one with "fact": "${fact.id}")`);
  const replies = new Set(intents.map((i) => i.reply));
  for (const reply of conversationReplies)
    if (!replies.has(reply)) problems.push(`${file}: no intent has "reply": "${reply}"`);
}

/** How a one-word term is looked up, keyed as the vocabulary keys it (chat spellings expanded). */
function lookupKey(term: string, language: "en" | "ar" | "arabizi"): string | undefined {
  const tokens = tokenizeTerm(term);
  if (tokens.length !== 1) return undefined;
  return language === "ar" ? `ar:${wordKey(tokens[0]!.text, "arabic")}` : `latin:${wordKey(tokens[0]!.text, "latin")}`;
}

/**
 * A term of a concept that a stop word hides is dead: the word is dropped before it is looked
 * up ("y" as a stop word is "why", which then never asks why). English stop words apply to
 * English and Arabizi questions, Arabizi ones to Arabizi, Arabic ones to Arabic.
 */
function checkShadowedTerms(concepts: readonly Concept[], problems: Problems): void {
  const stops = { en: new Map<string, string>(), ar: new Map<string, string>(), arabizi: new Map<string, string>() };
  for (const concept of concepts)
    if (concept.kind === "stop")
      for (const language of ["en", "ar", "arabizi"] as const)
        for (const term of concept[language]) {
          const key = lookupKey(term, language);
          if (key && !stops[language].has(key)) stops[language].set(key, `"${term}" of "${concept.id}"`);
        }
  concepts.forEach((concept, i) => {
    if (concept.kind === "stop") return;
    for (const language of ["en", "ar", "arabizi"] as const)
      concept[language].forEach((term, k) => {
        const key = lookupKey(term, language);
        const stop = key && (stops[language].get(key) ?? (language === "arabizi" ? stops.en.get(key) : undefined));
        if (stop)
          problems.push(`${CONTENT_FILES.lexicon}: entry "${concept.id}" (concepts[${i}]), field ${language}[${k}]: "${term}" is read as the stop word ${stop}, so it is never looked up: remove one of them`);
      });
  });
}

function checkLexicon(concepts: readonly Concept[], problems: Problems): void {
  const file = CONTENT_FILES.lexicon;
  checkShadowedTerms(concepts, problems);
  for (const id of duplicates(concepts.map((c) => c.id))) problems.push(`${file}: entry "${id}", field id: the id is used twice`);
  const owner = new Map<string, { id: string; term: string }>();
  concepts.forEach((concept, i) => {
    const name = `"${concept.id}" (concepts[${i}])`;
    if (concept.home !== undefined && concept.kind !== "entity")
      problems.push(`${file}: entry ${name}, field home: only entities can be home entities`);
    if (concept.kind === "entity" && !concept.id.includes(":"))
      problems.push(`${file}: entry ${name}, field id: an entity id is type:value, e.g. company:meta`);
    for (const language of ["en", "ar", "arabizi"] as const) {
      concept[language].forEach((term, k) => {
        const tokens = tokenizeTerm(term);
        const wanted = language === "ar" ? "arabic" : "latin";
        if (tokens.length === 0 || tokens.some((t) => t.kind !== wanted)) {
          problems.push(
            `${file}: entry ${name}, field ${language}[${k}]: "${term}" must be ${language === "ar" ? "Arabic" : "Latin"} words only (no digits alone, no Llama versions or quarters: those are recognised automatically)`,
          );
          return;
        }
        // One spelling must mean one thing, or matching would depend on file order; spellings
        // are compared as questions' words are looked up ("called" is read as "call").
        const script = language === "ar" ? "arabic" : language === "en" ? "latin" : "arabizi";
        const read = tokens.map((t) => wordKey(t.text, script)).join(" ");
        const key = `${wanted === "arabic" ? "ar" : language}:${read}`;
        const previous = owner.get(key);
        if (previous !== undefined && previous.id !== concept.id && concept.kind !== "stop")
          problems.push(
            `${file}: entry ${name}, field ${language}[${k}]: "${term}" is already a term of "${previous.id}"${previous.term === term ? "" : ` (as "${previous.term}": both are read as "${read}")`}`,
          );
        else owner.set(key, { id: concept.id, term });
      });
    }
  });
  checkSenses(concepts, problems);
}

/** Each sense names a concept without senses of its own; the last sense, and only it, has no `when`. */
function checkSenses(concepts: readonly Concept[], problems: Problems): void {
  const byId = new Map(concepts.map((c) => [c.id, c]));
  concepts.forEach((concept, i) =>
    concept.senses?.forEach((sense, k) => {
      const where = `${CONTENT_FILES.lexicon}: entry "${concept.id}" (concepts[${i}]), field senses[${k}]`;
      const target = byId.get(sense.concept);
      if (!target) problems.push(`${where}.concept: no concept "${sense.concept}"`);
      else if (target.senses) problems.push(`${where}.concept: "${sense.concept}" has senses of its own`);
      const last = k === concept.senses!.length - 1;
      if (last !== (sense.when === undefined)) problems.push(`${where}.when: ${last ? "the last sense is the one otherwise, without when" : "only the last sense may have no when"}`);
    }),
  );
}

/** A figure's unit must be a concept of the lexicon, its text must state it, and the correction must name both figures; an unnamed type must be the type of some lexicon entity, or a topic. */
function checkFigures(facts: readonly Fact[], concepts: readonly Concept[], messages: Messages | undefined, problems: Problems): void {
  const ids = new Set(concepts.map((c) => c.id));
  facts.forEach((fact, i) =>
    fact.figures.forEach((figure, k) => {
      const where = `${CONTENT_FILES.facts}: entry "${fact.id}" (facts[${i}]), field figures[${k}]`;
      if (!ids.has(figure.unit)) problems.push(`${where}.unit: no concept "${figure.unit}" in ${CONTENT_FILES.lexicon}`);
      for (const lang of ["en", "ar"] as const)
        if (!figure.format[lang].includes("{n}")) problems.push(`${where}.format.${lang}: must contain {n}, where the number goes`);
    }),
  );
  const entityTypes = entityTypesOf(concepts);
  const topics = new Set(concepts.flatMap((c) => (c.kind === "topic" ? [c.id] : [])));
  facts.forEach((fact, i) =>
    fact.unnamed.forEach((type, k) => {
      if (!entityTypes.has(type) && !topics.has(type))
        problems.push(
          `${CONTENT_FILES.facts}: entry "${fact.id}" (facts[${i}]), field unnamed[${k}]: no entity of type "${type}" nor topic "${type}" in ${CONTENT_FILES.lexicon} (entities are named type:value)`,
        );
    }),
  );
  facts.forEach((fact, i) =>
    fact.unexplained.forEach((topic, k) => {
      if (!topics.has(topic))
        problems.push(`${CONTENT_FILES.facts}: entry "${fact.id}" (facts[${i}]), field unexplained[${k}]: no topic "${topic}" in ${CONTENT_FILES.lexicon}`);
    }),
  );
  if (messages)
    for (const lang of ["en", "ar"] as const)
      if (!messages.correction[lang].includes("{article}") || !messages.correction[lang].includes("{asked}"))
        problems.push(`${CONTENT_FILES.messages}: field correction.${lang}: must contain {article} and {asked}`);
  concepts.forEach((concept, i) => {
    if (concept.opposite !== undefined) {
      const other = concepts.find((c) => c.id === concept.opposite);
      if (concept.kind !== "topic" || other?.kind !== "topic")
        problems.push(`${CONTENT_FILES.lexicon}: entry "${concept.id}" (concepts[${i}]), field opposite: ${other ? "a topic is the opposite of a topic only" : `no concept "${concept.opposite}"`}`);
    }
    if (concept.gender !== undefined && !concept.id.startsWith("person:") && concept.marks !== "refers-back")
      problems.push(`${CONTENT_FILES.lexicon}: entry "${concept.id}" (concepts[${i}]), field gender: only a person (person:…) or a word that refers back (he, she) has a gender`);
    if (concept.shared && concept.kind !== "topic")
      problems.push(`${CONTENT_FILES.lexicon}: entry "${concept.id}" (concepts[${i}]), field shared: only a topic is shared`);
    if (concept.marks !== undefined && concept.kind !== "stop")
      problems.push(`${CONTENT_FILES.lexicon}: entry "${concept.id}" (concepts[${i}]), field marks: only stop words mark a yes/no question, a request, a reference back or a continuation`);
  });
}

/** A conversation intent's own message must be one of data/messages.json; a fact intent has none. */
function checkReplyMessages(intents: readonly Intent[], messages: Readonly<Record<string, unknown>>, problems: Problems): void {
  intents.forEach((intent, i) => {
    if (intent.message === undefined) return;
    const where = `${CONTENT_FILES.intents}: entry "${intent.id}" (intents[${i}]), field message`;
    if (intent.reply === undefined) problems.push(`${where}: only a conversation intent (with "reply") has its own message`);
    else if (intent.message === "$schema" || !(intent.message in messages)) problems.push(`${where}: no message "${intent.message}" in ${CONTENT_FILES.messages}`);
  });
}

/** A sequence's fact beyond the last one must be a fact. */
function checkSequences(sequences: Content["sequences"], facts: readonly Fact[], problems: Problems): void {
  sequences.forEach(({ beyond }, i) => {
    if (beyond !== undefined && !facts.some((f) => f.id === beyond))
      problems.push(`${CONTENT_FILES.lexicon}: entry sequences[${i}], field beyond: no fact has the id "${beyond}"`);
  });
}

/** A fact's kinds of answer must be ones some concept asks for: any other would never be asked (a typo, say). */
function checkAnswerTypes(facts: readonly Fact[], concepts: readonly Concept[], problems: Problems): void {
  const asked = new Set(concepts.flatMap((c) => c.asks ?? []));
  facts.forEach((fact, i) =>
    fact.answers.forEach((type, k) => {
      if (!asked.has(type))
        problems.push(
          `${CONTENT_FILES.facts}: entry "${fact.id}" (facts[${i}]), field answers[${k}]: no concept of ${CONTENT_FILES.lexicon} asks for "${type}" (kinds asked: ${[...asked].sort().join(", ")})`,
        );
    }),
  );
}

/** What the content's words would take in the typo index: measured before it is built, which costs far more. */
function checkVocabulary(intents: readonly Intent[], concepts: readonly Concept[], problems: Problems): void {
  const words = new Set<string>();
  const add = (texts: readonly string[]) => {
    for (const text of texts) for (const word of normalizeText(text).split(" ")) words.add(word);
  };
  for (const intent of intents) {
    for (const texts of [intent.examples.en, intent.examples.ar, intent.examples.arabizi]) add(texts);
    if (intent.keywords) for (const texts of [intent.keywords.en, intent.keywords.ar, intent.keywords.arabizi]) add(texts);
  }
  for (const concept of concepts) for (const texts of [concept.en, concept.ar, concept.arabizi]) add(texts);
  let entries = 0;
  for (const word of words) entries += entriesFor(word);
  if (entries > LIMITS.typoEntries)
    problems.push(
      `${CONTENT_FILES.intents} and ${CONTENT_FILES.lexicon}: the ${words.size.toLocaleString("en")} different words of the examples, keywords and terms make ${entries.toLocaleString("en")} entries in the typo index, more than the ${LIMITS.typoEntries.toLocaleString("en")} the bot's memory allows (use fewer or shorter different words)`,
    );
}

/**
 * Reads, validates and cross-checks every content file under `root`. Throws a ContentError
 * listing every problem; nothing partial is ever returned.
 */
export function loadContent(root: string): Content {
  const problems: Problems = [];
  const articleAr = readText(root, CONTENT_FILES.articleAr, problems);
  const articleEn = readText(root, CONTENT_FILES.articleEn, problems);
  const factsFile = readJson(root, CONTENT_FILES.facts, factsFileSchema, problems);
  const messagesFile = readJson(root, CONTENT_FILES.messages, messagesFileSchema, problems);
  const lexiconFile = readJson(root, CONTENT_FILES.lexicon, lexiconFileSchema, problems);
  const intentsFile = readJson(root, CONTENT_FILES.intents, intentsFileSchema, problems);

  if (factsFile && articleAr !== undefined) checkFacts(factsFile.facts, articleAr, problems);
  if (intentsFile && factsFile) checkIntents(intentsFile.intents, factsFile.facts, problems);
  if (lexiconFile) checkLexicon(lexiconFile.concepts, problems);
  if (intentsFile && lexiconFile) checkVocabulary(intentsFile.intents, lexiconFile.concepts, problems);
  if (factsFile && lexiconFile) checkAnswerTypes(factsFile.facts, lexiconFile.concepts, problems);
  if (factsFile && lexiconFile) checkSequences(lexiconFile.sequences, factsFile.facts, problems);
  if (intentsFile && messagesFile) checkReplyMessages(intentsFile.intents, messagesFile, problems);
  if (factsFile && lexiconFile) checkFigures(factsFile.facts, lexiconFile.concepts, messagesFile, problems);
  if (problems.length > 0 || !factsFile || !messagesFile || !lexiconFile || !intentsFile || !articleAr || !articleEn)
    throw new ContentError(problems);

  const { $schema: _ignored, ...messages } = messagesFile;
  return deepFreeze({
    article: { ar: articleAr.trim(), en: articleEn.trim() },
    facts: factsFile.facts,
    concepts: lexiconFile.concepts,
    mustAgree: lexiconFile.mustAgree,
    correctable: lexiconFile.correctable,
    periods: lexiconFile.periods,
    sequences: lexiconFile.sequences,
    intents: intentsFile.intents,
    messages,
  });
}

/** The value and everything in it made read-only (content as loaded, or read back from a compiled index). */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
