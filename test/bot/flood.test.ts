import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotApiServer, TEST_TOKEN } from "../support/bot-api-server.js";
import { BotProcess } from "../support/bot-process.js";
import { engine } from "../support/content.js";
import { alice, buttonPress, group, karim, olivia, privateChat, textUpdate } from "../support/updates.js";

let server: BotApiServer;
let bot: BotProcess;

beforeAll(async () => {
  server = await new BotApiServer().start();
  // Flood control and the group budget as deployed (5 questions in 10 s, 20 messages a minute), not the tests' "off".
  bot = new BotProcess({
    BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_API_ROOT: server.apiRoot,
    ADMIN_IDS: String(olivia.id),
    FLOOD_BURST: "5",
    FLOOD_WINDOW_SECONDS: "10",
    GROUP_MESSAGES_PER_MINUTE: "20",
  });
  await bot.waitForLog("bot started");
});

afterAll(async () => {
  await bot?.stop();
  await server?.close();
});

const sentTo = (chatId: number, since: number) => server.calls.filter((c) => c.method === "sendMessage" && c.payload.chat_id === chatId && server.calls.indexOf(c) >= since);
const me = () => `@${server.botInfo.username}`;

/** Sends `update` after the others and waits for its answer: everything before it in that chat has been handled. */
async function marker(update: ReturnType<typeof textUpdate>, chatId: number) {
  const since = server.calls.length;
  server.pushUpdate(update);
  return server.waitForCall("sendMessage", (c) => server.calls.indexOf(c) >= since && c.payload.chat_id === chatId, 90_000);
}

describe("anti-flood", () => {
  it("30 questions from one user in a few seconds: 5 answers, one 'slow down' note, then silence; /stats counts them apart", async () => {
    const user = { id: 3001, is_bot: false, first_name: "Fast", language_code: "en" };
    const since = server.calls.length;
    for (let i = 0; i < 30; i++) server.pushUpdate(textUpdate(privateChat(user), user, i % 2 ? "What was capex in Q2?" : "How much compute will Llama 4 need?"));
    await server.waitForCall("sendMessage", () => sentTo(user.id, since).length >= 6);
    // Olivia's /stats is handled after Fast's updates (other chat, but later in the queue): give them a moment.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const replies = sentTo(user.id, since).map((c) => c.payload.text as string);
    expect(replies).toHaveLength(6);
    expect(replies.filter((t) => t === engine.content.messages.slowDown.en)).toHaveLength(1);
    const stats = await marker(textUpdate(privateChat(olivia), olivia, "/stats"), olivia.id);
    expect(stats.payload.text).toMatch(/Questions: 5 in all/);
    expect(stats.payload.text).toMatch(/Not answered: flood 25/);
  });

  it("button spam gets a toast and no message", async () => {
    const user = { id: 3002, is_bot: false, first_name: "Presser", language_code: "en" };
    const since = server.calls.length;
    for (let i = 0; i < 8; i++) server.pushUpdate(buttonPress(user, "fact:q2-capex"));
    await server.waitForCall("answerCallbackQuery", () => server.calls.filter((c, k) => k >= since && c.method === "answerCallbackQuery").length >= 8);
    const toasts = server.calls.filter((c, k) => k >= since && c.method === "answerCallbackQuery" && c.payload.text === engine.content.messages.slowDown.en);
    expect(toasts).toHaveLength(3);
    expect(sentTo(user.id, since)).toHaveLength(5);
  });

  it("in a group, the same question again a moment later gets a short pointer to the earlier answer, not the answer again", async () => {
    const since = server.calls.length;
    const first = await marker(textUpdate(group, alice, `/ask${me()} how much was capex in Q2 2024?`), group.id);
    expect(first.payload.text).toMatch(/8\.5 billion/);
    const again = await marker(textUpdate(group, karim, `/ask${me()} كم بلغت النفقات الرأسمالية في الربع الثاني؟`), group.id);
    const link = `https://t.me/c/${String(group.id).slice(4)}/${first.result.message_id}`;
    expect(again.payload.text).toBe(engine.content.messages.alreadyAnswered.ar.replace("{link}", link));
    expect(sentTo(group.id, since)).toHaveLength(2);
  });
});

describe("the per-group limit", () => {
  it("25 questions in a group within seconds are all answered, and never faster than Telegram allows a group (20 a minute)", async () => {
    server.enforceLimits = true;
    const busy = { id: -100_888, type: "supergroup" as const, title: "Busy" };
    const topics = ["compute for Llama 4", "capex in Q2", "Susan Li", "Llama 3.1 405B", "open source Llama"];
    const since = server.calls.length;
    for (let i = 0; i < 25; i++) {
      const member = { id: 4000 + i, is_bot: false, first_name: `M${i}`, language_code: "en" };
      server.pushUpdate(textUpdate(busy, member, `/ask${me()} tell me about ${topics[i % topics.length]} please, question ${i}`));
    }
    await server.waitForCall("sendMessage", () => sentTo(busy.id, since).length >= 25, 120_000);
    expect(server.limitViolations).toBe(0);
    const times = sentTo(busy.id, since).map((c) => c.at);
    for (let k = 20; k < times.length; k++) expect(times[k]! - times[k - 20]!).toBeGreaterThanOrEqual(60_000);
    server.enforceLimits = false;
  }, 150_000);
});
