import { Composer, type Middleware, type MiddlewareFn, type NextFunction } from "grammy";
import type { BotContext } from "../context.js";

/** The kinds of update the features are grouped by. */
export type UpdateKind = "inline" | "button" | "membership" | "command" | "text" | "other";

function kindOf(ctx: BotContext): UpdateKind {
  const update = ctx.update;
  if (update.inline_query) return "inline";
  if (update.callback_query) return "button";
  if (update.my_chat_member) return "membership";
  const text = ctx.msg?.text;
  if (text === undefined) return "other";
  return text.startsWith("/") ? "command" : "text";
}

/**
 * Hands each update to the features for its kind, in the order given. One plain lookup per
 * update: grammY's filters (bot.on, bot.filter, bot.route) build a composer per update and
 * filter, which cost more than answering the question.
 */
export function routeByKind(routes: Record<UpdateKind, Middleware<BotContext> | Array<Middleware<BotContext>>>) {
  const handlers = new Map<UpdateKind, MiddlewareFn<BotContext>>();
  for (const [kind, features] of Object.entries(routes) as Array<[UpdateKind, Middleware<BotContext> | Array<Middleware<BotContext>>]>)
    handlers.set(kind, new Composer(...[features].flat()).middleware());
  return async (ctx: BotContext, next: NextFunction): Promise<void> => {
    await handlers.get(kindOf(ctx))!(ctx, next);
  };
}
