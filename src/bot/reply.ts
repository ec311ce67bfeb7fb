import { InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import type { Answer } from "../engine/engine.js";
import type { BotContext } from "./context.js";
import { toHtmlMessage } from "./html.js";

/** Callback data of a "did you mean" button: the intent to answer. */
export const SUGGESTION_PREFIX = "ask:";
/** Callback data of a /facts button: the fact to show. */
export const FACT_PREFIX = "fact:";

/** Sends `text` as an HTML reply to the message that prompted it (if there is one). */
export function replyWith(ctx: BotContext, text: string, keyboard?: InlineKeyboard): Promise<Message.TextMessage> {
  const messageId = ctx.msg?.message_id;
  return ctx.reply(toHtmlMessage(text), {
    parse_mode: "HTML",
    ...(messageId !== undefined && { reply_parameters: { message_id: messageId, allow_sending_without_reply: true } }),
    ...(keyboard && { reply_markup: keyboard }),
  });
}

/**
 * Sends an engine answer, with its "did you mean" questions as buttons, and notes it for the
 * log. In a private chat a fact comes with its related questions as buttons too; in a group
 * they would be noise under every answer, in front of everyone, for one member's next step.
 */
export function replyWithAnswer(ctx: BotContext, answer: Answer): Promise<Message.TextMessage> {
  ctx.outcome = { intent: answer.intent, fact: answer.fact, score: answer.score, answered: answer.answered };
  const offered = answer.suggestions.length ? answer.suggestions : ctx.chat?.type === "private" ? answer.related : [];
  const keyboard = offered.length ? InlineKeyboard.from(offered.map((s) => [InlineKeyboard.text(s.question, `${SUGGESTION_PREFIX}${s.intent}`)])) : undefined;
  return replyWith(ctx, answer.reply, keyboard);
}
