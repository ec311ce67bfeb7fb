import { normalizeText } from "./normalize.js";

/** One unit of a question after normalisation. */
export interface Token {
  /** Normalised text: a word, a number ("8.5"), or an entity marker ("llama3.1", "q2"). */
  text: string;
  kind: "arabic" | "latin" | "number" | "entity";
}

const ARABIC_LETTER = /[\u0600-\u06FF]/;
const NUMBER_WORDS: Record<string, string> = {
  two: "2", three: "3", four: "4", five: "5",
  "اثنين": "2", "اتنين": "2", "الثاني": "2", "التاني": "2",
  "ثلاثه": "3", "تلاته": "3", "ثلاث": "3", "تلات": "3", "الثالث": "3", "الثالثه": "3", "التالت": "3", "التالته": "3",
  "اربعه": "4", "اربع": "4", "الرابع": "4", "الرابعه": "4",
  "خمسه": "5", "خمس": "5", "الخامس": "5", "الخامسه": "5",
};

/**
 * Model versions are the entities most often mistyped and most often confused ("Llama 4" vs
 * "Llama 3.1"), so they are recognised before splitting, in any script and spacing:
 * "Llama-3.1", "llama3.1405B" (sic, from the article), "لاما ٤", "اللاما 3".
 */
const MODEL_VERSION = /(?:llama|lama|(?:ال)?لاما|(?:ال)?لامه)\s*[-_]?\s*v?(\d)(?:\.(\d)|(?!\d))/g;
const MODEL_VERSION_WORD = new RegExp(
  `(?:\\b(?:llama|lama)|(?:ال)?لام[اه])\\s+(${Object.keys(NUMBER_WORDS).join("|")})(?:\\s+(?:نقطه|point)\\s+(واحد|one))?(?![\\p{L}])`,
  "gu",
);
/** "the fourth generation of Llama", "الجيل الرابع من لاما", "النسخة الثالثة من Llama". */
const MODEL_GENERATION = new RegExp(
  `(?:الجيل|جيل|الاصدار|اصدار|النسخه|نسخه)\\s+(${Object.keys(NUMBER_WORDS).filter((w) => w.startsWith("ال")).join("|")}|\\d)\\s+(?:من\\s+)?(?:(?:ال)?لام[اه]|llama)` +
    `|\\b(fourth|third|second|4th|3rd|2nd|\\d)\\s+(?:gen|generation)\\s+(?:of\\s+)?llama`,
  "gu",
);
const ENGLISH_ORDINALS: Record<string, string> = { second: "2", "2nd": "2", third: "3", "3rd": "3", fourth: "4", "4th": "4" };

const QUARTER = /\bq\s?([1-4])\b|\bquarter\s*([1-4])\b|(?:ال|لل)?ربع\s*(?:ال)?\s*([1-4])(?!\d)/g;
/** Chat spellings of English function words, so phrases like "what can you do" still meet. */
// A Map, not an object: a question may contain "constructor" or "__proto__".
const CHAT_WORDS = new Map(Object.entries({
  u: "you", ur: "your", r: "are", wat: "what", wht: "what", wot: "what", whta: "what", wut: "what",
  abt: "about", bout: "about", n: "and", y: "why", cuz: "because", coz: "because", bc: "because",
  pls: "please", plz: "please", thx: "thanks", tnx: "thanks", ty: "thanks", k: "ok", kk: "ok",
  b4: "before", moar: "more", wud: "would", dat: "that", tht: "that", ths: "this", wats: "whats", whts: "whats",
  frm: "from", nd: "and", yr: "year", yrs: "years", nxt: "next",
}));
/** Chat writes "to" and "for" as digits: "compared 2 last yr", "takeaway 4 the industry". */
const DIGIT_WORDS = new Map([["2", "to"], ["4", "for"]]);
/** What such a digit comes before: a word of the kind that follows "to" or "for", not a count ("2 models"). */
const AFTER_DIGIT_WORD = new Set(["the", "last", "next", "this", "that", "these", "those", "my", "me", "you", "your", "us", "our", "them", "their", "his", "her", "its", "a", "an"]);

const NUMBER_WITH_UNIT = /^(\d+(?:\.\d+)?)(%|x|b|bn|m|k|billion|million)$/;

function markEntities(text: string): string {
  // Most texts name neither; skipping the patterns then keeps tokenising cheap.
  if (!/lama|لام|q|ربع/.test(text)) return text;
  return text
    .replace(MODEL_GENERATION, (_m, arabic?: string, english?: string) =>
      ` llama${arabic ? (NUMBER_WORDS[arabic] ?? arabic) : (ENGLISH_ORDINALS[english!] ?? english)} `,
    )
    .replace(MODEL_VERSION_WORD, (_m, word: string, minor?: string) => ` llama${NUMBER_WORDS[word]}${minor ? ".1" : ""} `)
    .replace(MODEL_VERSION, (_m, major: string, minor?: string) => ` llama${major}${minor ? `.${minor}` : ""} `)
    .replace(QUARTER, (_m, ...digits: Array<string | undefined>) => ` q${digits.slice(0, 3).find(Boolean)} `);
}

/** "8,5" is a decimal, "1,000" a thousands separator. */
function normalizeNumber(raw: string): string {
  const text = /,\d{3}(?!\d)/.test(raw) ? raw.replace(/,/g, "") : raw.replace(",", ".");
  return String(Number(text));
}

function splitByScript(word: string): string[] {
  // "الـcapex" or "2025م": a change of script is a word boundary; digits stay with Latin
  // letters because Arabizi uses them as letters ("7osba").
  return word.match(/[\u0600-\u06FF]+|[^\u0600-\u06FF]+/g) ?? [];
}

export function tokenize(input: string): Token[] {
  const text = markEntities(normalizeText(input));
  const tokens: Token[] = [];
  for (const raw of text.split(/[^\p{L}\p{N}.,%]+/u)) {
    const chunk = raw.replace(/^[.,]+|[.,]+$/g, "");
    if (!chunk) continue;
    if (/^llama\d(\.\d)?$|^q[1-4]$/.test(chunk)) {
      tokens.push({ text: chunk, kind: "entity" });
      continue;
    }
    if (ARABIC_LETTER.test(chunk) && /[^\u0600-\u06FF]/.test(chunk)) for (const part of splitByScript(chunk)) pushPart(part, tokens);
    else pushPart(chunk, tokens);
  }
  return tokens.flatMap((token, i): Token[] => {
    // Arabizi "b" before a number is "in" ("w b 2025?"): billions follow their number ("405 b").
    if (token.text === "b" && tokens[i + 1]?.kind === "number") return [];
    const word = token.kind === "number" ? DIGIT_WORDS.get(token.text) : undefined;
    if (word === undefined || tokens[i - 1]?.kind !== "latin" || !AFTER_DIGIT_WORD.has(tokens[i + 1]?.text ?? "")) return [token];
    return [{ text: word, kind: "latin" }];
  });
}

function pushPart(part: string, tokens: Token[]): void {
  if (ARABIC_LETTER.test(part)) {
    if (!/[.,%]/.test(part)) tokens.push({ text: part, kind: "arabic" });
    else for (const word of part.split(/[.,%]+/)) if (word) tokens.push({ text: word, kind: "arabic" });
    return;
  }
  if (!/[\d.,%]/.test(part)) {
    tokens.push({ text: CHAT_WORDS.get(part) ?? part, kind: "latin" });
    return;
  }
  if (/^\d+(?:[.,]\d+)?%?$/.test(part)) {
    tokens.push({ text: normalizeNumber(part.replace("%", "")), kind: "number" });
    if (part.endsWith("%")) tokens.push({ text: "%", kind: "latin" });
    return;
  }
  // "v3", "v3.1": a version, read as its number (in a conversation about a Llama, that Llama).
  const version = /^v(\d(?:\.\d)?)$/.exec(part)?.[1];
  if (version) {
    tokens.push({ text: normalizeNumber(version), kind: "number" });
    return;
  }
  const withUnit = NUMBER_WITH_UNIT.exec(part);
  if (withUnit?.[1] && withUnit[2]) {
    tokens.push({ text: normalizeNumber(withUnit[1]), kind: "number" });
    tokens.push({ text: withUnit[2], kind: "latin" });
    return;
  }
  for (const word of part.split(/[.,]+/)) {
    if (word === "%") tokens.push({ text: "%", kind: "latin" });
    else if (/\p{L}/u.test(word)) {
      const text = word.replace(/%/g, "");
      tokens.push({ text: CHAT_WORDS.get(text) ?? text, kind: "latin" });
    }
    else if (/^\d+$/.test(word)) tokens.push({ text: normalizeNumber(word), kind: "number" });
  }
}

const termTokens = new Map<string, readonly Token[]>();

/**
 * Tokens of a lexicon term, remembered: the loader checks every term and the vocabulary
 * then reads the same terms, so each is tokenised once. Only content goes through here
 * (a bounded set), never questions.
 */
export function tokenizeTerm(term: string): readonly Token[] {
  let tokens = termTokens.get(term);
  if (!tokens) termTokens.set(term, (tokens = tokenize(term)));
  return tokens;
}
