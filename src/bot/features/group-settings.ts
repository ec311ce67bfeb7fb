import { Composer, InlineKeyboard } from "grammy";
import type { Language } from "../../content/schema.js";
import type { BotContext } from "../context.js";
import { replyWith } from "../reply.js";
import { saveSetting } from "../save-setting.js";
import { commandOf, refuse } from "./admin.js";
import { languageButtons } from "./commands.js";

/**
 * A group's own settings, for that group's admins (anonymous ones included): /lang ar|en
 * (the language announcements are posted in) and /announcements on|off; without an argument,
 * the current setting with buttons, whose presses are checked as the commands are. A member's
 * /lang is their own reply language, as in a private chat.
 */
export const groupSettings = new Composer<BotContext>();

const inGroup = groupSettings.chatType(["group", "supergroup"]);

/** Callback data of the group settings' buttons: the group's language, its announcements. */
const GROUP_LANG_PREFIX = "glang:";
const ANNOUNCEMENTS_PREFIX = "gann:";

inGroup.command(["lang", "announcements"], async (ctx, next) => {
  const command = commandOf(ctx);
  if (!(await ctx.deps.rights.isGroupAdmin(ctx))) return command === "/lang" ? next() : refuse(ctx);
  const { messages } = ctx.deps.engine().content;
  const wanted = ctx.match.trim().toLowerCase();
  const current = ctx.deps.store.chat(ctx.chat.id);
  if (command === "/lang") {
    if (wanted === "ar" || wanted === "en") return setGroupLanguage(ctx, wanted);
    if (wanted) return replyWith(ctx, messages.langUsage[ctx.lang]);
    const lang = current?.postLanguage ?? "ar";
    return replyWith(ctx, messages.groupLangCurrent[ctx.lang].replace("{lang}", messages.languageName[lang]), languageButtons(ctx, GROUP_LANG_PREFIX));
  }
  if (wanted === "on" || wanted === "off") return setAnnouncements(ctx, wanted === "on");
  if (wanted) return replyWith(ctx, messages.groupAnnouncementsUsage[ctx.lang]);
  const on = current?.announcements ?? true;
  const keyboard = new InlineKeyboard().text(messages.buttonOn[ctx.lang], `${ANNOUNCEMENTS_PREFIX}on`).text(messages.buttonOff[ctx.lang], `${ANNOUNCEMENTS_PREFIX}off`);
  return replyWith(ctx, (on ? messages.groupAnnouncementsOn : messages.groupAnnouncementsOff)[ctx.lang], keyboard);
});

// A press is checked as a command is: only the group's admins may change its settings.
inGroup.callbackQuery(new RegExp(`^(${GROUP_LANG_PREFIX}|${ANNOUNCEMENTS_PREFIX})(ar|en|on|off)$`), async (ctx) => {
  if (!(await ctx.deps.rights.isGroupAdmin(ctx))) {
    await ctx.answerCallbackQuery({ text: ctx.deps.engine().content.messages.notAllowed[ctx.lang], show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery();
  const [, kind, value] = ctx.match;
  if (kind === GROUP_LANG_PREFIX && (value === "ar" || value === "en")) return setGroupLanguage(ctx, value);
  if (kind === ANNOUNCEMENTS_PREFIX && (value === "on" || value === "off")) return setAnnouncements(ctx, value === "on");
});

// Only reached through inGroup: the chat is a group or a supergroup.
const chatOf = (ctx: BotContext) => ({ id: ctx.chat!.id, type: ctx.chat!.type as "group" | "supergroup", title: ctx.chat!.title ?? null });

async function setGroupLanguage(ctx: BotContext, language: Language): Promise<unknown> {
  if (!(await saveSetting(ctx, "group language", () => ctx.deps.store.updateChatSettings(chatOf(ctx), { language })))) return;
  return replyWith(ctx, ctx.deps.engine().content.messages.groupLangSet[language]);
}

async function setAnnouncements(ctx: BotContext, on: boolean): Promise<unknown> {
  if (!(await saveSetting(ctx, "group announcements", () => ctx.deps.store.updateChatSettings(chatOf(ctx), { announcements: on })))) return;
  const { messages } = ctx.deps.engine().content;
  return replyWith(ctx, (on ? messages.groupAnnouncementsOn : messages.groupAnnouncementsOff)[ctx.lang]);
}
