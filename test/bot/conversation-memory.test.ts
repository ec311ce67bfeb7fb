import { describe, expect, it } from "vitest";
import { answerKey, CONVERSATION_MS, conversationKeys, Conversations } from "../../src/bot/conversations.js";

describe("conversation memory", () => {
  it("keeps the facts answered last, most recent first, without repeats; an answer without a fact leaves them", () => {
    const memory = new Conversations();
    const keys = ["user:1"];
    memory.answered(keys, [], "q2-capex");
    memory.answered(keys, memory.contextFor(keys), "capex-2025");
    memory.answered(keys, memory.contextFor(keys), null);
    memory.answered(keys, memory.contextFor(keys), "q2-capex");
    expect(memory.contextFor(keys)).toEqual(["q2-capex", "capex-2025"]);
  });

  it("forgets a conversation 10 minutes after its last answer", () => {
    let now = 0;
    const memory = new Conversations(() => now);
    memory.answered(["user:1"], [], "q2-capex");
    now = CONVERSATION_MS;
    expect(memory.contextFor(["user:1"])).toEqual(["q2-capex"]);
    now = CONVERSATION_MS + 1;
    expect(memory.contextFor(["user:1"])).toEqual([]);
  });

  it("holds a bounded number of conversations, forgetting the least recently answered", () => {
    const memory = new Conversations(Date.now, 2);
    memory.answered(["a"], [], "q2-capex");
    memory.answered(["b"], [], "q2-capex");
    memory.answered(["a"], ["q2-capex"], "capex-2025");
    memory.answered(["c"], [], "q2-capex");
    expect([memory.contextFor(["a"]), memory.contextFor(["b"]), memory.contextFor(["c"])]).toEqual([["capex-2025", "q2-capex"], [], ["q2-capex"]]);
  });

  it("in a group, a reply to an answer reads that answer's conversation first, then the member's own; members do not share one", () => {
    const group = { id: -5, type: "supergroup" };
    expect(conversationKeys(group, 7, 99)).toEqual({ read: [answerKey(-5, 99), "member:-5:7"], write: ["member:-5:7"] });
    expect(conversationKeys(group, 8, undefined).read).toEqual(["member:-5:8"]);
    expect(conversationKeys({ id: 7, type: "private" }, 7, 99)).toEqual({ read: ["user:7"], write: ["user:7"] });
  });
});
