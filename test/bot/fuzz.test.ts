import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Chat, MessageEntity, Update, User } from "grammy/types";
import { afterAll, describe, expect, it } from "vitest";
import { BotApiServer, TEST_TOKEN, type RecordedCall } from "../support/bot-api-server.js";
import { BotProcess } from "../support/bot-process.js";
import { content, repoRoot } from "../support/content.js";
import { loneSurrogates, parseTelegramHtml, telegramHtmlProblems, visibleLength } from "../support/telegram-html.js";
import { alice, karim, olivia } from "../support/updates.js";

/**
 * A seeded fuzz test of the real bot, end to end: a few thousand malformed and odd updates
 * (huge, empty, bidi, control and lone-surrogate texts, forged buttons, unknown update types,
 * messages without a sender or a chat...) go to the unmodified bot over HTTP; then every
 * update that deserves an answer must have had one, every message sent must be one Telegram
 * accepts, and the bot must still be running, with nothing but JSON in its logs.
 *
 * FUZZ_SEED and FUZZ_UPDATES change the seed and the number of updates (the seed is printed,
 * so a failure can be replayed).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed_2024) >>> 0;
const UPDATES = Number(process.env.FUZZ_UPDATES ?? 10_000);
/** Telegram's limits: a message's text as shown, an answerCallbackQuery notification. */
const MAX_MESSAGE_CHARS = 4_096;
const MAX_CALLBACK_ANSWER_CHARS = 200;
/** How much the bot's RSS may grow over the run. */
const MAX_RSS_GROWTH_MB = 60;

// ---------------------------------------------------------------- the random source

/** mulberry32: a small, fast PRNG with a 32-bit state; the same seed gives the same run. */
class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One of the entries, each as likely as its weight. */
  weighted<T>(entries: ReadonlyArray<readonly [number, T]>): T {
    const total = entries.reduce((sum, [w]) => sum + w, 0);
    let at = this.next() * total;
    for (const [weight, value] of entries) if ((at -= weight) < 0) return value;
    return entries[entries.length - 1]![1];
  }
}

// ---------------------------------------------------------------- odd texts

const QUESTIONS = readFileSync(join(repoRoot, "test/eval/dev.jsonl"), "utf8")
  .split("\n")
  .filter((line) => line.trim())
  .map((line) => (JSON.parse(line) as { q: string }).q);

const EMOJI = ["😀", "🔥", "👍🏽", "👨‍👩‍👧‍👦", "🇸🇦", "🇪🇬", "❤️", "🤖", "🦙", "💰", "📈", "🧠", "✨", "🙏🏻", "😂", "🏳️‍🌈", "1️⃣", "©️"];
const BIDI = ["\u202E", "\u202D", "\u202A", "\u202B", "\u202C", "\u200E", "\u200F", "\u2066", "\u2067", "\u2068", "\u2069", "\u061C"];
const ZERO_WIDTH = ["\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD"];
const CONTROL = Array.from({ length: 32 }, (_, code) => String.fromCharCode(code)); // U+0000 to U+001F
const WHITESPACE = [" ", "\t", "\n", "\r\n", "\u00A0", "\u2003", "\u3000", "\u2028", "\u202F", "\u1680"];
/** Surrogates without their pair: no Telegram client can send one, JSON can carry them. */
const LONE_SURROGATES = ["\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\uD83D", "\uDE00\uD83D"];
const ARABIC = [
  "كَمْ بَلَغَتِ النَّفَقَاتُ الرَّأْسِمَالِيَّةُ فِي الرُّبْعِ الثَّانِي؟",
  "مَا هُوَ لَامَا ٤؟",
  "كم ضعف الحوسبة التي يحتاجها لاما ٤؟",
  "مين سوزان لي؟",
  "شو قال زوكربيرغ عن الحوسبة",
  "النفقات الرأسمالية ٨٫٥ مليار دولار",
  "ارتفعت بنسبة ٣٣٪ في الربع ٢ من ٢٠٢٤",
  "لاماااااا ٣٫١ ٤٠٥ مليار",
  "مــــيـــتــــا",
  "إِنْفَاقٌ رَأْسِمَالِيٌّ ۱۲۳۴",
  "واش كاين شي حاجة على لاما؟",
  "ممكن تقولي عدد المعاملات؟؟؟",
];
const DIGITS = ["٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹", "٨٫٥", "٣٣٪", "١٠x", "٤٠٥"];
const HTMLISH = ["<b>bold</b>", "<script>alert(1)</script>", "a & b", "&amp;", "&lt;", "<", ">", "&#x1F600;", '"quoted"', "<a href='x'>", "</i>", "&nbsp;", "<tg-spoiler>", "&#0;"];
const WORDS = ["capex", "llama", "compute", "Meta", "Zuckerberg", "susan", "li", "billion", "data", "centre", "Q2", "2024", "what", "how", "much", "the", "?", "!!!", "lol", "pls", "7osba", "el", "kam", "llama-3.1", "405B", "$8.5B"];
/** Code point ranges to draw random characters from: Latin, Greek, Hebrew, Arabic, Devanagari, CJK, symbols, private use. */
const RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x20, 0x7e],
  [0xa0, 0x24f],
  [0x370, 0x3ff],
  [0x590, 0x5ff],
  [0x600, 0x6ff],
  [0x900, 0x97f],
  [0x4e00, 0x4fff],
  [0x2190, 0x23ff],
  [0xe000, 0xe0ff],
  [0x1f300, 0x1f6ff],
  [0x10000, 0x1007f],
];

function randomChars(r: Random, count: number): string {
  let out = "";
  for (let i = 0; i < count; i++) {
    const [from, to] = r.pick(RANGES);
    out += String.fromCodePoint(r.int(from, to));
  }
  return out;
}

/** A short piece of odd text (never the "…" the bot cuts with: see the /unmatched check). */
function piece(r: Random, lone: boolean): string {
  switch (r.int(0, 11)) {
    case 0:
      return r.pick(QUESTIONS);
    case 1:
      return r.pick(ARABIC);
    case 2:
      return Array.from({ length: r.int(1, 8) }, () => r.pick(EMOJI)).join("");
    case 3:
      return `${r.pick(BIDI)}${r.pick(WORDS)}${r.pick(BIDI)}`;
    case 4:
      return Array.from({ length: r.int(1, 4) }, () => r.pick(CONTROL)).join("");
    case 5:
      return lone ? r.pick(LONE_SURROGATES) : r.pick(ZERO_WIDTH);
    case 6:
      return r.pick(DIGITS);
    case 7:
      return r.pick(HTMLISH);
    case 8:
      return r.pick(WORDS);
    case 9:
      return r.pick(WHITESPACE).repeat(r.int(1, 5));
    case 10:
      return r.pick(ZERO_WIDTH);
    default:
      return randomChars(r, r.int(1, 20));
  }
}

/** Replaces surrogates without their pair. */
function wellFormed(text: string): string {
  const lone = loneSurrogates(text);
  if (lone.length === 0) return text;
  const units = text.split("");
  for (const at of lone) units[at] = "?";
  return units.join("");
}

/**
 * Texts the bot may have to cut (longer than the 300 characters /unmatched shows of a question)
 * never carry a lone surrogate, so a lone surrogate before a cut in the bot's messages is the
 * bot's own doing.
 */
const LONE_SURROGATES_BELOW = 250;

/** A short odd message text, up to a few hundred characters. */
function oddText(r: Random): string {
  const text = r.weighted<() => string>([
    [6, () => ""],
    [6, () => Array.from({ length: r.int(1, 6) }, () => r.pick(WHITESPACE)).join("")],
    [6, () => Array.from({ length: r.int(1, 30) }, () => r.pick(EMOJI)).join("")],
    [5, () => Array.from({ length: r.int(1, 12) }, () => r.pick(r.chance(0.5) ? BIDI : CONTROL)).join("")],
    [4, () => `${r.pick(WORDS)} ${r.pick(LONE_SURROGATES)} ${r.pick(WORDS)}`],
    [4, () => Array.from({ length: r.int(1, 10) }, () => r.pick(ZERO_WIDTH)).join("")],
    [22, () => r.pick(QUESTIONS)],
    [6, () => `${r.pick(BIDI)}${r.pick(QUESTIONS)}${r.pick(EMOJI)}${r.pick(ZERO_WIDTH)}`],
    [10, () => `${r.pick(ARABIC)} ${r.chance(0.5) ? r.pick(DIGITS) : ""}`],
    [4, () => r.pick(HTMLISH) + r.pick(QUESTIONS) + r.pick(HTMLISH)],
    [27, () => Array.from({ length: r.int(1, 8) }, () => piece(r, true)).join(r.pick(["", " ", "\n", " ", "  "]))],
  ])();
  return finish(text);
}

/** A text as sent: lone surrogates only in texts too short to be cut. */
const finish = (text: string) => (text.length >= LONE_SURROGATES_BELOW ? wellFormed(text) : text);

/** A huge text: 5,000 to 50,000 characters of repeated odd pieces (never a lone surrogate). */
function hugeText(r: Random): string {
  const target = r.int(5_000, 50_000);
  const pattern = r.weighted<() => string>([
    [3, () => `${r.pick(WORDS)} `],
    [2, () => r.pick(EMOJI)],
    [2, () => `${r.pick(ARABIC)} `],
    [1, () => r.pick(WHITESPACE)],
    [1, () => r.pick(ZERO_WIDTH)],
    [4, () => Array.from({ length: r.int(3, 12) }, () => piece(r, false)).join(" ")],
  ])();
  let text = pattern.repeat(Math.ceil(target / Math.max(1, pattern.length))).slice(0, target);
  if (/[\uD800-\uDBFF]$/.test(text)) text = text.slice(0, -1);
  return wellFormed(text);
}

/** A long text, up to Telegram's 4,096 characters: odd pieces one after another (never a lone surrogate). */
function longText(r: Random): string {
  const target = r.int(300, 4_096);
  let text = "";
  while (text.length < target) text += piece(r, false) + r.pick(["", " ", " ", "\n"]);
  text = text.slice(0, target);
  if (/[\uD800-\uDBFF]$/.test(text)) text = text.slice(0, -1);
  return wellFormed(text);
}

/** A message text: mostly short and odd, sometimes long, sometimes huge. */
const anyText = (r: Random) =>
  r.weighted<() => string>([
    [86, () => oddText(r)],
    [8, () => longText(r)],
    [6, () => hugeText(r)],
  ])();

// ---------------------------------------------------------------- who and where

const BOT_USERNAME = "article_test_bot";
const BOT_ID = 424242;
const botUser: User = { id: BOT_ID, is_bot: true, first_name: "Article Bot", username: BOT_USERNAME };
const LANGUAGE_CODES = ["en", "ar", "ar-EG", "en-US", "fr", "", "EN", "zz-Latn"];
const users: User[] = [
  alice,
  karim,
  ...Array.from({ length: 14 }, (_, i): User => {
    const code = LANGUAGE_CODES[i % (LANGUAGE_CODES.length + 1)];
    return { id: 5_000 + i, is_bot: false, first_name: i % 3 ? `Fuzz ${i}` : "\u202E\u0000زائر", ...(code !== undefined && { language_code: code }) };
  }),
];
const groups: Array<Chat.GroupChat | Chat.SupergroupChat> = [
  { id: -100_777, type: "supergroup", title: "Tech news" },
  { id: -100_1001, type: "supergroup", title: "\u202Eغرفة الأخبار\u0007" },
  { id: -4_242, type: "group", title: "small group" },
  { id: -100_1002, type: "supergroup", title: "<b>&amp; title</b>" },
];
const channels: Chat.ChannelChat[] = [{ id: -100_9999, type: "channel", title: "News channel" }];
const privateChatOf = (user: User): Chat.PrivateChat => ({ id: user.id, type: "private", first_name: user.first_name });

// ---------------------------------------------------------------- updates and what they deserve

/** An update as pushed: anything JSON can carry, well-formed or not. */
type RawUpdate = Record<string, unknown>;
type RawMessage = Record<string, unknown>;

/** The call that must follow an update. */
type Expected =
  | { method: "sendMessage"; chatId: number; replyTo: number }
  | { method: "answerCallbackQuery"; id: string }
  | { method: "answerInlineQuery"; id: string };

interface Case {
  kind: string;
  update: RawUpdate;
  expected?: Expected;
  /** Group chatter: the bot must not answer it. */
  silent?: { chatId: number; messageId: number };
}

let nextMessageId = 700_000;
let nextQueryId = 1;
const now = Math.floor(Date.now() / 1000);

function messageIn(chat: Chat | undefined, from: User | undefined, fields: RawMessage): RawMessage {
  return { message_id: nextMessageId++, date: now, ...(chat && { chat }), ...(from && { from }), ...fields };
}

/** The bot_command entity of a leading /command, as Telegram sets it (left off now and then). */
function commandEntities(r: Random, text: string): { entities?: MessageEntity[] } {
  const command = /^\/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?/.exec(text);
  if (!command || r.chance(0.1)) return {};
  return { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] };
}

const textMessage = (r: Random, chat: Chat | undefined, from: User | undefined, text: string, extra: RawMessage = {}) =>
  messageIn(chat, from, { text, ...commandEntities(r, text), ...extra });

const replyExpected = (chat: Chat, message: RawMessage): Expected => ({ method: "sendMessage", chatId: chat.id, replyTo: message.message_id as number });

/** A text that does not start with "/" (so it is not a command). */
const notCommand = (text: string) => (text.startsWith("/") ? `x${text}` : text);

/** A question for /ask: odd, sometimes empty, sometimes long or huge. */
const questionText = (r: Random) =>
  r.weighted<() => string>([
    [90, () => oddText(r)],
    [6, () => longText(r)],
    [4, () => hugeText(r)],
  ])();

const publicCommand = (r: Random) =>
  r.pick<() => string>([
    () => "/start",
    () => "/help",
    () => "/lang",
    () => `/lang ${r.pick(["xx", "ar", "en", "AR", " en ", "fr", "\u202Ear", "١", "ar en", "e".repeat(500)])}`,
    () => "/ask",
    () => `/ask ${questionText(r)}`,
    () => `/ask@${BOT_USERNAME} ${questionText(r)}`,
    () => `/ask@some_other_bot ${oddText(r)}`,
    () => `/ASK ${oddText(r)}`,
    () => "/facts",
    () => "/highlights",
    () => "/source",
    () => `/start@${BOT_USERNAME}`,
    () => "/help@some_other_bot",
    () => "/no_such_command",
    () => "/",
    () => `/start ${oddText(r)}`,
    () => `/facts${r.pick(EMOJI)}`,
  ])();

/** The admin commands, as anyone but an admin might send them. */
const adminCommand = (r: Random) =>
  r.pick(["/stats", "/unmatched", `/unmatched ${r.int(-5, 500)}`, "/chats", "/reload", "/announcements", "/announcements on", "/announce", `/announce ${oddText(r)}`, `/stats@${BOT_USERNAME}`]);

/** What the admin sends: reports only (never /announce, /reload or a Confirm press). */
const adminReport = (r: Random) =>
  r.pick(["/stats", "/chats", "/unmatched", "/unmatched 50", "/unmatched 200", `/unmatched ${r.pick(["0", "-3", "abc", "99999999999999999999", "5 6", "٥"])}`, `/chats@${BOT_USERNAME}`]);

const MEDIA: ReadonlyArray<readonly [string, RawMessage]> = [
  ["sticker", { sticker: { file_id: "s", file_unique_id: "s", type: "regular", width: 512, height: 512, is_animated: false, is_video: false } }],
  ["photo", { photo: [{ file_id: "p", file_unique_id: "p", width: 1, height: 1 }] }],
  ["voice", { voice: { file_id: "v", file_unique_id: "v", duration: 1 } }],
  ["document", { document: { file_id: "d", file_unique_id: "d" } }],
];
/** Messages without text the bot is not said to answer (left out of the oracle). */
const OTHER_CONTENT: RawMessage[] = [
  { location: { latitude: 24.7, longitude: 46.7 } },
  { contact: { phone_number: "+000", first_name: "x" } },
  { dice: { emoji: "🎲", value: 3 } },
  {},
  { new_chat_members: [botUser] },
];

const MEMBER_STATUSES = ["member", "administrator", "creator", "left", "kicked", "restricted", "banana", "", "MEMBER"];

function callbackData(r: Random, admin: boolean): string | undefined {
  const factIds = content.facts.map((f) => f.id);
  const intentIds = content.intents.map((i) => i.id);
  return r.weighted<() => string | undefined>([
    [6, () => randomChars(r, r.int(1, 64))],
    [admin ? 0 : 3, () => "ann:ok:99999999999999999999"],
    [admin ? 0 : 2, () => `ann:ok:${r.int(0, 50)}`],
    [2, () => `ann:no:${r.pick(["1", "0", "99999999999999999999", "-1", "1e3"])}`],
    [3, () => r.pick(["page:chats:0:999999", "page:unmatched:10:999999", "page:chats:0:0", "page:unmatched:50:1", "page:chats:99999999999999999999:1", "page:nope:0:0"])],
    [3, () => r.pick(["fact:nope", "fact:", `fact:${r.pick(factIds)}`, `fact:${r.pick(factIds)}\u200B`])],
    [3, () => r.pick(["ask:nope", "ask:", `ask:${r.pick(intentIds)}`])],
    [1, () => "x".repeat(5_000)],
    [1, () => `fact:${"y".repeat(5_000)}`],
    [1, () => ""],
    [2, () => undefined],
  ])();
}

/** The generators, each with its weight: what kinds of update the run is made of. */
const GENERATORS: ReadonlyArray<readonly [number, (r: Random) => Case]> = [
  // Private chats: every text is a question; every command gets an answer.
  [
    28,
    (r) => {
      const user = r.pick(users);
      const chat = privateChatOf(user);
      const message = textMessage(r, chat, user, anyText(r));
      return { kind: "private text", update: { message }, expected: (message.text as string).trim() ? replyExpected(chat, message) : undefined };
    },
  ],
  [
    10,
    (r) => {
      const user = r.pick(users);
      const chat = privateChatOf(user);
      const message = textMessage(r, chat, user, publicCommand(r));
      return { kind: "private command", update: { message }, expected: replyExpected(chat, message) };
    },
  ],
  [
    3,
    (r) => {
      const user = r.pick(users);
      const chat = privateChatOf(user);
      const message = textMessage(r, chat, user, adminCommand(r));
      return { kind: "admin command, not an admin", update: { message }, expected: replyExpected(chat, message) };
    },
  ],
  [
    2,
    (r) => {
      const chat = privateChatOf(olivia);
      const message = textMessage(r, chat, olivia, adminReport(r));
      return { kind: "admin report", update: { message }, expected: replyExpected(chat, message) };
    },
  ],
  [
    4,
    (r) => {
      const user = r.pick(users);
      const chat = privateChatOf(user);
      const [name, media] = r.pick(MEDIA);
      const message = messageIn(chat, user, { ...media, ...(r.chance(0.3) && { caption: oddText(r) }) });
      return { kind: `private ${name}`, update: { message }, expected: replyExpected(chat, message) };
    },
  ],
  [
    1,
    (r) => {
      const user = r.pick(users);
      return { kind: "private other content", update: { message: messageIn(privateChatOf(user), user, r.pick(OTHER_CONTENT)) } };
    },
  ],
  [
    2,
    (r) => {
      // No sender: the Bot API allows it (a channel's messages); a private chat still has a chat to answer in.
      const user = r.pick(users);
      const chat = privateChatOf(user);
      const message = textMessage(r, chat, undefined, r.chance(0.3) ? publicCommand(r) : anyText(r));
      return { kind: "private, no from", update: { message }, expected: (message.text as string).trim() ? replyExpected(chat, message) : undefined };
    },
  ],
  // Groups: only what is addressed to the bot is answered.
  [
    6,
    (r) => {
      const chat = r.pick(groups);
      const user = r.pick(users);
      const command = r.pick([`/ask@${BOT_USERNAME}`, "/ask", `/ask@${BOT_USERNAME.toUpperCase()}`, `/Ask@${BOT_USERNAME}`]);
      const question = questionText(r);
      const message = textMessage(r, chat, user, `${command} ${question}`);
      // Without its bot_command entity (Telegram always sends one; a forged update may not),
      // "/ask" is no command to grammY, and in a group no question either.
      const isCommand = message.entities !== undefined;
      return { kind: "group /ask", update: { message }, expected: question.trim() && isCommand ? replyExpected(chat, message) : undefined };
    },
  ],
  [
    5,
    (r) => {
      const chat = r.pick(groups);
      const user = r.pick(users);
      const before = notCommand(r.chance(0.3) ? "" : `${oddText(r)} `);
      const mention = r.pick([`@${BOT_USERNAME}`, `@${BOT_USERNAME.toUpperCase()}`, "@Article_Test_Bot"]);
      const after = r.chance(0.2) ? "" : ` ${questionText(r)}`;
      const text = finish(`${before}${mention}${after}`);
      const message = messageIn(chat, user, { text, entities: [{ type: "mention", offset: before.length, length: mention.length }] });
      // The bot answers the text without the mention, or explains /ask when nothing is left.
      return { kind: "group mention", update: { message }, expected: text.startsWith("/") ? undefined : replyExpected(chat, message) };
    },
  ],
  [
    4,
    (r) => {
      const chat = r.pick(groups);
      const user = r.pick(users);
      const replied = messageIn(chat, botUser, { text: "an earlier answer" });
      const message = messageIn(chat, user, { text: notCommand(anyText(r)), reply_to_message: replied });
      return { kind: "group reply to the bot", update: { message }, expected: replyExpected(chat, message) };
    },
  ],
  [
    7,
    (r) => {
      // Chatter the bot leaves alone (and a few commands it answers, left out of the oracle).
      const chat = r.pick(groups);
      const user = r.pick([...users, olivia]);
      const other = r.pick(users);
      const [message, silent] = r.weighted<() => [RawMessage, boolean]>([
        [5, () => [textMessage(r, chat, user, notCommand(anyText(r))), true]],
        [2, () => [textMessage(r, chat, user, notCommand(oddText(r)), { reply_to_message: messageIn(chat, other, { text: "hi" }) }), true]],
        [1, () => [textMessage(r, chat, user, `@someone_else ${oddText(r)}`, { entities: [{ type: "mention", offset: 0, length: 13 }] }), true]],
        [1, () => [textMessage(r, chat, user, `/ask@some_other_bot ${oddText(r)}`), true]],
        [1, () => [textMessage(r, chat, user, `@${BOT_USERNAME} without the entity`), false]],
        [2, () => [textMessage(r, chat, user, r.chance(0.5) ? publicCommand(r) : adminCommand(r)), false]],
        [2, () => [messageIn(chat, user, r.pick(MEDIA)[1]), true]],
        [1, () => [messageIn(chat, undefined, { text: "/announcements on", sender_chat: { id: chat.id, type: chat.type, title: chat.title }, entities: [{ type: "bot_command", offset: 0, length: 14 }] }), false]],
      ])();
      return { kind: "group chatter", update: { message }, ...(silent && { silent: { chatId: chat.id, messageId: message.message_id as number } }) };
    },
  ],
  [
    2,
    (r) => {
      // Edited messages: an edited question is answered again; an edited command is not.
      const user = r.pick(users);
      const inGroup = r.chance(0.3);
      const chat = inGroup ? r.pick(groups) : privateChatOf(user);
      const text = r.weighted<() => string>([
        [5, () => notCommand(anyText(r))],
        [2, () => `/ask ${oddText(r)}`],
        [2, () => publicCommand(r)],
      ])();
      const message = textMessage(r, chat, user, text, { edit_date: now });
      // An edit is not a new request: an edited command (/ask too) is not run; an edited
      // question in a private chat is answered again.
      const answered = !inGroup && !text.startsWith("/") && text.trim() !== "";
      return { kind: inGroup ? "edited, group" : "edited, private", update: { edited_message: message }, expected: answered ? replyExpected(chat, message) : undefined };
    },
  ],
  [
    1,
    (r) => {
      const user = r.pick(users);
      return { kind: "edited sticker", update: { edited_message: messageIn(privateChatOf(user), user, { ...r.pick(MEDIA)[1], edit_date: now }) } };
    },
  ],
  [
    2,
    (r) => {
      const chat = r.pick(channels);
      const text = r.pick([() => anyText(r), () => publicCommand(r), () => `@${BOT_USERNAME} ${oddText(r)}`])();
      const post = textMessage(r, chat, undefined, text, { sender_chat: chat });
      return { kind: "channel post", update: r.chance(0.7) ? { channel_post: post } : { edited_channel_post: { ...post, edit_date: now } } };
    },
  ],
  [
    2,
    (r) => {
      // A message without its chat: not something Telegram sends, but JSON can carry it.
      const user = r.pick(users);
      const text = r.pick([() => anyText(r), () => publicCommand(r), () => adminCommand(r), () => `@${BOT_USERNAME} ${oddText(r)}`])();
      const message = textMessage(r, undefined, r.chance(0.8) ? user : undefined, text);
      if (r.chance(0.3)) message.reply_to_message = messageIn(undefined, botUser, { text: "earlier" });
      return { kind: "no chat", update: { message } };
    },
  ],
  [
    2,
    (r) => {
      // Update types the bot does not ask for, or that do not exist.
      const user = r.pick(users);
      const chat = privateChatOf(user);
      const update = r.pick<() => RawUpdate>([
        () => ({ business_message: { ...textMessage(r, chat, user, oddText(r)), business_connection_id: "bc-1" } }),
        () => ({ edited_business_message: textMessage(r, chat, user, oddText(r), { edit_date: now }) }),
        () => ({ weird: 1 }),
        () => ({}),
        () => ({ poll: { id: "poll-1", question: "?", options: [], total_voter_count: 0, is_closed: false, is_anonymous: true, type: "regular", allows_multiple_answers: false } }),
        () => ({ message_reaction: { chat: r.pick(groups), message_id: 1, user, date: now, old_reaction: [], new_reaction: [{ type: "emoji", emoji: "👍" }] } }),
        () => ({ chat_member: { chat: r.pick(groups), from: user, date: now, old_chat_member: { status: "left", user }, new_chat_member: { status: "member", user } } }),
        () => ({ chat_join_request: { chat: r.pick(groups), from: user, user_chat_id: user.id, date: now } }),
      ])();
      return { kind: "unknown update type", update };
    },
  ],
  // Buttons: every press is answered, whatever its data.
  [
    10,
    (r) => {
      const admin = r.chance(0.15);
      const user = admin ? olivia : r.pick(users);
      const id = `fz-cb-${nextQueryId++}`;
      const drawn = callbackData(r, admin);
      // The admin never confirms an announcement (random data that happens to look like Confirm included).
      const data = admin && drawn?.startsWith("ann:ok:") ? `x${drawn}` : drawn;
      // Reports' ◀ ▶ buttons are on the admin's own messages; a press of one always comes with it.
      const withMessage = r.chance(0.8) || (admin && data?.startsWith("page:") === true);
      const chat = r.chance(0.8) ? privateChatOf(user) : r.pick(groups);
      const callback_query = {
        id,
        from: user,
        chat_instance: String(r.int(1, 1e9)),
        ...(data !== undefined ? { data } : r.chance(0.5) && { game_short_name: "game" }),
        ...(withMessage && { message: messageIn(chat, botUser, { text: r.chance(0.5) ? "…" : oddText(r) }) }),
        ...(!withMessage && r.chance(0.5) && { inline_message_id: "inline-1" }),
      };
      return { kind: admin ? "button, admin" : "button", update: { callback_query }, expected: { method: "answerCallbackQuery", id } };
    },
  ],
  // Inline mode: every query is answered.
  [
    7,
    (r) => {
      const id = `fz-iq-${nextQueryId++}`;
      const query = r.weighted<() => string>([
        [3, () => ""],
        [6, () => r.pick(["capex", "لام", "llama", "cap", "susan", "٣٣٪", "Q2"])],
        [5, () => oddText(r)],
        [2, () => randomChars(r, 1_000).slice(0, 1_000)],
        [1, () => "a".repeat(1_000)],
        [1, () => r.pick(WHITESPACE)],
      ])();
      const inline_query = { id, from: r.pick([...users, olivia]), query: wellFormedAt1000(query), offset: r.pick(["", "5", "x"]), ...(r.chance(0.5) && { chat_type: r.pick(["private", "group", "supergroup", "channel", "sender"]) }) };
      return { kind: "inline query", update: { inline_query }, expected: { method: "answerInlineQuery", id } };
    },
  ],
  // The bot's membership, with odd statuses.
  [
    3,
    (r) => {
      const chat = r.weighted<() => Chat>([
        [4, () => r.pick(groups)],
        [2, () => r.pick(channels)],
        [2, () => ({ id: -100_2000 - r.int(0, 60), type: r.pick(["group", "supergroup", "channel"] as const), title: oddText(r) }) as Chat],
        [1, () => privateChatOf(r.pick(users))],
      ])();
      const status = r.pick(MEMBER_STATUSES);
      const my_chat_member = {
        chat,
        from: r.pick([...users, olivia]),
        date: now,
        old_chat_member: { status: r.pick(MEMBER_STATUSES), user: botUser },
        new_chat_member: { status, user: botUser, ...(r.chance(0.5) && { can_post_messages: r.chance(0.5) }), ...(status === "kicked" && { until_date: 0 }) },
      };
      return { kind: "my_chat_member", update: { my_chat_member } };
    },
  ],
  [
    1,
    (r) => {
      // A group that became a supergroup (a fresh id each time, so the test's own groups stay).
      const from = -300_000 - r.int(0, 1_000);
      const chat = { id: from, type: "group", title: "old group" };
      return { kind: "group migrated", update: { message: messageIn(chat as Chat, r.pick(users), { migrate_to_chat_id: -100_300_000 + from }) } };
    },
  ],
];

/** An inline query is at most 256 characters in Telegram; ours go to 1,000, whole characters only. */
function wellFormedAt1000(text: string): string {
  let cut = text.slice(0, 1_000);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut;
}

function generate(seed: number, count: number): Case[] {
  const r = new Random(seed);
  return Array.from({ length: count }, () => r.weighted(GENERATORS)(r));
}

// ---------------------------------------------------------------- reading the bot

/** The bot's RSS in MB, as ps reports it. */
function rssMb(pid: number): number {
  return Number(execFileSync("ps", ["-o", "rss=", "-p", String(pid)], { encoding: "utf8" }).trim()) / 1024;
}

/** Whole lines of the bot's stderr so far (a line still being written is left for later). */
function completeLines(stderr: string): string[] {
  const end = stderr.lastIndexOf("\n");
  return end < 0 ? [] : stderr.slice(0, end).split("\n");
}

/** The update_ids of the "update" log lines so far. */
function handledUpdateIds(bot: BotProcess): Set<number> {
  const ids = new Set<number>();
  for (const line of completeLines(bot.stderr)) {
    if (!line.includes('"message":"update"')) continue;
    const entry = JSON.parse(line) as { message?: string; update_id?: number };
    if (entry.message === "update" && typeof entry.update_id === "number") ids.add(entry.update_id);
  }
  return ids;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Text of a call for the checks: the message text or, for answerCallbackQuery, its notification. */
const textOf = (call: RecordedCall): string | undefined => (typeof call.payload.text === "string" ? (call.payload.text as string) : undefined);

interface Button {
  text?: string;
  callback_data?: string;
}
interface InlineResult {
  id?: string;
  title?: string;
  input_message_content?: { message_text?: string; parse_mode?: string };
}

/** The inline keyboard's buttons a call sends, if any. */
function buttonsOf(call: RecordedCall): Button[] {
  const keyboard: unknown = call.payload.reply_markup?.inline_keyboard;
  return Array.isArray(keyboard) ? (keyboard.flat() as Button[]) : [];
}

const show = (text: string, max = 120) => JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);

// ---------------------------------------------------------------- the tests

describe("the Telegram HTML validator", () => {
  it("accepts what Telegram accepts", () => {
    for (const html of [
      "plain text",
      "",
      "<b>bold</b>, <strong>bold</strong>, <i>italic</i>, <em>italic</em>, <u>u</u>, <ins>u</ins>, <s>s</s>, <strike>s</strike>, <del>s</del>",
      '<span class="tg-spoiler">spoiler</span> <tg-spoiler>spoiler</tg-spoiler>',
      '<a href="https://example.org/?a=1&amp;b=2">link</a>',
      '<b>bold <i>italic <s>strike <tg-spoiler>spoiler</tg-spoiler></s></i></b> <a href="tg://user?id=1"><b>x</b></a>',
      '<code>x &lt; y</code> <pre>code</pre> <pre><code class="language-python">print(1)</code></pre>',
      "<blockquote>quote</blockquote> <blockquote expandable>long</blockquote>",
      '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
      "&lt; &gt; &amp; &quot; &#65; &#x1F600; 😀 عربي",
      "1 < 2".replace("<", "&lt;"),
    ])
      expect(telegramHtmlProblems(html), html).toEqual([]);
  });

  it("refuses unknown tags, bad nesting, unclosed tags, stray < > & and unknown entities", () => {
    for (const html of [
      "<script>x</script>",
      "<div>x</div>",
      "<b>x",
      "x</b>",
      "<b><i>x</b></i>",
      "1 < 2",
      "2 > 1",
      "a & b",
      "&nbsp;",
      "&#xD800;",
      "&#1114112;",
      "<a>no href</a>",
      '<span class="red">x</span>',
      '<b class="x">x</b>',
      "<code><b>x</b></code>",
      "<pre><b>x</b></pre>",
      "<blockquote><blockquote>x</blockquote></blockquote>",
      '<a href="x"><a href="y">x</a></a>',
      "<tg-emoji>👍</tg-emoji>",
      "< b>x</b>",
    ])
      expect(telegramHtmlProblems(html), html).not.toEqual([]);
  });

  it("gives the text as shown: tags dropped, entities decoded, counted in UTF-16 code units", () => {
    expect(parseTelegramHtml("<b>a &amp; b</b> &lt;i&gt; &#x1F600;&#65;").text).toBe("a & b <i> 😀A");
    expect(visibleLength("&#x1F600;")).toBe(2);
    expect(visibleLength("<b>" + "x".repeat(4_096) + "</b>")).toBe(4_096);
    expect(loneSurrogates("ok 😀 \uD800 x \uDC00")).toEqual([6, 10]);
  });
});

describe(`fuzz: the real bot under ${UPDATES} malformed and odd updates (seed ${SEED})`, () => {
  let server: BotApiServer | undefined;
  let bot: BotProcess | undefined;

  afterAll(async () => {
    await bot?.stop();
    await server?.close();
  });

  it("answers what deserves an answer, within Telegram's rules, and never falls over", async () => {
    const started = performance.now();
    console.log(`fuzz seed ${SEED} (replay: FUZZ_SEED=${SEED} FUZZ_UPDATES=${UPDATES})`);
    server = await new BotApiServer().start();
    bot = new BotProcess({ BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: server.apiRoot, ADMIN_IDS: String(olivia.id), LOG_LEVEL: "info" });
    let exited = false;
    void bot.exited.then(() => (exited = true));
    await bot.waitForLog("bot started", 30_000);
    const rssBefore = rssMb(bot.pid);

    const cases = generate(SEED, UPDATES);
    const byUpdateId = new Map<number, Case>();
    for (const c of cases)
      // Any JSON at all, well-formed or not: the cast is the point of the test.
      byUpdateId.set(server.pushUpdate(c.update as unknown as Omit<Update, "update_id">), c);

    // Handled: one "update" log line each (written once its handling has ended); then quiet.
    const deadline = Date.now() + 90_000;
    let handled = handledUpdateIds(bot);
    while (handled.size < cases.length && Date.now() < deadline && !exited) {
      await sleep(250);
      handled = handledUpdateIds(bot);
    }
    for (let calls = -1; calls !== server.calls.length; ) {
      calls = server.calls.length;
      await sleep(500);
    }
    const handledMs = performance.now() - started;
    const rssAfter = exited ? Number.NaN : rssMb(bot.pid);

    const kinds = new Map<string, number>();
    for (const c of cases) kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
    const methods = new Map<string, number>();
    for (const call of server.calls) methods.set(call.method, (methods.get(call.method) ?? 0) + 1);
    console.log(
      [
        `fuzz: ${cases.length} updates handled in ${(handledMs / 1000).toFixed(1)} s (seed ${SEED})`,
        `updates by kind: ${[...kinds].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(", ")}`,
        `calls by method: ${[...methods].sort((a, b) => b[1] - a[1]).map(([m, n]) => `${m} ${n}`).join(", ")}`,
        `bot RSS: ${rssBefore.toFixed(1)} MB before, ${rssAfter.toFixed(1)} MB after (${(rssAfter - rssBefore >= 0 ? "+" : "") + (rssAfter - rssBefore).toFixed(1)} MB)`,
      ].join("\n"),
    );

    // ---- still running; every update handled; logs are JSON lines, without failures.
    expect(exited, "the bot process exited").toBe(false);
    // Each check below on its own (soft): one failing does not hide the others.
    const unhandled = [...byUpdateId.keys()].filter((id) => !handled.has(id));
    expect.soft(unhandled.map((id) => `${id} (${byUpdateId.get(id)!.kind})`), "updates without an 'update' log line").toEqual([]);

    const lines = completeLines(bot.stderr).filter((line) => line.length > 0);
    const notJson = lines.filter((line) => {
      try {
        const value: unknown = JSON.parse(line);
        return typeof value !== "object" || value === null || Array.isArray(value);
      } catch {
        return true;
      }
    });
    expect.soft(notJson.slice(0, 10), "stderr lines that are not JSON objects").toEqual([]);
    const logs = lines.map((line) => JSON.parse(line) as { level?: string; message?: string; update_id?: number; error?: { message?: string } });
    const crashes = logs.filter((l) => l.message === "unhandled rejection" || l.message === "uncaught exception");
    expect.soft(crashes, "crashes").toEqual([]);
    // Every update is handled without failing, a message without its chat (which Telegram
    // never sends) included: there is nowhere to answer it, so it is left alone.
    const failed = logs.filter((l) => l.message === "update failed");
    expect.soft(
      failed.map((l) => ({ ...l, update: show(JSON.stringify(byUpdateId.get(l.update_id ?? -1)?.update ?? null), 300) })),
      "'update failed' log lines",
    ).toEqual([]);
    const errors = logs.filter((l) => l.level === "error" && l.message !== "update failed");
    expect.soft(errors, "other error log lines").toEqual([]);

    // ---- every update that deserves an answer got one.
    const replies = new Set<string>();
    const callbackAnswers = new Set<string>();
    const inlineAnswers = new Set<string>();
    for (const call of server.calls) {
      const p = call.payload;
      if (call.method === "sendMessage") replies.add(`${Number(p.chat_id)}:${p.reply_parameters?.message_id}`);
      if (call.method === "answerCallbackQuery") callbackAnswers.add(String(p.callback_query_id));
      if (call.method === "answerInlineQuery") inlineAnswers.add(String(p.inline_query_id));
    }
    const unanswered: string[] = [];
    for (const [updateId, c] of byUpdateId) {
      const e = c.expected;
      if (!e) continue;
      const answered =
        e.method === "sendMessage" ? replies.has(`${e.chatId}:${e.replyTo}`) : e.method === "answerCallbackQuery" ? callbackAnswers.has(e.id) : inlineAnswers.has(e.id);
      if (!answered) unanswered.push(`update ${updateId} (${c.kind}) wanted ${e.method}: ${show(JSON.stringify(c.update), 300)}`);
    }
    const answeredChatter = cases.filter((c) => c.silent && replies.has(`${c.silent.chatId}:${c.silent.messageId}`));
    expect.soft(answeredChatter.slice(0, 10).map((c) => show(JSON.stringify(c.update), 300)), "group chatter the bot answered").toEqual([]);
    const expectedCount = cases.filter((c) => c.expected).length;
    console.log(`fuzz: ${expectedCount} updates deserved an answer; ${expectedCount - unanswered.length} got one`);
    expect.soft(unanswered.slice(0, 20), `${unanswered.length} updates that deserved an answer got none`).toEqual([]);

    // ---- every call was one the server knows and answered, to a chat that exists.
    const refused = server.calls.filter((c) => c.method !== "getUpdates" && c.status !== 200);
    expect.soft(refused.slice(0, 10).map((c) => `${c.method} → ${c.status}`), "calls the server did not answer with 200").toEqual([]);

    // ---- everything sent is what Telegram accepts.
    const byMessageId = new Map<number, Case>();
    for (const c of cases) {
      const message = (c.update.message ?? c.update.edited_message) as RawMessage | undefined;
      if (typeof message?.message_id === "number") byMessageId.set(message.message_id, c);
    }
    /** What prompted a call: the update it replies to, if any. */
    const prompt = (call: RecordedCall) => {
      const c = byMessageId.get(Number(call.payload.reply_parameters?.message_id));
      const message = (c?.update.message ?? c?.update.edited_message) as RawMessage | undefined;
      return c ? ` (the reply to ${c.kind} ${show(String(message?.text ?? "(no text)"), 40)})` : "";
    };
    const problems: string[] = [];
    for (const call of server.calls) {
      for (const button of buttonsOf(call)) {
        const bytes = button.callback_data === undefined ? undefined : Buffer.byteLength(button.callback_data);
        if (bytes !== undefined && (bytes < 1 || bytes > 64)) problems.push(`${call.method} button with ${bytes} bytes of callback_data: ${show(button.callback_data!)}`);
        if (!button.text) problems.push(`${call.method} button without text`);
      }
      if (call.method === "answerInlineQuery") {
        const results = (call.payload.results ?? []) as InlineResult[];
        if (results.length > 50) problems.push(`answerInlineQuery with ${results.length} results`);
        for (const result of results) {
          const { message_text: text, parse_mode: mode } = result.input_message_content ?? {};
          if (!text) problems.push(`inline result ${result.id} without message text`);
          else if (mode === "HTML") for (const problem of telegramHtmlProblems(text).slice(0, 3)) problems.push(`inline result ${result.id} invalid HTML, ${problem}`);
          if (text && (mode === "HTML" ? visibleLength(text) : text.length) > MAX_MESSAGE_CHARS) problems.push(`inline result ${result.id} text too long`);
          if (!result.title) problems.push(`inline result ${result.id} without title`);
        }
        continue;
      }
      const text = textOf(call);
      if (call.method === "answerCallbackQuery") {
        if (text !== undefined && text.length > MAX_CALLBACK_ANSWER_CHARS) problems.push(`answerCallbackQuery text of ${text.length} characters: ${show(text)}`);
        continue;
      }
      if (call.method !== "sendMessage" && call.method !== "editMessageText") continue;
      if (text === undefined || text.length === 0) {
        problems.push(`${call.method} without text${prompt(call)}`);
        continue;
      }
      const html = call.payload.parse_mode === "HTML";
      if (html) for (const problem of telegramHtmlProblems(text).slice(0, 3)) problems.push(`${call.method} invalid HTML, ${problem}${prompt(call)}`);
      const shown = html ? parseTelegramHtml(text).text : text;
      if (shown.length > MAX_MESSAGE_CHARS) problems.push(`${call.method} text of ${shown.length} characters once parsed${prompt(call)}: ${show(shown)}`);
      if (shown.trim().length === 0) problems.push(`${call.method} text that is empty once parsed${prompt(call)}: ${show(text)}`);
      // Texts longer than the bot's cuts never carry a lone surrogate (see LONE_SURROGATES_BELOW):
      // one just before a "…" is a surrogate pair the bot cut in two. Half a pair cannot be
      // encoded as UTF-8, and Telegram refuses the message ("text must be encoded in UTF-8").
      for (const at of loneSurrogates(shown))
        if (shown[at + 1] === "…")
          problems.push(`${call.method} cuts a surrogate pair in two before "…" at ${at}${prompt(call)}: ${show(shown.slice(Math.max(0, at - 40), at + 2))}`);
    }
    // By kind of problem (the text up to its first ":"), with a few examples of each.
    const byProblem: Record<string, { count: number; examples: string[] }> = {};
    for (const problem of problems) {
      const kind = problem.replace(/ at \d+/, "").replace(/ \(the reply to [^)]*\)/, "").split(":")[0]!;
      const entry = (byProblem[kind] ??= { count: 0, examples: [] });
      entry.count++;
      if (entry.examples.length < 3) entry.examples.push(problem);
    }
    expect.soft(byProblem, `${problems.length} calls Telegram would refuse`).toEqual({});

    // ---- memory.
    expect.soft(rssAfter - rssBefore, "RSS growth (MB)").toBeLessThan(MAX_RSS_GROWTH_MB);
  }, 150_000);
});
