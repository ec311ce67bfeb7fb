import { describe, expect, it } from "vitest";
import { arabicLookupForms, arabicVerbVariants, stemArabic, stemEnglish, withoutDialectObject } from "../../src/matching/stem.js";

describe("Arabic clitics and affixes", () => {
  it.each([
    ["الحوسبه", "حوسبه"],
    ["والحوسبه", "حوسبه"],
    ["بالحوسبه", "حوسبه"],
    ["للحوسبه", "حوسبه"],
    ["فالحوسبه", "حوسبه"],
    ["كالحوسبه", "حوسبه"],
    ["وحوسبه", "حوسبه"],
    ["لمراكز", "مراكز"],
  ])("%s can be looked up as %s", (word, bare) => {
    expect(arabicLookupForms(word)).toContain(bare);
  });
  it("strips suffixes for lookup, never below three letters", () => {
    expect(arabicLookupForms("منافسيها")).toContain("منافسي");
    expect(arabicLookupForms("كم")).toEqual(["كم"]);
  });
  it("gives inflected forms one stem", () => {
    expect(stemArabic("الاستثمارات")).toBe(stemArabic("استثمار"));
    expect(stemArabic("معلماته")).toBe(stemArabic("المعلمات"));
  });
  it("reads dialect and future verb prefixes, and Egyptian negation", () => {
    expect(arabicVerbVariants("بيحتاج")).toContain("يحتاج");
    expect(arabicVerbVariants("حيحتاج")).toContain("يحتاج");
    expect(arabicVerbVariants("ستحتاج")).toContain("تحتاج");
    expect(arabicVerbVariants("ماتاخرش")).toContain("تاخر");
  });
  it("reads a plural active participle as its verb, not a singular noun of the same shape", () => {
    expect(arabicVerbVariants("صارفين")).toContain("صرف");
    expect(arabicVerbVariants("ودافعين")).toContain("دفع");
    // «ولايه» (a state) is not «ليه» (why) after "and".
    expect(arabicVerbVariants("ولايه")).not.toContain("ليه");
  });
  it("takes a dialect verb's object clitics off, leaving three letters at least", () => {
    expect(withoutDialectObject("تلخصهولي")).toEqual(["تلخص"]);
    expect(withoutDialectObject("اختصرلي")).toEqual(["اختصر"]);
    expect(arabicLookupForms("وضحلي")).toContain("وضح");
    expect(withoutDialectObject("علي")).toEqual([]);
  });
});

describe("English stems", () => {
  it.each([
    ["parameters", "parameter"],
    ["centres", "center"],
    ["companies", "company"],
    ["spent", "spend"],
    ["computing", stemEnglish("compute")],
    ["computed", stemEnglish("compute")],
    ["processes", "process"],
  ])("%s → %s", (word, stem) => {
    expect(stemEnglish(word)).toBe(stem);
  });
  it("leaves words that only look suffixed alone: 'supply' is no adverb, 'called' (named) no call, 'marked' no Mark", () => {
    for (const word of ["supply", "early", "called", "marked"]) expect(stemEnglish(word)).toBe(word);
    expect(stemEnglish("markedly")).toBe("marked");
  });
  it("leaves short words and -ss/-us/-is words alone", () => {
    expect(stemEnglish("gpu")).toBe("gpu");
    expect(stemEnglish("bonus")).toBe("bonus");
    expect(stemEnglish("analysis")).toBe("analysis");
  });
});
