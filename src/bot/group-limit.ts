import type { Transformer } from "grammy";
import { TELEGRAM_LIMITS } from "../delivery/rate-limiter.js";
import { RecencyMap } from "./recency-map.js";

/** A sliding minute, 3% longer than Telegram's: requests reach it a little unevenly. */
const MINUTE_MS = 60_000 * 1.03;
/** A reply that would wait longer than this for room is not sent: by then it answers nothing. */
const MAX_WAIT_MS = 60_000;
/** Groups tracked at most; a group silent for a minute no longer limits anything. */
const MAX_GROUPS = 10_000;

/** A message to a group the bot did not send: the group's message budget was used up for longer than a reply can wait. */
export class GroupBudgetSpent extends Error {
  constructor(readonly chatId: number) {
    super("the group's message budget is spent: the reply was not sent");
  }
}

/**
 * Keeps the bot's messages to each group within Telegram's limits (20 a minute, about one a
 * second): a message beyond them waits for room in the group's sliding minute, rather than
 * going out to be refused with a 429; one that would wait more than a minute is dropped
 * (GroupBudgetSpent). Chats with negative ids are groups, supergroups and channels; private
 * chats are left to Telegram's own pacing (auto-retry waits out a 429 there).
 */
export function limitGroupSends(perMinute = TELEGRAM_LIMITS.perGroupPerMinute, now: () => number = Date.now): Transformer {
  // About one a second, and never closer than an even spread of the minute's budget allows.
  const spacing = Math.min(TELEGRAM_LIMITS.perChatMs, 60_000 / perMinute) * 1.03;
  const sends = new RecencyMap<number, number[]>(MAX_GROUPS);
  return async (prev, method, payload, signal) => {
    const chatId = (payload as { chat_id?: unknown }).chat_id;
    if (method !== "sendMessage" || typeof chatId !== "number" || chatId >= 0) return prev(method, payload, signal);
    const at = now();
    const times = (sends.get(chatId) ?? []).filter((t) => t > at - MINUTE_MS);
    const last = times[times.length - 1];
    const slot = Math.max(at, last === undefined ? at : last + spacing, times.length >= perMinute ? times[times.length - perMinute]! + MINUTE_MS : at);
    if (slot - at > MAX_WAIT_MS) throw new GroupBudgetSpent(chatId);
    // The slot is taken before waiting, so messages waiting together queue one after another.
    times.push(slot);
    sends.set(chatId, times);
    if (slot > at) await new Promise((resolve) => setTimeout(resolve, slot - at));
    return prev(method, payload, signal);
  };
}
