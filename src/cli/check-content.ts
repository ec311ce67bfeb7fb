/**
 * `npm run check-content`: validates data/ and intents/ as the bot does at start-up.
 * Prints every problem (file, entry, field) and exits 1, or prints what was loaded.
 */
import { ContentError, loadContent } from "../content/load.js";
import { createEngine } from "../engine/engine.js";
import { projectRoot } from "../project-root.js";

try {
  const content = loadContent(projectRoot);
  createEngine(content); // indexing must succeed too
  const examples = content.intents.reduce((n, i) => n + i.examples.en.length + i.examples.ar.length + i.examples.arabizi.length, 0);
  console.log(
    `Content OK: ${content.facts.length} facts, ${content.intents.length} intents (${examples} examples), ${content.concepts.length} lexicon concepts.`,
  );
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
