/** Telegram's limits for bots sending messages (Bot API FAQ). */
export const TELEGRAM_LIMITS = {
  /** Messages per second, all chats together. */
  perSecond: 30,
  /** Least time between two messages to one chat. */
  perChatMs: 1000,
  /** Messages per minute to one group. */
  perGroupPerMinute: 20,
};

export type Limits = typeof TELEGRAM_LIMITS;

/**
 * When the next message may go, under Telegram's limits, counted over sliding windows as
 * Telegram counts them. Requests reach the server a little unevenly (a few milliseconds of
 * jitter), so the bot keeps a margin: one message a second fewer than allowed overall, never
 * two messages closer than half the average spacing, and per-chat waits 3% longer. A send
 * that starts late can catch up within the window, so the margin costs ~3.5% of throughput.
 */
export class RateLimiter {
  private readonly budget: number;
  private readonly spacing: number;
  private readonly perChat: number;
  private readonly minute: number;
  /** Send times of the last second, all chats. */
  private readonly recent: number[] = [];
  private readonly lastByChat = new Map<number, number>();
  /** Send times of the last minute, per group. */
  private readonly groupSends = new Map<number, number[]>();

  constructor(private readonly limits: Limits = TELEGRAM_LIMITS) {
    this.budget = limits.perSecond - 1;
    this.spacing = 1000 / limits.perSecond / 2;
    this.perChat = limits.perChatMs * 1.03;
    this.minute = 60_000 * 1.03;
  }

  /** Milliseconds to wait before a message to `chatId` may go (0: now). */
  delay(chatId: number, isGroup: boolean, now: number): number {
    const recent = this.recent;
    let at = Math.max(
      (recent[recent.length - 1] ?? -Infinity) + this.spacing,
      recent.length >= this.budget ? recent[recent.length - this.budget]! + 1000 : -Infinity,
      (this.lastByChat.get(chatId) ?? -Infinity) + this.perChat,
    );
    const sends = isGroup ? this.groupSends.get(chatId)?.filter((t) => t > now - this.minute) : undefined;
    const perMinute = this.limits.perGroupPerMinute;
    if (sends && sends.length >= perMinute) at = Math.max(at, sends[sends.length - perMinute]! + this.minute);
    return Math.max(0, at - now);
  }

  /** Notes a message sent to `chatId` at `now`. */
  record(chatId: number, isGroup: boolean, now: number): void {
    this.recent.push(now);
    while (this.recent.length > this.budget) this.recent.shift();
    this.lastByChat.set(chatId, now);
    if (isGroup) {
      const sends = (this.groupSends.get(chatId) ?? []).filter((t) => t > now - this.minute);
      sends.push(now);
      this.groupSends.set(chatId, sends);
    }
    // Forget chats not written to for a minute: what is older no longer limits anything.
    if (this.lastByChat.size > 10_000)
      for (const [id, at] of this.lastByChat)
        if (at < now - this.minute) {
          this.lastByChat.delete(id);
          this.groupSends.delete(id);
        }
  }
}
