/**
 * Light stemmers. They need not produce linguistic roots: vocabulary and questions go
 * through the same function, so all that matters is that inflected forms of one word meet.
 */

const ARABIC_PREFIXES = ["وبال", "وال", "بال", "فال", "كال", "ولل", "لل", "ال", "وب", "ول", "فب", "فل", "و", "ف", "ب", "ل", "ك"];
/** Dialect object clitics: "it for me" (تلخصهولي, اختصرهالي), "for me" (اختصرلي, وضحلي). */
const DIALECT_OBJECT_SUFFIXES = ["هولي", "هالي", "هملي", "ولي", "لي"];
const ARABIC_SUFFIXES = ["هما", "كما", "تين", "يات", "ات", "ون", "ين", "ان", "وا", "ها", "هم", "هن", "كم", "كن", "نا", "يه", "ه", "ي", "ك", "ت", "و"];
const MIN_ARABIC_STEM = 3;

/** Arabic: one clitic/article prefix and up to two suffixes, never leaving fewer than three letters. */
export const stemArabic = remembered((word: string): string => {
  let stem = word;
  for (const prefix of ARABIC_PREFIXES) {
    if (stem.startsWith(prefix) && stem.length - prefix.length >= MIN_ARABIC_STEM) {
      stem = stem.slice(prefix.length);
      break;
    }
  }
  for (let pass = 0; pass < 2; pass++) {
    const suffix = ARABIC_SUFFIXES.find((s) => stem.endsWith(s) && stem.length - s.length >= MIN_ARABIC_STEM);
    if (!suffix) break;
    stem = stem.slice(0, -suffix.length);
  }
  return stem;
});

/**
 * The forms of a word worth looking up, the word itself first, then with each clitic or
 * article prefix removed and then each suffix: "والكلام" → كلام, "لمراكزها" → مراكز.
 * Stemming is not idempotent (كلام would lose its ك), so lookups try these surface forms
 * before comparing stems.
 */
export function arabicLookupForms(word: string): string[] {
  const forms = [word];
  // Adverbial tanween is written with a final alef: "مكلفًا" → مكلف.
  if (word.endsWith("ا") && word.length >= 4) forms.push(word.slice(0, -1));
  for (const prefix of ARABIC_PREFIXES)
    if (word.startsWith(prefix) && word.length - prefix.length >= MIN_ARABIC_STEM) forms.push(word.slice(prefix.length));
  forms.push(...withoutDialectObject(word));
  for (const form of [...forms])
    for (const suffix of ARABIC_SUFFIXES)
      if (form.endsWith(suffix) && form.length - suffix.length >= MIN_ARABIC_STEM) {
        const bare = form.slice(0, -suffix.length);
        forms.push(bare);
        // A final ى is written ا before a suffix: تخشاه → تخشى (normalised تخشي).
        if (bare.endsWith("ا")) forms.push(`${bare.slice(0, -1)}ي`);
      }
  return forms;
}

/** A dialect verb without its object clitics: "تلخصهولي" → تلخص, "وضحلي" → وضح. */
export function withoutDialectObject(word: string): string[] {
  const bare = DIALECT_OBJECT_SUFFIXES.find((suffix) => word.endsWith(suffix) && word.length - suffix.length >= MIN_ARABIC_STEM);
  return bare === undefined ? [] : [word.slice(0, -bare.length)];
}

/**
 * Verb prefixes on an imperfect verb: MSA future "س" (ستحتاج), Egyptian/Levantine "ب"
 * (بيحتاج), Egyptian future "ح/ه" (حيحتاج), Maghrebi "ك" (كيحتاج), then the person prefix.
 * Returns the forms worth looking up after the word itself failed.
 */
export function arabicVerbVariants(word: string): string[] {
  const variants: string[] = [];
  if (word.startsWith("ال")) return variants; // a noun with the article, not a verb
  let rest = word;
  // Egyptian/Levantine negation wraps the verb: "ماتأخرش" → "تأخر".
  const negated = /^ما?(.{3,})ش$/.exec(rest)?.[1];
  if (negated) {
    rest = negated;
    variants.push(rest);
  }
  if (/^[سبحهك][يتنا]/.test(rest) && rest.length >= 5) {
    rest = rest.slice(1);
    variants.push(rest);
  }
  if (/^[يتنا]/.test(rest) && rest.length >= 4) variants.push(rest.slice(1));
  // A plural active participle is the verb's: "صارفين" (having spent) → صرف, "ودافعين" → دفع.
  // Not the singular: "ولايه" (a state) is not "ليه" (why) with "and".
  const participle = /^[وف]?(.)ا(..)(?:ين|ون)$/.exec(word);
  if (participle) variants.push(`${participle[1]}${participle[2]}`);
  return variants;
}

// A Map, not an object: a question may contain "constructor" or "__proto__".
const IRREGULAR_ENGLISH = new Map(Object.entries({
  spent: "spend", built: "build", said: "say", says: "say", made: "make", took: "take",
  rose: "rise", risen: "rise", grew: "grow", grown: "grow", bigger: "big", biggest: "big",
  larger: "large", largest: "large", higher: "high", data: "data", centres: "center", centre: "center",
  centers: "center", children: "child", people: "person", men: "man",
  // Not the suffixes they seem to end with: "supply" is no adverb, "called" (named) is no call, "marked" no Mark.
  supply: "supply", apply: "apply", reply: "reply", early: "early", called: "called", marked: "marked",
  markedly: "marked", projected: "projected", cooling: "cooling",
}));

/**
 * Stems are asked for again and again (every lexicon term, every example, every question),
 * so they are remembered; the table is emptied when it grows past any real vocabulary.
 */
function remembered(stem: (word: string) => string): (word: string) => string {
  const known = new Map<string, string>();
  return (word) => {
    let result = known.get(word);
    if (result === undefined) {
      if (known.size >= 50_000) known.clear();
      known.set(word, (result = stem(word)));
    }
    return result;
  };
}

/** English: a light Porter-style suffix stripper (plural, -ing, -ed, -ly, -ation). */
export const stemEnglish = remembered((word: string): string => {
  const irregular = IRREGULAR_ENGLISH.get(word);
  if (irregular) return irregular;
  if (word.length <= 3) return word;
  let stem = word;
  if (stem.endsWith("ies") && stem.length > 4) stem = `${stem.slice(0, -3)}y`;
  else if (/(sses|shes|ches|xes)$/.test(stem)) stem = stem.slice(0, -2);
  else if (stem.endsWith("s") && !/(ss|us|is)$/.test(stem)) stem = stem.slice(0, -1);
  for (const [suffix, keep] of [["ational", "ate"], ["ation", "ate"], ["ing", ""], ["edly", ""], ["ed", ""], ["ly", ""]] as const) {
    if (stem.endsWith(suffix) && stem.length - suffix.length >= 3) {
      stem = stem.slice(0, -suffix.length) + keep;
      // "running" → "runn" → "run"; "computing" → "comput".
      if (keep === "" && /([bdfgmnprt])\1$/.test(stem)) stem = stem.slice(0, -1);
      break;
    }
  }
  // "compute"/"computing"/"computed" all meet at "comput".
  if (stem.endsWith("e") && stem.length > 4) stem = stem.slice(0, -1);
  return stem;
});
