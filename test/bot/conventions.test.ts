import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotApiServer, TEST_TOKEN, type RecordedCall } from "../support/bot-api-server.js";
import { BotProcess } from "../support/bot-process.js";
import { engine } from "../support/content.js";
import { alice, buttonPress, group, karim, membershipUpdate, olivia, privateChat, supergroup, textUpdate } from "../support/updates.js";

let server: BotApiServer;
let bot: BotProcess;
const env = () => ({ BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: server.apiRoot, ADMIN_IDS: String(olivia.id), INTRODUCE_IN_GROUPS: "true" });
const { messages } = engine.content;

beforeAll(async () => {
  server = await new BotApiServer().start();
  bot = new BotProcess(env());
  await bot.waitForLog("bot started");
});

afterAll(async () => {
  await bot?.stop();
  await server?.close();
});

/** Pushes an update and waits for the next call of `method` (sendMessage) to `chatId` after it. */
async function send(update: Parameters<BotApiServer["pushUpdate"]>[0], chatId: number, method = "sendMessage"): Promise<RecordedCall> {
  const since = server.calls.length;
  server.pushUpdate(update);
  return server.waitForCall(method, (c) => server.calls.indexOf(c) >= since && (c.payload.chat_id ?? chatId) === chatId);
}
const buttonsOf = (call: RecordedCall): Array<{ text: string; callback_data?: string; switch_inline_query?: string }> => call.payload.reply_markup.inline_keyboard.flat();

describe("descriptions", () => {
  it("sets the description and short description in Arabic, English and by default at start-up, and leaves them at a restart", async () => {
    for (const method of ["setMyDescription", "setMyShortDescription"]) {
      const calls = server.callsOf(method);
      expect(calls.map((c) => c.payload.language_code ?? "default").sort()).toEqual(["ar", "default", "en"]);
    }
    expect(server.callsOf("setMyDescription").find((c) => c.payload.language_code === "ar")!.payload.description).toBe(messages.description.ar);
    const before = server.calls.length;
    await bot.stop();
    bot = new BotProcess(env());
    await bot.waitForLog("bot started");
    const again = server.calls.slice(before).filter((c) => c.method === "setMyDescription" || c.method === "setMyShortDescription");
    expect(again).toEqual([]);
  });
});

describe("/start, /help and deep links", () => {
  it("/start: one short greeting with Highlights, Topics and Ask in another chat; the buttons work", async () => {
    const sent = await send(textUpdate(privateChat(karim), karim, "/start"), karim.id);
    expect(sent.payload.text).toBe(messages.greeting.ar);
    const buttons = buttonsOf(sent);
    expect(buttons.map((b) => b.text)).toEqual([messages.buttonHighlights.ar, messages.buttonTopics.ar, messages.buttonAskElsewhere.ar]);
    expect(buttons[2]!.switch_inline_query).toBe("");
    const highlights = await send(buttonPress(karim, buttons[0]!.callback_data!), karim.id);
    expect(highlights.payload.text).toContain(messages.highlightsTitle.ar);
    const topics = await send(buttonPress(karim, buttons[1]!.callback_data!), karim.id);
    expect(buttonsOf(topics).map((b) => b.text)).toEqual(engine.content.facts.map((f) => f.title.ar));
  });

  it("a deep link /start <fact-id> opens that fact; an unknown one is a plain /start", async () => {
    expect((await send(textUpdate(privateChat(alice), alice, "/start q2-capex"), alice.id)).payload.text).toBe(engine.answerIntent("q2-capex", "en")!.reply);
    expect((await send(textUpdate(privateChat(alice), alice, "/start nonsense"), alice.id)).payload.text).toBe(messages.greeting.en);
  });

  it("/help lists every public command and how to ask in a group", async () => {
    const help = (await send(textUpdate(privateChat(alice), alice, "/help"), alice.id)).payload.text as string;
    for (const command of ["/highlights", "/facts", "/source", "/lang", "/ask", "/help"]) expect(help).toContain(command);
    expect(help).toMatch(/In a group/);
  });

  it("an admin's /start publishes their admin command menu then", async () => {
    const since = server.calls.length;
    await send(textUpdate(privateChat(olivia), olivia, "/start"), olivia.id);
    const menus = server.calls.slice(since).filter((c) => c.method === "setMyCommands" && c.payload.scope?.chat_id === olivia.id);
    expect(menus).toHaveLength(3);
    expect(menus[0]!.payload.commands.map((c: { command: string }) => c.command)).toContain("stats");
  });
});

describe("settings", () => {
  it("/lang alone shows the current language with buttons; a press sets it", async () => {
    const user = { id: 5001, is_bot: false, first_name: "Lina", language_code: "en" };
    const shown = await send(textUpdate(privateChat(user), user, "/lang"), user.id);
    expect(shown.payload.text).toBe(messages.langAuto.en);
    const [arabic] = buttonsOf(shown);
    expect(arabic!.text).toBe(messages.languageName.ar);
    expect((await send(buttonPress(user, arabic!.callback_data!), user.id)).payload.text).toBe(messages.langSet.ar);
    const now = await send(textUpdate(privateChat(user), user, "/lang"), user.id);
    expect(now.payload.text).toBe(messages.langCurrent.ar.replace("{lang}", messages.languageName.ar));
  });

  it("a group admin's /announcements alone shows the setting with buttons; a member's press is refused", async () => {
    const room = supergroup(-100_5151, "Settings room");
    server.setMember(room.id, olivia.id, "administrator");
    const shown = await send(textUpdate(room, olivia, "/announcements"), room.id);
    expect(shown.payload.text).toBe(messages.groupAnnouncementsOn.en);
    const off = buttonsOf(shown).find((b) => b.text === messages.buttonOff.en)!;
    const refused = await send(buttonPress(alice, off.callback_data!, room), room.id, "answerCallbackQuery");
    expect(refused.payload.text).toBe(messages.notAllowed.en);
    expect((await send(buttonPress(olivia, off.callback_data!, room), room.id)).payload.text).toBe(messages.groupAnnouncementsOff.en);
  });
});

describe("groups, captions and inline mode", () => {
  it("added to a group: one short introduction on how to ask there, not repeated on re-adding it within a day", async () => {
    const room = supergroup(-100_6161, "New group");
    const intro = await send(membershipUpdate(room, "member", { by: karim }), room.id);
    expect(intro.payload.text).toBe(messages.groupIntro.ar.replace("{mention}", ""));
    server.pushUpdate(membershipUpdate(room, "left", { by: karim }));
    const since = server.calls.length;
    server.pushUpdate(membershipUpdate(room, "member", { by: karim }));
    await send(textUpdate(room, karim, `/ask@${server.botInfo.username} hello`), room.id);
    expect(server.calls.slice(since).filter((c) => c.method === "sendMessage" && c.payload.text === intro.payload.text)).toEqual([]);
  });

  it("a photo's caption is read as a question", async () => {
    const photo = { message: { message_id: 77_001, date: 0, chat: privateChat(alice), from: alice, photo: [{ file_id: "p", file_unique_id: "p", width: 1, height: 1 }], caption: "How much compute will Llama 4 need?" } };
    expect((await send(photo as never, alice.id)).payload.text).toBe(engine.answer("How much compute will Llama 4 need?").reply);
    const inGroup = { message: { ...photo.message, message_id: 77_002, chat: group, caption: `@${server.botInfo.username} what is Llama?`, caption_entities: [{ type: "mention", offset: 0, length: server.botInfo.username.length + 1 }] } };
    expect((await send(inGroup as never, group.id)).payload.text).toMatch(/open-source/);
  });

  it("inline: a prefix finds its fact; a query matching nothing offers a button that opens the bot", async () => {
    server.pushUpdate({ inline_query: { id: "iq-cap", from: alice, query: "cap", offset: "" } });
    const cap = await server.waitForCall("answerInlineQuery", (c) => c.payload.inline_query_id === "iq-cap");
    expect(cap.payload.results.map((r: { id: string }) => r.id)).toContain("q2-capex");
    server.pushUpdate({ inline_query: { id: "iq-none", from: alice, query: "zzqx", offset: "" } });
    const none = await server.waitForCall("answerInlineQuery", (c) => c.payload.inline_query_id === "iq-none");
    expect(none.payload.results).toEqual([]);
    expect(none.payload.button).toEqual({ text: messages.openBot.en, start_parameter: "inline" });
  });
});
