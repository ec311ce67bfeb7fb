/**
 * A consonant skeleton shared by Arabic script and Arabizi (Arabic in Latin letters and
 * digits), so "7osba" meets "حوسبة" and "mo3amalat" meets "معاملات". Vowels, long vowels
 * and hamza are dropped because Arabizi writers spell them every way; consonants that
 * Arabizi conflates (ث/ت, ذ/ض/ظ/د, ص/س, ط/ت) share one class.
 */

const ARABIC_CLASS: Record<string, string> = {
  "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "x", "د": "d", "ذ": "d", "ر": "r",
  "ز": "z", "س": "s", "ش": "S", "ص": "s", "ض": "d", "ط": "t", "ظ": "d", "ع": "3", "غ": "G",
  "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h",
};

const LATIN_DIGRAPHS: Array<[RegExp, string]> = [
  [/sh|ch/g, "S"], [/kh/g, "x"], [/gh/g, "G"], [/th/g, "t"], [/dh/g, "d"],
];
const LATIN_CLASS: Record<string, string> = {
  b: "b", p: "b", t: "t", d: "d", s: "s", z: "z", c: "k", k: "k", q: "q", g: "j", j: "j",
  f: "f", v: "f", l: "l", m: "m", n: "n", r: "r", h: "h", x: "ks",
  "3": "3", "5": "x", "6": "t", "7": "h", "8": "G", "9": "q", S: "S", G: "G",
};

function collapse(key: string): string {
  return key.replace(/(.)\1+/g, "$1");
}

/** Skeleton of a normalised Arabic-script word. A final ه (ta marbuta) is a vowel in speech. */
export function arabicKey(word: string): string {
  let key = "";
  const letters = word.endsWith("ه") ? word.slice(0, -1) : word;
  for (const ch of letters) key += ARABIC_CLASS[ch] ?? "";
  return collapse(key);
}

/**
 * Skeletons of an Arabizi word. "2" is usually hamza (dropped) but in Egyptian chat it is
 * also ق, so a word with "2" yields both readings.
 */
export function arabiziKeys(word: string): string[] {
  let text = word.toLowerCase();
  for (const [pattern, replacement] of LATIN_DIGRAPHS) text = text.replace(pattern, replacement);
  // A final "h" after a vowel spells ta marbuta ("7osbah", "ziadeh").
  text = text.replace(/([aeiou])h$/, "$1");
  const readings = text.includes("2") ? [text.replace(/2/g, ""), text.replace(/2/g, "q")] : [text];
  return readings.map((reading) => {
    let key = "";
    for (const ch of reading) key += LATIN_CLASS[ch] ?? "";
    return collapse(key);
  });
}
