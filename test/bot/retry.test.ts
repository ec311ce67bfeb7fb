import { autoRetry } from "@grammyjs/auto-retry";
import type { Transformer } from "grammy";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { retryFailedCalls } from "../../src/bot/retry.js";

const OPTIONS = { maxRetryAttempts: 3, maxDelaySeconds: 60, rethrowHttpErrors: true };
type Answer = { ok: true; result: true } | { ok: false; error_code: number; description: string; parameters?: { retry_after?: number } };
const ok: Answer = { ok: true, result: true };
const tooMany = (seconds: number): Answer => ({ ok: false, error_code: 429, description: "Too Many Requests", parameters: { retry_after: seconds } });
const serverError: Answer = { ok: false, error_code: 502, description: "Bad Gateway" };
const badRequest: Answer = { ok: false, error_code: 400, description: "Bad Request: chat not found" };

/** Calls `transformer` against a Bot API that gives `answers` in turn; the answer, and when each request was made. */
async function run(transformer: Transformer, answers: Answer[]) {
  const requests: number[] = [];
  const prev = vi.fn(async () => {
    requests.push(Date.now());
    return answers[Math.min(requests.length, answers.length) - 1]!;
  });
  const start = Date.now();
  // The type of a raw API call: these tests give answers, not a real API.
  const pending = transformer(prev as unknown as Parameters<Transformer>[0], "sendMessage", { chat_id: 1, text: "hi" });
  await vi.runAllTimersAsync();
  return { answer: await pending, after: requests.map((at) => at - start) };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("retrying failed calls", () => {
  it("passes a success through with one request", async () => {
    expect(await run(retryFailedCalls(OPTIONS), [ok])).toEqual({ answer: ok, after: [0] });
  });

  it("does not retry what a retry cannot mend (400)", async () => {
    expect(await run(retryFailedCalls(OPTIONS), [badRequest, ok])).toEqual({ answer: badRequest, after: [0] });
  });

  it("on 429 asks again once retry_after has passed", async () => {
    expect(await run(retryFailedCalls(OPTIONS), [tooMany(2), ok])).toEqual({ answer: ok, after: [0, 2000] });
  });

  it("retries as auto-retry does, request for request: 429s, 5xx backing off, a bounded number of times", async () => {
    for (const answers of [[tooMany(1), tooMany(5), ok], [serverError, serverError, ok], [serverError], [tooMany(120)], [tooMany(1)]]) {
      expect(await run(retryFailedCalls(OPTIONS), answers)).toEqual(await run(autoRetry(OPTIONS), answers));
    }
  });

  it("lets network errors through, unretried", async () => {
    const failing = vi.fn(() => Promise.reject(new Error("socket hang up")));
    const call = retryFailedCalls(OPTIONS)(failing as unknown as Parameters<Transformer>[0], "sendMessage", { chat_id: 1, text: "hi" });
    await expect(call).rejects.toThrow("socket hang up");
    expect(failing).toHaveBeenCalledTimes(1);
  });
});
