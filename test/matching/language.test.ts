import { describe, expect, it } from "vitest";
import { detectLanguage } from "../../src/matching/language.js";
import { Matcher } from "../../src/matching/matcher.js";
import { tokenize } from "../../src/matching/tokenize.js";
import { content } from "../support/content.js";

const { vocabulary } = new Matcher(content);
const detect = (text: string) => detectLanguage(tokenize(text), vocabulary);

describe("detectLanguage", () => {
  it("reads Arabic script as Arabic and Latin English as English", () => {
    expect(detect("كم تحتاج لاما 4 من الحوسبة؟")).toEqual({ lang: "ar", mode: "arabic" });
    expect(detect("How much compute does Llama 4 need?")).toEqual({ lang: "en", mode: "english" });
  });
  it("in mixed questions, the content's terms in Latin letters are borrowings; the other words' majority decides, then the first word", () => {
    expect(detect("كم الـ capex في Q2؟").lang).toBe("ar");
    expect(detect("Llama 4 محتاج كام compute").lang).toBe("ar");
    expect(detect("what was the capex of Meta في الربع").lang).toBe("en");
    // Four Latin words against two Arabic ones, but all four are the content's own terms.
    expect(detect("هل Meta capex زاد في Q2 compared to last year؟").lang).toBe("ar");
    expect(detect("How big is Llama 3.1 حسب المقال؟").lang).toBe("en");
  });
  it("reads Arabic in Latin letters (Arabizi) as Arabic", () => {
    expect(detect("kam el 7osba elli Llama 4 me7tagha")).toEqual({ lang: "ar", mode: "arabizi" });
    expect(detect("shu 2al zuckerberg")).toEqual({ lang: "ar", mode: "arabizi" });
    expect(detect("llama da open source wala la2")).toEqual({ lang: "ar", mode: "arabizi" });
    // "ahlan" is Arabizi only; "ya" and "bot" are words English chat has too.
    expect(detect("ahlan ya bot")).toEqual({ lang: "ar", mode: "arabizi" });
    // English terms of the content (capex, closed, CFO) are Arabizi's borrowings too.
    expect(detect("el capex bta3 Meta zad kam?")).toEqual({ lang: "ar", mode: "arabizi" });
  });
  it("does not mistake English with numbers or model names for Arabizi", () => {
    expect(detect("Is Llama 3.1 405B open source?").lang).toBe("en");
    expect(detect("capex q2 2024 8.5b").lang).toBe("en");
    // Names and words Arabizi borrows from English (Llama, model, compute) show neither language.
    expect(detect("llama 4 compute?").lang).toBe("en");
    expect(detect("Is Meta's Llama model open source?").lang).toBe("en");
  });
  it("falls back to the given language when there are no words", () => {
    expect(detectLanguage(tokenize("🙂 2025"), vocabulary, "ar").lang).toBe("ar");
    expect(detectLanguage(tokenize("🙂"), vocabulary).lang).toBe("en");
  });
});
