import { once } from "node:events";
import { setTimeout as wait } from "node:timers/promises";
import { createConcurrentSink, createRunner, createSource } from "@grammyjs/runner";
import { GrammyError, type Bot, type BotError } from "grammy";
import type { Update } from "grammy/types";
import type { BotContext } from "../bot/context.js";
import { ALLOWED_UPDATES } from "../bot/create-bot.js";
import type { InFlightUpdates } from "../bot/middleware/in-flight.js";
import type { Logger } from "../observability/logger.js";

/** A running bot, stopped gracefully: no new updates, those in flight finished. */
export interface Running {
  stop(): Promise<void>;
}

/** Why polling cannot go on: the process should stop. */
export type PollingFailure = "token rejected" | "conflict";

export interface PollingOptions {
  inFlight: InFlightUpdates;
  logger: Logger;
  /** How long to keep trying while another process polls with the same token (a deploy's overlap). */
  conflictWaitMs: number;
  /** Told once when polling cannot go on (the token revoked, a conflict that lasted); the caller stops the bot. */
  onFailure: (failure: PollingFailure) => void;
}

/** The runner's abort signal: grammY declares its own AbortSignal type, not the DOM's. */
type Signal = NonNullable<Parameters<Bot["api"]["getUpdates"]>[1]>;

/** Waits between failed getUpdates calls: 1 s, 2 s, 4 s... at most 30 s. */
const backoffMs = (failures: number) => Math.min(30_000, 1000 * 2 ** (failures - 1));

/**
 * Long polling with the runner: updates of different chats are handled concurrently.
 *
 * The runner's `run()`, built from its parts so that a batch is handled only after the next
 * getUpdates is on its way. With `run()` the replies go out first, and the messages sent
 * meanwhile wait for the whole batch to be answered. (The runner asks for the next batch in
 * promise callbacks, and those all run before a process.nextTick callback.)
 */
export async function startPolling(bot: Bot<BotContext>, options: PollingOptions): Promise<Running> {
  // getUpdates fails while a webhook is set (e.g. after running in webhook mode).
  await bot.api.deleteWebhook();
  const afterNextPoll = () => new Promise<void>((resolve) => process.nextTick(resolve));
  const runner = createRunner(
    createSource({ supply: updateFetcher(bot, options) }),
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
      await options.inFlight.idle();
      // Confirm what was handled, or Telegram sends it again to the next process. (It cannot be
      // when polling itself failed: the token refused, another process polling.)
      const last = options.inFlight.lastUpdateId;
      if (last !== undefined)
        await bot.api.getUpdates({ offset: last + 1, limit: 1, timeout: 0 }).catch((error: unknown) => {
          options.logger.warn("could not confirm the updates handled: Telegram may deliver them again", { error });
        });
    },
  };
}

/**
 * getUpdates, one batch per call, trying again on failure with growing waits; each failure is
 * one log line. In place of the runner's fetcher, which prints multi-line stack traces and
 * gives up at once on a 401 or 409 by throwing out of the runner (an unhandled rejection).
 * A 409 (another process polls with this token) is tried again for `conflictWaitMs`; a 401
 * (the token revoked) ends polling at once. Either way the fetcher then waits for the stop.
 */
function updateFetcher(bot: Bot<BotContext>, { logger, conflictWaitMs, onFailure }: PollingOptions) {
  let offset = 0;
  let failed = false;
  return async (batchSize: number, signal: Signal): Promise<Update[]> => {
    let failures = 0;
    let conflictSince: number | undefined;
    for (;;) {
      if (failed) await aborted(signal);
      try {
        const updates = await bot.api.getUpdates({ timeout: 30, allowed_updates: ALLOWED_UPDATES, offset, limit: Math.max(1, Math.min(batchSize, 100)) }, signal);
        if (updates.length) offset = updates[updates.length - 1]!.update_id + 1;
        return updates;
      } catch (error) {
        if (signal.aborted) throw error;
        failures++;
        const code = error instanceof GrammyError ? error.error_code : undefined;
        if (code === 401) {
          failed = true;
          onFailure("token rejected");
          continue;
        }
        const delay = backoffMs(failures);
        if (code === 409) {
          conflictSince ??= Date.now();
          const waited = Date.now() - conflictSince;
          if (waited >= conflictWaitMs) {
            logger.error("another instance is still polling with this token; stopping this one", { waited_ms: waited });
            failed = true;
            onFailure("conflict");
            continue;
          }
          logger.warn("another instance is polling with this token (409 Conflict); trying again", { retry_in_ms: delay, waited_ms: waited });
        } else {
          conflictSince = undefined;
          logger.warn("getUpdates failed; trying again", { error, retry_in_ms: delay });
        }
        await sleep(delay, signal);
      }
    }
  };
}

/** The runner's signal as Node's own AbortSignal, which it is at run time (grammY's types declare a polyfill's). */
const native = (signal: Signal) => signal as unknown as AbortSignal;

/** Waits `ms`, or until `signal` aborts (then rejects, as an aborted request does). */
const sleep = (ms: number, signal: Signal) => wait(ms, undefined, { signal: native(signal) });

/** Settles (rejecting) only when `signal` aborts. */
const aborted = (signal: Signal): Promise<never> =>
  (signal.aborted ? Promise.resolve() : once(native(signal), "abort").then(() => undefined)).then(() => Promise.reject(new Error("stopped")));
