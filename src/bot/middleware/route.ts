import { Composer, type Middleware, type MiddlewareObj, type NextFunction } from "grammy";
import type { BotContext } from "../context.js";

/** A feature given alone: a middleware function that returns a promise. */
type Feature = (ctx: BotContext, next: NextFunction) => Promise<unknown>;
/** What handles a kind of update: one feature, a composer, or features tried in order. */
type Route = Feature | MiddlewareObj<BotContext> | Array<Middleware<BotContext>>;

/**
 * The kinds of update the features are grouped by. "unreadable": a message without its chat,
 * which Telegram never sends but a webhook can be posted; there is nowhere to answer it.
 */
export type UpdateKind = "inline" | "button" | "membership" | "command" | "text" | "other" | "unreadable";

function kindOf(ctx: BotContext): UpdateKind {
  const update = ctx.update;
  if (update.inline_query) return "inline";
  if (update.callback_query) return "button";
  if (update.my_chat_member) return "membership";
  if (ctx.msg && !ctx.msg.chat) return "unreadable";
  const text = ctx.msg?.text ?? ctx.msg?.caption;
  if (text === undefined) return "other";
  return text.startsWith("/") ? "command" : "text";
}

/**
 * Hands each update to the features for its kind, in the order given. One plain lookup per
 * update: grammY's filters (bot.on, bot.filter, bot.route) build a composer per update and
 * filter, which cost more than answering the question.
 */
export function routeByKind(routes: Record<UpdateKind, Route>) {
  const handlers = new Map<UpdateKind, Feature>();
  for (const [kind, features] of Object.entries(routes) as Array<[UpdateKind, Route]>)
    // A lone function is called as it is: a composer would add a layer to every call.
    handlers.set(kind, typeof features === "function" ? features : (new Composer(...[features].flat()).middleware() as Feature));
  // The value of a feature's promise is never read: only when it settles.
  return (ctx: BotContext, next: NextFunction) => handlers.get(kindOf(ctx))!(ctx, next) as Promise<void>;
}
