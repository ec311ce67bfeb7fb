import { run } from "@grammyjs/runner";
import type { Bot } from "grammy";
import type { BotContext } from "../bot/context.js";
import { ALLOWED_UPDATES } from "../bot/create-bot.js";

/** A running bot, stopped gracefully: no new updates, those in flight finished. */
export interface Running {
  stop(): Promise<void>;
}

/** Long polling with the runner: updates of different chats are handled concurrently. */
export async function startPolling(bot: Bot<BotContext>): Promise<Running> {
  // getUpdates fails while a webhook is set (e.g. after running in webhook mode).
  await bot.api.deleteWebhook();
  const handle = run(bot, { runner: { fetch: { allowed_updates: ALLOWED_UPDATES } } });
  return { stop: () => handle.stop() };
}
