import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeText } from "../../src/matching/normalize.js";
import { tokenize } from "../../src/matching/tokenize.js";

/**
 * Properties of normalisation and tokenisation for any text, checked on generated strings
 * (fast-check): any code units, lone surrogates included, and strings built from the pieces
 * that interact (letters, combining marks, invisible and bidi marks, tatweel, tashkeel,
 * presentation forms, contractions), where a rule applied in the wrong order shows.
 */
const PIECES = [
  "a", "A", "s", "İ", "ß", "ﬁ", "²", "Ⅻ", " ", "\t", "'", "n't", "'s", "'re", "$",
  "\u0301", "\u0308", "\u200B", "\u200F", "\u202E", "\u2066", "\uFEFF", "\u0000", "\u0007", "\u0085",
  "ـ", "ا", "أ", "\u0654", "\u064E", "\u064B", "\u0670", "ى", "ة", "ﻻ", "ﹰ", "ﳲ", "ﷺ", "٣", "۴", "٫", "٪",
  "😀", "\uD83D", "\uDE00", "Llama", "لاما", "Q2", "الربع",
];
const interacting = fc.array(fc.constantFrom(...PIECES), { maxLength: 14 }).map((pieces) => pieces.join(""));
const anyText = fc.string({ unit: "binary", maxLength: 60 });
const texts = fc.oneof(interacting, anyText);

/** C0/C1 controls but whitespace, zero-width, bidi marks, embeddings and isolates, BOM, tatweel. */
const UNWANTED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\u0640]/;

describe("normalizeText, for any text", () => {
  it("never throws, and a second pass changes nothing", () => {
    fc.assert(fc.property(texts, (text) => normalizeText(normalizeText(text)) === normalizeText(text)), { numRuns: 20_000 });
  });
  it("leaves no control, zero-width or bidi character, no tatweel, no edge or double spaces", () => {
    fc.assert(
      fc.property(texts, (text) => {
        const normal = normalizeText(text);
        return !UNWANTED.test(normal) && normal === normal.trim() && !/\s{2}|[\t\n\r]/.test(normal);
      }),
      { numRuns: 20_000 },
    );
  });
});

describe("tokenize, for any text", () => {
  it("never throws, gives only non-empty tokens, and reads a text as it reads its normal form", () => {
    fc.assert(
      fc.property(texts, (text) => {
        const tokens = tokenize(text);
        expect(tokens.every((t) => t.text.length > 0)).toBe(true);
        expect(tokenize(normalizeText(text))).toEqual(tokens);
      }),
      { numRuns: 5_000 },
    );
  });
});
