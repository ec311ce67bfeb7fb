import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { BotApiServer, TEST_TOKEN } from "../support/bot-api-server.js";
import { BotProcess } from "../support/bot-process.js";
import { alice, privateChat, textUpdate } from "../support/updates.js";

const running: Array<{ stop(): Promise<void> } | { close(): Promise<void> }> = [];
afterEach(async () => {
  for (const thing of running.splice(0).reverse()) await ("stop" in thing ? thing.stop() : thing.close());
});

async function startServer(): Promise<BotApiServer> {
  const server = await new BotApiServer().start();
  running.push(server);
  return server;
}

function startBot(env: Record<string, string>): BotProcess {
  const bot = new BotProcess(env);
  running.push(bot);
  return bot;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe("webhook mode", () => {
  const secret = "webhook-secret_0123456789";

  async function startWebhookBot() {
    const server = await startServer();
    const port = await freePort();
    const bot = startBot({
      BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_API_ROOT: server.apiRoot,
      BOT_MODE: "webhook",
      WEBHOOK_URL: "https://bot.example.org/telegram/hook",
      WEBHOOK_SECRET: secret,
      WEBHOOK_HOST: "127.0.0.1",
      WEBHOOK_PORT: String(port),
    });
    await bot.waitForLog("bot started");
    const post = (headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${port}/telegram/hook`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ update_id: 1, ...textUpdate(privateChat(alice), alice, "what is llama?") }),
      });
    return { server, bot, port, post };
  }

  it("registers the webhook with its secret and allowed updates", async () => {
    const { server } = await startWebhookBot();
    const registered = server.callsOf("setWebhook")[0]!;
    expect(registered.payload).toMatchObject({ url: "https://bot.example.org/telegram/hook", secret_token: secret });
    expect(registered.payload.allowed_updates).toEqual(expect.arrayContaining(["message", "callback_query", "inline_query"]));
    expect(server.callsOf("getUpdates")).toHaveLength(0);
  });

  it("answers an update that carries the right secret token", async () => {
    const { server, post } = await startWebhookBot();
    const response = await post({ "x-telegram-bot-api-secret-token": secret });
    expect(response.status).toBe(200);
    const sent = await server.waitForCall("sendMessage");
    expect(sent.payload.text).toMatch(/open-source/);
  });

  it("refuses with 401 an update with a wrong or missing secret token, and does nothing", async () => {
    const { server, post } = await startWebhookBot();
    expect((await post({ "x-telegram-bot-api-secret-token": "wrong-secret_0123456789" })).status).toBe(401);
    expect((await post({})).status).toBe(401);
    expect(server.callsOf("sendMessage")).toHaveLength(0);
  });

  it("serves a health endpoint", async () => {
    const { port } = await startWebhookBot();
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(response.status).toBe(200);
  });
});

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
