import { CONTENT_FILES } from "../content/load.js";
import type { Content } from "../content/schema.js";
import type { Feature } from "../matching/vocabulary.js";
import type { Explanation } from "./engine.js";

/** The lexicon entry a feature comes from, or what it is when none ("learnt from the examples", "unknown"). */
export function sourceOf(feature: Feature, content: Content): string {
  const index = content.concepts.findIndex((c) => c.id === feature.id);
  if (index >= 0) return `${feature.kind}, ${CONTENT_FILES.lexicon} concepts[${index}]`;
  if (feature.kind === "word") return "a word learnt from the intents' examples";
  if (feature.kind === "unknown") return "unknown to the content";
  if (feature.kind === "number") return "a number";
  return `${feature.kind}, recognised by its pattern`;
}

const round = (n: number) => n.toFixed(3);

/** One line per feature: the words, what they were read as, and where that comes from. */
function featureLines(features: readonly Feature[], content: Content, indent: string): string[] {
  return features.map((f) => `${indent}"${f.text ?? f.id}" → ${f.id} (${sourceOf(f, content)})${f.asks ? `, asks for ${f.asks.join(" or ") || "no kind"}` : ""}`);
}

/**
 * An explanation as text, for people curating the content (`npm run ask -- --explain`, the
 * self-check's report): the sentences read, each word's feature and its lexicon entry, the
 * kinds of answer asked, the candidates with every part of their score, the margin, the
 * threshold and the decision.
 */
export function describeExplanation({ answer, match, threshold }: Explanation, content: Content, candidates = 5): string {
  const lines = [`Question: ${answer.question}`, `Language: ${match.lang} (read as ${match.mode})`];
  if (match.sentences && match.sentences.length > 1) {
    lines.push("Sentences:");
    for (const s of match.sentences) lines.push(`  [${s.asks ? "the question" : "context"}] ${s.text}`);
  }
  lines.push("Words:", ...featureLines(match.features, content, "  "));
  if (match.context.length) lines.push("Context words (weighed less):", ...featureLines(match.context, content, "  "));
  if (match.prior.length) lines.push("Read as a follow-up; from the conversation (weighed less):", ...featureLines(match.prior, content, "  "));
  lines.push(`Asks for: ${match.asked ? [...match.asked].join(" or ") || "nothing in particular" : "any kind of answer"}`);
  if (match.yesNo) lines.push("A yes/no question.");
  if (match.figures.length) lines.push(`Figures: ${match.figures.map((f) => `${f.value} (${f.unit})`).join(", ")}`);
  lines.push("Candidates:");
  match.ranked.slice(0, candidates).forEach((c, k) => {
    const p = c.parts;
    const parts = p
      ? `similarity ${round(p.similarity)} (covers ${round(p.coverage)} of the question, closest example ${round(p.bestExample)}, trigrams ${round(p.ngram)})` +
        (p.penalties.length ? `; × ${p.penalties.map((x) => `${round(x.factor)} for ${x.why}`).join("; × ")}` : "; no penalty")
      : "";
    const corrects = c.corrects ? `; corrects the question's ${c.corrects.map((f) => f.text ?? f.id).join(", ")} (a premise the article contradicts)` : "";
    lines.push(`  ${k + 1}. ${c.intent.id} ${round(c.score)}${c.conflict ? ` (ruled out: ${p?.ruledOut ?? "an entity the article never names"})` : ""}: ${parts}${corrects}`);
  });
  if (match.ranked.length === 0) lines.push("  none: no intent shares a feature with the question");
  lines.push(`Confidence ${round(match.confidence)} (the best score, less the missing margin over the runner-up); threshold ${threshold}.`);
  const decision = answer.fact
    ? `answered with the fact ${answer.fact}`
    : answer.kind === "decline"
      ? `declined${answer.suggestions.length ? `, offering ${answer.suggestions.map((s) => s.intent).join(", ")}` : ""}`
      : `${answer.kind}${answer.intent ? ` (${answer.intent})` : ""}`;
  lines.push(`Decision: ${decision}.`);
  return lines.join("\n");
}
