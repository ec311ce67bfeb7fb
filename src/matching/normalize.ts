/**
 * Text normalisation shared by questions, intents and lexicon terms, so that both sides
 * of every comparison went through exactly the same rules.
 */

/** Zero-width characters, bidi marks/embeddings/isolates, BOM, soft hyphen, Arabic letter mark. */
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;
/** Other control characters (C0/C1) except whitespace. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
/** Tashkeel, Quranic annotation marks, superscript alef. */
const DIACRITICS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED]/g;
const TATWEEL = /\u0640/g;

const LETTER_MAP: Record<string, string> = {
  "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
  "ى": "ي", "ئ": "ي", "ی": "ي", "ې": "ي",
  "ة": "ه", "ۀ": "ه", "ہ": "ه", "ھ": "ه",
  "ؤ": "و",
  "ء": "",
  // Persian/Urdu letters seen in Arabic-language chat.
  "ک": "ك", "گ": "ك", "پ": "ب", "چ": "ج", "ژ": "ز", "ڤ": "ف", "ڨ": "ق",
  // Arabic punctuation and number signs.
  "؟": "?", "،": ",", "؛": ";", "٪": "%", "٫": ".", "٬": ",", "«": "\"", "»": "\"",
  "\u2019": "'", "\u2018": "'", "\u02BC": "'", "`": "'",
  // "$8.5B", "in $": the sign says the question is about a sum of money.
  "$": " dollars ",
};

function mapChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660); // Arabic-Indic digits
  if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0); // Persian digits
  // Latin letters with accents ("résumé", a French word in a Maghrebi message): the letter alone.
  if (code >= 0x00c0 && code <= 0x024f) return ch.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  return LETTER_MAP[ch] ?? ch;
}

/** Every character mapChar changes, so the rest of the text is left alone. */
const MAPPED = new RegExp(`[\u00C0-\u024F\u0660-\u0669\u06F0-\u06F9${Object.keys(LETTER_MAP).join("")}]`, "g");

const ENGLISH_CONTRACTIONS: Array<[RegExp, string]> = [
  [/\bwon't\b/g, "will not"],
  [/\bcan't\b/g, "can not"],
  [/n't\b/g, " not"],
  [/'re\b/g, " are"],
  [/'ll\b/g, " will"],
  [/'ve\b/g, " have"],
  [/'m\b/g, " am"],
  [/'d\b/g, " would"],
  // "what's", "Meta's": both the verb and the possessive carry no meaning for matching.
  [/'s\b/g, ""],
];

/**
 * Canonical form of a text: NFKC, invisible/control characters removed, Arabic letter
 * variants unified, digits in ASCII, lower case, English contractions expanded, letters
 * repeated three or more times collapsed, whitespace folded. Normalising twice changes
 * nothing: one rule can make work for another (NFKC makes tatweel of a presentation form,
 * removing an invisible mark or "'s" lets a letter and its accent compose), so text outside
 * ASCII that had an apostrophe or keeps a combining mark goes through the rules again until
 * they change nothing more.
 */
export function normalizeText(input: string): string {
  if (ASCII.test(input)) return normalizeOnce(input, true);
  let text = normalizeOnce(input, false);
  // With no apostrophe to expand and no combining mark left, no rule has anything more to do
  // (nearly every text): a second pass would find nothing to compose, strip or join.
  if (!APOSTROPHE.test(input) && !MARK.test(text)) return text;
  for (let pass = 0; pass < 4; pass++) {
    const again = normalizeOnce(text, ASCII.test(text));
    if (again === text) break;
    text = again;
  }
  return text;
}

const ASCII = /^[\x20-\x7e]*$/;
const MARK = /\p{M}/u;
/** The apostrophes LETTER_MAP makes "'" of. */
const APOSTROPHE = /['\u2019\u2018\u02BC`]/;

/** One pass of the rules; `ascii`: the text is known to be printable ASCII (none of the Unicode rules apply). */
function normalizeOnce(input: string, ascii: boolean): string {
  // ASCII needs none of the Unicode rules. Invisible characters, tatweel and tashkeel go before
  // NFKC, so a letter and its mark compose in this pass, and again after it (it makes some).
  let text = ascii
    ? input
    : input
        .replace(INVISIBLE, "")
        .replace(TATWEEL, "")
        .replace(DIACRITICS, "")
        .normalize("NFKC")
        .replace(CONTROL, " ")
        .replace(INVISIBLE, "")
        .replace(TATWEEL, "")
        .replace(DIACRITICS, "");
  text = text.replace(MAPPED, mapChar).toLowerCase();
  // Elongation ("كـــــم", "كمممم", "sooo"): no word of either language needs a letter three
  // times. Before contractions: "can'ttt" is "can't".
  if (THRICE.test(text)) text = collapseRepeats(text);
  // Until none is left to expand: expanding one can end the word before another ("n'tn't").
  // Each round removes an apostrophe, so this ends.
  if (text.includes("'")) {
    let previous: string;
    do {
      previous = text;
      for (const [pattern, replacement] of ENGLISH_CONTRACTIONS) text = text.replace(pattern, replacement);
    } while (text !== previous && text.includes("'"));
  }
  return text.replace(/\s+/g, " ").trim();
}

/** A character three times in a row (a fixed-length pattern: cheap on any text). */
const THRICE = /(.)\1\1/su;
const LETTER = /^\p{L}$/u;

/**
 * Each run of one letter three or more times long, as that letter once. A loop rather than
 * /(\p{L})\1{2,}/: the engine backtracks that recursively, and a long run (a pasted
 * 10-million-letter message) overflowed the stack.
 */
function collapseRepeats(text: string): string {
  const parts: string[] = [];
  let runStart = 0;
  let previous = "";
  let run = 0;
  let i = 0;
  const close = (end: number) => {
    if (run >= 3 && LETTER.test(previous)) parts.push(previous);
    else parts.push(text.slice(runStart, end));
  };
  while (i < text.length) {
    const code = text.codePointAt(i)!;
    const ch = String.fromCodePoint(code);
    if (ch === previous) run++;
    else {
      if (run > 0) close(i);
      [previous, run, runStart] = [ch, 1, i];
    }
    i += ch.length;
  }
  if (run > 0) close(i);
  return parts.join("");
}
