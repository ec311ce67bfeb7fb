import { describe, expect, it } from "vitest";
import { normalizeText } from "../../src/matching/normalize.js";

describe("normalizeText: Arabic", () => {
  it("removes diacritics (tashkeel) and the superscript alef", () => {
    expect(normalizeText("كَمْ بَلَغَتِ النَّفَقاتُ")).toBe("كم بلغت النفقات");
    expect(normalizeText("هٰذا")).toBe("هذا");
  });
  it("removes tatweel", () => {
    expect(normalizeText("كـــم الـحـوسـبـة")).toBe("كم الحوسبه");
  });
  it("unifies alef with hamza, madda and wasla to bare alef", () => {
    expect(normalizeText("أكبر إصدار آخر ٱلنموذج")).toBe("اكبر اصدار اخر النموذج");
  });
  it("unifies ta marbuta with ha and alef maqsura with ya", () => {
    expect(normalizeText("الحوسبة")).toBe(normalizeText("الحوسبه"));
    expect(normalizeText("متى")).toBe(normalizeText("متي"));
  });
  it("handles hamza carriers and the lone hamza", () => {
    expect(normalizeText("مسؤول")).toBe("مسوول");
    expect(normalizeText("مسئول")).toBe("مسيول");
    expect(normalizeText("شيء")).toBe("شي");
  });
  it("turns Arabic-Indic and Persian digits into ASCII, with the Arabic decimal and percent signs", () => {
    expect(normalizeText("٢٠٢٥")).toBe("2025");
    expect(normalizeText("۴۰۵")).toBe("405");
    expect(normalizeText("٨٫٥ مليار و٣٣٪")).toBe("8.5 مليار و33%");
  });
  it("maps Arabic punctuation to its Latin counterpart", () => {
    expect(normalizeText("كم؟ نعم، لا؛")).toBe("كم? نعم, لا;");
  });
  it("collapses letters repeated three or more times", () => {
    expect(normalizeText("كمممم")).toBe("كم");
    expect(normalizeText("ليييش")).toBe("ليش");
    expect(normalizeText("hellooo")).toBe("hello");
  });
  it("keeps a doubled letter, which words need", () => {
    expect(normalizeText("للشبكات")).toBe("للشبكات");
  });
  it("maps Persian letter forms to Arabic ones", () => {
    expect(normalizeText("کم")).toBe("كم");
    expect(normalizeText("ی")).toBe("ي");
  });
});

describe("normalizeText: English", () => {
  it("lower-cases", () => {
    expect(normalizeText("How Much CAPEX")).toBe("how much capex");
  });
  it("expands contractions and drops the possessive", () => {
    expect(normalizeText("What's Meta's capex? I'm sure it isn't 9B, won't be")).toBe(
      "what meta capex? i am sure it is not 9b, will not be",
    );
    expect(normalizeText("they’re")).toBe("they are");
  });
});

describe("normalizeText: both scripts", () => {
  it("removes zero-width and bidi control characters", () => {
    expect(normalizeText("ca\u200Bpex\u200F \u202Bميتا\u202C \u2066x\u2069\uFEFF")).toBe("capex ميتا x");
    expect(normalizeText("\u061Cكم")).toBe("كم");
  });
  it("turns other control characters into spaces and folds whitespace", () => {
    expect(normalizeText("  a\u0000b\t\n c  ")).toBe("a b c");
  });
  it("applies NFKC (presentation forms, full-width letters)", () => {
    expect(normalizeText("ﻻ")).toBe("لا");
    expect(normalizeText("ＬＬａｍａ")).toBe("llama");
  });
});

describe("normalizeText: any length", () => {
  it("collapses a run of ten million letters without running out of stack", () => {
    expect(normalizeText("a".repeat(10_000_000))).toBe("a");
    expect(normalizeText(`ك${"ـ".repeat(1_000_000)}م${"م".repeat(1_000_000)}`)).toBe("كم");
  });
  it("leaves runs of what is not a letter, and pairs of letters, alone", () => {
    expect(normalizeText("!!!! 1000 book")).toBe("!!!! 1000 book");
    expect(normalizeText("😀😀😀 soooo")).toBe("😀😀😀 so");
  });
});
