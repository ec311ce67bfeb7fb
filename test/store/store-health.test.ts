import { mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { LogFields, Logger } from "../../src/observability/logger.js";
import { StoreHealth } from "../../src/store/store-health.js";
import { Store } from "../../src/store/store.js";

const open: Store[] = [];
afterEach(() => {
  for (const store of open.splice(0)) store.close();
});

function setUp() {
  const lines: Array<{ message: string; fields?: LogFields }> = [];
  const record = (message: string, fields?: LogFields) => void lines.push({ message, fields });
  const logger: Logger = { debug: record, info: record, warn: record, error: record };
  const health = new StoreHealth(logger);
  const path = join(mkdtempSync(join(tmpdir(), "store-health-")), "bot.sqlite");
  const store = new Store(path, health.writeFailed);
  open.push(store);
  return { health, store, path, lines };
}

const group = { id: -1, type: "supergroup" as const, title: "Group" };

describe("StoreHealth", () => {
  it("reports a failed write for a minute, logging it once however often it fails", () => {
    const { health, lines } = setUp();
    expect(health.problem()).toBeUndefined();
    for (let i = 0; i < 5; i++) health.writeFailed("the question log", new Error("database or disk is full"));
    expect(health.problem()).toBe("the store cannot be written (database or disk is full)");
    expect(lines.filter((l) => l.message === "store write failed")).toHaveLength(1);
  });

  it("a database file deleted: written back from the open database, with what was written since", () => {
    const { health, store, path, lines } = setUp();
    store.updateChatSettings(group, { language: "en" });
    // Batched, not yet written when the file goes.
    store.logQuestion({ at: Date.now(), chatType: "private", lang: "en", intent: null, fact: null, score: 0.1, answered: false, text: "what about revenue?" });
    rmSync(path);
    expect(store.fileState()).toBe("missing");
    health.check(store);
    expect(store.fileState()).toBe("ok");
    expect(health.problem()).toBeUndefined();
    expect(lines.map((l) => l.message)).toEqual(["the database file was deleted while the bot ran; it was written back from the open database"]);
    store.updateChatSettings(group, { announcements: false });
    expect(store.unmatched(5).map((q) => q.text)).toEqual(["what about revenue?"]);
    store.close();
    open.splice(0);
    const reopened = new Store(path);
    open.push(reopened);
    expect(reopened.chat(group.id)).toMatchObject({ language: "en", announcements: false });
  });

  it("a database file replaced by another: reported (the bot still writes the one it opened) until it is back", () => {
    const { health, store, path } = setUp();
    const other = `${path}.other`;
    writeFileSync(other, "");
    renameSync(path, `${path}.moved`);
    renameSync(other, path);
    health.check(store);
    expect(health.problem()).toMatch(/^the database file was replaced by another/);
    renameSync(`${path}.moved`, path);
    health.check(store);
    expect(health.problem()).toBeUndefined();
  });
});
