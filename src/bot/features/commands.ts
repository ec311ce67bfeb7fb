import { Composer, InlineKeyboard } from "grammy";
import type { Language } from "../../content/schema.js";
import type { BotContext } from "../context.js";
import { replyWith } from "../reply.js";
import { saveSetting } from "../save-setting.js";

/** /highlights, /source and /lang, in any chat. */
export const commands = new Composer<BotContext>();

const messages = (ctx: BotContext) => ctx.deps.engine().content.messages;

commands.command("highlights", (ctx) => {
  ctx.outcome = { answered: true };
  return replyWith(ctx, ctx.deps.engine().highlights(ctx.lang));
});
commands.command("source", (ctx) => replyWith(ctx, messages(ctx).source[ctx.lang]));
/** Callback data of the buttons that choose one's reply language. */
const LANG_PREFIX = "lang:";

/** One button per language, each named in itself. */
export const languageButtons = (ctx: BotContext, prefix: string): InlineKeyboard =>
  new InlineKeyboard().text(messages(ctx).languageName.ar, `${prefix}ar`).text(messages(ctx).languageName.en, `${prefix}en`);

/** /lang ar|en chooses the reply language; /lang alone shows the current one, with buttons to change it. */
commands.command("lang", async (ctx) => {
  const wanted = ctx.match.trim().toLowerCase();
  if (!ctx.from) return replyWith(ctx, messages(ctx).langUsage[ctx.lang]);
  if (wanted === "ar" || wanted === "en") return chooseLanguage(ctx, ctx.from.id, wanted);
  if (wanted) return replyWith(ctx, messages(ctx).langUsage[ctx.lang]);
  const chosen = ctx.deps.preferences.chosen(ctx.from.id);
  const text = chosen ? messages(ctx).langCurrent[ctx.lang].replace("{lang}", messages(ctx).languageName[chosen]) : messages(ctx).langAuto[ctx.lang];
  return replyWith(ctx, text, languageButtons(ctx, LANG_PREFIX));
});

commands.callbackQuery(new RegExp(`^${LANG_PREFIX}(ar|en)$`), async (ctx) => {
  await ctx.answerCallbackQuery();
  return chooseLanguage(ctx, ctx.from.id, ctx.match[1] as Language);
});

async function chooseLanguage(ctx: BotContext, user: number, lang: Language): Promise<void> {
  if (!(await saveSetting(ctx, "language", () => ctx.deps.preferences.choose(user, lang)))) return;
  ctx.lang = lang;
  await replyWith(ctx, messages(ctx).langSet[lang]);
}
