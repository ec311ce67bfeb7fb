import { ContentError, loadContent } from "../content/load.js";
import type { Content } from "../content/schema.js";
import { compile } from "./compile.js";
import type { Engine } from "./engine.js";

/** What was loaded, in a line: "13 facts, 17 intents (387 examples), 102 lexicon concepts". */
export function describeContent(content: Content): string {
  const examples = content.intents.reduce((n, i) => n + i.examples.en.length + i.examples.ar.length + i.examples.arabizi.length, 0);
  return `${content.facts.length} facts, ${content.intents.length} intents (${examples} examples), ${content.concepts.length} lexicon concepts`;
}

/** The engine over the content in `root`, once it has passed its own check; else a ContentError. */
function compiled(root: string): Engine {
  const { engine, report } = compile(loadContent(root));
  if (report.problems.length) throw new ContentError(report.problems);
  return engine;
}

export type ReloadResult = { ok: true; summary: string } | { ok: false; error: string };

/**
 * The engine over the content in `root` (data/ and intents/), which can be reloaded while
 * the bot runs: the new content is validated, indexed and checked (every intent answers its
 * own examples) completely before it replaces the old in one assignment, so a question is answered by one content or the other, and a
 * broken file leaves the old content serving. The constructor throws ContentError.
 */
export class LiveEngine {
  private current: Engine;

  constructor(private readonly root: string) {
    this.current = compiled(root);
  }

  get engine(): Engine {
    return this.current;
  }

  reload(): ReloadResult {
    try {
      const next = compiled(this.root);
      this.current = next;
      return { ok: true, summary: describeContent(next.content) };
    } catch (error) {
      if (error instanceof ContentError) return { ok: false, error: error.message };
      throw error;
    }
  }
}
