import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { webhookCallback, type Bot } from "grammy";
import type { BotContext } from "../bot/context.js";
import { ALLOWED_UPDATES } from "../bot/create-bot.js";
import type { InFlightUpdates } from "../bot/middleware/in-flight.js";
import type { Logger } from "../observability/logger.js";
import type { Running } from "./polling.js";

export interface WebhookOptions {
  url: string;
  secret: string;
  host: string;
  port: number;
}

/**
 * An HTTP server for Telegram's webhook at the path of the public URL, answering 401 to any
 * request without the secret token, plus GET /healthz. Registers the webhook with Telegram.
 */
export async function startWebhook(
  bot: Bot<BotContext>,
  options: WebhookOptions,
  inFlight: InFlightUpdates,
  logger: Logger,
): Promise<Running & { port: number }> {
  const path = new URL(options.url).pathname;
  const handleUpdate = webhookCallback(bot, "http", { secretToken: options.secret });
  await bot.init();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method === "GET" && url.pathname === "/healthz") {
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
      return;
    }
    if (req.method === "POST" && url.pathname === path) {
      handleUpdate(req, res).catch((error: unknown) => {
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
      // close() stops taking requests and lets those in flight finish; idle keep-alive
      // connections are dropped.
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await inFlight.idle();
    },
  };
}
