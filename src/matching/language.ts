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
 * The question's language by script: the majority of its words, the content's own terms in
 * Latin letters not counting against Arabic (an Arabic sentence borrows them; the reverse is
 * rare), a tie going to the language the message starts in. A Latin-script question
 * is Arabizi when its words are more Arabizi than English; Arabizi is answered in Arabic.
 */
export function detectLanguage(tokens: readonly Token[], vocabulary: Vocabulary, fallback: Language = "en"): DetectedLanguage {
  let arabic = 0;
  let latin = 0;
  let borrowed = 0;
  let arabizi = 0;
  let english = 0;
  let first: "arabic" | "latin" | undefined;
  for (const token of tokens) {
    if (token.kind === "arabic") {
      arabic++;
      first ??= "arabic";
    }
    if (token.kind !== "latin" || !/\p{L}/u.test(token.text)) continue;
    latin++;
    first ??= "latin";
    const borrowable = vocabulary.isBorrowableWord(token.text);
    if (borrowable) borrowed++;
    if (ARABIZI_DIGITS.test(token.text) || vocabulary.isArabiziWord(token.text)) arabizi++;
    // The content's English terms are borrowed by Arabizi as much as by Arabic ("capex", "closed").
    else if (!borrowable && vocabulary.isEnglishWord(token.text)) english++;
  }
  if (arabic === 0 && latin === 0) return { lang: fallback, mode: fallback === "ar" ? "arabic" : "english" };
  if (arabic > 0) {
    // Mixed script: the content's own terms in Latin letters (Llama, open source, capex) are
    // what an Arabic sentence borrows; of the other words, the majority decides, and a tie
    // the language the message starts in.
    const own = latin - borrowed + (first === "latin" ? 1 : 0);
    const ours = arabic + (first === "arabic" ? 1 : 0);
    if (ours > own || (ours === own && first === "arabic")) return { lang: "ar", mode: "arabic" };
    return { lang: "en", mode: "english" };
  }
  return arabizi > english ? { lang: "ar", mode: "arabizi" } : { lang: "en", mode: "english" };
}
