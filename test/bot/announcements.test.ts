import type { Chat, MessageEntity, Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { toHtmlMessage } from "../../src/bot/html.js";
import { BotApiServer, TEST_TOKEN, type RecordedCall } from "../support/bot-api-server.js";
import { BotProcess } from "../support/bot-process.js";
import { engine } from "../support/content.js";
import { perTest } from "../support/per-test.js";
import { buttonPress, channel, karim, membershipUpdate, message, olivia, privateChat, supergroup, textUpdate } from "../support/updates.js";

const tests = perTest();
const { startServer } = tests;

async function startBot(server: BotApiServer, database: string, env: Record<string, string> = {}): Promise<BotProcess> {
  const bot = tests.startBot({ BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: server.apiRoot, ADMIN_IDS: String(olivia.id), DATABASE_PATH: database, ...env });
  await bot.waitForLog("bot started");
  return bot;
}

/** Olivia (a bot admin) sends `text` in private; resolves with the bot's reply to it. */
async function admin(server: BotApiServer, text: string): Promise<string> {
  const update = textUpdate(privateChat(olivia), olivia, text);
  server.pushUpdate(update);
  // The reply that went through (with the limits enforced, an earlier try may have had a 429).
  const reply = () =>
    server.calls.find((c) => c.method === "sendMessage" && c.status === 200 && c.payload.reply_parameters?.message_id === update.message!.message_id);
  await expect.poll(reply, { timeout: 10_000, interval: 20 }).toBeDefined();
  return reply()!.payload.text as string;
}

/** A paged report (/chats): every page, turned with its ▶ button. */
async function adminPages(server: BotApiServer, text: string): Promise<string[]> {
  const pages = [await admin(server, text)];
  const replyTo = (c: RecordedCall) => c.method === "sendMessage" && c.status === 200 && c.payload.text === pages[0];
  let markup = server.calls.find(replyTo)!.payload.reply_markup;
  for (;;) {
    const next = markup?.inline_keyboard.flat().find((b: { text: string }) => b.text === "▶");
    if (!next) return pages;
    const since = server.calls.length;
    server.pushUpdate(buttonPress(olivia, next.callback_data));
    const edit = await server.waitForCall("editMessageText", (c) => server.calls.indexOf(c) >= since);
    pages.push(edit.payload.text);
    markup = edit.payload.reply_markup;
  }
}

/** /announce, then Confirm; resolves when it is queued. */
async function announce(server: BotApiServer): Promise<void> {
  const since = server.calls.length;
  server.pushUpdate(textUpdate(privateChat(olivia), olivia, "/announce"));
  const preview = await server.waitForCall("sendMessage", (c) => server.calls.indexOf(c) >= since && c.payload.reply_markup !== undefined);
  server.pushUpdate(buttonPress(olivia, preview.payload.reply_markup.inline_keyboard[0][0].callback_data));
  await server.waitForCall("editMessageText", (c) => server.calls.indexOf(c) >= since && /queued/.test(c.payload.text));
}

describe("chats the bot is in", () => {
  it("follows my_chat_member (added, promoted in a channel, kicked) and migrations; settings survive a restart", async () => {
    const server = await startServer();
    const database = BotProcess.freshDatabase();
    const first = await startBot(server, database);
    const basicGroup: Chat.GroupChat = { id: -1005, type: "group", title: "Old group" };
    server.pushUpdate(membershipUpdate(supergroup(-1001, "Group A"), "member"));
    server.pushUpdate(membershipUpdate(channel(-1002, "Channel C"), "administrator", { canPost: true }));
    server.pushUpdate(membershipUpdate(channel(-1003, "Channel D"), "administrator", { canPost: false }));
    server.pushUpdate(membershipUpdate(supergroup(-1004, "Group K"), "member"));
    server.pushUpdate(membershipUpdate(supergroup(-1004, "Group K"), "kicked"));
    server.pushUpdate(membershipUpdate(basicGroup, "member"));
    server.setMember(basicGroup.id, karim.id, "administrator");
    // Builders speak of supergroups; the bot reads the chat as given.
    server.pushUpdate(textUpdate(basicGroup as unknown as Chat.SupergroupChat, karim, "/lang en"));
    await server.waitForCall("sendMessage", (c) => c.payload.chat_id === basicGroup.id);
    server.pushUpdate({ message: message(basicGroup as unknown as Chat.SupergroupChat, karim, "", { text: undefined, migrate_to_chat_id: -1001005 }) });
    await first.waitForLog("chat migrated");

    const chats = await admin(server, "/chats");
    expect(chats).toMatch(/^3 of 5 chats receive announcements/);
    expect(chats).toMatch(/✅ Group A \(-1001\) · supergroup · member · ar \(auto\)/);
    expect(chats).toMatch(/✅ Channel C \(-1002\) · channel · administrator · can post/);
    expect(chats).toMatch(/⛔ Channel D \(-1003\) · channel · administrator · cannot post/);
    expect(chats).toMatch(/⛔ Group K \(-1004\) · supergroup · kicked/);
    expect(chats).toMatch(/✅ Old group \(-1001005\) · supergroup · member · en · announcements on/);
    expect(chats).not.toMatch(/\(-1005\)/);

    const since = server.calls.length;
    server.pushUpdate(textUpdate(privateChat(karim), karim, "/lang en"));
    await server.waitForCall("sendMessage", (c) => server.calls.indexOf(c) >= since && c.payload.chat_id === karim.id);

    await first.stop();
    await startBot(server, database);
    expect(await admin(server, "/chats")).toBe(chats);
    // Karim's Telegram is in Arabic, but he chose English before the restart.
    const after = server.calls.length;
    server.pushUpdate(textUpdate(privateChat(karim), karim, "/help"));
    const help = await server.waitForCall("sendMessage", (c) => server.calls.indexOf(c) >= after && c.payload.chat_id === karim.id);
    expect(help.payload.text).toMatch(/^I answer questions about one article/);
  });
});

describe("an announcement to 50 groups", () => {
  it("reaches every active group exactly once despite 429s, 403s, a migration and a crash", async () => {
    const server = await startServer();
    // Telegram's limits, enforced: a post beyond them would get a 429 of the server's own.
    server.enforceLimits = true;
    const database = BotProcess.freshDatabase();
    const first = await startBot(server, database);
    const groups = Array.from({ length: 50 }, (_, i) => -2001 - i);
    // One of them is a channel where the bot may post.
    for (const id of groups)
      server.pushUpdate(id === -2050 ? membershipUpdate(channel(id, "Channel"), "administrator", { canPost: true }) : membershipUpdate(supergroup(id, `Group ${-id}`), "member"));
    await expect.poll(() => admin(server, "/chats"), { timeout: 10_000 }).toMatch(/^50 of 50 chats/);

    const to = (id: number) => (payload: Record<string, unknown>) => Number(payload.chat_id) === id;
    for (const id of [-2005, -2030]) server.failWhen("sendMessage", to(id), { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } });
    const kickedFrom = [-2010, -2020, -2040];
    for (const id of kickedFrom) server.failWhen("sendMessage", to(id), { error_code: 403, description: "Forbidden: bot was kicked from the supergroup chat" });
    server.failWhen("sendMessage", to(-2015), {
      error_code: 400,
      description: "Bad Request: group chat was upgraded to a supergroup chat",
      parameters: { migrate_to_chat_id: -1002015 },
    });
    server.failWhen("sendMessage", to(-2035), { error_code: 502, description: "Bad Gateway" });
    // The post to -2045 goes through, but its answer is lost (the connection is cut).
    server.loseAnswerWhen("sendMessage", to(-2045));
    // The post to -2025 is held by the server: the bot is killed while waiting for it.
    server.delayWhen("sendMessage", to(-2025), 3000);

    await announce(server);
    await server.waitForCall("sendMessage", (c) => to(-2025)(c.payload));
    first.signal("SIGKILL");
    await first.exited;
    const second = await startBot(server, database);
    expect(second.logs().find((l) => l.message === "posts interrupted by a stop are marked uncertain")?.count).toBe(1);
    await expect.poll(() => admin(server, "/announcements"), { timeout: 20_000, interval: 1100 }).toMatch(/pending 0/);

    const copies = (id: number) => server.delivered(id).length;
    // The held post reached the server before the kill: Telegram would deliver it. It counts once answered.
    await expect.poll(() => copies(-2025), { timeout: 5000 }).toBe(1);
    const arabicHighlights = toHtmlMessage(engine.highlights("ar"));
    for (const id of groups) {
      const expected = kickedFrom.includes(id) || id === -2015 ? 0 : 1;
      expect(copies(id), `copies in ${id}`).toBe(expected);
      if (expected) expect(server.delivered(id)[0]!.payload.text).toBe(arabicHighlights);
    }
    expect(copies(-1002015)).toBe(1);

    // The post whose answer was lost was not sent again: one request, one copy.
    expect(server.callsOf("sendMessage").filter((c) => to(-2045)(c.payload))).toHaveLength(1);
    // The only 429s to groups were the two injected: the sender kept to the limits.
    expect(server.callsOf("sendMessage").filter((c) => c.status === 429 && Number(c.payload.chat_id) < 0)).toHaveLength(2);

    // 429s: the post waited as long as Telegram asked before it was tried again; a 5xx, a backoff of 1 s.
    for (const [id, status] of [[-2005, 429], [-2030, 429], [-2035, 502]]) {
      const [failed, retried] = server.callsOf("sendMessage").filter((c: RecordedCall) => to(id!)(c.payload));
      expect(failed!.status).toBe(status);
      expect(retried!.status).toBe(200);
      expect(retried!.at - failed!.at).toBeGreaterThanOrEqual(1000);
    }
    // A 429 pauses all sending, not only the post it answered.
    const first429 = server.callsOf("sendMessage").find((c) => c.status === 429 && Number(c.payload.chat_id) < 0)!;
    const sentDuringPause = server.callsOf("sendMessage").filter((c) => Number(c.payload.chat_id) < 0 && c.at > first429.at && c.at < first429.at + 1000);
    expect(sentDuringPause).toEqual([]);

    const report = await admin(server, "/announcements");
    expect(report).toMatch(/delivered 45, pending 0, failed 3, uncertain 2/);
    expect(report).toContain("3 × 403: bot was kicked from the supergroup chat");
    // 50 chats do not fit in one message: the report is paged, no line cut.
    const pages = await adminPages(server, "/chats");
    expect(pages.length).toBeGreaterThan(1);
    const chats = pages.join("\n");
    expect(chats.match(/^[✅⛔] /gmu)).toHaveLength(50);
    for (const id of kickedFrom) expect(chats).toMatch(new RegExp(`⛔ Group ${-id} \\(${id}\\) · supergroup · kicked`));
    expect(chats).toMatch(/✅ Channel \(-2050\) · channel · administrator · can post/);
  });
});

describe("an admin's own announcement", () => {
  /** `text` as Telegram gives it: the entities at the offsets of the spans named. */
  function formatted(text: string, spans: Array<[string, MessageEntity["type"], Record<string, unknown>?]>): Omit<Update, "update_id"> {
    const update = textUpdate(privateChat(olivia), olivia, text);
    const entities = spans.map(([span, type, extra]) => ({ type, offset: text.indexOf(span), length: span.length, ...extra }) as MessageEntity);
    update.message!.entities = [...update.message!.entities!, ...entities];
    return update;
  }

  it("keeps its formatting, sends each language its text, silently when asked, and refuses two texts in one language", async () => {
    const server = await startServer();
    const bot = await startBot(server, BotProcess.freshDatabase());
    server.pushUpdate(membershipUpdate(supergroup(-5001, "Arabic group"), "member"));
    server.pushUpdate(membershipUpdate(supergroup(-5002, "English group"), "member"));
    server.setMember(-5002, karim.id, "administrator");
    server.pushUpdate(textUpdate(supergroup(-5002, "English group"), karim, "/lang en"));
    await server.waitForCall("sendMessage", (c) => Number(c.payload.chat_id) === -5002);
    expect(await admin(server, "/chats")).toMatch(/English group \(-5002\) · supergroup · member · en · /);

    const since = server.calls.length;
    const text = "/announce اجتماع 🗓 <اليوم> مهم\n---\nMeeting today 🗓, see *the article*";
    server.pushUpdate(
      formatted(text, [
        ["اجتماع 🗓 <اليوم>", "bold"],
        ["🗓 <اليوم> مهم", "italic"],
        ["the article", "text_link", { url: 'https://example.com/a?x=1&y="2"' }],
        ["Meeting", "underline"],
      ]),
    );
    const arabic = "<b>اجتماع <i>🗓 &lt;اليوم&gt;</i></b><i> مهم</i>";
    const english = '<u>Meeting</u> today 🗓, see *<a href="https://example.com/a?x=1&amp;y=&quot;2&quot;">the article</a>*';
    const posts = (id: number) => server.delivered(id).filter((c) => server.calls.indexOf(c) >= since);
    const previews = () => server.callsOf("sendMessage").filter((c) => server.calls.indexOf(c) >= since && c.payload.chat_id === olivia.id);
    await expect.poll(() => previews().length).toBe(2);
    expect(previews().map((c) => c.payload.text)).toEqual([arabic, english]);
    expect(previews()[0]!.payload.reply_markup).toBeUndefined();
    const buttons = previews()[1]!.payload.reply_markup.inline_keyboard.flat();
    expect(buttons.map((b: { text: string }) => b.text)).toEqual(["✅ Send to 2 chats (1 ar, 1 en)", "🔕 Send silently", "✖ Cancel"]);

    server.pushUpdate(buttonPress(olivia, buttons[1].callback_data));
    await server.waitForCall("editMessageText", (c) => server.calls.indexOf(c) >= since && /queued for 2 chats, silently/.test(c.payload.text));
    for (const [id, html] of [[-5001, arabic], [-5002, english]] as const) {
      await expect.poll(() => posts(id).length, { timeout: 10_000 }).toBe(1);
      expect(posts(id)[0]!.payload).toMatchObject({ text: html, parse_mode: "HTML", disable_notification: true });
    }
    expect(await admin(server, "/announcements")).toMatch(/^#\d+ text \(silent\) · .*\ndelivered 2, pending 0, failed 0$/);

    // Two Arabic texts: said why, nothing drafted or sent.
    expect(await admin(server, "/announce مرحبا\n---\nأهلا")).toMatch(/an Arabic text and an English text.*Nothing was queued/);
    // Without the separator, one text for every chat, sent with a notification.
    const plain = server.calls.length;
    server.pushUpdate(textUpdate(privateChat(olivia), olivia, "/announce Hello & welcome"));
    const preview = await server.waitForCall("sendMessage", (c) => server.calls.indexOf(c) >= plain && c.payload.reply_markup !== undefined);
    expect(preview.payload.text).toBe("Hello &amp; welcome");
    server.pushUpdate(buttonPress(olivia, preview.payload.reply_markup.inline_keyboard[0][0].callback_data));
    for (const id of [-5001, -5002]) await expect.poll(() => posts(id).length, { timeout: 10_000 }).toBe(2);
    for (const id of [-5001, -5002]) expect(posts(id)[1]!.payload).toMatchObject({ text: "Hello &amp; welcome" });
    for (const id of [-5001, -5002]) expect(posts(id)[1]!.payload).not.toHaveProperty("disable_notification");
    expect(bot.logs().filter((l) => l.level === "error")).toEqual([]);
  });
});

describe("a proxy's error page in place of Telegram's answer", () => {
  it("a 502 with an HTML body is a post not delivered: tried again, and delivered once", async () => {
    const server = await startServer();
    const bot = await startBot(server, BotProcess.freshDatabase());
    const groups = [-4001, -4002, -4003];
    for (const id of groups) server.pushUpdate(membershipUpdate(supergroup(id, `Group ${id}`), "member"));
    await expect.poll(() => bot.logs().filter((l) => l.message === "chat membership").length).toBe(3);
    server.answerRawWhen("sendMessage", (p) => Number(p.chat_id) < 0, 502, "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>", 3);
    await announce(server);
    for (const id of groups) await expect.poll(() => server.delivered(id).length, { timeout: 10_000 }).toBe(1);
    for (const id of groups) expect(server.callsOf("sendMessage").filter((c) => Number(c.payload.chat_id) === id).map((c) => c.status)).toEqual([502, 200]);
    expect(await admin(server, "/announcements")).toMatch(/delivered 3, pending 0, failed 0$/m);
    expect(bot.logs().find((l) => l.message === "post not delivered")).toMatchObject({ outcome: "retry later", reason: expect.stringMatching(/^502: HTTP 502, not a Bot API answer \(502 Bad Gateway nginx\)$/) });
  });
});

describe("the schedule (ANNOUNCE_CRON)", () => {
  it("posts the highlights once per slot, even with two copies of the bot on one store", async () => {
    const server = await startServer();
    const database = BotProcess.freshDatabase();
    server.pushUpdate(membershipUpdate(supergroup(-3001, "Scheduled"), "member"));
    const bots = [await startBot(server, database, { ANNOUNCE_CRON: "*/2 * * * * *" })];
    await bots[0]!.waitForLog("chat membership");
    bots.push(await startBot(server, database, { ANNOUNCE_CRON: "*/2 * * * * *" }));
    const logged = (message: string) => bots.flatMap((b) => b.logs().filter((l) => l.message === message).map((l) => l.slot as string));
    // Both copies fire at every slot; one queues it, the other finds it taken.
    await expect.poll(() => logged("scheduled slot already posted").length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    const queued = logged("scheduled announcement queued");
    expect(new Set(queued).size).toBe(queued.length);
    for (const slot of logged("scheduled slot already posted")) expect(queued).toContain(slot);
    await expect.poll(() => server.delivered(-3001).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(queued.length);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // One post per slot queued (the last may have been queued since): none twice.
    expect(server.delivered(-3001).length).toBeLessThanOrEqual(logged("scheduled announcement queued").length);
    expect(server.delivered(-3001)[0]!.payload.text).toBe(toHtmlMessage(engine.highlights("ar")));
  });
});
