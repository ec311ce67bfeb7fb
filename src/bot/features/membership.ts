import { Composer } from "grammy";
import type { BotContext } from "../context.js";

/**
 * Keeps the store's list of chats current: the bot added to or removed from a group,
 * promoted in a channel (with or without the right to post), kicked; a group that became a
 * supergroup (its settings move to the new id).
 */
export const membership = new Composer<BotContext>();

/** The bot introduces itself in a chat at most once a day, however often it is removed and added back. */
const INTRODUCTION_EVERY_MS = 86_400_000;

membership.on("my_chat_member", async (ctx) => {
  const { chat, new_chat_member: member } = ctx.myChatMember;
  // A user blocking or unblocking the bot: nothing to post there; counted in /stats.
  if (chat.type === "private") return ctx.deps.store.setUserBlocked(chat.id, member.status === "kicked");
  const canPost = member.status === "creator" || (member.status === "administrator" && (chat.type !== "channel" || member.can_post_messages === true));
  ctx.deps.store.setChatStatus({ id: chat.id, type: chat.type, title: chat.title ?? null }, member.status, canPost);
  ctx.deps.logger.info("chat membership", { chat_id: chat.id, chat_type: chat.type, status: member.status, can_post: canPost });
  // Added to a group, or allowed to post in a channel: one short introduction, in the language of whoever added it.
  const present = chat.type === "channel" ? canPost : member.status === "member" || member.status === "administrator" || member.status === "creator";
  if (!present || !ctx.deps.introduceInGroups || !ctx.deps.store.claimIntroduction(chat.id, INTRODUCTION_EVERY_MS)) return;
  const { messages } = ctx.deps.engine().content;
  const mention = ctx.me.can_read_all_group_messages ? messages.groupIntroMention[ctx.lang].replace("{bot}", `@${ctx.me.username}`) : "";
  const text = chat.type === "channel" ? messages.channelIntro[ctx.lang] : messages.groupIntro[ctx.lang].replace("{mention}", mention);
  await ctx.api.sendMessage(chat.id, text);
});

membership.on("message:migrate_to_chat_id", (ctx) => {
  ctx.deps.store.migrateChat(ctx.chat.id, ctx.msg.migrate_to_chat_id);
  ctx.deps.logger.info("chat migrated", { from: ctx.chat.id, to: ctx.msg.migrate_to_chat_id });
});
