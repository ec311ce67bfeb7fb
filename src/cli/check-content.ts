/**
 * `npm run check-content`: validates data/ and intents/ as the bot does at start-up.
 * Prints every problem (file, entry, field) and exits 1, or prints what was loaded.
 */
import { ContentError, loadContent } from "../content/load.js";
import { createEngine } from "../engine/engine.js";
import { describeContent } from "../engine/live-engine.js";
import { projectRoot } from "../project-root.js";

try {
  const content = loadContent(projectRoot);
  createEngine(content); // indexing must succeed too
  console.log(`Content OK: ${describeContent(content)}.`);
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
