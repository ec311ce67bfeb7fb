import { fileURLToPath } from "node:url";

/** The folder holding data/ and intents/, whatever the working directory. */
export const projectRoot = fileURLToPath(new URL("..", import.meta.url));
