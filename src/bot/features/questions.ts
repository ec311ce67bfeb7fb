import { Composer, type NextFunction } from "grammy";
import type { Answer } from "../../engine/engine.js";
import type { BotContext } from "../context.js";
import { answerKey, conversationKeys } from "../conversations.js";
import { cutToLength } from "../html.js";
import { replyWith, replyWithAnswer } from "../reply.js";

/** A declined question is kept for curation up to this length: enough to see what was asked. */
const MAX_KEPT_CHARS = 1_000;

/** The question in a message that is not a command, or undefined when it is not for the bot. */
function addressedText(ctx: BotContext): string | undefined {
  const message = ctx.msg;
  // A photo's or a document's caption is read where a text would be.
  const text = message?.text ?? message?.caption;
  if (!message || text === undefined) return undefined;
  if (ctx.chat?.type === "private") return text;
  const me = ctx.me.username.toLowerCase();
  const mention = `@${me}`;
  const mentioned = (message.entities ?? message.caption_entities ?? []).some(
    (e) => e.type === "mention" && text.slice(e.offset, e.offset + e.length).toLowerCase() === mention,
  );
  if (mentioned) return text.replace(new RegExp(`@${me}\\b`, "gi"), " ");
  if (message.reply_to_message?.from?.id === ctx.me.id) return text;
  return undefined;
}

/**
 * Questions asked with a command: "/ask …", or "/ask@bot …" in a group of several bots
 * (grammY's command handling leaves the other bots' commands alone). As for every command,
 * an edit is not a new request: only a new message is answered.
 */
export const askCommand = new Composer<BotContext>();
// Phones capitalise the first letter of a message: "/Ask" is asking too.
askCommand.command(["ask", "Ask", "ASK"], (ctx) => answerQuestion(ctx, ctx.match));

/**
 * Questions in text. In a private chat every text is a question. In a group only what is
 * addressed to the bot: a message mentioning @bot, or a reply to one of the bot's messages;
 * everything else is chatter and is left alone. Edited messages are answered again.
 */
export function answerText(ctx: BotContext, next: NextFunction): Promise<unknown> {
  const question = addressedText(ctx);
  return question === undefined ? next() : answerQuestion(ctx, question);
}

function answerQuestion(ctx: BotContext, question: string): Promise<unknown> {
  const message = ctx.msg!;
  const { messages } = ctx.deps.engine().content;
  const user = ctx.from;
  // Beyond the burst: one note, then nothing until the window has room (counted apart in /stats).
  const verdict = user ? ctx.deps.flood.check(user.id) : "ok";
  if (verdict !== "ok") {
    ctx.deps.store.countFlood(message.chat.type);
    ctx.outcome = { answered: false };
    return verdict === "warn" ? replyWith(ctx, messages.slowDown[ctx.lang]) : Promise.resolve();
  }
  if (!question.trim()) return replyWith(ctx, messages.askUsage[ctx.lang]);
  const chosen = user ? ctx.deps.preferences.chosen(user.id) : undefined;
  return answerInConversation(ctx, (context) => {
    const answer = ctx.deps.engine().answer(question, { replyLang: chosen, fallbackLang: ctx.lang, context });
    logAnswer(ctx, question, answer);
    return answer;
  });
}

function logAnswer(ctx: BotContext, question: string, answer: Answer): void {
  const message = ctx.msg!;
  const user = ctx.from;
  if (answer.kind !== "empty") {
    if (user) ctx.deps.preferences.wrote(user.id, answer.lang);
    const chat = message.chat;
    ctx.deps.store.logQuestion({
      at: Date.now(),
      chatType: chat.type,
      lang: answer.lang,
      intent: answer.intent,
      fact: answer.fact,
      score: answer.score,
      answered: answer.answered,
      // Only declined questions are kept as written: they are what curation needs.
      text: answer.kind === "decline" ? cutToLength(question.trim(), MAX_KEPT_CHARS) : null,
    });
    // A group the bot is asked in is a group it can post to, in the language asked in.
    if (chat.type === "group" || chat.type === "supergroup") ctx.deps.store.seeChat({ id: chat.id, type: chat.type, title: chat.title }, answer.lang);
  }
}

/**
 * Answers in the conversation the update belongs to (a private chat; in a group, the answer a
 * message replies to, or the member's own questions): the answer is read with the facts
 * answered last there, and once sent goes on that conversation, and starts one for replies to it.
 */
export async function answerInConversation(ctx: BotContext, answerWith: (context: readonly string[]) => Answer): Promise<void> {
  const chat = ctx.chat!;
  const replied = ctx.msg?.reply_to_message;
  const keys = conversationKeys(chat, ctx.from?.id, replied?.from?.id === ctx.me.id ? replied.message_id : undefined);
  const { conversations } = ctx.deps;
  const context = conversations.contextFor(keys.read);
  const answer = answerWith(context);
  const inGroup = chat.type !== "private";
  // Asked again in the group a moment after it was answered (not as a follow-up): a pointer to that answer.
  const earlier = inGroup && answer.fact !== null && !answer.followup ? ctx.deps.groupAnswers.earlier(chat.id, answer.fact) : undefined;
  if (earlier !== undefined) {
    ctx.outcome = { intent: answer.intent, fact: answer.fact, score: answer.score, answered: answer.answered };
    const sent = await replyWith(ctx, ctx.deps.engine().content.messages.alreadyAnswered[answer.lang].replace("{link}", messageLink(chat, earlier)));
    conversations.answered([...keys.write, answerKey(chat.id, sent.message_id)], context, answer.fact);
    return;
  }
  const sent = await replyWithAnswer(ctx, answer);
  conversations.answered(inGroup ? [...keys.write, answerKey(chat.id, sent.message_id)] : keys.write, context, answer.fact);
  if (inGroup && answer.fact !== null) ctx.deps.groupAnswers.answered(chat.id, answer.fact, sent.message_id);
}

/**
 * A link to a message of a group: t.me/name/id for a public one, t.me/c/id/id for a private
 * supergroup (members can open it); a basic group's messages have no links.
 */
function messageLink(chat: NonNullable<BotContext["chat"]>, messageId: number): string {
  if ("username" in chat && chat.username) return `https://t.me/${chat.username}/${messageId}`;
  const id = String(chat.id);
  return id.startsWith("-100") ? `https://t.me/c/${id.slice(4)}/${messageId}` : "";
}
