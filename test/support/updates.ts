import type { Chat, Message, MessageEntity, Update, User } from "grammy/types";

/** Readable builders for the updates Telegram would send. */

export const alice: User = { id: 1001, is_bot: false, first_name: "Alice", language_code: "en" };
export const karim: User = { id: 1002, is_bot: false, first_name: "كريم", language_code: "ar" };

export const privateChat = (user: User): Chat.PrivateChat => ({ id: user.id, type: "private", first_name: user.first_name });
export const group: Chat.SupergroupChat = { id: -100_777, type: "supergroup", title: "Tech news" };

let messageId = 1;

/** A message in a private chat or a group, as updates carry them. */
export type ChatMessage = NonNullable<Update["message"]>;

export function message(chat: Chat.PrivateChat | Chat.SupergroupChat, from: User, text: string, extra: Partial<Message> = {}): ChatMessage {
  // Partial<Message> admits channel fields the builders never set; the cast says so.
  return { message_id: messageId++, date: Math.floor(Date.now() / 1000), chat, from, text, ...extra } as ChatMessage;
}

/** A text message; a leading /command gets its bot_command entity, @mentions their mention entities. */
export function textUpdate(
  chat: Chat.PrivateChat | Chat.SupergroupChat,
  from: User,
  text: string,
  extra: Partial<Message> = {},
): Omit<Update, "update_id"> {
  const entities: MessageEntity[] = [];
  const command = /^\/\w+(@\w+)?/.exec(text);
  if (command) entities.push({ type: "bot_command", offset: 0, length: command[0].length });
  for (const mention of text.matchAll(/@\w+/g))
    if (!command || mention.index >= command[0].length) entities.push({ type: "mention", offset: mention.index, length: mention[0].length });
  return { message: message(chat, from, text, entities.length ? { entities, ...extra } : extra) };
}

/** The bot's administrator in tests (ADMIN_IDS). */
export const olivia: User = { id: 2001, is_bot: false, first_name: "Olivia", language_code: "en" };

export const channel = (id: number, title: string): Chat.ChannelChat => ({ id, type: "channel", title });
export const supergroup = (id: number, title: string): Chat.SupergroupChat => ({ id, type: "supergroup", title });

/** The bot's status in a chat changed (added, promoted, kicked...), as my_chat_member reports it. */
export function membershipUpdate(
  chat: Chat.GroupChat | Chat.SupergroupChat | Chat.ChannelChat,
  status: "member" | "administrator" | "left" | "kicked",
  { canPost = false, by = olivia } = {},
): Omit<Update, "update_id"> {
  const bot: User = { id: 424242, is_bot: true, first_name: "Article Bot", username: "article_test_bot" };
  const member = status === "administrator" ? { status, user: bot, can_post_messages: canPost } : status === "kicked" ? { status, user: bot, until_date: 0 } : { status, user: bot };
  // The ChatMember union wants every right of an administrator; the bot reads only these.
  return {
    my_chat_member: { chat, from: by, date: Math.floor(Date.now() / 1000), old_chat_member: { status: "left", user: bot }, new_chat_member: member },
  } as unknown as Omit<Update, "update_id">;
}

/** A press of an inline-keyboard button. */
export function buttonPress(from: User, data: string, chat: Chat.PrivateChat | Chat.SupergroupChat = privateChat(from)): Omit<Update, "update_id"> {
  return { callback_query: { id: `cb-${messageId++}`, from, chat_instance: "x", data, message: message(chat, from, "…") } };
}
