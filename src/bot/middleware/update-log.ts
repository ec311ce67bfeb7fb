import type { NextFunction } from "grammy";
import type { BotContext } from "../context.js";

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
    const type = Object.keys(ctx.update).find((key) => key !== "update_id");
    logger.info("update", {
      update_id: ctx.update.update_id,
      type,
      chat_type: ctx.chat?.type ?? (ctx.inlineQuery ? "inline" : undefined),
      lang: ctx.lang,
      ...ctx.outcome,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
    const text = ctx.msg?.text ?? ctx.inlineQuery?.query;
    if (text !== undefined) logger.debug("update text", { update_id: ctx.update.update_id, text });
  }
}
