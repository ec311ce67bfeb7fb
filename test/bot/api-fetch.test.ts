import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Api, GrammyError, HttpError, InputFile } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { apiFetch } from "../../src/bot/api-fetch.js";

const TOKEN = "4242:api-fetch-test-token";

interface Received {
  method: string;
  url: string;
  contentType: string;
  body: Buffer;
}

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  if (server?.listening) await new Promise((resolve) => server!.close(resolve));
  server = undefined;
});

/** A Bot API stand-in on 127.0.0.1 that hands each request, body read, to `answer`; and an Api that calls it through apiFetch. */
async function serve(answer: (request: Received, res: ServerResponse, req: IncomingMessage) => void, { timeoutSeconds, rootPath = "" }: { timeoutSeconds?: number; rootPath?: string } = {}) {
  const received: Received[] = [];
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request = { method: req.method!, url: req.url!, contentType: req.headers["content-type"] ?? "", body: Buffer.concat(chunks) };
      received.push(request);
      answer(request, res, req);
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const apiRoot = `http://127.0.0.1:${(server.address() as AddressInfo).port}${rootPath}`;
  return { received, api: new Api(TOKEN, { apiRoot, fetch: apiFetch, timeoutSeconds }) };
}

const json = (res: ServerResponse, status: number, value: unknown) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(value));
};

describe("the Bot API HTTP client", () => {
  it("posts a call as JSON and hands grammY the result", async () => {
    const { received, api } = await serve((_, res) => json(res, 200, { ok: true, result: { message_id: 7, date: 0, chat: { id: 5, type: "private" }, text: "مرحبا" } }));
    const message = await api.sendMessage(5, "مرحبا <b>", { parse_mode: "HTML" });
    expect(message.message_id).toBe(7);
    expect(message.text).toBe("مرحبا");
    expect(received).toHaveLength(1);
    expect(received[0]!.method).toBe("POST");
    expect(received[0]!.url).toBe(`/bot${TOKEN}/sendMessage`);
    expect(received[0]!.contentType).toMatch(/^application\/json/);
    expect(JSON.parse(received[0]!.body.toString("utf8"))).toEqual({ chat_id: 5, text: "مرحبا <b>", parse_mode: "HTML" });
  });

  it("keeps the path of an API root that has one (a self-hosted server behind a proxy)", async () => {
    const { received, api } = await serve((_, res) => json(res, 200, { ok: true, result: true }), { rootPath: "/telegram/api" });
    expect(await api.deleteWebhook()).toBe(true);
    expect(received[0]!.url).toBe(`/telegram/api/bot${TOKEN}/deleteWebhook`);
  });

  it("keeps connections open for the next calls", async () => {
    const sockets = new Set<unknown>();
    const { api } = await serve((_, res, req) => {
      sockets.add(req.socket);
      json(res, 200, { ok: true, result: true });
    });
    for (let i = 0; i < 10; i++) await api.deleteWebhook();
    // A call made as the previous one ends may find its connection not yet free.
    expect(sockets.size).toBeLessThanOrEqual(2);
  });

  it("gives Telegram's refusal (a 4xx with its JSON) as a GrammyError", async () => {
    const { api } = await serve((_, res) => json(res, 429, { ok: false, error_code: 429, description: "Too Many Requests: retry after 3", parameters: { retry_after: 3 } }));
    const error = await api.sendMessage(5, "hi").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect((error as GrammyError).error_code).toBe(429);
    expect((error as GrammyError).parameters.retry_after).toBe(3);
  });

  it("uploads a file as multipart form data", async () => {
    const { received, api } = await serve((_, res) => json(res, 200, { ok: true, result: { message_id: 1, date: 0, chat: { id: 5, type: "private" } } }));
    await api.sendDocument(5, new InputFile(Buffer.from("the article, in full"), "article.txt"), { caption: "المقال" });
    expect(received[0]!.contentType).toMatch(/^multipart\/form-data; boundary=/);
    const body = received[0]!.body.toString("utf8");
    expect(body).toContain("filename=article.txt");
    expect(body).toContain("the article, in full");
    expect(body).toContain("المقال");
  });

  it("aborts a call that times out, closing its connection", async () => {
    let closed!: () => void;
    const connectionClosed = new Promise<void>((resolve) => (closed = resolve));
    // Never answers: only grammY's timeout, through the abort signal, ends the request.
    const { api } = await serve((_, _res, req) => req.socket.once("close", closed), { timeoutSeconds: 1 });
    const error = await api.getMe().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(String((error as HttpError).error)).toMatch(/timed out after 1 seconds/);
    await connectionClosed;
  });

  it("reports a server that cannot be reached as an HttpError without the token", async () => {
    const { api } = await serve(() => {});
    await new Promise((resolve) => server!.close(resolve));
    const error = await api.getMe().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(String((error as HttpError).message)).not.toContain(TOKEN);
  });
});
