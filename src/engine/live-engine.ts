import { ContentError, loadContent } from "../content/load.js";
import type { Content } from "../content/schema.js";
import { compile } from "./compile.js";
import { compiledKey, readCompiled, writeCompiled } from "./compiled-index.js";
import { createEngine, type Engine } from "./engine.js";

/** What was loaded, in a line: "13 facts, 17 intents (387 examples), 102 lexicon concepts". */
export function describeContent(content: Content): string {
  const examples = content.intents.reduce((n, i) => n + i.examples.en.length + i.examples.ar.length + i.examples.arabizi.length, 0);
  return `${content.facts.length} facts, ${content.intents.length} intents (${examples} examples), ${content.concepts.length} lexicon concepts`;
}

/** An engine over checked content, and whether it was read back from the compiled index. */
interface Loaded {
  engine: Engine;
  /** The key of the content it was compiled from (with a compiled index only). */
  key?: string;
  fromIndex: boolean;
  /** Why the compiled index could not be saved, if it could not (the next start compiles again). */
  saveError?: string;
}

/**
 * The engine over the content in `root`, once it has passed its own check; else a
 * ContentError. With `indexPath`, content compiled now is saved there, and at start
 * (nothing `serving` yet) content compiled and checked before, byte for byte the same, is
 * read back from there. A reload compiles: reading back a large index while the old engine
 * still serves would hold both and the file's bytes at once.
 */
function load(root: string, indexPath: string | undefined, serving?: Loaded): Loaded {
  const key = indexPath === undefined ? undefined : compiledKey(root);
  // A reload of content not changed since: the engine serving is that content's.
  if (key !== undefined && serving?.key === key) return serving;
  const saved = key === undefined || serving ? undefined : readCompiled(indexPath!, key);
  if (saved) return { engine: createEngine(saved.content, { index: saved.index }), key: key!, fromIndex: true };
  const { engine, index, report } = compile(loadContent(root));
  if (report.problems.length) throw new ContentError(report.problems);
  // Saved only if no file changed while it compiled: the key must name what was checked.
  if (key === undefined || compiledKey(root) !== key) return { engine, fromIndex: false };
  try {
    writeCompiled(indexPath!, key, engine.content, index);
    return { engine, key, fromIndex: false };
  } catch (error) {
    return { engine, key, fromIndex: false, saveError: error instanceof Error ? error.message : String(error) };
  }
}

export type ReloadResult = { ok: true; summary: string } | { ok: false; error: string };

/**
 * The engine over the content in `root` (data/ and intents/), which can be reloaded while
 * the bot runs: the new content is validated, indexed and checked (every intent answers its
 * own examples) completely before it replaces the old in one assignment, so a question is answered by one content or the other, and a
 * broken file leaves the old content serving. The constructor throws ContentError.
 */
export class LiveEngine {
  private current: Loaded;
  /** How the engine at start was made: read back from the compiled index, or compiled (and why it could not be saved). */
  readonly started: { fromIndex: boolean; saveError?: string };

  constructor(
    private readonly root: string,
    private readonly indexPath?: string,
  ) {
    this.current = load(root, indexPath);
    this.started = { fromIndex: this.current.fromIndex, ...(this.current.saveError !== undefined && { saveError: this.current.saveError }) };
  }

  get engine(): Engine {
    return this.current.engine;
  }

  reload(): ReloadResult {
    try {
      this.current = load(this.root, this.indexPath, this.current);
      return { ok: true, summary: describeContent(this.current.engine.content) };
    } catch (error) {
      if (error instanceof ContentError) return { ok: false, error: error.message };
      throw error;
    }
  }
}
