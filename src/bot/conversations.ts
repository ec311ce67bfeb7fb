import { afterAnswer } from "../engine/conversation.js";
import { RecencyMap } from "./recency-map.js";

/** A conversation lasts this long after its last answer; a question asked later stands alone. */
export const CONVERSATION_MS = 10 * 60_000;
/** Conversations remembered at most, the least recent forgotten first: memory stays bounded whatever the traffic. */
const MAX_CONVERSATIONS = 20_000;

/** Where a message belongs: the conversations it continues (first found wins) and those its answer goes on. */
export interface ConversationKeys {
  read: string[];
  write: string[];
}

/**
 * In a private chat, the user's conversation. In a group, a reply to one of the bot's answers
 * continues that answer's conversation; otherwise a member's own /ask or mention continues
 * theirs (not another member's).
 */
export function conversationKeys(chat: { id: number; type: string }, userId: number | undefined, repliedToBot: number | undefined): ConversationKeys {
  if (chat.type === "private") return { read: [`user:${chat.id}`], write: [`user:${chat.id}`] };
  const member = userId === undefined ? [] : [`member:${chat.id}:${userId}`];
  return { read: [...(repliedToBot === undefined ? [] : [`answer:${chat.id}:${repliedToBot}`]), ...member], write: member };
}

/** The key of the conversation a sent answer carries on in a group, for replies to it. */
export const answerKey = (chatId: number, messageId: number): string => `answer:${chatId}:${messageId}`;

/** The facts answered last per conversation, in memory (one process), for the engine's follow-ups. */
export class Conversations {
  private readonly entries: RecencyMap<string, { context: readonly string[]; at: number }>;

  constructor(
    private readonly now: () => number = Date.now,
    max = MAX_CONVERSATIONS,
  ) {
    this.entries = new RecencyMap(max);
  }

  /** The context of the first of these conversations still going on, or none. */
  contextFor(keys: readonly string[]): readonly string[] {
    const at = this.now();
    for (const key of keys) {
      const entry = this.entries.get(key);
      if (entry && at - entry.at <= CONVERSATION_MS) return entry.context;
    }
    return [];
  }

  /** Records an answer (its fact, if any) in these conversations, after the context it was read with. */
  answered(keys: readonly string[], context: readonly string[], fact: string | null): void {
    if (fact === null && context.length === 0) return;
    const next = afterAnswer(context, { fact });
    for (const key of keys) this.entries.set(key, { context: next, at: this.now() });
  }
}
