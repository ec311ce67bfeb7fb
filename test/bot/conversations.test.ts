import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotApiServer, TEST_TOKEN } from "../support/bot-api-server.js";
import { BotProcess } from "../support/bot-process.js";
import { engine } from "../support/content.js";
import { alice, buttonPress, group, karim, message, privateChat, textUpdate } from "../support/updates.js";

let server: BotApiServer;
let bot: BotProcess;

beforeAll(async () => {
  server = await new BotApiServer().start();
  bot = new BotProcess({ BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: server.apiRoot, LOG_LEVEL: "info" });
  await bot.waitForLog("bot started");
});

afterAll(async () => {
  await bot?.stop();
  await server?.close();
});

/** Sends an update and waits for the bot's sendMessage to that chat that follows it. */
async function say(update: ReturnType<typeof textUpdate>) {
  const since = server.calls.length;
  server.pushUpdate(update);
  const chatId = update.message?.chat.id ?? update.edited_message?.chat.id;
  return server.waitForCall("sendMessage", (c) => server.calls.indexOf(c) >= since && c.payload.chat_id === chatId);
}

describe("start-up", () => {
  it("publishes the command menu in English, Arabic and by default", async () => {
    const menus = server.callsOf("setMyCommands").filter((c) => c.payload.scope === undefined);
    expect(menus.map((c) => c.payload.language_code ?? "default").sort()).toEqual(["ar", "default", "en"]);
    const arabic = menus.find((c) => c.payload.language_code === "ar")!;
    expect(arabic.payload.commands.map((c: { command: string }) => c.command)).toEqual(
      expect.arrayContaining(["ask", "highlights", "facts", "source", "lang", "help"]),
    );
  });
  it("polls with an explicit allowed_updates list", async () => {
    const poll = await server.waitForCall("getUpdates");
    expect(poll.payload.allowed_updates).toEqual(
      expect.arrayContaining(["message", "edited_message", "callback_query", "inline_query", "my_chat_member"]),
    );
  });
  it("asks for the next updates before it answers those it has", async () => {
    const updateId = server.pushUpdate(textUpdate(privateChat(alice), alice, "What is Llama 3.1 405B?"));
    const answer = await server.waitForCall("sendMessage", (c) => c.payload.reply_parameters?.message_id !== undefined && c.payload.chat_id === alice.id);
    const nextPoll = server.calls.findIndex((c) => c.method === "getUpdates" && c.payload.offset === updateId + 1);
    expect(nextPoll).toBeGreaterThanOrEqual(0);
    expect(nextPoll).toBeLessThan(server.calls.indexOf(answer));
  });
});

describe("in a private chat", () => {
  it("a bare 'why?' with nothing asked before → which part? with every topic as a button; a press answers that topic", async () => {
    // Alice has asked before (start-up); a bare "why?" then asks about her last answer, so a reader new to the chat asks here.
    const nadia = { id: 1005, is_bot: false, first_name: "Nadia", language_code: "en" };
    const sent = await say(textUpdate(privateChat(nadia), nadia, "why?"));
    expect(sent.payload.text).toBe(engine.content.messages.clarify.en);
    const buttons: Array<{ text: string; callback_data: string }> = sent.payload.reply_markup.inline_keyboard.flat();
    expect(buttons.map((b) => b.text)).toEqual(engine.content.facts.map((f) => f.title.en));
    const since = server.calls.length;
    server.pushUpdate(buttonPress(nadia, buttons.find((b) => b.callback_data === "ask:q2-capex")!.callback_data));
    const answer = await server.waitForCall("sendMessage", (c) => server.calls.indexOf(c) >= since && c.payload.chat_id === nadia.id);
    expect(answer.payload.text).toMatch(/8\.5 billion/);
  });

  it("a bare 'why?' after an answer that gives no reason → the article does not say, not another fact", async () => {
    await say(textUpdate(privateChat(alice), alice, "What is Llama 3.1 405B?"));
    const sent = await say(textUpdate(privateChat(alice), alice, "why?"));
    expect(sent.payload.text.startsWith(engine.content.messages.dontKnow.en)).toBe(true);
  });

  it("the Islamic greeting → answered in kind", async () => {
    const sent = await say(textUpdate(privateChat(karim), karim, "السلام عليكم"));
    expect(sent.payload.text).toMatch(/^وعليكم السلام/);
  });

  it("an English question → the fact, in English, as an HTML reply to the question", async () => {
    const update = textUpdate(privateChat(alice), alice, "How much compute will Llama 4 need?");
    const sent = await say(update);
    expect(sent.payload.text).toBe(engine.answer("How much compute will Llama 4 need?").reply);
    expect(sent.payload.parse_mode).toBe("HTML");
    expect(sent.payload.reply_parameters.message_id).toBe(update.message!.message_id);
  });

  it("an Arabic question → the fact, in Arabic", async () => {
    const sent = await say(textUpdate(privateChat(karim), karim, "كم ضعف الحوسبة التي يحتاجها لاما ٤؟"));
    expect(sent.payload.text).toContain("10 أضعاف");
  });

  it("escapes HTML in what it sends", async () => {
    const sent = await say(textUpdate(privateChat(alice), alice, "<b>what is llama</b> & co?"));
    expect(sent.payload.text).not.toMatch(/<(?!\/?b>)/);
    expect(sent.payload.text).toBe(engine.answer("<b>what is llama</b> & co?").reply.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"));
  });

  it("a question the article does not answer → I don't know, with 'did you mean' buttons; a press answers it", async () => {
    const sent = await say(textUpdate(privateChat(alice), alice, "How many parameters does Llama 2 have?"));
    expect(sent.payload.text).toMatch(/^I don't know/);
    const buttons: Array<{ text: string; callback_data: string }> = sent.payload.reply_markup.inline_keyboard.flat();
    expect(buttons.length).toBeGreaterThan(0);
    const llama3 = buttons.find((b) => b.callback_data === "ask:llama3-release")!;
    expect(llama3).toBeDefined();

    const since = server.calls.length;
    server.pushUpdate({
      callback_query: { id: "cb-1", from: alice, chat_instance: "x", data: llama3.callback_data, message: message(privateChat(alice), alice, "…") },
    });
    await server.waitForCall("answerCallbackQuery", (c) => c.payload.callback_query_id === "cb-1");
    const answer = await server.waitForCall("sendMessage", (c) => server.calls.indexOf(c) >= since);
    expect(answer.payload.text).toBe(engine.answerIntent("llama3-release", "en")!.reply);
  });

  it("a forged or stale button gets a polite answer, and the bot carries on", async () => {
    server.pushUpdate({
      callback_query: { id: "cb-2", from: alice, chat_instance: "x", data: "ask:no-such-intent", message: message(privateChat(alice), alice, "…") },
    });
    const answered = await server.waitForCall("answerCallbackQuery", (c) => c.payload.callback_query_id === "cb-2");
    expect(answered.payload.text).toMatch(/no longer valid/);
    server.pushUpdate({ callback_query: { id: "cb-3", from: alice, chat_instance: "x", data: "x".repeat(64) } });
    await server.waitForCall("answerCallbackQuery", (c) => c.payload.callback_query_id === "cb-3");
    expect((await say(textUpdate(privateChat(alice), alice, "hello"))).payload.text).toMatch(/^Hello/);
  });

  it("/start and /help follow the user's Telegram language", async () => {
    expect((await say(textUpdate(privateChat(karim), karim, "/start"))).payload.text).toMatch(/^أهلًا/);
    expect((await say(textUpdate(privateChat(alice), alice, "/help"))).payload.text).toMatch(/^I answer questions about one article/);
  });

  it("/help without a language_code follows what the user last wrote", async () => {
    const omar = { id: 1003, is_bot: false, first_name: "Omar" };
    await say(textUpdate(privateChat(omar), omar, "ما هي النفقات الرأسمالية؟"));
    expect((await say(textUpdate(privateChat(omar), omar, "/help"))).payload.text).toMatch(/^أجيب عن الأسئلة حول مقال واحد/);
  });

  it("/highlights lists the three highlights; /source describes the article", async () => {
    const highlights = (await say(textUpdate(privateChat(alice), alice, "/highlights"))).payload.text as string;
    expect(highlights.split("\n").filter((l) => /^\d\. /.test(l))).toHaveLength(3);
    expect((await say(textUpdate(privateChat(alice), alice, "/source"))).payload.text).toMatch(/Tuesday/);
  });

  it("/facts shows topics as buttons; a press shows that fact", async () => {
    const sent = await say(textUpdate(privateChat(alice), alice, "/facts"));
    const buttons: Array<{ text: string; callback_data: string }> = sent.payload.reply_markup.inline_keyboard.flat();
    expect(buttons).toHaveLength(engine.content.facts.length);
    const capex = buttons.find((b) => b.callback_data === "fact:q2-capex")!;
    const since = server.calls.length;
    const keyboardMessage = message(privateChat(alice), server.botInfo, sent.payload.text);
    server.pushUpdate({ callback_query: { id: "cb-4", from: alice, chat_instance: "x", data: capex.callback_data, message: keyboardMessage } });
    const fact = await server.waitForCall("sendMessage", (c) => server.calls.indexOf(c) >= since);
    expect(fact.payload.text).toMatch(/8\.5 billion/);
  });

  it("/lang ar makes English questions get Arabic answers, and /lang en undoes it", async () => {
    const bob = { id: 1004, is_bot: false, first_name: "Bob", language_code: "en" };
    expect((await say(textUpdate(privateChat(bob), bob, "/lang ar"))).payload.text).toMatch(/بالعربية/);
    expect((await say(textUpdate(privateChat(bob), bob, "What was capex in Q2?"))).payload.text).toMatch(/النفقات الرأسمالية/);
    expect((await say(textUpdate(privateChat(bob), bob, "/lang fr"))).payload.text).toMatch(/lang ar/);
    await say(textUpdate(privateChat(bob), bob, "/lang en"));
    expect((await say(textUpdate(privateChat(bob), bob, "What was capex in Q2?"))).payload.text).toMatch(/capital expenditure/);
  });

  it("an edited question is answered again", async () => {
    const original = message(privateChat(alice), alice, "what is llama");
    const edited = { ...original, text: "who is susan li", edit_date: Math.floor(Date.now() / 1000) };
    const since = server.calls.length;
    server.pushUpdate({ edited_message: edited });
    const sent = await server.waitForCall("sendMessage", (c) => server.calls.indexOf(c) >= since);
    expect(sent.payload.text).toMatch(/Susan Li/);
  });

  it.each([
    ["sticker", { sticker: { file_id: "s", file_unique_id: "s", type: "regular", width: 1, height: 1, is_animated: false, is_video: false } }],
    ["photo", { photo: [{ file_id: "p", file_unique_id: "p", width: 1, height: 1 }] }],
    ["voice", { voice: { file_id: "v", file_unique_id: "v", duration: 1 } }],
    ["document", { document: { file_id: "d", file_unique_id: "d" } }],
  ])("a %s gets 'send me a question in text', in the user's language", async (_kind, content) => {
    const chat = privateChat(karim);
    const since = server.calls.length;
    server.pushUpdate({ message: { message_id: 9_000 + since, date: 0, chat, from: karim, ...content } as never });
    const sent = await server.waitForCall("sendMessage", (c) => server.calls.indexOf(c) >= since && c.payload.chat_id === chat.id);
    expect(sent.payload.text).toMatch(/أرسل لي سؤالًا نصيًا/);
  });

  it.each([
    ["empty-looking", "\u200F\u200B"],
    ["emoji", "🔥🔥🔥"],
    ["bidi and control characters", "\u202Ecapex\u202C\u0007"],
    ["huge", "capex ".repeat(2_000)],
  ])("an odd message (%s) gets a reply within Telegram's limits, and never crashes the bot", async (_kind, text) => {
    const sent = await say(textUpdate(privateChat(alice), alice, text));
    expect((sent.payload.text as string).length).toBeGreaterThan(0);
    expect((sent.payload.text as string).length).toBeLessThanOrEqual(4096);
  });
});

describe("in a group", () => {
  const me = () => `@${server.botInfo.username}`;

  it("answers /ask@bot, as a reply to the question", async () => {
    const update = textUpdate(group, alice, `/ask${me()} what was capex in Q2?`);
    const sent = await say(update);
    expect(sent.payload.text).toMatch(/8\.5 billion/);
    expect(sent.payload.reply_parameters.message_id).toBe(update.message!.message_id);
  });

  it("answers /ask without the bot's name, and explains /ask without a question", async () => {
    expect((await say(textUpdate(group, karim, "/ask متى صدر Llama 3؟"))).payload.text).toMatch(/2024/);
    expect((await say(textUpdate(group, alice, "/ask"))).payload.text).toMatch(/Ask me like this/);
  });

  it("answers a mention, and a reply to one of its messages", async () => {
    expect((await say(textUpdate(group, alice, `${me()} who is Susan Li?`))).payload.text).toMatch(/Susan Li/);
    const botMessage = message(group, server.botInfo, "earlier answer");
    expect((await say(textUpdate(group, alice, "and what is llama?", { reply_to_message: botMessage as never }))).payload.text).toMatch(/open-source/);
  });

  it("ignores chatter, other bots' commands and messages for other people, saying nothing", async () => {
    const before = server.callsOf("sendMessage").length;
    server.pushUpdate(textUpdate(group, alice, "what is the weather today?"));
    server.pushUpdate(textUpdate(group, alice, "/ask@some_other_bot what is llama?"));
    server.pushUpdate(textUpdate(group, karim, "@someone_else كم الحوسبة؟"));
    server.pushUpdate(textUpdate(group, alice, "random words"));
    // A marker addressed to the bot, handled after the rest (same chat, in order).
    const marker = await say(textUpdate(group, alice, `/ask${me()} hello`));
    expect(marker.payload.text).toMatch(/^Hello/);
    expect(server.callsOf("sendMessage").length).toBe(before + 1);
  });

  it("ignores stickers and photos in groups", async () => {
    const before = server.callsOf("sendMessage").length;
    server.pushUpdate({ message: { message_id: 9_500, date: 0, chat: group, from: alice, photo: [{ file_id: "p", file_unique_id: "p", width: 1, height: 1 }] } as never });
    await say(textUpdate(group, alice, `/ask${me()} thanks`));
    expect(server.callsOf("sendMessage").length).toBe(before + 1);
  });
});

describe("follow-up questions", () => {
  const me = () => `@${server.botInfo.username}`;
  /** The message the bot sent, as a reply to it would quote it. */
  const sentMessage = (call: { result?: unknown }) => call.result as never;

  it("in a private chat, a follow-up is about the last answer; a question with its own subject stands alone", async () => {
    const carol = { id: 1101, is_bot: false, first_name: "Carol", language_code: "en" };
    await say(textUpdate(privateChat(carol), carol, "How much compute will Llama 4 need?"));
    expect((await say(textUpdate(privateChat(carol), carol, "who said that?"))).payload.text).toBe(engine.answerIntent("announcement", "en")!.reply);
    expect((await say(textUpdate(privateChat(carol), carol, "What was Meta's capex in Q2 2024?"))).payload.text).toMatch(/8\.5 billion/);
    expect((await say(textUpdate(privateChat(carol), carol, "and what about 2025?"))).payload.text).toBe(engine.answerIntent("capex-2025", "en")!.reply);
  });

  it("a 'did you mean' or /facts press is an answer the next follow-up continues", async () => {
    const dan = { id: 1102, is_bot: false, first_name: "Dan", language_code: "en" };
    const since = server.calls.length;
    server.pushUpdate(buttonPress(dan, "fact:llama4-compute"));
    await server.waitForCall("sendMessage", (c) => server.calls.indexOf(c) >= since && c.payload.chat_id === dan.id);
    expect((await say(textUpdate(privateChat(dan), dan, "who said it?"))).payload.text).toBe(engine.answerIntent("announcement", "en")!.reply);
  });

  it("in a private chat an answer offers its two related questions as buttons; a press answers one and continues the conversation", async () => {
    const fay = { id: 1104, is_bot: false, first_name: "Fay", language_code: "ar" };
    const sent = await say(textUpdate(privateChat(fay), fay, "كم ضعف الحوسبة يحتاج لاما ٤؟"));
    const buttons: Array<{ text: string; callback_data: string }> = sent.payload.reply_markup.inline_keyboard.flat();
    const related = engine.content.facts.find((f) => f.id === "llama4-compute")!.related.slice(0, 2);
    expect(buttons.map((b) => b.callback_data)).toEqual(related.map((id) => `ask:${engine.content.intents.find((i) => i.fact === id)!.id}`));
    expect(buttons[0]!.text).toBe(engine.content.intents.find((i) => i.fact === related[0])!.question.ar);
    const since = server.calls.length;
    server.pushUpdate(buttonPress(fay, buttons[0]!.callback_data));
    const pressed = await server.waitForCall("sendMessage", (c) => server.calls.indexOf(c) >= since && c.payload.chat_id === fay.id);
    expect(pressed.payload.text).toBe(engine.answerIntent(buttons[0]!.callback_data.slice("ask:".length), "ar")!.reply);
  });

  it("in a group an answer comes without related buttons", async () => {
    const sent = await say(textUpdate(group, alice, `/ask${me()} How much compute will Llama 4 need?`));
    expect(sent.payload.reply_markup).toBeUndefined();
  });

  it("in a group, a reply to the bot's answer continues that answer; another member's /ask does not", async () => {
    const answer = await say(textUpdate(group, alice, `/ask${me()} How much compute will Llama 4 need?`));
    const reply = await say(textUpdate(group, karim, "who said that?", { reply_to_message: sentMessage(answer) }));
    expect(reply.payload.text).toBe(engine.answerIntent("announcement", "en")!.reply);
    // Karim's own conversation is now the reply chain's; Alice's /ask after her question continues hers.
    expect((await say(textUpdate(group, alice, `/ask${me()} and why build it early?`))).payload.text).toBe(engine.answerIntent("build-ahead", "en")!.reply);
    const stranger = { id: 1103, is_bot: false, first_name: "Eve", language_code: "en" };
    expect((await say(textUpdate(group, stranger, `/ask${me()} who said that?`))).payload.text).toBe(engine.content.messages.clarify.en);
  });
});

describe("inline mode", () => {
  it("a query → matching facts as articles, in the query's language", async () => {
    server.pushUpdate({ inline_query: { id: "iq-1", from: alice, query: "capex", offset: "" } });
    const answered = await server.waitForCall("answerInlineQuery", (c) => c.payload.inline_query_id === "iq-1");
    const results: Array<{ type: string; id: string; title: string; input_message_content: { message_text: string } }> = answered.payload.results;
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r) => r.type === "article")).toBe(true);
    expect(results.map((r) => r.id)).toContain("q2-capex");
    expect(answered.payload.cache_time).toBeGreaterThan(0);

    server.pushUpdate({ inline_query: { id: "iq-2", from: alice, query: "النفقات الرأسمالية", offset: "" } });
    const arabic = await server.waitForCall("answerInlineQuery", (c) => c.payload.inline_query_id === "iq-2");
    expect(arabic.payload.results[0].input_message_content.message_text).toMatch(/[\u0600-\u06FF]/);
  });

  it("an empty query → the three highlights in the user's language", async () => {
    server.pushUpdate({ inline_query: { id: "iq-3", from: karim, query: "", offset: "" } });
    const answered = await server.waitForCall("answerInlineQuery", (c) => c.payload.inline_query_id === "iq-3");
    expect(answered.payload.results).toHaveLength(3);
    expect(answered.payload.results[0].title).toMatch(/[\u0600-\u06FF]/);
  });
});

describe("logs", () => {
  it("one line per update with chat type, language, fact, score and latency; no message text, no token", async () => {
    await say(textUpdate(privateChat(alice), alice, "secret question about capex in Q2"));
    const lines = bot.logs().filter((l) => l.message === "update");
    const last = lines.find((l) => l.fact === "q2-capex" && l.chat_type === "private")!;
    expect(last).toMatchObject({ lang: "en", answered: true });
    expect(typeof last.score).toBe("number");
    expect(typeof last.ms).toBe("number");
    expect(bot.stderr).not.toContain("secret question");
    expect(bot.stderr).not.toContain(TEST_TOKEN);
    expect(bot.stderr).not.toContain(TEST_TOKEN.split(":")[1]);
  });
});
