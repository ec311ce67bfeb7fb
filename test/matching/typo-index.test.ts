import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { editDistance, TypoIndex, withinEdits } from "../../src/matching/typo-index.js";

describe("TypoIndex", () => {
  const index = new TypoIndex(["parameter", "capex", "zuckerberg", "compute", "computer"]);

  it("finds a word one edit away (insertion, deletion, substitution, transposition)", () => {
    expect(index.closest("paramter").map((m) => m.word)).toEqual(["parameter"]);
    expect(index.closest("capexx").map((m) => m.word)).toEqual(["capex"]);
    expect(index.closest("kapex").map((m) => m.word)).toEqual(["capex"]);
    expect(index.closest("cpaex").map((m) => m.word)).toEqual(["capex"]);
  });
  it("allows two edits only in long words", () => {
    expect(index.closest("zukerburg").map((m) => m.word)).toEqual(["zuckerberg"]);
    expect(index.closest("cxpxx")).toEqual([]);
  });
  it("does not correct words of three letters or fewer", () => {
    expect(new TypoIndex(["gpu"]).closest("gpi")).toEqual([]);
  });
  it("returns every equally close word, so callers can refuse a guess", () => {
    expect(index.closest("compute").map((m) => m.word)).toEqual(["compute"]);
    expect(
      index
        .closest("computr")
        .map((m) => m.word)
        .sort(),
    ).toEqual(["compute", "computer"]);
  });
  it("grows with added words", () => {
    const growing = new TypoIndex();
    expect(growing.closest("datacentre")).toEqual([]);
    growing.add("datacenter");
    expect(growing.closest("datacentre").map((m) => m.word)).toEqual(["datacenter"]);
  });
});

describe("a very long word", () => {
  it("is neither corrected nor a correction: its variants would be millions", () => {
    const index = new TypoIndex(["datacenter"]);
    const long = "datacenter".repeat(400);
    index.add(long);
    expect(index.closest(`${long.slice(1)}`)).toEqual([]);
    expect(index.closest("datacentre").map((m) => m.word)).toEqual(["datacenter"]);
  });
});

describe("editDistance", () => {
  it("counts an adjacent transposition as one edit", () => {
    expect(editDistance("capex", "cpaex")).toBe(1);
    // An inserted letter costs one, even a repeated one.
    expect(editDistance("a", "aa")).toBe(1);
    expect(editDistance("capex", "capexx")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("حوسبه", "حوسبة")).toBe(1);
  });
});

describe("withinEdits", () => {
  it("says what editDistance says, within the bound, for any two strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", "b", "c", "ع", " ") }), fc.string({ unit: fc.constantFrom("a", "b", "c", "ع", " ") }), fc.nat({ max: 3 }), (s, t, k) => {
        expect(withinEdits(s, t, k)).toBe(editDistance(s, t) <= k);
      }),
    );
  });
});
