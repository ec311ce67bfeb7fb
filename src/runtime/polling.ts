import { run } from "@grammyjs/runner";
import type { Bot } from "grammy";
import type { BotContext } from "../bot/context.js";
import { ALLOWED_UPDATES } from "../bot/create-bot.js";
import type { InFlightUpdates } from "../bot/middleware/in-flight.js";

/** A running bot, stopped gracefully: no new updates, those in flight finished. */
export interface Running {
  stop(): Promise<void>;
}

/** Long polling with the runner: updates of different chats are handled concurrently. */
export async function startPolling(bot: Bot<BotContext>, inFlight: InFlightUpdates): Promise<Running> {
  // getUpdates fails while a webhook is set (e.g. after running in webhook mode).
  await bot.api.deleteWebhook();
  const handle = run(bot, { runner: { fetch: { allowed_updates: ALLOWED_UPDATES } } });
  return {
    stop: async () => {
      await handle.stop();
      await inFlight.idle();
      // Confirm what was handled, or Telegram sends it again to the next process.
      if (inFlight.lastUpdateId !== undefined) await bot.api.getUpdates({ offset: inFlight.lastUpdateId + 1, limit: 1, timeout: 0 });
    },
  };
}
