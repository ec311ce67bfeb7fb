import { autoRetry } from "@grammyjs/auto-retry";
import { Bot, Context } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { BotContext, BotDeps } from "./context.js";
import { admin } from "./features/admin.js";
import { commands } from "./features/commands.js";
import { facts } from "./features/facts.js";
import { groupSettings } from "./features/group-settings.js";
import { inline } from "./features/inline.js";
import { membership } from "./features/membership.js";
import { questions } from "./features/questions.js";
import { unhandled } from "./features/unhandled.js";
import type { InFlightUpdates } from "./middleware/in-flight.js";
import { chatOrder } from "./middleware/chat-order.js";
import { resolveLanguage } from "./middleware/language.js";
import { logUpdate } from "./middleware/update-log.js";

/** The update types the bot handles, asked for explicitly in polling and webhook mode alike. */
export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "inline_query", "my_chat_member"] as const;

export interface BotOptions {
  token: string;
  /** Bot API server root, e.g. a local one in tests or a self-hosted Bot API server. */
  apiRoot: string;
  /** Known bot identity, to skip getMe (tests, benchmarks). */
  botInfo?: UserFromGetMe;
  /** Tracks updates being handled, for a graceful stop. */
  inFlight?: InFlightUpdates;
}

/**
 * The bot: middleware (update log, per-chat ordering, language) then one composer per
 * feature, the unhandled one last. Makes no API call until started.
 */
export function createBot(options: BotOptions, deps: BotDeps): Bot<BotContext> {
  // Every context carries the dependencies from its class: nothing to hand over per update.
  class ContextWithDeps extends Context {
    get deps(): BotDeps {
      return deps;
    }
  }
  const bot = new Bot<BotContext>(options.token, {
    client: { apiRoot: options.apiRoot },
    botInfo: options.botInfo,
    // lang and outcome are set by the middleware before any feature reads them.
    ContextConstructor: ContextWithDeps as unknown as new (...args: ConstructorParameters<typeof Context>) => BotContext,
  });
  // 429 and 5xx: wait as Telegram asks and try again, a bounded number of times.
  // Network errors are not retried (auto-retry would retry them forever): the update fails,
  // is logged, and the bot goes on.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60, rethrowHttpErrors: true }));

  if (options.inFlight) bot.use(options.inFlight.middleware);
  bot.use(logUpdate);
  // Updates of one chat are handled in order; different chats concurrently (with the runner).
  bot.use(chatOrder((ctx) => ctx.chat?.id.toString() ?? ctx.from?.id.toString()));
  bot.use(resolveLanguage);
  // Each update goes only through the features for its kind: routing first keeps the
  // per-update cost close to a bare bot's.
  bot.on("inline_query", inline);
  bot.on("callback_query", admin, facts);
  bot.on(["my_chat_member", "message:migrate_to_chat_id"], membership);
  bot.filter((ctx) => ctx.msg?.text?.startsWith("/") === true, groupSettings, admin, commands, facts);
  bot.use(questions, unhandled);

  bot.catch(({ error, ctx }) => deps.logger.error("update failed", { update_id: ctx.update.update_id, error }));
  return bot;
}
