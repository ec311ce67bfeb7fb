/**
 * `npm run ask -- "question"` prints the reply exactly as the bot sends it; with --explain,
 * how it came about (the sentences read, each word's feature and lexicon entry, the candidates
 * with every part of their score, the margin, the threshold and the decision).
 * With no question, reads one question per line from stdin and prints one JSON object per
 * line: {"question","lang","intent","fact","score","answered","reply"}.
 */
import { createInterface } from "node:readline";
import { loadContent } from "../content/load.js";
import { createEngine } from "../engine/engine.js";
import { describeExplanation } from "../engine/explain.js";
import { projectRoot } from "../project-root.js";

const content = loadContent(projectRoot);
const engine = createEngine(content);
const args = process.argv.slice(2);
const explain = args.includes("--explain");
const question = args.filter((a) => a !== "--explain").join(" ");

if (question.trim() && explain) {
  const explanation = engine.explain(question);
  process.stdout.write(`${describeExplanation(explanation, content)}\n\nReply:\n${explanation.answer.reply}\n`);
} else if (question.trim()) {
  process.stdout.write(`${engine.answer(question).reply}\n`);
} else {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const { lang, intent, fact, score, answered, reply } = engine.answer(line);
    process.stdout.write(`${JSON.stringify({ question: line, lang, intent, fact, score, answered, reply })}\n`);
  }
}
