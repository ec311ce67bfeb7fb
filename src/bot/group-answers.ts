import { RecencyMap } from "./recency-map.js";

/** An answer asked for again in a group within this time points to the earlier one instead of repeating it. */
export const REPEAT_WINDOW_MS = 3 * 60_000;
/** Groups remembered at most, the least recently answered forgotten first. */
const MAX_GROUPS = 10_000;

/**
 * The facts answered lately in each group, with the message that answered them: the same
 * question asked again a minute later gets a short pointer to that answer, not the whole
 * answer again (and the group's message budget is kept for new questions).
 */
export class GroupAnswers {
  private readonly groups: RecencyMap<number, Map<string, { messageId: number; at: number }>>;

  constructor(
    private readonly now: () => number = Date.now,
    max = MAX_GROUPS,
  ) {
    this.groups = new RecencyMap(max);
  }

  /** The message that answered this fact in this group within the window, if any. */
  earlier(chatId: number, fact: string): number | undefined {
    const answer = this.groups.get(chatId)?.get(fact);
    return answer && this.now() - answer.at <= REPEAT_WINDOW_MS ? answer.messageId : undefined;
  }

  answered(chatId: number, fact: string, messageId: number): void {
    const now = this.now();
    const group = this.groups.get(chatId) ?? new Map<string, { messageId: number; at: number }>();
    this.groups.set(chatId, group);
    for (const [id, answer] of group) if (now - answer.at > REPEAT_WINDOW_MS) group.delete(id);
    group.set(fact, { messageId, at: now });
  }
}
