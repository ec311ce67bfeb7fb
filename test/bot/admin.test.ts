import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotApiServer, TEST_TOKEN, type RecordedCall } from "../support/bot-api-server.js";
import { BotProcess } from "../support/bot-process.js";
import { engine, repoRoot } from "../support/content.js";
import { alice, buttonPress, group, karim, membershipUpdate, olivia, privateChat, textUpdate } from "../support/updates.js";

let server: BotApiServer;
let bot: BotProcess;
/** A copy of data/ and intents/ the bot reads, so /reload can be shown a broken file. */
let contentDir: string;

beforeAll(async () => {
  contentDir = mkdtempSync(join(tmpdir(), "bot-content-"));
  for (const folder of ["data", "intents"]) cpSync(join(repoRoot, folder), join(contentDir, folder), { recursive: true });
  server = await new BotApiServer().start();
  bot = new BotProcess({ BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: server.apiRoot, ADMIN_IDS: `${olivia.id}, 2002`, CONTENT_DIR: contentDir });
  await bot.waitForLog("bot started");
});

afterAll(async () => {
  await bot?.stop();
  await server?.close();
});

/** Pushes an update and waits for the next sendMessage (or `method`) call to `chatId`. */
async function send(update: ReturnType<typeof textUpdate>, chatId: number, method = "sendMessage"): Promise<RecordedCall> {
  const since = server.calls.length;
  server.pushUpdate(update);
  return server.waitForCall(method, (c) => server.calls.indexOf(c) >= since && (c.payload.chat_id ?? chatId) === chatId);
}

const ask = (user = alice, text: string) => send(textUpdate(privateChat(user), user, text), user.id);

describe("command menus", () => {
  it("shows admin commands to the bot's admins and group settings to group admins, in both languages", async () => {
    const menus = server.callsOf("setMyCommands");
    const commandsOf = (scope: unknown, lang?: string) =>
      menus
        .find((c) => JSON.stringify(c.payload.scope) === JSON.stringify(scope) && c.payload.language_code === lang)
        ?.payload.commands.map((c: { command: string }) => c.command);
    expect(commandsOf(undefined)).not.toContain("stats");
    for (const lang of [undefined, "en", "ar"]) {
      expect(commandsOf({ type: "chat", chat_id: olivia.id }, lang)).toEqual(
        expect.arrayContaining(["stats", "unmatched", "reload", "chats", "announce", "announcements", "ask"]),
      );
      expect(commandsOf({ type: "all_chat_administrators" }, lang)).toEqual(expect.arrayContaining(["lang", "announcements", "ask"]));
      expect(commandsOf({ type: "all_chat_administrators" }, lang)).not.toContain("stats");
    }
  });
});

describe("rights", () => {
  const adminCommands = ["/stats", "/unmatched 5", "/reload", "/chats", "/announce", "/announce Free pizza!", "/announcements"];

  it.each(adminCommands)("%s from someone else: a polite refusal in their language, logged, nothing done", async (command) => {
    const refusals = () => bot.logs().filter((l) => l.message === "admin command refused" && l.command === command.split(" ")[0]).length;
    const before = refusals();
    const refusal = await ask(alice, command);
    expect(refusal.payload.text).toMatch(/^Sorry, this command is only for administrators/);
    const arabic = await ask(karim, command);
    expect(arabic.payload.text).toMatch(/^عذرًا/);
    await expect.poll(refusals).toBe(before + 2);
    // Nothing was done: no preview went out, no content was reloaded.
    expect(server.calls.some((c) => c.method === "sendMessage" && c.payload.reply_markup?.inline_keyboard?.[0]?.[0]?.text?.startsWith("✅"))).toBe(false);
    expect(bot.logs().some((l) => l.message === "content reload")).toBe(false);
  });

  it("a bot admin's command in a group is pointed to the private chat; anyone else's is refused", async () => {
    expect((await send(textUpdate(group, olivia, "/stats"), group.id)).payload.text).toMatch(/private chat/);
    expect((await send(textUpdate(group, alice, "/stats"), group.id)).payload.text).toMatch(/^Sorry/);
  });

  it("a Confirm button pressed by someone else is refused and queues nothing", async () => {
    const preview = await ask(olivia, "/announce Refused <announcement>");
    expect(preview.payload.text).toBe("Refused &lt;announcement&gt;");
    const [confirmButton, silentButton, cancelButton] = preview.payload.reply_markup.inline_keyboard.flat();
    expect([confirmButton.text, silentButton.text, cancelButton.text]).toEqual(["✅ Send to 0 chats", "🔕 Send silently", "✖ Cancel"]);
    const confirm = confirmButton.callback_data as string;
    const answer = await send(buttonPress(alice, confirm), alice.id, "answerCallbackQuery");
    expect(answer.payload).toMatchObject({ show_alert: true, text: expect.stringMatching(/^Sorry/) });
    expect((await ask(olivia, "/announcements")).payload.text).toBe("No announcements yet.");
  });

  it("group settings: refused to members, allowed to the group's admins and anonymous admins", async () => {
    server.pushUpdate(membershipUpdate(group, "member"));
    server.setMember(group.id, alice.id, "member");
    server.setMember(group.id, karim.id, "administrator");
    // A member's /lang is their own reply language, not the group's.
    expect((await send(textUpdate(group, alice, "/lang en"), group.id)).payload.text).toBe("From now on I will reply in English.");
    expect((await send(textUpdate(group, alice, "/announcements off"), group.id)).payload.text).toMatch(/^Sorry/);
    await expect.poll(() => bot.logs().some((l) => l.message === "admin command refused" && l.command === "/announcements" && l.chat_type === "supergroup")).toBe(true);
    expect((await ask(olivia, "/chats")).payload.text).toMatch(/Tech news .* · ar \(auto\) · announcements on/);

    expect((await send(textUpdate(group, karim, "/lang en"), group.id)).payload.text).toMatch(/posted in English/);
    const anonymous = { id: 1087968824, is_bot: true, first_name: "Group" };
    const offByAnonymousAdmin = textUpdate(group, anonymous, "/announcements off", { sender_chat: group });
    expect((await send(offByAnonymousAdmin, group.id)).payload.text).toMatch(/Announcements are off/);
    expect((await ask(olivia, "/chats")).payload.text).toMatch(/⛔ Tech news .* · en · announcements off/);
    // Rights are asked of Telegram on every command: demoted, karim is refused at once.
    server.setMember(group.id, karim.id, "member");
    expect((await send(textUpdate(group, karim, "/announcements on"), group.id)).payload.text).toBe(engine.content.messages.notAllowed.ar);
    expect(server.callsOf("getChatMember").filter((c) => c.payload.user_id === karim.id)).toHaveLength(2);
    expect((await ask(olivia, "/chats")).payload.text).toMatch(/⛔ Tech news .* · en · announcements off/);
  });
});

describe("odd updates", () => {
  it("a button press without data (a game's) is answered, so the app stops showing it loading", async () => {
    const press = buttonPress(alice, "x");
    delete press.callback_query!.data;
    press.callback_query!.game_short_name = "snake";
    const answer = await send(press, alice.id, "answerCallbackQuery");
    expect(answer.payload).toMatchObject({ callback_query_id: press.callback_query!.id, text: engine.content.messages.staleButton.en });
  });

  it("a message edited into a command is not run (editing is not sending: an /announce or /lang would act twice); an edited question is answered", async () => {
    const original = textUpdate(privateChat(alice), alice, "hello there");
    const edited = (text: string) => ({ edited_message: { ...textUpdate(privateChat(alice), alice, text).message!, message_id: original.message!.message_id, edit_date: 1 } });
    const since = server.calls.length;
    server.pushUpdate(edited("/lang ar"));
    server.pushUpdate(edited("/ask how much was capex in Q2?"));
    const answered = await send(edited("how much compute will llama 4 need?"), alice.id);
    expect(answered.payload.text).toBe(engine.answer("how much compute will llama 4 need?").reply);
    expect(server.calls.slice(since).filter((c) => c.method === "sendMessage")).toHaveLength(1);
    expect((await ask(alice, "/help")).payload.text).toBe(engine.content.messages.help.en);
  });
});

describe("admin commands", () => {
  it("/announce then Cancel: nothing is queued, and the buttons cannot be used again", async () => {
    const preview = await ask(olivia, "/announce");
    expect(preview.payload.text).toBe(engine.highlights("en").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"));
    const [confirm, , cancel] = preview.payload.reply_markup.inline_keyboard.flat().map((b: { callback_data: string }) => b.callback_data);
    const edited = await send(buttonPress(olivia, cancel), olivia.id, "editMessageText");
    expect(edited.payload.text).toMatch(/^Announcement #\d+ cancelled\.$/);
    const late = await send(buttonPress(olivia, confirm), olivia.id, "answerCallbackQuery");
    expect(late.payload.text).toBe("Already sent or cancelled.");
    expect((await ask(olivia, "/announcements")).payload.text).toBe("No announcements yet.");
  });

  it("/stats and /unmatched report the questions asked", async () => {
    const before = await ask(olivia, "/stats");
    const total = Number(/Questions: (\d+)/.exec(before.payload.text)![1]);
    await ask(alice, "How much compute will Llama 4 need?");
    await ask(karim, "كم عدد موظفي ميتا؟");
    await send(textUpdate(group, alice, "/ask what did Meta spend in Q2?"), group.id);
    const stats = (await ask(olivia, "/stats")).payload.text as string;
    expect(stats).toContain(`Questions: ${total + 3} in all, ${total + 3} in the last 24 h`);
    expect(stats).toMatch(/By chat type: .*supergroup 1/);
    expect(stats).toMatch(/Top facts: .*llama4-compute/);
    const unmatched = (await ask(olivia, "/unmatched 3")).payload.text as string;
    expect(unmatched).toContain("كم عدد موظفي ميتا؟");
    expect(unmatched).not.toContain("Llama 4");
  });

  it("/unmatched groups identical and near-identical questions, with their counts, newest wording shown", async () => {
    for (const question of ["What is Meta's stock price?", "what is metas stock price", "What is Meta's stok price??", "How tall is the Eiffel tower?", "What is Meta's stock price in 2023?"])
      await ask(karim, question);
    const report = (await ask(olivia, "/unmatched 5")).payload.text as string;
    expect(report).toMatch(/^Latest 5 declined questions, 3 distinct \(newest first\):/);
    const entries = report.split("\n• ").slice(1);
    expect(entries).toHaveLength(3);
    expect(entries[0]).toMatch(/^\d{4}-.*\n  What is Meta's stock price in 2023\?$/);
    expect(entries[1]).toMatch(/How tall is the Eiffel tower\?$/);
    expect(entries[2]).toMatch(/^3× · last \d{4}-.*\n  What is Meta's stok price\?\?$/);
  });

  it("/stats counts the users, those who blocked the bot (and unblocked it) and the chats that removed it", async () => {
    const dana = { id: 6001, is_bot: false, first_name: "Dana", language_code: "en" };
    const me = { id: 424242, is_bot: true, first_name: "Article Bot", username: "article_test_bot" };
    const blocking = (status: "kicked" | "member") => ({
      my_chat_member: { chat: privateChat(dana), from: dana, date: 0, old_chat_member: { status: "member", user: me }, new_chat_member: { status, user: me, until_date: 0 } },
    });
    const stats = async () => (await ask(olivia, "/stats")).payload.text as string;
    const blockedUsers = async () => Number(/blocked the bot: (\d+) users/.exec(await stats())![1]);
    await ask(dana, "What is Llama?");
    expect(await stats()).toMatch(/^Users: \d+; blocked the bot: \d+ users; removed it: \d+ groups and channels\.$/m);
    const before = await blockedUsers();
    // The membership update is handled in Dana's chat, the /stats in Olivia's: asked until it shows.
    server.pushUpdate(blocking("kicked") as never);
    await expect.poll(blockedUsers, { timeout: 5_000 }).toBe(before + 1);
    server.pushUpdate(blocking("member") as never);
    await expect.poll(blockedUsers, { timeout: 5_000 }).toBe(before);
  });

  it("/unmatched of many long questions is paged with buttons, each question cut, no line lost", async () => {
    const asked = Array.from({ length: 30 }, (_, i) => `Question number ${i} about something the article never mentions: ${"tell me about the weather in Paris ".repeat(12)}`);
    for (const question of asked) await ask(karim, question);
    const first = await ask(olivia, "/unmatched 30");
    expect(first.payload.text).toMatch(/^Latest 30 declined questions \(newest first\) \(page 1 of \d\)/);
    const pages = [first.payload.text as string];
    let markup = first.payload.reply_markup;
    while (markup?.inline_keyboard.flat().some((b: { text: string }) => b.text === "▶")) {
      const next = markup.inline_keyboard.flat().find((b: { text: string }) => b.text === "▶");
      const edit = await send(buttonPress(olivia, next.callback_data), olivia.id, "editMessageText");
      pages.push(edit.payload.text);
      markup = edit.payload.reply_markup;
    }
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page.length).toBeLessThanOrEqual(4096);
    for (let i = 0; i < 30; i++) expect(pages.join("\n")).toContain(`Question number ${i} about`);
    // The same buttons pressed by someone else: refused.
    const forged = await send(buttonPress(alice, "page:unmatched:30:1"), alice.id, "answerCallbackQuery");
    expect(forged.payload).toMatchObject({ show_alert: true, text: engine.content.messages.notAllowed.en });
  });

  it("/reload with a broken file keeps serving the old content and names the file, entry and field", async () => {
    const factsFile = join(contentDir, "data/facts.json");
    const original = readFileSync(factsFile, "utf8");
    const facts = JSON.parse(original);
    facts.facts[0].answer.en = "";
    writeFileSync(factsFile, JSON.stringify(facts));
    const failed = (await ask(olivia, "/reload")).payload.text as string;
    expect(failed).toMatch(/^Reload failed; still serving the previous content/);
    expect(failed).toMatch(new RegExp(`data/facts\\.json: entry "${facts.facts[0].id}" \\(facts\\[0\\]\\), field answer\\.en`));
    expect((await ask(alice, "How much compute will Llama 4 need?")).payload.text).toMatch(/10/);

    // Fixed, with a changed answer: reloaded, and the new answer is served.
    const fixed = JSON.parse(original);
    const fact = fixed.facts.find((f: { id: string }) => f.id === "llama4-compute");
    fact.answer.en = `${fact.answer.en} (reloaded)`;
    writeFileSync(factsFile, JSON.stringify(fixed));
    expect((await ask(olivia, "/reload")).payload.text).toMatch(new RegExp(`^Content reloaded: ${engine.content.facts.length} facts, ${engine.content.intents.length} intents`));
    expect((await ask(alice, "How much compute will Llama 4 need?")).payload.text).toMatch(/\(reloaded\)$/);
    writeFileSync(factsFile, original);
  });
});
