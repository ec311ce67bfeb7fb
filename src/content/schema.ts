import { z } from "zod";

/**
 * The shape of every editable content file. Curators edit JSON; these schemas validate it
 * at load (and, exported as JSON Schema, in their editor).
 */

/**
 * Limits that keep every reply within one Telegram message (4,096 characters) and the
 * content within the bot's memory. The replies put together from several texts stay within
 * one message too: the highlights are a heading and three answers; /start, the greeting and
 * the help; "I don't know", "did you mean" and three canonical questions.
 */
export const LIMITS = {
  /** A content file's size in bytes, checked before it is read. */
  fileBytes: 2 * 1024 * 1024,
  /** An id: a button's data ("fact:" and the id) must fit in Telegram's 64 bytes. */
  id: 40,
  answer: 1_000,
  title: 80,
  /** A canonical question, shown on a "did you mean" button. */
  question: 200,
  /** The bot's fixed replies... */
  message: 1_000,
  /** ...except the help and the source, which may say more. */
  longMessage: 3_000,
  /** Texts also shown in a button press's alert: Telegram shows at most 200 characters. */
  alert: 200,
  /** An example, a keyword or a lexicon term. */
  example: 500,
  /** Examples of one intent in one language. */
  examplesPerLanguage: 300,
  /** Examples of all intents together. */
  examples: 20_000,
  /**
   * Entries the words of the examples, keywords and lexicon terms make in the typo index:
   * each word with its spellings one or two letters short (a long word makes a hundred), some
   * 70 bytes each, and at /reload the old and the new index are in memory at once.
   */
  typoEntries: 500_000,
  termsPerConcept: 500,
  concepts: 5_000,
  facts: 200,
  intents: 500,
} as const;

const text = z.string().trim().min(1, "must not be empty");
const limited = (max: number, why = "") => text.max(max, `must be at most ${max.toLocaleString("en")} characters${why}`);
const id = z
  .string()
  .max(LIMITS.id, `must be at most ${LIMITS.id} characters (it travels in button data)`)
  .regex(/^[a-z0-9][a-z0-9.:-]*$/, "use lower-case letters, digits, '-', '.' or ':' only");
const listOf = (item: z.ZodString, max: number, what: string) => z.array(item).max(max, `give at most ${max.toLocaleString("en")} ${what}`);
const terms = listOf(limited(LIMITS.example), LIMITS.termsPerConcept, "terms").default([]);
/** A kind of answer: "money", "date", "who"... (declared by the lexicon's concepts, given by facts). */
const answerType = z.string().regex(/^[a-z][a-z-]*$/, "use lower-case letters and '-' only");

const languages = ["ar", "en"] as const;
export type Language = (typeof languages)[number];

/** Text in both reply languages, of at most `max` characters each. */
const bilingualOf = (max: number, why = "") => z.object({ ar: limited(max, why), en: limited(max, why) }).strict();
/** One of the bot's fixed replies, in both languages. */
export const bilingual = bilingualOf(LIMITS.message);

export const factSchema = z
  .object({
    id,
    highlight: z
      .number()
      .int()
      .min(1)
      .max(3)
      .optional()
      .describe("Position (1-3) among the article's three highlights, if it is one."),
    title: bilingualOf(LIMITS.title).describe("A short topic name, shown in lists of facts."),
    answer: bilingualOf(LIMITS.answer, " (three answers make the highlights message)").describe("A short, self-contained answer that states the figure."),
    source: limited(LIMITS.answer).describe("The sentence of data/article.ar.txt this fact comes from, copied verbatim."),
    figures: z
      .array(
        z
          .object({
            value: z.number().describe("The figure as a number: 10 for 10x, 33 for 33%, 8.5 for $8.5 billion."),
            unit: id.describe("The lexicon concept a question names its unit with: multiple (x, times, أضعاف), percent, billion."),
            format: bilingualOf(LIMITS.title).describe("How a number of this unit is written, {n} standing for it (\"{n}x\", \"{n} أضعاف\"): the correction shows both figures so."),
            period: z
              .boolean()
              .default(false)
              .describe("The figure is a value of the fact's period (capex in Q2 2024): asked of another period (\"Was capex $8.5B in Q1 too?\"), it is not given, and the question is declined rather than corrected."),
            of: limited(LIMITS.title)
              .optional()
              .describe("The period the figure is of, as a question names it, when the answer says it in other words (\"Q2 2023\" for $6.4 billion \"a year earlier\"): questions naming that period (\"How much was capex in Q2 2023?\") are the fact's too."),
          })
          .strict(),
      )
      .default([])
      .describe("The figures the answer states. A question with another figure of the same unit (\"Why does Llama 4 need 5x the compute?\") gets the answer with a correction first."),
    related: z
      .array(id)
      .max(3, "name at most three related facts")
      .default([])
      .describe("Up to three other facts a reader is most likely to ask about next, most natural first; an answer offers the first two as buttons in private chats."),
    saidIn: id
      .optional()
      .describe(
        "The fact that says who said this one and on what occasion (the announcement): a follow-up asking what this fact does not give but that one does (\"says who?\", \"where was this?\") is asked of it.",
      ),
    confirms: z
      .boolean()
      .default(true)
      .describe("Whether a yes/no question on this fact's claim may be answered \"Yes: ...\" (false where the answer corrects the article)."),
    unnamed: z
      .array(id)
      .default([])
      .describe(
        "Entity types (company, person...) or topics (data-center) the answer speaks of without naming any: Meta's rivals are of type company. A question naming one the fact does not (\"Is Google one of the rivals?\"), or asking to name the topic's (\"which data centres?\"), is not answered with it: the article does not say.",
      ),
    unexplained: z
      .array(id)
      .default([])
      .describe(
        "Topics the answer names without saying what they are (build-ahead: inference, of \"a new inference project\"). A question asking what one is (\"What exactly is an inference project?\") is not answered with it.",
      ),
    answers: z
      .array(answerType)
      .default([])
      .describe(
        "The kinds of answer this fact gives, among those the lexicon's concepts ask for (money, percentage, multiple, number, degree, date, occasion, who, place, names, breakdown: a part of a total, duration, definition: what a term is). A question that asks for a kind no candidate fact gives is declined; a question without such a word (what is, is it, tell me about) is not limited.",
      ),
  })
  .strict();

export const factsFileSchema = z
  .object({ $schema: z.string().optional(), facts: z.array(factSchema).min(1).max(LIMITS.facts, `give at most ${LIMITS.facts} facts`) })
  .strict();

export const conceptKinds = ["topic", "generic", "entity", "question", "stop", "off-topic"] as const;

export const conceptSchema = z
  .object({
    id: id.describe("Entities are named type:value, e.g. company:meta, model:llama4, quarter:q2, year:2025. A number written as a word (ten, عشرة) is named num:N and read as N."),
    kind: z
      .enum(conceptKinds)
      .describe(
        "topic: a subject word; generic: a word that says little on its own (article, company, AI); entity: a named thing that must agree with the fact; question: a question word; stop: carries no meaning; off-topic: a subject the article does not cover.",
      ),
    home: z
      .boolean()
      .optional()
      .describe("Entities only: true for what the whole article is about (Meta, Q2 2024), which agrees with every fact."),
    en: terms.describe("English words or phrases."),
    ar: terms.describe("Arabic words or phrases, any dialect; spelling variants are handled by normalisation."),
    arabizi: terms.describe("Arabic written in Latin letters and digits (7osba, kam, shu)."),
    marks: z
      .enum(["yes-no", "request", "refers-back", "also", "continues", "other", "person", "exact", "compares", "embeds", "either"])
      .optional()
      .describe(
        "Stop words only. yes-no: words that make a sentence a yes/no question where they begin or end it (is, did, هل, واش; right, صح). request: words that make a sentence or clause ask without a question word of the lexicon's own (tell me, what, قولي, شو, 2oli). refers-back: words that point to what was said before (that, it, he, ذلك, ده, da), so in a conversation the message is a follow-up. also: words that add to what was said (too, also, كمان, برضه); they refer back as well, and a company or person they come with is asked about, not a wrong premise to correct (\"Is Google building capacity too?\" is not answered \"Not Google: Meta…\"). continues: words that make a message a follow-up where they begin it (and, so, طيب, w). other: words that ask for something besides what was just answered (else, another, تاني): in a conversation the last answer's fact is not given again. person: words that ask about a person without being a question word (anyone, someone, حدا): with other, \"did anyone else speak?\" asks about a person the last answer does not name. exact: words that ask for a value, precise or rough (exactly, roughly, بالضبط, بالأرقام): \"how much exactly?\" is not answered by a fact that gives only a degree (\"sharply\"). compares: words that introduce a comparison (like, unlike, مثل, زي): an entity right after one is compared with, not asked about (\"Is Llama closed source like GPT-4?\" is about Llama). embeds: words that make the question word after them part of what is asked about (about, عن): \"What did he say about how long it takes?\" is answered by what he said of it, a degree (\"a long time\") included, while \"How long does it take?\" asks for a duration; a yes/no opening does the same for the question word it goes on to (\"is it hard to predict where models go?\"). either: words that join alternatives (or, أم, أو): \"Is capex going up or down?\" is answered with the fact, not \"Yes\".",
      ),
    afterAWord: terms
      .optional()
      .describe(
        "Stop words only: single words that are skipped as stop words when they follow a word of their clause that is not a stop word, and read as another concept's word elsewhere. Levantine «منو» after a word is «منه» (of it: «شو أكبر نسخة منو؟»), while the Gulf «منو» (who) opens its clause («منو قال؟»).",
      ),
    beforeAName: terms
      .optional()
      .describe(
        "Topics only: single words that mean this concept right before a model or quarter named with its number, and are read as they otherwise are (often stop words) elsewhere. «بعد Llama 4» is «ما بعد» (after Llama 4: the future), while «بعد» alone is a stop word («بعد شوية», in a while).",
      ),
    gender: z
      .enum(["male", "female"])
      .optional()
      .describe(
        "Person entities: the person's gender. refers-back stop words: the gender of the person they point to (he, his; she, her), so \"what is her role?\" is not answered with a fact that names only a man.",
      ),
    holder: z
      .string()
      .optional()
      .describe(
        "Topics only: the entity type of what the subject belongs to (role: person). A question with it that names no such entity (\"and what is his position?\") is about the conversation's, so in a conversation it is read as a follow-up.",
      ),
    opposite: id
      .optional()
      .describe(
        "Topics only: the concept this one contradicts (closed-source of open-source). A question with it is matched as if it said the other, and the answer opens with the correction (\"Not closed source, according to the article: …\"), never with \"Yes:\".",
      ),
    shared: z
      .boolean()
      .optional()
      .describe(
        "Topics only: true for a subject that changes what is asked so much that only an intent whose examples use it too answers well (the future: \"when will the next model come out?\" is not the release of Llama 3); other intents are lowered.",
      ),
    asks: z
      .array(answerType)
      .optional()
      .describe(
        "Question words: the kinds of answer a question with this word wants (when: date or occasion; how many: number or multiple). Subjects asked about by value: the kind their value is (release: date; parameters: number); with a question word, they narrow what it asks.",
      ),
    narrows: z
      .array(answerType)
      .optional()
      .describe(
        "Subjects only: kinds that narrow what a question word asks, as `asks` does, but that the subject does not ask for alone: \"how much will they spend?\" asks for money, while \"what does the spending mean?\" and \"will spending rise?\" ask for no kind.",
      ),
    senses: z
      .array(
        z
          .object({
            concept: id.describe("The concept the words mean in this sense."),
            when: z
              .array(z.string())
              .min(1)
              .optional()
              .describe("Concept ids or entity types (q:when, month, model) of which one, named in the question or the conversation, makes this the sense; the last sense has none: the sense otherwise."),
          })
          .strict(),
      )
      .min(2)
      .optional()
      .describe(
        "Words of two meanings, told apart by what else is said: طلع is \"came out\" (release) in a question asking when, and \"went up\" (increase) otherwise. The senses are tried in order.",
      ),
  })
  .strict();

const entityTypeList = z.array(z.string().regex(/^[a-z]+$/, "an entity type: the part of an entity id before ':'")).default([]);

/** The entity types the lexicon has: the part of each entity concept's id before ':' (model:llama4 → model). */
export function entityTypesOf(concepts: ReadonlyArray<Pick<Concept, "id" | "kind">>): Set<string> {
  return new Set(concepts.flatMap((c) => (c.kind === "entity" && c.id.includes(":") ? [c.id.slice(0, c.id.indexOf(":"))] : [])));
}

export const lexiconFileSchema = z
  .object({
    $schema: z.string().optional(),
    mustAgree: entityTypeList
      .describe(
        "Entity types whose value must agree between a question and a fact (model, company, quarter, year): a question about Llama 2, Amazon or Q3 is never answered with a fact about Llama 3, Meta or Q2. People are not among them: facts name several.",
      ),
    correctable: entityTypeList
      .describe(
        "Entity types a yes/no or why-question may get wrong and be corrected rather than declined: \"Did he say it on the Q3 call?\" is answered \"Not Q3, according to the article: ...\" when the article names no Q3 at all (a type that must agree), \"Was it Susan Li who said it?\" with \"Not Susan Li...\" when the fact names another person (one that need not). An intent has only the entities of these types its fact's answer names: an example putting another to it is a premise to correct.",
      ),
    periods: entityTypeList
      .describe(
        "Entity types that each say when (quarter, year, month): a follow-up naming one (\"and in Q2?\") replaces the conversation's period of every such type, not only of its own.",
      ),
    sequences: z
      .array(
        z
          .object({
            order: z.array(z.string().regex(/^[a-z]+:[a-z0-9.-]+$/, "an entity id, type:value (model:llama3)")).min(2),
            before: z.array(id).min(1).describe("Concepts that ask for the one before (before, previous, قبله)."),
            after: z.array(id).min(1).describe("Concepts that ask for the one after (next, after, بعده)."),
            about: z
              .array(id)
              .default([])
              .describe("Subjects a question asking for the one before or after may name besides (version, release, parameters): a question with any other (\"why prepare before it's due?\") is no step."),
            beyond: id
              .optional()
              .describe("The fact about the ones to come after the last (future models): \"and after Llama 4?\" is asked of it."),
          })
          .strict(),
      )
      .default([])
      .describe(
        "Entities in their order (the Llamas, oldest first): in a conversation about one, \"and the version before it?\" asks about the one before it, \"and the next?\" the one after.",
      ),
    concepts: z.array(conceptSchema).min(1).max(LIMITS.concepts, `give at most ${LIMITS.concepts.toLocaleString("en")} concepts`) })
  .strict()
  .refine((file) => file.correctable.every((type) => entityTypesOf(file.concepts).has(type)), {
    message: "every correctable type must be the type of some entity concept (the part of its id before ':')",
    path: ["correctable"],
  })
  .refine((file) => file.concepts.every((c) => c.holder === undefined || entityTypesOf(file.concepts).has(c.holder)), {
    message: "every holder must be the type of some entity concept (the part of its id before ':')",
    path: ["concepts"],
  })
  .refine((file) => file.periods.every((type) => entityTypesOf(file.concepts).has(type)), {
    message: "every period type must be the type of some entity concept (the part of its id before ':')",
    path: ["periods"],
  })
  .refine((file) => file.sequences.every((s) => [...s.before, ...s.after, ...s.about].every((c) => file.concepts.some((concept) => concept.id === c))), {
    message: "every concept a sequence's before, after or about names must be a concept of the lexicon",
    path: ["sequences"],
  });

/**
 * The fixed replies. repeat: "say that again more simply", answered with the conversation's
 * last fact again (with none, "about which part?").
 */
export const conversationReplies = ["greeting", "thanks", "help", "summary", "repeat"] as const;

const exampleList = listOf(limited(LIMITS.example), LIMITS.examplesPerLanguage, "examples per language");
const examples = z
  .object({
    en: exampleList.min(3, "give at least 3 English examples"),
    ar: exampleList.min(3, "give at least 3 Arabic examples"),
    arabizi: exampleList.default([]),
  })
  .strict();

export const intentSchema = z
  .object({
    id,
    fact: id.optional().describe("The fact this intent answers with."),
    reply: z.enum(conversationReplies).optional().describe("For conversation intents: the kind of reply."),
    message: z
      .string()
      .optional()
      .describe("For conversation intents: the message of data/messages.json to reply with, when not the one named like its kind (the Islamic greeting is answered in kind: \"salam\")."),
    question: bilingualOf(LIMITS.question).describe("The canonical question, offered as a 'did you mean' suggestion."),
    examples: examples.describe("Ways people ask this, in English, Arabic (MSA and dialects) and Arabizi."),
    keywords: z
      .object({ en: terms, ar: terms, arabizi: terms })
      .strict()
      .optional()
      .describe("Extra words that point to this intent."),
  })
  .strict()
  .refine((intent) => (intent.fact === undefined) !== (intent.reply === undefined), {
    message: "give exactly one of 'fact' or 'reply'",
    path: ["fact"],
  });

export const intentsFileSchema = z
  .object({ $schema: z.string().optional(), intents: z.array(intentSchema).min(1).max(LIMITS.intents, `give at most ${LIMITS.intents} intents`) })
  .strict();

export const messagesFileSchema = z
  .object({
    $schema: z.string().optional(),
    dontKnow: bilingual,
    didYouMean: bilingual,
    greeting: bilingual,
    thanks: bilingual,
    help: bilingualOf(LIMITS.longMessage),
    highlightsTitle: bilingual,
    empty: bilingual.describe("Reply to a message with nothing to read (a sticker, a photo, emoji only)."),
    source: bilingualOf(LIMITS.longMessage).describe("Reply to /source: what the article is, where it is from, its date as it gives it."),
    factsTitle: bilingual,
    langSet: bilingual.describe("Reply to /lang, in the language just chosen."),
    langUsage: bilingual,
    langCurrent: bilingual.describe("Reply to /lang without a language, when one is chosen: {lang} is its name (languageName)."),
    langAuto: bilingual.describe("Reply to /lang without a language, when none is chosen (each question's own)."),
    languageName: bilingualOf(LIMITS.title).describe("Each language's name in itself (\"English\", \"العربية\"): the buttons that choose it."),
    groupLangCurrent: bilingual.describe("A group admin's /lang without a language: {lang} is the language announcements are posted in there."),
    openBot: bilingualOf(LIMITS.title).describe("The button an inline query that matches no fact offers instead: it opens a chat with the bot."),
    buttonOn: bilingualOf(LIMITS.title).describe("The button that turns a group's announcements on."),
    buttonOff: bilingualOf(LIMITS.title).describe("The button that turns a group's announcements off."),
    askUsage: bilingual.describe("Reply to /ask without a question."),
    staleButton: bilingualOf(LIMITS.alert, " (it is shown in a button's alert)").describe("Answer to a button press the bot no longer understands."),
    notAllowed: bilingualOf(LIMITS.alert, " (it is shown in a button's alert)").describe("Polite refusal of an admin command to someone who may not use it."),
    privateOnly: bilingual.describe("An admin command of the bot's admins sent in a group: it works in a private chat."),
    groupLangSet: bilingual.describe("A group admin set the group's language (/lang in a group), in that language."),
    groupAnnouncementsOn: bilingual,
    groupAnnouncementsOff: bilingual,
    groupAnnouncementsUsage: bilingual.describe("Reply to /announcements in a group without on or off."),
    salam: bilingual.describe("Reply to the Islamic greeting (السلام عليكم): answered in kind."),
    yes: bilingual.describe("What opens the answer to a yes/no question the fact confirms (\"Yes: \")."),
    correction: bilingual.describe("What opens the answer to a question with a wrong figure: {article} is the fact's figure, {asked} the question's."),
    premise: bilingual.describe("What opens the answer to a yes/no or why-question naming a quarter or year the article never mentions, or a person other than the fact's: {asked} is what it named (\"Not Q3, according to the article: \")."),
    clarify: bilingual.describe("Reply to a message with a question word but no subject (\"why?\", \"ليش؟\"): which part? The topics follow as buttons."),
    settingNotSaved: bilingual.describe("A setting (/lang, /announcements) could not be saved: the store cannot be written."),
    description: bilingualOf(512, " (Telegram's limit for a bot's description)").describe("The bot's description, shown in an empty chat before /start (setMyDescription)."),
    shortDescription: bilingualOf(120, " (Telegram's limit for a bot's short description)").describe("The bot's short description, on its profile and when it is shared (setMyShortDescription)."),
    buttonHighlights: bilingualOf(LIMITS.title).describe("/start's button that shows the highlights."),
    buttonTopics: bilingualOf(LIMITS.title).describe("/start's button that lists the topics."),
    buttonAskElsewhere: bilingualOf(LIMITS.title).describe("/start's button that opens inline mode in another chat."),
    groupIntro: bilingual.describe("What the bot says when added to a group: how to ask there. {mention} is groupIntroMention where the bot reads every message (privacy mode off), else empty."),
    groupIntroMention: bilingual.describe("The part of groupIntro for a bot that reads every message: {bot} is its @username."),
    channelIntro: bilingual.describe("What the bot says when it may post in a channel."),
    slowDown: bilingualOf(LIMITS.alert, " (it is also shown in a button's alert)").describe("Sent once to a user asking faster than the flood limit allows; their questions are ignored until the window passes."),
    alreadyAnswered: bilingual.describe("Reply in a group to a question answered there a moment ago, as a reply to the earlier answer's link: {link} is that link (or empty where a group has no message links)."),
  })
  .strict();

export type Fact = z.infer<typeof factSchema>;
export type Concept = z.infer<typeof conceptSchema>;
export type Intent = z.infer<typeof intentSchema>;
export type Messages = Omit<z.infer<typeof messagesFileSchema>, "$schema">;

/** Validated, cross-checked content, immutable once loaded. */
export interface Content {
  readonly article: Readonly<z.infer<typeof bilingual>>;
  readonly facts: readonly Fact[];
  readonly concepts: readonly Concept[];
  /** Entity types that must agree between a question and a fact (the lexicon's mustAgree). */
  readonly mustAgree: readonly string[];
  /** The entity types a question may state wrongly and be corrected (the lexicon's correctable). */
  readonly correctable: readonly string[];
  /** The entity types that each say when (the lexicon's periods). */
  readonly periods: readonly string[];
  /** Entities in their order, and the concepts that ask for the one before or after (the lexicon's sequences). */
  readonly sequences: ReadonlyArray<{
    readonly order: readonly string[];
    readonly before: readonly string[];
    readonly after: readonly string[];
    readonly about: readonly string[];
    readonly beyond?: string | undefined;
  }>;
  readonly intents: readonly Intent[];
  readonly messages: Readonly<Messages>;
}
