/**
 * `npm run ask -- "question"` prints the reply exactly as the bot sends it.
 * With no argument, reads one question per line from stdin and prints one JSON object per
 * line: {"question","lang","intent","fact","score","answered","reply"}.
 */
import { createInterface } from "node:readline";
import { loadContent } from "../content/load.js";
import { createEngine } from "../engine/engine.js";
import { projectRoot } from "../project-root.js";

const engine = createEngine(loadContent(projectRoot));
const question = process.argv.slice(2).join(" ");

if (question.trim()) {
  process.stdout.write(`${engine.answer(question).reply}\n`);
} else {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const { lang, intent, fact, score, answered, reply } = engine.answer(line);
    process.stdout.write(`${JSON.stringify({ question: line, lang, intent, fact, score, answered, reply })}\n`);
  }
}
