import { describe, expect, it } from "vitest";
import { RecentIds } from "../../src/runtime/recent-ids.js";

describe("RecentIds", () => {
  it("tells an id seen lately from a new one, and forgets the oldest beyond its capacity", () => {
    const ids = new RecentIds(3);
    expect([1, 2, 3].map((id) => ids.add(id))).toEqual([true, true, true]);
    expect(ids.add(2)).toBe(false);
    expect(ids.add(4)).toBe(true); // 1 is forgotten
    expect(ids.add(1)).toBe(true); // and 2 with it
    expect([3, 4, 1].map((id) => ids.add(id))).toEqual([false, false, false]);
    expect(ids.add(2)).toBe(true);
  });
});
