import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createLogger } from "../../src/observability/logger.js";

const TOKEN = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef";

/** A logger whose writes are collected as text (the logger reuses its buffer: copy at once). */
function collected(level: "debug" | "info" = "info") {
  const writes: string[] = [];
  const logger = createLogger(level, [TOKEN], (bytes) => writes.push(Buffer.from(bytes).toString("utf8")));
  const lines = () => writes.join("").split("\n").filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, writes, lines };
}

describe("logger", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("writes JSON lines in batches, in order, with secrets redacted and errors readable", () => {
    const { logger, writes, lines } = collected();
    logger.info("update", { update_id: 1, lang: "ar", text: "سؤال 🙂", skipped: undefined });
    logger.debug("not at info level");
    logger.error("failed", { error: new Error(`call with ${TOKEN} failed`) });
    expect(writes).toEqual([]); // waits for the batch
    vi.advanceTimersByTime(100);
    expect(writes).toHaveLength(1);
    expect(lines()).toEqual([
      { time: expect.any(String), level: "info", message: "update", update_id: 1, lang: "ar", text: "سؤال 🙂" },
      { time: expect.any(String), level: "error", message: "failed", error: { name: "Error", message: "call with [redacted] failed" } },
    ]);
    expect(writes.join("")).not.toContain(TOKEN);
  });

  it("writes a line too long for the buffer at once, after the lines before it", () => {
    const { logger, lines } = collected();
    logger.info("first");
    logger.info("long", { text: "x".repeat(100_000) });
    logger.info("last");
    vi.advanceTimersByTime(100);
    expect(lines().map((l) => l.message)).toEqual(["first", "long", "last"]);
    expect((lines()[1]!.text as string).length).toBe(100_000);
  });
});
