import type { BotContext } from "./context.js";

/**
 * Who may do what. The bot's admins are the user ids in ADMIN_IDS. A group's admins (its
 * creator and administrators) may change that group's settings; so may a message sent
 * anonymously on behalf of the group, which only its admins can do. Checked on every command
 * and button press: a group admin is asked of Telegram each time (nothing is remembered, so
 * someone demoted loses the right at once; group settings change rarely).
 */
export class Rights {
  private readonly adminIds: ReadonlySet<number>;

  constructor(adminIds: Iterable<number>) {
    this.adminIds = new Set(adminIds);
  }

  isBotAdmin(ctx: BotContext): boolean {
    return ctx.from !== undefined && this.adminIds.has(ctx.from.id);
  }

  async isGroupAdmin(ctx: BotContext): Promise<boolean> {
    const chat = ctx.chat;
    if (!chat || (chat.type !== "group" && chat.type !== "supergroup")) return false;
    if (ctx.msg?.sender_chat?.id === chat.id) return true;
    if (!ctx.from) return false;
    const member = await ctx.getChatMember(ctx.from.id);
    return member.status === "creator" || member.status === "administrator";
  }
}
