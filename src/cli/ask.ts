/**
 * `npm run ask -- "question"` prints the reply exactly as the bot sends it; with --explain,
 * how it came about (the sentences read, each word's feature and lexicon entry, the candidates
 * with every part of their score, the margin, the threshold and the decision).
 * With no question, reads one question per line from stdin and prints one JSON object per
 * line: {"question","lang","intent","fact","score","answered","reply"}.
 * With --dialogue, the lines from stdin are the turns of one conversation, each read with the
 * facts answered before it (an empty line starts a new conversation; a line of a dialogue set,
 * {"turns":[{"q":...}]}, is a whole conversation), and each JSON line adds "followup" and the
 * "context" it was read with. --explain with --dialogue prints the explanation of each turn.
 */
import { createInterface } from "node:readline";
import { loadContent } from "../content/load.js";
import { afterAnswer } from "../engine/conversation.js";
import { createEngine } from "../engine/engine.js";
import { describeExplanation } from "../engine/explain.js";
import { projectRoot } from "../project-root.js";

const content = loadContent(projectRoot);
const engine = createEngine(content);
const args = process.argv.slice(2);
const explain = args.includes("--explain");
const dialogue = args.includes("--dialogue");
const question = args.filter((a) => a !== "--explain" && a !== "--dialogue").join(" ");

/** The questions a line of a conversation holds: one turn, or every turn of a dialogue-set line. */
function turnsOf(line: string): string[] | undefined {
  if (!line.trimStart().startsWith("{")) return [line];
  const parsed: unknown = JSON.parse(line);
  const turns = (parsed as { turns?: Array<{ q?: unknown }> }).turns;
  return Array.isArray(turns) ? turns.map((t) => String(t.q ?? "")) : undefined;
}

if (question.trim() && explain && !dialogue) {
  const explanation = engine.explain(question);
  process.stdout.write(`${describeExplanation(explanation, content)}\n\nReply:\n${explanation.answer.reply}\n`);
} else if (question.trim() && !dialogue) {
  process.stdout.write(`${engine.answer(question).reply}\n`);
} else {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let context: string[] = [];
  for await (const line of lines) {
    if (dialogue && !line.trim()) {
      context = [];
      continue;
    }
    const turns = dialogue ? turnsOf(line) : [line];
    if (!turns) throw new Error(`not a question nor a dialogue: ${line.slice(0, 80)}`);
    for (const turn of turns) {
      const options = dialogue ? { context } : {};
      const { lang, intent, fact, score, answered, reply, followup } = engine.answer(turn, options);
      if (dialogue && explain) process.stdout.write(`${describeExplanation(engine.explain(turn, options), content)}\n\n`);
      const row = { question: turn, lang, intent, fact, score, answered, reply, ...(dialogue && { followup, context }) };
      process.stdout.write(`${JSON.stringify(row)}\n`);
      if (dialogue) context = afterAnswer(context, { fact });
    }
    if (dialogue && turns.length > 1) context = [];
  }
}
