import { Composer, InlineKeyboard } from "grammy";
import type { Fact, Language } from "../../content/schema.js";
import type { BotContext } from "../context.js";
import { FACT_PREFIX, replyWith, SUGGESTION_PREFIX } from "../reply.js";
import { answerInConversation } from "./questions.js";

/**
 * /facts lists the article's topics as buttons; pressing one shows that fact. Pressing a
 * "did you mean" button answers that question. A button the bot no longer knows (stale after
 * a content change, or forged) gets a polite answer.
 */
export const facts = new Composer<BotContext>();

/** The topics as buttons, one per fact. */
export const topicsKeyboard = (list: readonly Fact[], lang: Language): InlineKeyboard =>
  InlineKeyboard.from(list.map((fact) => [InlineKeyboard.text(fact.title[lang], `${FACT_PREFIX}${fact.id}`)]));

facts.command("facts", (ctx) => {
  const { content } = ctx.deps.engine();
  return replyWith(ctx, content.messages.factsTitle[ctx.lang], topicsKeyboard(content.facts, ctx.lang));
});

facts.on("callback_query:data", async (ctx) => {
  const engine = ctx.deps.engine();
  const data = ctx.callbackQuery.data;
  const factId = data.startsWith(FACT_PREFIX) ? data.slice(FACT_PREFIX.length) : undefined;
  const intentId = data.startsWith(SUGGESTION_PREFIX) ? data.slice(SUGGESTION_PREFIX.length) : undefined;
  const answer = factId !== undefined ? engine.answerFact(factId, ctx.lang) : intentId !== undefined ? engine.answerIntent(intentId, ctx.lang) : undefined;
  // Buttons live in a chat message; one in an inline message has no chat to answer in.
  if (!answer || !ctx.chat) {
    await ctx.answerCallbackQuery({ text: engine.content.messages.staleButton[ctx.lang] });
    return;
  }
  // Presses beyond the burst get a toast, and no message.
  if (ctx.deps.flood.check(ctx.from.id) !== "ok") {
    await ctx.answerCallbackQuery({ text: engine.content.messages.slowDown[ctx.lang] });
    return;
  }
  await ctx.answerCallbackQuery();
  // A press is an answer in the presser's conversation: "why?" after it is about that fact.
  return answerInConversation(ctx, () => answer);
});
