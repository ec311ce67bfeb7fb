import { describe, expect, it } from "vitest";
import { arabicKey, arabiziKeys } from "../../src/matching/phonetic-key.js";

describe("Arabizi and Arabic script meet on one consonant skeleton", () => {
  it.each([
    ["7osba", "حوسبه"],
    ["mo3amalat", "معاملات"],
    ["tadreeb", "تدريب"],
    ["monafsa", "منافسه"],
    ["marakez", "مراكز"],
    ["5osara", "خساره"],
    ["sharsa", "شرسه"],
    ["mustaqbal", "مستقبل"],
  ])("%s ~ %s", (latin, arabic) => {
    expect(arabiziKeys(latin)).toContain(arabicKey(arabic));
  });
  it("reads Egyptian 2 both as hamza and as qaf", () => {
    expect(arabiziKeys("nafa2at")).toContain(arabicKey("نفقات"));
    expect(arabiziKeys("mas2ala")).toContain(arabicKey("مساله"));
  });
  it("keeps different words apart", () => {
    expect(arabiziKeys("7osba")).not.toContain(arabicKey("مليار"));
  });
});
