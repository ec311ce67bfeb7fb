import { describe, expect, it } from "vitest";
import { slotOf } from "../../src/delivery/schedule.js";

describe("schedule slots", () => {
  it("are named by the scheduled second, whichever millisecond a process fires in", () => {
    expect(slotOf(new Date("2026-11-27T09:00:00.004Z"))).toBe("2026-11-27T09:00:00.000Z");
    expect(slotOf(new Date("2026-11-27T08:59:59.998Z"))).toBe("2026-11-27T09:00:00.000Z");
  });
});
