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
    const [confirmButton, cancelButton] = preview.payload.reply_markup.inline_keyboard[0];
    expect([confirmButton.text, cancelButton.text]).toEqual(["✅ Send to 0 chats", "✖ Cancel"]);
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

describe("admin commands", () => {
  it("/announce then Cancel: nothing is queued, and the buttons cannot be used again", async () => {
    const preview = await ask(olivia, "/announce");
    expect(preview.payload.text).toBe(engine.highlights("en").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"));
    const [confirm, cancel] = preview.payload.reply_markup.inline_keyboard[0].map((b: { callback_data: string }) => b.callback_data);
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
    expect((await ask(olivia, "/reload")).payload.text).toMatch(/^Content reloaded: 13 facts, 17 intents/);
    expect((await ask(alice, "How much compute will Llama 4 need?")).payload.text).toMatch(/\(reloaded\)$/);
    writeFileSync(factsFile, original);
  });
});
