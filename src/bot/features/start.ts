import { Composer, InlineKeyboard } from "grammy";
import { publishAdminMenu } from "../command-menu.js";
import type { BotContext } from "../context.js";
import { replyWith } from "../reply.js";
import { topicsKeyboard } from "./facts.js";
import { answerInConversation } from "./questions.js";

/** Callback data of /start's buttons. */
const MENU_PREFIX = "menu:";

/**
 * /start: a short greeting with buttons (the highlights, the topics, inline mode in another
 * chat); /start <fact-id>, a deep link (t.me/bot?start=q2-capex), opens that fact. /help:
 * what the bot answers, its commands, how to ask in a group. An admin's /start also publishes
 * their admin command menu, which Telegram refuses for a chat it does not know yet.
 */
export const start = new Composer<BotContext>();

start.command("start", async (ctx) => {
  const engine = ctx.deps.engine();
  if (ctx.chat.type === "private" && ctx.deps.rights.isBotAdmin(ctx))
    await publishAdminMenu(ctx.api, ctx.chat.id).catch((error: unknown) => ctx.deps.logger.warn("admin command menu not set", { admin_id: ctx.chat.id, error }));
  const linked = engine.answerFact(ctx.match.trim(), ctx.lang);
  if (linked) return answerInConversation(ctx, () => linked);
  const { messages } = engine.content;
  const keyboard = new InlineKeyboard()
    .text(messages.buttonHighlights[ctx.lang], `${MENU_PREFIX}highlights`)
    .text(messages.buttonTopics[ctx.lang], `${MENU_PREFIX}topics`)
    .row()
    .switchInline(messages.buttonAskElsewhere[ctx.lang], "");
  return replyWith(ctx, messages.greeting[ctx.lang], keyboard);
});

start.command("help", (ctx) => replyWith(ctx, ctx.deps.engine().content.messages.help[ctx.lang]));

start.callbackQuery(new RegExp(`^${MENU_PREFIX}(highlights|topics)$`), async (ctx) => {
  await ctx.answerCallbackQuery();
  const engine = ctx.deps.engine();
  if (ctx.match[1] === "highlights") {
    ctx.outcome = { answered: true };
    return replyWith(ctx, engine.highlights(ctx.lang));
  }
  return replyWith(ctx, engine.content.messages.factsTitle[ctx.lang], topicsKeyboard(engine.content.facts, ctx.lang));
});
