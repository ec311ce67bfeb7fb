import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import type { BotContext } from "../bot/context.js";
import { ALLOWED_UPDATES } from "../bot/create-bot.js";
import type { InFlightUpdates } from "../bot/middleware/in-flight.js";
import type { Logger } from "../observability/logger.js";
import type { Running } from "./polling.js";
import { RecentIds } from "./recent-ids.js";

export interface WebhookOptions {
  url: string;
  secret: string;
  host: string;
  port: number;
}

/**
 * How long a request waits for its update to be handled before it is answered 200 anyway
 * (the update goes on in the background). Long enough that an update is nearly always
 * answered after it is handled, so a crash mid-way lets Telegram deliver it again; short of
 * the time after which Telegram gives up on a request and delivers the update again.
 */
const ANSWER_WITHIN_MS = 5_000;
/** Telegram's updates are a few kilobytes; a body far beyond any of them is not one. */
const MAX_BODY_BYTES = 1 << 20;
/** Update ids remembered, to answer a redelivered update only once. */
const RECENT_UPDATES = 10_000;

/** Why the bot is not ready to take updates, or undefined when it is (GET /readyz). */
export type Readiness = () => string | undefined;

/**
 * An HTTP server for Telegram's webhook at the path of the public URL, plus GET /healthz (the
 * process is up) and GET /readyz (it can serve: 503 with the reason when not). Registers the
 * webhook with Telegram.
 *
 * Every update taken in is answered 200, whether it was handled, failed (the failure is
 * logged: delivering it again would fail again, or answer twice) or is still being handled
 * in the background. An update delivered again is not handled again. Requests without the
 * secret token get 401; while stopping, 503, so Telegram delivers the update to the next
 * process.
 */
export async function startWebhook(
  bot: Bot<BotContext>,
  options: WebhookOptions,
  { inFlight, logger, readiness }: { inFlight: InFlightUpdates; logger: Logger; readiness: Readiness },
): Promise<Running & { port: number }> {
  const path = new URL(options.url).pathname;
  const secret = Buffer.from(options.secret);
  const seen = new RecentIds(RECENT_UPDATES);
  const handling = new Set<Promise<void>>();
  let stopping = false;
  await bot.init();

  const hasSecret = (req: IncomingMessage) => {
    const given = req.headers["x-telegram-bot-api-secret-token"];
    if (typeof given !== "string") return false;
    // Compared in bytes (timingSafeEqual wants two of one length): a header may hold any byte.
    const bytes = Buffer.from(given);
    return bytes.length === secret.length && timingSafeEqual(bytes, secret);
  };

  /** Handles an update in the background; resolves when handled, or failed and logged. */
  const handle = (update: Update) => {
    const task = bot.handleUpdate(update).catch((error: unknown) => bot.errorHandler(error as Parameters<typeof bot.errorHandler>[0]));
    const done = task.then(
      () => void handling.delete(done),
      (error: unknown) => {
        handling.delete(done);
        logger.error("update failed", { update_id: update.update_id, error });
      },
    );
    handling.add(done);
    return done;
  };

  const takeUpdate = async (req: IncomingMessage, res: ServerResponse) => {
    if (!hasSecret(req)) return void res.writeHead(401, { connection: "close" }).end();
    if (stopping) return void res.writeHead(503, { connection: "close" }).end();
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === "aborted") return logger.debug("webhook request aborted by the client");
    if (body === "too large") return void res.writeHead(413, { connection: "close" }).end();
    const update = parseUpdate(body);
    if (!update) {
      logger.warn("webhook request is not an update", { bytes: body.length });
      return void res.writeHead(400).end();
    }
    if (!seen.add(update.update_id)) {
      logger.info("update delivered again, already taken", { update_id: update.update_id });
      return void res.writeHead(200).end();
    }
    const done = handle(update);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([done, new Promise((resolve) => (timer = setTimeout(resolve, ANSWER_WITHIN_MS)))]);
    clearTimeout(timer);
    res.writeHead(200).end();
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method === "GET" && url.pathname === "/healthz") return void res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    if (req.method === "GET" && url.pathname === "/readyz") {
      const problem = stopping ? "stopping" : readiness();
      return void res.writeHead(problem ? 503 : 200, { "content-type": "text/plain" }).end(problem ?? "ready");
    }
    if (req.method === "POST" && url.pathname === path) {
      takeUpdate(req, res).catch((error: unknown) => {
        logger.error("webhook request failed", { error });
        if (!res.headersSent) res.writeHead(500).end();
      });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, resolve);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  await bot.api.setWebhook(options.url, { secret_token: options.secret, allowed_updates: ALLOWED_UPDATES });
  logger.info("webhook listening", { host: options.host, port, path });

  return {
    port,
    stop: async () => {
      stopping = true;
      // close() stops taking connections and lets requests in flight finish; idle keep-alive
      // connections are dropped.
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await Promise.all(handling);
      await inFlight.idle();
    },
  };
}

/** The body as text, or why there is none: the client went away, or it sent too much. */
function readBody(req: IncomingMessage, limit: number): Promise<string | "aborted" | "too large"> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve("too large");
        req.removeAllListeners("data");
        req.resume(); // read and drop the rest, so the 413 can be sent
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", () => resolve("aborted"));
    req.on("aborted", () => resolve("aborted"));
  });
}

/** The update in a webhook body: a JSON object with a whole, non-negative update_id. */
function parseUpdate(body: string): Update | undefined {
  try {
    const value: unknown = JSON.parse(body);
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    const id = (value as { update_id?: unknown }).update_id;
    return Number.isSafeInteger(id) && (id as number) >= 0 ? (value as Update) : undefined;
  } catch {
    return undefined;
  }
}
