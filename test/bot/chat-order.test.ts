import type { Context } from "grammy";
import { describe, expect, it } from "vitest";
import { chatOrder } from "../../src/bot/middleware/chat-order.js";

// Only the chat id is read, through the key function below.
const update = (chat: number) => ({ chat: { id: chat } }) as unknown as Context;
const order = chatOrder((ctx) => (ctx.chat ? String(ctx.chat.id) : undefined));

/** A handler that records when it starts and ends, and finishes when released. */
function step(log: string[], name: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const handler = async () => {
    log.push(`${name} start`);
    await released;
    log.push(`${name} end`);
  };
  return { handler, release };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("chat order", () => {
  it("handles updates of one chat one after another, and other chats meanwhile", async () => {
    const log: string[] = [];
    const a1 = step(log, "a1");
    const a2 = step(log, "a2");
    const b1 = step(log, "b1");
    const done = [order(update(1), a1.handler), order(update(1), a2.handler), order(update(2), b1.handler)];
    await settle();
    expect(log).toEqual(["a1 start", "b1 start"]);
    b1.release();
    a1.release();
    await settle();
    expect(log).toEqual(["a1 start", "b1 start", "b1 end", "a1 end", "a2 start"]);
    a2.release();
    await Promise.all(done);
    expect(log.at(-1)).toBe("a2 end");
  });

  it("goes on with the next update of a chat after one fails", async () => {
    const log: string[] = [];
    const failed = order(update(3), () => Promise.reject(new Error("boom")));
    const next = order(update(3), async () => void log.push("next"));
    await expect(failed).rejects.toThrow("boom");
    await next;
    expect(log).toEqual(["next"]);
  });

  it("starts an update at once when its chat has nothing pending", async () => {
    const log: string[] = [];
    await order(update(4), async () => void log.push("first"));
    let startedSynchronously = false;
    const second = order(update(4), async () => void (startedSynchronously = true));
    expect(startedSynchronously).toBe(true);
    await second;
    // Updates without a chat key are not ordered at all.
    await order({} as Context, async () => void log.push("no chat"));
    expect(log).toEqual(["first", "no chat"]);
  });
});
