import { Bot, Context, GrammyError } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { apiFetch } from "./api-fetch.js";
import type { BotContext, BotDeps } from "./context.js";
import { admin } from "./features/admin.js";
import { commands } from "./features/commands.js";
import { facts } from "./features/facts.js";
import { groupSettings } from "./features/group-settings.js";
import { inline } from "./features/inline.js";
import { membership } from "./features/membership.js";
import { start } from "./features/start.js";
import { askCommand, answerText } from "./features/questions.js";
import { GroupBudgetSpent, limitGroupSends } from "./group-limit.js";
import { unhandled } from "./features/unhandled.js";
import type { InFlightUpdates } from "./middleware/in-flight.js";
import { chatOrder } from "./middleware/chat-order.js";
import { resolveLanguage } from "./middleware/language.js";
import { routeByKind } from "./middleware/route.js";
import { logUpdate } from "./middleware/update-log.js";
import { retryFailedCalls } from "./retry.js";

/** The update types the bot handles, asked for explicitly in polling and webhook mode alike. */
export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "inline_query", "my_chat_member"] as const;

export interface BotOptions {
  token: string;
  /** Bot API server root, e.g. a local one in tests or a self-hosted Bot API server. */
  apiRoot: string;
  /** Known bot identity, to skip getMe (tests, benchmarks). */
  botInfo?: UserFromGetMe;
  /** Tracks updates being handled, for a graceful stop. */
  inFlight: InFlightUpdates;
  /** Messages the bot may send to one group per minute (Telegram's limit: 20). */
  groupMessagesPerMinute: number;
}

/**
 * The bot: middleware (in-flight count, update log, per-chat ordering, language), then the
 * features for the update's kind, the unhandled one last. Makes no API call until started.
 */
export function createBot(options: BotOptions, deps: BotDeps): Bot<BotContext> {
  // Every context carries the dependencies from its class: nothing to hand over per update.
  class ContextWithDeps extends Context {
    get deps(): BotDeps {
      return deps;
    }
  }
  const bot = new Bot<BotContext>(options.token, {
    client: { apiRoot: options.apiRoot, fetch: apiFetch },
    botInfo: options.botInfo,
    // lang and outcome are set by the middleware before any feature reads them.
    ContextConstructor: ContextWithDeps as unknown as new (...args: ConstructorParameters<typeof Context>) => BotContext,
  });
  // 429 and 5xx: wait as Telegram asks and try again, a bounded number of times.
  // Network errors are not retried (auto-retry would retry them forever): the update fails,
  // is logged, and the bot goes on.
  // Within Telegram's 20 messages a minute per group; installed first, so a retry takes a new slot.
  bot.api.config.use(limitGroupSends(options.groupMessagesPerMinute));
  bot.api.config.use(retryFailedCalls({ maxRetryAttempts: 3, maxDelaySeconds: 60, rethrowHttpErrors: true }));

  // Every update, before any feature: counted (a stop waits for it), logged, kept in order
  // within its chat (different chats run concurrently with the runner), and given its
  // user's language; then handed to the features for its kind. Nested by hand: one layer,
  // where a bot.use() per step would cost two promises and closures each, per update.
  const inOrder = chatOrder((ctx) => ctx.chat?.id.toString() ?? ctx.from?.id.toString());
  // The features, per kind of update, in the order they are tried: the first that handles an
  // update ends it. This table is the bot's whole routing.
  const toFeatures = routeByKind({
    inline,
    // Presses: admin reports and announcements, group settings, /lang, the /start menu, facts
    // and "did you mean"; unhandled answers any other press so the app stops waiting.
    button: [admin, groupSettings, commands, start, facts, unhandled],
    membership,
    // A group's own /lang and /announcements come before the admin commands and a member's
    // /lang; /ask before unhandled, which gives the help text for any other command.
    command: [groupSettings, admin, start, commands, facts, askCommand, unhandled],
    // Text that is not a command: a question, or group chatter the bot leaves alone.
    text: answerText,
    // Stickers, photos without a caption, service messages (a migration, a new member).
    other: [membership, unhandled],
    unreadable: async () => undefined,
  });
  const { inFlight } = options;
  bot.use((ctx, next) =>
    inFlight.middleware(ctx, () => logUpdate(ctx, () => inOrder(ctx, () => resolveLanguage(ctx, () => toFeatures(ctx, next))))),
  );

  bot.catch(({ error, ctx }) => {
    if (error instanceof GroupBudgetSpent) deps.logger.warn("reply not sent: the group's message budget is spent", { update_id: ctx.update.update_id, chat_id: error.chatId });
    else if (error instanceof GrammyError && error.error_code === 403 && ctx.chat?.type === "private") {
      // Not a fault: the user blocked the bot. Noted for /stats; unblocking (my_chat_member) clears it.
      deps.logger.info("reply refused: the user blocked the bot", { update_id: ctx.update.update_id });
      try {
        deps.store.setUserBlocked(ctx.chat.id, true);
      } catch (storeError) {
        deps.logger.error("block not recorded", { error: storeError });
      }
    } else deps.logger.error("update failed", { update_id: ctx.update.update_id, error });
  });
  return bot;
}
