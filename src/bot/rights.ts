import type { BotContext } from "./context.js";

/** How long a group admin check is trusted: Telegram is asked at most once a minute per user and group. */
const GROUP_ADMIN_TTL_MS = 60_000;

/**
 * Who may do what. The bot's admins are the user ids in ADMIN_IDS. A group's admins (its
 * creator and administrators, asked of Telegram and remembered briefly) may change that
 * group's settings; so may a message sent anonymously on behalf of the group, which only its
 * admins can do. Checked on every command and button press.
 */
export class Rights {
  private readonly adminIds: ReadonlySet<number>;
  private readonly groupAdmins = new Map<string, { admin: boolean; until: number }>();

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
    const key = `${chat.id}:${ctx.from.id}`;
    const now = Date.now();
    const known = this.groupAdmins.get(key);
    if (known && known.until > now) return known.admin;
    const member = await ctx.getChatMember(ctx.from.id);
    const admin = member.status === "creator" || member.status === "administrator";
    if (this.groupAdmins.size > 10_000) this.groupAdmins.clear();
    this.groupAdmins.set(key, { admin, until: now + GROUP_ADMIN_TTL_MS });
    return admin;
  }
}
