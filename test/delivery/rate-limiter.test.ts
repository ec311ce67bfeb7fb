import { describe, expect, it } from "vitest";
import { RateLimiter, TELEGRAM_LIMITS } from "../../src/delivery/rate-limiter.js";

/** Sends `messages` (chat ids, in order, each as soon as allowed) on a simulated clock; returns the send times. */
function simulate(messages: number[], isGroup = (id: number) => id < 0): Array<{ chat: number; at: number }> {
  const limiter = new RateLimiter();
  const sent: Array<{ chat: number; at: number }> = [];
  let now = 0;
  for (const chat of messages) {
    now += limiter.delay(chat, isGroup(chat), now);
    expect(limiter.delay(chat, isGroup(chat), now)).toBe(0);
    limiter.record(chat, isGroup(chat), now);
    sent.push({ chat, at: now });
  }
  return sent;
}

const maxInWindow = (times: number[], windowMs: number) =>
  Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + windowMs).length));

describe("rate limiter", () => {
  it("keeps to 30 messages a second overall, close to that rate", () => {
    const sent = simulate(Array.from({ length: 300 }, (_, i) => -(i + 1)));
    expect(maxInWindow(sent.map((s) => s.at), 1000)).toBeLessThanOrEqual(TELEGRAM_LIMITS.perSecond);
    // 300 messages at the full rate take 10 s; the margin may cost a few percent, no more.
    expect(sent.at(-1)!.at).toBeLessThan(10_000 * 1.05);
  });

  it("keeps to one message a second in a chat, and 20 a minute in a group", () => {
    const sent = simulate([...Array.from({ length: 25 }, () => -5), ...Array.from({ length: 5 }, () => 7)]);
    const group = sent.filter((s) => s.chat === -5).map((s) => s.at);
    for (let i = 1; i < group.length; i++) expect(group[i]! - group[i - 1]!).toBeGreaterThanOrEqual(1000);
    expect(maxInWindow(group, 60_000)).toBeLessThanOrEqual(TELEGRAM_LIMITS.perGroupPerMinute);
    expect(group.at(-1)).toBeGreaterThanOrEqual(60_000);
    const user = sent.filter((s) => s.chat === 7).map((s) => s.at);
    for (let i = 1; i < user.length; i++) expect(user[i]! - user[i - 1]!).toBeGreaterThanOrEqual(1000);
  });

  it("does not hold back other chats while one waits", () => {
    const limiter = new RateLimiter();
    limiter.record(-1, true, 0);
    expect(limiter.delay(-1, true, 100)).toBeGreaterThan(800);
    expect(limiter.delay(-2, true, 100)).toBe(0);
  });
});
