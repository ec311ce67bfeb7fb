import { CONTENT_FILES } from "../content/load.js";
import type { Content, Intent } from "../content/schema.js";
import { normalizeText } from "../matching/normalize.js";
import { arabicKey, arabiziKeys } from "../matching/phonetic-key.js";
import { stemArabic, stemEnglish } from "../matching/stem.js";
import { Matcher } from "../matching/matcher.js";
import { createEngine, type Engine, type EngineOptions } from "./engine.js";
import { sourceOf } from "./explain.js";

/** What compiling content found: problems keep it from loading. */
export interface CompileReport {
  problems: string[];
}

/**
 * Validated content → its index, the engine over it, and a report. The content checks itself: every
 * intent's canonical questions and examples must be answered with that intent, or the
 * content is refused; each miss is listed with what decided it (the words, their lexicon
 * entries, the penalties). Used at start-up, at /reload, by `npm run check-content` and the CLI.
 */
export function compile(content: Content, options: EngineOptions = {}): { engine: Engine; index: Matcher; report: CompileReport } {
  const index = new Matcher(content, options.scoring);
  const engine = createEngine(content, { ...options, index });
  return { engine, index, report: { problems: selfCheck(content, engine) } };
}

function selfCheck(content: Content, engine: Engine): string[] {
  const problems: string[] = [];
  content.intents.forEach((intent, i) => {
    for (const [field, text] of ownQuestions(intent)) {
      // Not cached: the bot's cache starts empty. Explained only when missed.
      const answer = engine.answer(text, { cache: false });
      if (answer.intent === intent.id) continue;
      const explanation = engine.explain(text);
      const own = explanation.match.ranked.find((c) => c.intent.id === intent.id);
      const got = answer.intent ? `answered with "${answer.intent}"` : answer.kind === "decline" ? "declined" : `answered as ${answer.kind}`;
      const why = own
        ? `its own score ${own.score.toFixed(2)}${own.parts?.penalties.length ? `, lowered for ${own.parts.penalties.map((p) => p.why).join(", ")}` : ""}`
        : "no word it shares with the intent";
      const words = explanation.match.features
        .filter((f) => f.kind !== "unknown" && f.kind !== "word")
        .map((f) => `"${f.text ?? f.id}" → ${f.id} (${sourceOf(f, content)})`);
      problems.push(
        `${CONTENT_FILES.intents}: entry "${intent.id}" (intents[${i}]), field ${field}: "${text}" is ${got} (confidence ${answer.score}); ${why}. Its words: ${words.join("; ") || "none the lexicon knows"}`,
      );
    }
  });
  return problems;
}

/** An intent's canonical questions and examples, each with its field. */
function ownQuestions(intent: Intent): Array<[string, string]> {
  const questions: Array<[string, string]> = [
    ["question.en", intent.question.en],
    ["question.ar", intent.question.ar],
  ];
  for (const lang of ["en", "ar", "arabizi"] as const) intent.examples[lang].forEach((text, k) => questions.push([`examples.${lang}[${k}]`, text]));
  return questions;
}

/**
 * Advice for curators, not a check (so not computed at start-up): lexicon spellings matching
 * already finds without them: an English word with the stem of
 * another spelling of its concept, an Arabic one with the light stem of another (clitics and
 * suffixes are stripped), an Arabizi one whose consonant skeleton is an Arabic spelling's.
 */
export function redundantSpellings(content: Content): string[] {
  const notes: string[] = [];
  content.concepts.forEach((concept, i) => {
    if (concept.kind === "stop") return;
    const where = `${CONTENT_FILES.lexicon}: entry "${concept.id}" (concepts[${i}])`;
    const single = (terms: readonly string[]) => terms.map((t) => normalizeText(t)).filter((t) => t && !t.includes(" "));
    const english = new Map<string, string>();
    for (const term of single(concept.en)) {
      const stem = stemEnglish(term);
      const first = english.get(stem);
      if (first !== undefined && first !== term) notes.push(`${where}: en "${term}" is found as "${first}" is (the same stem)`);
      else english.set(stem, term);
    }
    const arabic = new Map<string, string>();
    for (const term of single(concept.ar)) {
      const stem = stemArabic(term);
      const first = arabic.get(stem);
      if (first !== undefined && first !== term) notes.push(`${where}: ar "${term}" is found as "${first}" is (the same light stem)`);
      else arabic.set(stem, term);
    }
    const skeletons = new Set(single(concept.ar).map(arabicKey));
    for (const term of single(concept.arabizi)) {
      if (/\d/.test(term) && arabiziKeys(term).some((key) => key.length >= 3 && skeletons.has(key)))
        notes.push(`${where}: arabizi "${term}" is found through the consonant skeleton of its Arabic spellings`);
    }
  });
  return notes;
}
