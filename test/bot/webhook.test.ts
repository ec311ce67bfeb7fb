import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { TEST_TOKEN } from "../support/bot-api-server.js";
import { freePort } from "../support/free-port.js";
import { perTest } from "../support/per-test.js";
import { alice, privateChat, textUpdate } from "../support/updates.js";

const { startServer, startBot } = perTest();

const secret = "webhook-secret_0123456789";

/** The real bot in webhook mode, and a way to post to its webhook as Telegram does. */
async function startWebhookBot(env: Record<string, string> = {}) {
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
    ...env,
  });
  await bot.waitForLog("bot started");
  let nextId = 1;
  /** Posts an update (a new update_id unless given) with the secret, or with `headers` instead. */
  const post = (update: object, { updateId = nextId++, headers = { "x-telegram-bot-api-secret-token": secret } as Record<string, string> } = {}) =>
    fetch(`http://127.0.0.1:${port}/telegram/hook`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ update_id: updateId, ...update }),
    });
  return { server, bot, port, post };
}

const question = (text = "what is llama?") => textUpdate(privateChat(alice), alice, text);

describe("webhook mode", () => {
  it("registers the webhook with its secret and allowed updates", async () => {
    const { server } = await startWebhookBot();
    const registered = server.callsOf("setWebhook")[0]!;
    expect(registered.payload).toMatchObject({ url: "https://bot.example.org/telegram/hook", secret_token: secret });
    expect(registered.payload.allowed_updates).toEqual(expect.arrayContaining(["message", "callback_query", "inline_query"]));
    expect(server.callsOf("getUpdates")).toHaveLength(0);
  });

  it("answers an update that carries the right secret token", async () => {
    const { server, post } = await startWebhookBot();
    const response = await post(question());
    expect(response.status).toBe(200);
    const sent = await server.waitForCall("sendMessage");
    expect(sent.payload.text).toMatch(/open-source/);
  });

  it("refuses with 401 an update with a wrong or missing secret token, and does nothing", async () => {
    const { server, post } = await startWebhookBot();
    expect((await post(question(), { headers: { "x-telegram-bot-api-secret-token": "wrong-secret_0123456789" } })).status).toBe(401);
    expect((await post(question(), { headers: {} })).status).toBe(401);
    expect(server.callsOf("sendMessage")).toHaveLength(0);
  });

  it("serves a health and a readiness endpoint", async () => {
    const { port } = await startWebhookBot();
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect([ready.status, await ready.text()]).toEqual([200, "ready"]);
  });

  it.each([
    ["403, the user blocked the bot", { error_code: 403, description: "Forbidden: bot was blocked by the user" }, "reply refused: the user blocked the bot", "info"],
    ["400", { error_code: 400, description: "Bad Request: message to be replied not found" }, "update failed", "error"],
  ])("an update whose reply fails (%s) gets 200 and the failure is logged; delivered again, it is not answered twice", async (_, error, line, level) => {
    const { server, bot, post } = await startWebhookBot();
    server.failNext("sendMessage", error);
    const update = question();
    expect((await post(update, { updateId: 41 })).status).toBe(200);
    expect((await bot.waitForLog(line)).level).toBe(level);
    // Telegram delivers it again (it would, had it got a 500): taken once, answered once.
    expect((await post(update, { updateId: 41 })).status).toBe(200);
    await bot.waitForLog("update delivered again, already taken");
    expect(server.callsOf("sendMessage")).toHaveLength(1);
  });

  it("an update still being handled after 5 s (a reply waiting out a 429) gets 200 then, and is answered once, in the background", async () => {
    const { server, post } = await startWebhookBot();
    server.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 7", parameters: { retry_after: 7 } });
    const update = question();
    const started = performance.now();
    const response = await post(update, { updateId: 7 });
    const answeredAfter = performance.now() - started;
    expect(response.status).toBe(200);
    expect(answeredAfter).toBeGreaterThanOrEqual(4_500);
    expect(answeredAfter).toBeLessThan(6_900); // before the reply went out
    expect((await post(update, { updateId: 7 })).status).toBe(200);
    await expect.poll(() => server.callsOf("sendMessage").map((c) => c.status), { timeout: 10_000 }).toEqual([429, 200]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(server.callsOf("sendMessage")).toHaveLength(2);
  }, 20_000);

  it("a call refused with 401 (the token revoked while running): says so and stops gracefully with exit code 78", async () => {
    const { server, bot, post } = await startWebhookBot();
    server.failNext("sendMessage", { error_code: 401, description: "Unauthorized" });
    expect((await post(question())).status).toBe(200);
    expect(await bot.exited).toBe(78);
    const messages = bot.logs().map((l) => l.message);
    expect(messages).toEqual(expect.arrayContaining(["update failed", "stopping", "stopped"]));
    expect(messages[messages.indexOf("stopping") - 1]).toMatch(/^Telegram refused the bot token \(401 Unauthorized\)/);
  });

  it("a client that aborts its upload costs one debug line, not an error", async () => {
    const { bot, port } = await startWebhookBot({ LOG_LEVEL: "debug" });
    const { request } = await import("node:http");
    await new Promise<void>((resolve) => {
      const req = request({ host: "127.0.0.1", port, path: "/telegram/hook", method: "POST", headers: { "x-telegram-bot-api-secret-token": secret, "content-length": "1000" } });
      req.on("error", () => resolve());
      req.write('{"update_id": 1, "mess');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 100);
    });
    await bot.waitForLog("webhook request aborted by the client");
    expect(bot.logs().filter((l) => l.level === "error")).toEqual([]);
  });

  it("refuses bodies that are not updates (400) or far too large to be one (413)", async () => {
    const { server, port, post } = await startWebhookBot();
    const raw = (body: string) =>
      fetch(`http://127.0.0.1:${port}/telegram/hook`, { method: "POST", headers: { "x-telegram-bot-api-secret-token": secret }, body });
    expect((await raw("not json")).status).toBe(400);
    expect((await raw('{"update_id": -1}')).status).toBe(400);
    expect((await raw("[1, 2]")).status).toBe(400);
    expect((await raw(`{"update_id": 1, "padding": "${"x".repeat(2 << 20)}"}`)).status).toBe(413);
    expect((await post(question())).status).toBe(200);
    await server.waitForCall("sendMessage");
  });

  it("1,000 distinct 100,000-character messages keep the bot's memory bounded (RSS under 160 MB)", async () => {
    const { server, bot, post } = await startWebhookBot();
    const rssMb = () => Number(execFileSync("ps", ["-o", "rss=", "-p", String(bot.pid)]).toString().trim()) / 1024;
    const before = rssMb();
    const words = ["Llama", "compute", "ميتا", "الحوسبة", "capex", "نموذج", "zuckerberg", "المنافسة", "data", "٢٠٢٤"];
    const huge = (n: number) => {
      const parts: string[] = [`#${n}`];
      for (let length = 0, i = n; length < 100_000; i = (i * 7919 + 13) % 100_003) {
        const word = `${words[i % words.length]}${i % 97}`;
        parts.push(word);
        length += word.length + 1;
      }
      return parts.join(" ").slice(0, 100_000);
    };
    let highest = before;
    for (let n = 0; n < 1_000; n += 4) {
      const batch = [0, 1, 2, 3].map((k) => post(question(huge(n + k))));
      for (const response of await Promise.all(batch)) expect(response.status).toBe(200);
      if (n % 100 === 0) highest = Math.max(highest, rssMb());
    }
    await expect.poll(() => server.callsOf("sendMessage").length, { timeout: 30_000 }).toBe(1_000);
    const after = rssMb();
    console.log(`webhook, 1,000 messages of 100,000 characters: RSS ${before.toFixed(1)} MB before, ${Math.max(highest, after).toFixed(1)} MB at most, ${after.toFixed(1)} MB after`);
    expect(Math.max(highest, after)).toBeLessThan(160);
    for (const call of server.callsOf("sendMessage")) expect(call.payload.text.length).toBeLessThanOrEqual(4096);
  }, 120_000);
});
