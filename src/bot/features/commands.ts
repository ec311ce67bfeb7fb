import { Composer } from "grammy";
import type { Language } from "../../content/schema.js";
import type { BotContext } from "../context.js";
import { replyWith } from "../reply.js";
import { saveSetting } from "../save-setting.js";

/** /start, /help, /highlights, /source and /lang, in any chat. */
export const commands = new Composer<BotContext>();

const messages = (ctx: BotContext) => ctx.deps.engine().content.messages;

commands.command("start", (ctx) => replyWith(ctx, `${messages(ctx).greeting[ctx.lang]}\n\n${messages(ctx).help[ctx.lang]}`));
commands.command("help", (ctx) => replyWith(ctx, messages(ctx).help[ctx.lang]));
commands.command("highlights", (ctx) => {
  ctx.outcome = { answered: true };
  return replyWith(ctx, ctx.deps.engine().highlights(ctx.lang));
});
commands.command("source", (ctx) => replyWith(ctx, messages(ctx).source[ctx.lang]));
commands.command("lang", async (ctx) => {
  const wanted = ctx.match.trim().toLowerCase();
  if ((wanted !== "ar" && wanted !== "en") || !ctx.from) return replyWith(ctx, messages(ctx).langUsage[ctx.lang]);
  const lang: Language = wanted;
  const user = ctx.from.id;
  if (!(await saveSetting(ctx, "language", () => ctx.deps.preferences.choose(user, lang)))) return;
  ctx.lang = lang;
  await replyWith(ctx, messages(ctx).langSet[lang]);
});
