import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createStoredPreferences } from "../../src/bot/language-preferences.js";
import { Store } from "../../src/store/store.js";

const open: Store[] = [];
afterEach(() => {
  for (const store of open.splice(0)) store.close();
});

function newStore(): Store {
  const store = new Store(join(mkdtempSync(join(tmpdir(), "preferences-test-")), "bot.sqlite"));
  open.push(store);
  return store;
}

describe("language preferences", () => {
  it("are kept in the store: a new cache reads what an earlier one wrote", () => {
    const store = newStore();
    const first = createStoredPreferences(store);
    first.choose(1, "ar");
    first.wrote(1, "en");
    const second = createStoredPreferences(store);
    expect(second.chosen(1)).toBe("ar");
    expect(second.lastWritten(1)).toBe("en");
    expect(second.chosen(2)).toBeUndefined();
  });

  it("reads a user seen all the time once, however many users pass through the cache", () => {
    const store = newStore();
    const reads = vi.spyOn(store, "userLanguages");
    const preferences = createStoredPreferences(store, 10);
    for (let other = 100; other < 300; other++) {
      preferences.chosen(1);
      preferences.chosen(other);
    }
    expect(reads.mock.calls.filter(([id]) => id === 1)).toHaveLength(1);
  });

  it("drops a user not seen lately (the cache is bounded), and reads them again when they come back", () => {
    const store = newStore();
    const reads = vi.spyOn(store, "userLanguages");
    const preferences = createStoredPreferences(store, 10);
    preferences.chosen(1);
    for (let other = 100; other < 120; other++) preferences.chosen(other);
    preferences.chosen(1);
    expect(reads.mock.calls.filter(([id]) => id === 1)).toHaveLength(2);
    // The ten most recent were kept.
    reads.mockClear();
    for (let other = 111; other < 120; other++) preferences.chosen(other);
    expect(reads).not.toHaveBeenCalled();
  });

  it("writes a preference only when it changes", () => {
    const store = newStore();
    const writes = vi.spyOn(store, "setUserLanguage");
    const preferences = createStoredPreferences(store);
    preferences.wrote(1, "en");
    preferences.wrote(1, "en");
    preferences.wrote(1, "ar");
    expect(writes.mock.calls).toEqual([
      [1, "written", "en"],
      [1, "written", "ar"],
    ]);
  });
});
