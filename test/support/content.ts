import { fileURLToPath } from "node:url";
import { loadContent } from "../../src/content/load.js";
import { createEngine } from "../../src/engine/engine.js";

/** The repository's root: the folder that holds data/ and intents/. */
export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/** The real content and an engine over it, as the bot would build them. */
export const content = loadContent(repoRoot);
export const engine = createEngine(content);
