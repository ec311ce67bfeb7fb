import { createConcurrentSink, createRunner, createSource, createUpdateFetcher } from "@grammyjs/runner";
import type { Bot, BotError } from "grammy";
import type { Update } from "grammy/types";
import type { BotContext } from "../bot/context.js";
import { ALLOWED_UPDATES } from "../bot/create-bot.js";
import type { InFlightUpdates } from "../bot/middleware/in-flight.js";

/** A running bot, stopped gracefully: no new updates, those in flight finished. */
export interface Running {
  stop(): Promise<void>;
}

/**
 * Long polling with the runner: updates of different chats are handled concurrently.
 *
 * The runner's `run()`, built from its parts so that a batch is handled only after the next
 * getUpdates is on its way. With `run()` the replies go out first, and the messages sent
 * meanwhile wait for the whole batch to be answered. (The runner asks for the next batch in
 * promise callbacks, and those all run before a process.nextTick callback.)
 */
export async function startPolling(bot: Bot<BotContext>, inFlight: InFlightUpdates): Promise<Running> {
  // getUpdates fails while a webhook is set (e.g. after running in webhook mode).
  await bot.api.deleteWebhook();
  const afterNextPoll = () => new Promise<void>((resolve) => process.nextTick(resolve));
  const runner = createRunner(
    createSource({ supply: createUpdateFetcher(bot, { fetch: { allowed_updates: ALLOWED_UPDATES } }) }),
    createConcurrentSink<Update, BotError<BotContext>>(
      { consume: (update) => afterNextPoll().then(() => bot.handleUpdate(update)) },
      // As in run(): bot.catch's handler logs the failure, and polling goes on.
      async (error) => void (await bot.errorHandler(error)),
    ),
  );
  runner.start();
  return {
    stop: async () => {
      await runner.stop();
      await inFlight.idle();
      // Confirm what was handled, or Telegram sends it again to the next process.
      if (inFlight.lastUpdateId !== undefined) await bot.api.getUpdates({ offset: inFlight.lastUpdateId + 1, limit: 1, timeout: 0 });
    },
  };
}
