import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { replyWith } from "../reply.js";
import { saveSetting } from "../save-setting.js";
import { commandOf, refuse } from "./admin.js";

/**
 * A group's own settings, for that group's admins (anonymous ones included): /lang ar|en
 * (the language announcements are posted in) and /announcements on|off. A member's /lang
 * is their own reply language, as in a private chat.
 */
export const groupSettings = new Composer<BotContext>();

const inGroup = groupSettings.chatType(["group", "supergroup"]);

inGroup.command(["lang", "announcements"], async (ctx, next) => {
  const command = commandOf(ctx);
  if (!(await ctx.deps.rights.isGroupAdmin(ctx))) return command === "/lang" ? next() : refuse(ctx);
  const { messages } = ctx.deps.engine().content;
  const wanted = ctx.match.trim().toLowerCase();
  const chat = { id: ctx.chat.id, type: ctx.chat.type, title: ctx.chat.title };
  if (command === "/lang") {
    if (wanted !== "ar" && wanted !== "en") return replyWith(ctx, messages.langUsage[ctx.lang]);
    if (!(await saveSetting(ctx, "group language", () => ctx.deps.store.updateChatSettings(chat, { language: wanted })))) return;
    return replyWith(ctx, messages.groupLangSet[wanted]);
  }
  if (wanted !== "on" && wanted !== "off") return replyWith(ctx, messages.groupAnnouncementsUsage[ctx.lang]);
  if (!(await saveSetting(ctx, "group announcements", () => ctx.deps.store.updateChatSettings(chat, { announcements: wanted === "on" })))) return;
  return replyWith(ctx, (wanted === "on" ? messages.groupAnnouncementsOn : messages.groupAnnouncementsOff)[ctx.lang]);
});
