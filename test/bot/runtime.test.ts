import { describe, expect, it } from "vitest";
import { TEST_TOKEN } from "../support/bot-api-server.js";
import { BotProcess } from "../support/bot-process.js";
import { freePort } from "../support/free-port.js";
import { perTest } from "../support/per-test.js";
import { alice, privateChat, textUpdate } from "../support/updates.js";

const { startServer, startBot } = perTest();

describe("Telegram's limits and errors", () => {
  it("on 429 waits the retry_after Telegram asks for, then sends", async () => {
    const server = await startServer();
    const bot = startBot({ BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: server.apiRoot });
    await bot.waitForLog("bot started");
    server.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } });
    server.pushUpdate(textUpdate(privateChat(alice), alice, "what is llama?"));
    await server.waitForCall("sendMessage", (c) => server.callsOf("sendMessage").indexOf(c) === 1);
    const [refused, retried] = server.callsOf("sendMessage");
    expect(retried!.payload).toEqual(refused!.payload);
    expect(retried!.at - refused!.at).toBeGreaterThanOrEqual(1000);
  });

  it("survives a failing API call and handles the next update", async () => {
    const server = await startServer();
    const bot = startBot({ BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: server.apiRoot });
    await bot.waitForLog("bot started");
    server.failNext("sendMessage", { error_code: 400, description: "Bad Request: chat not found" });
    server.pushUpdate(textUpdate(privateChat(alice), alice, "what is llama?"));
    await bot.waitForLog("update failed");
    server.pushUpdate(textUpdate(privateChat(alice), alice, "who is susan li?"));
    const sent = await server.waitForCall("sendMessage", (c) => /Susan Li/.test(c.payload.text));
    expect(sent).toBeDefined();
  });
});

describe("start-up", () => {
  it("compiles the content at the first start and reads the compiled index back at the next, answering the same", async () => {
    const server = await startServer();
    const env = { BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: server.apiRoot, DATABASE_PATH: BotProcess.freshDatabase() };
    const replies: string[] = [];
    for (const from of ["the content files", "the compiled index"]) {
      const bot = startBot(env);
      expect(await bot.waitForLog("content loaded")).toMatchObject({ from });
      await bot.waitForLog("bot started");
      const asked = server.callsOf("sendMessage").length;
      server.pushUpdate(textUpdate(privateChat(alice), alice, "كم بلغت النفقات الرأسمالية في الربع الثاني؟"));
      replies.push((await server.waitForCall("sendMessage", (c) => server.callsOf("sendMessage").indexOf(c) === asked)).payload.text as string);
      bot.signal("SIGTERM");
      expect(await bot.exited).toBe(0);
    }
    expect(replies[0]).toContain("8.5");
    expect(replies[1]).toBe(replies[0]);
  });
});

describe("graceful shutdown", () => {
  it.each(["SIGTERM", "SIGINT"] as const)("on %s finishes the updates in flight, then exits 0", async (signal) => {
    const server = await startServer();
    const bot = startBot({ BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: server.apiRoot });
    await bot.waitForLog("bot started");
    server.delayNext("sendMessage", 1_500);
    server.pushUpdate(textUpdate(privateChat(alice), alice, "what is llama?"));
    await server.waitForCall("sendMessage");
    bot.signal(signal);
    expect(await bot.exited).toBe(0);
    const updates = bot.logs().filter((l) => l.message === "update");
    expect(updates).toHaveLength(1);
    const stopped = bot.logs().findIndex((l) => l.message === "stopped");
    expect(stopped).toBeGreaterThan(bot.logs().findIndex((l) => l.message === "update"));
    // The handled update is confirmed, so a restarted bot does not answer it twice.
    expect(server.callsOf("getUpdates").at(-1)!.payload.offset).toBe(2);
  });
});

describe("configuration", () => {
  it("refuses to start on invalid configuration, naming every bad variable and never the token", async () => {
    const token = "999:not-a-real-token";
    const bot = startBot({ BOT_TOKEN: token, BOT_MODE: "webhook", WEBHOOK_URL: "http://insecure.example", LOG_LEVEL: "loud", TELEGRAM_API_ROOT: "nope" });
    expect(await bot.exited).toBe(1);
    for (const variable of ["BOT_TOKEN", "TELEGRAM_API_ROOT", "LOG_LEVEL", "WEBHOOK_URL", "WEBHOOK_SECRET"]) expect(bot.stderr).toContain(variable);
    expect(bot.stderr).not.toContain(token);
    expect(bot.stderr).not.toContain("not-a-real-token");
  });

  it("refuses to start when the store cannot be opened, naming DATABASE_PATH", async () => {
    const bot = startBot({ BOT_TOKEN: TEST_TOKEN, DATABASE_PATH: "/dev/null/bot.sqlite", ADMIN_IDS: "12,alice" });
    expect(await bot.exited).toBe(1);
    expect(bot.stderr).toMatch(/ADMIN_IDS must be Telegram user ids/);
    const again = startBot({ BOT_TOKEN: TEST_TOKEN, DATABASE_PATH: "/dev/null/bot.sqlite" });
    expect(await again.exited).toBe(1);
    expect(again.stderr).toMatch(/DATABASE_PATH cannot be opened \(\/dev\/null\/bot\.sqlite\)/);
  });

  it("says it is waiting when the Bot API server cannot be reached", async () => {
    const port = await freePort(); // nothing listens there
    const bot = startBot({ BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: `http://127.0.0.1:${port}` });
    expect(await bot.waitForLog("waiting for the Bot API server")).toMatchObject({ api_root: `http://127.0.0.1:${port}` });
  });

  it("refuses to start without a token", async () => {
    const bot = startBot({});
    expect(await bot.exited).toBe(1);
    expect(bot.stderr).toMatch(/BOT_TOKEN is required/);
  });
});
