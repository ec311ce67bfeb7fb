import type { NextFunction } from "grammy";
import type { Update } from "grammy/types";
import type { BotContext } from "../context.js";

/** "message", "callback_query", …: the update's one field besides its id. */
function typeOf(update: Update): string | undefined {
  for (const key in update) if (key !== "update_id") return key;
  return undefined;
}

/**
 * One log line per update: its type, chat type, language, what was matched and how long it
 * took. Message text is logged only at debug level: readers' questions are theirs.
 */
export async function logUpdate(ctx: BotContext, next: NextFunction): Promise<void> {
  const started = performance.now();
  ctx.outcome = {};
  try {
    await next();
  } finally {
    const { logger } = ctx.deps;
    const { outcome } = ctx;
    logger.info("update", {
      update_id: ctx.update.update_id,
      type: typeOf(ctx.update),
      chat_type: ctx.chat?.type ?? (ctx.inlineQuery ? "inline" : undefined),
      lang: ctx.lang,
      intent: outcome.intent,
      fact: outcome.fact,
      score: outcome.score,
      answered: outcome.answered,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
    const text = ctx.msg?.text ?? ctx.inlineQuery?.query;
    if (text !== undefined) logger.debug("update text", { update_id: ctx.update.update_id, text: text.slice(0, 4096) });
  }
}
