import type { Language } from "../content/schema.js";
import type { Token } from "./tokenize.js";
import type { ReadingMode, Vocabulary } from "./vocabulary.js";

export interface DetectedLanguage {
  /** The language to reply in. */
  lang: Language;
  /** How to read the words. */
  mode: ReadingMode;
}

/** Digits used as letters inside a word, as Arabizi does ("7osba", "3ayez"). */
const ARABIZI_DIGITS = /[a-z][235679]|[235679][a-z]/;

/**
 * The question's language by script: the majority of its words, a tie going to Arabic
 * (an Arabic sentence borrows English names; the reverse is rare). A Latin-script question
 * is Arabizi when its words are more Arabizi than English; Arabizi is answered in Arabic.
 */
export function detectLanguage(tokens: readonly Token[], vocabulary: Vocabulary, fallback: Language = "en"): DetectedLanguage {
  let arabic = 0;
  let latin = 0;
  let arabizi = 0;
  let english = 0;
  for (const token of tokens) {
    if (token.kind === "arabic") arabic++;
    if (token.kind !== "latin" || !/\p{L}/u.test(token.text)) continue;
    latin++;
    if (ARABIZI_DIGITS.test(token.text) || vocabulary.isArabiziWord(token.text)) arabizi++;
    else if (vocabulary.isEnglishWord(token.text)) english++;
  }
  if (arabic === 0 && latin === 0) return { lang: fallback, mode: fallback === "ar" ? "arabic" : "english" };
  if (arabic >= latin) return { lang: "ar", mode: "arabic" };
  if (arabic > 0) return { lang: "en", mode: "english" };
  return arabizi > english ? { lang: "ar", mode: "arabizi" } : { lang: "en", mode: "english" };
}
