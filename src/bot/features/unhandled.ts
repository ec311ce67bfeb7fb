import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { replyWith } from "../reply.js";

/**
 * Last: what no feature took. In a private chat an unknown command gets the help text, and a
 * sticker, photo, voice note or document a short "send me a question in text"; in groups the
 * bot stays quiet. A button press nobody took (a game's, which carries no data) is answered,
 * or the user's app would show it loading.
 */
export const unhandled = new Composer<BotContext>();

unhandled.on("callback_query", (ctx) => ctx.answerCallbackQuery({ text: ctx.deps.engine().content.messages.staleButton[ctx.lang] }));

const privateChat = unhandled.chatType("private");
privateChat.on("message:text", (ctx) => replyWith(ctx, ctx.deps.engine().content.messages.help[ctx.lang]));
privateChat.on("message", (ctx) => replyWith(ctx, ctx.deps.engine().content.messages.empty[ctx.lang]));
