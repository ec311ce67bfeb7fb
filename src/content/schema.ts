import { z } from "zod";

/**
 * The shape of every editable content file. Curators edit JSON; these schemas validate it
 * at load (and, exported as JSON Schema, in their editor).
 */

const text = z.string().trim().min(1, "must not be empty");
const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.:-]*$/, "use lower-case letters, digits, '-', '.' or ':' only");
const terms = z.array(text).default([]);

const languages = ["ar", "en"] as const;
export type Language = (typeof languages)[number];

/** Text in both reply languages. */
export const bilingual = z.object({ ar: text, en: text }).strict();

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
    title: bilingual.describe("A short topic name, shown in lists of facts."),
    answer: bilingual.describe("A short, self-contained answer that states the figure."),
    source: text.describe("The sentence of data/article.ar.txt this fact comes from, copied verbatim."),
  })
  .strict();

export const factsFileSchema = z
  .object({ $schema: z.string().optional(), facts: z.array(factSchema).min(1) })
  .strict();

export const conceptKinds = ["topic", "generic", "entity", "question", "stop", "off-topic"] as const;

export const conceptSchema = z
  .object({
    id: id.describe("Entities are named type:value, e.g. company:meta, model:llama4, quarter:q2, year:2025."),
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
  })
  .strict();

export const lexiconFileSchema = z
  .object({ $schema: z.string().optional(), concepts: z.array(conceptSchema).min(1) })
  .strict();

export const conversationReplies = ["greeting", "thanks", "help", "summary"] as const;

const examples = z
  .object({
    en: z.array(text).min(3, "give at least 3 English examples"),
    ar: z.array(text).min(3, "give at least 3 Arabic examples"),
    arabizi: terms,
  })
  .strict();

export const intentSchema = z
  .object({
    id,
    fact: id.optional().describe("The fact this intent answers with."),
    reply: z.enum(conversationReplies).optional().describe("For conversation intents: the kind of reply."),
    question: bilingual.describe("The canonical question, offered as a 'did you mean' suggestion."),
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
  .object({ $schema: z.string().optional(), intents: z.array(intentSchema).min(1) })
  .strict();

export const messagesFileSchema = z
  .object({
    $schema: z.string().optional(),
    dontKnow: bilingual,
    didYouMean: bilingual,
    greeting: bilingual,
    thanks: bilingual,
    help: bilingual,
    highlightsTitle: bilingual,
    empty: bilingual.describe("Reply to a message with nothing to read (a sticker, a photo, emoji only)."),
    source: bilingual.describe("Reply to /source: what the article is, where it is from, its date as it gives it."),
    factsTitle: bilingual,
    langSet: bilingual.describe("Reply to /lang, in the language just chosen."),
    langUsage: bilingual,
    askUsage: bilingual.describe("Reply to /ask without a question."),
    staleButton: bilingual.describe("Answer to a button press the bot no longer understands."),
    notAllowed: bilingual.describe("Polite refusal of an admin command to someone who may not use it."),
    privateOnly: bilingual.describe("An admin command of the bot's admins sent in a group: it works in a private chat."),
    groupLangSet: bilingual.describe("A group admin set the group's language (/lang in a group), in that language."),
    groupAnnouncementsOn: bilingual,
    groupAnnouncementsOff: bilingual,
    groupAnnouncementsUsage: bilingual.describe("Reply to /announcements in a group without on or off."),
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
  readonly intents: readonly Intent[];
  readonly messages: Readonly<Messages>;
}
