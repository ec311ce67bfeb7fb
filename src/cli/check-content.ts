/**
 * `npm run check-content [-- folder] [--notes]`: validates data/ and intents/ (of the project,
 * or of the folder given, as CONTENT_DIR would) as the bot does at start-up, and has
 * the content check itself (every intent answers its own examples). Prints every problem
 * (file, entry, field, and for a miss what decided it) and exits 1, or prints what was
 * loaded; then how many notes there are (lexicon spellings matching finds without them),
 * listed with --notes.
 */
import { resolve } from "node:path";
import { ContentError, loadContent } from "../content/load.js";
import { compile, redundantSpellings } from "../engine/compile.js";
import { describeContent } from "../engine/live-engine.js";
import { projectRoot } from "../project-root.js";

const folder = process.argv.slice(2).find((a) => !a.startsWith("--"));
try {
  const content = loadContent(folder ? resolve(folder) : projectRoot);
  const { report } = compile(content);
  if (report.problems.length) throw new ContentError(report.problems);
  console.log(`Content OK: ${describeContent(content)}; every intent answers its own examples.`);
  const notes = redundantSpellings(content);
  if (process.argv.includes("--notes")) console.log(notes.map((n) => `  - ${n}`).join("\n"));
  else if (notes.length) console.log(`${notes.length} lexicon spellings are found without being listed (npm run check-content -- --notes lists them).`);
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
