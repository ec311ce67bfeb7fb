import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deserialize, serialize } from "node:v8";
import { CONTENT_FILES, deepFreeze } from "../content/load.js";
import { LIMITS, type Content } from "../content/schema.js";
import { Matcher } from "../matching/matcher.js";

/**
 * Compiled content kept between starts. Compiling (validating, indexing, and the self-check
 * of every example) takes about a second; a restart with the very same content and code
 * reads the index back instead, in a few tens of milliseconds. The file is written only
 * after the content passed its self-check, under a key of everything the answers depend on:
 * the content files' bytes, the code that reads and matches them, and the V8 version (the
 * serialisation's format). Any change, a damaged file or a missing one: compiled afresh.
 */

/** The folders of the code whose change changes what the index holds or means. */
const CODE_FOLDERS = ["content", "matching", "engine"];
const codeRoot = fileURLToPath(new URL("..", import.meta.url));
let codeFingerprint: string | undefined;

/** A digest of the code that builds and reads the index (src/ under tsx, dist/ when built). */
function fingerprintOfCode(): string {
  if (codeFingerprint === undefined) {
    const hash = createHash("sha256");
    for (const folder of CODE_FOLDERS)
      for (const name of readdirSync(join(codeRoot, folder)).sort()) {
        if (!/\.(js|ts)$/.test(name)) continue;
        hash.update(`${folder}/${name}\0`).update(readFileSync(join(codeRoot, folder, name)));
      }
    codeFingerprint = hash.digest("hex");
  }
  return codeFingerprint;
}

/**
 * The key of the content in `root` with this code, or undefined when a file cannot be read
 * or is over the size limit (compiling it then says what is wrong).
 */
export function compiledKey(root: string): string | undefined {
  const hash = createHash("sha256").update(process.versions.v8).update(fingerprintOfCode());
  try {
    for (const file of Object.values(CONTENT_FILES)) {
      const path = join(root, file);
      if (statSync(path).size > LIMITS.fileBytes) return undefined;
      hash.update(`${file}\0`).update(readFileSync(path));
    }
  } catch {
    return undefined;
  }
  return hash.digest("hex");
}

/** The content and index saved under `key`, or undefined when the file holds another key, is damaged or missing. */
export function readCompiled(path: string, key: string): { content: Content; index: Matcher } | undefined {
  try {
    const file = readFileSync(path);
    const header = Buffer.from(`${key}\n`);
    if (!file.subarray(0, header.length).equals(header)) return undefined;
    const saved = deserialize(file.subarray(header.length)) as { content: Content; index: Matcher };
    return { content: deepFreeze(saved.content), index: Matcher.revive(saved.index) };
  } catch {
    return undefined;
  }
}

/** Saves checked content and its index under `key`: a new file renamed over the old, so a reader sees one or the other whole. */
export function writeCompiled(path: string, key: string, content: Content, index: Matcher): void {
  mkdirSync(dirname(path), { recursive: true });
  const next = `${path}.${process.pid}.tmp`;
  writeFileSync(next, Buffer.concat([Buffer.from(`${key}\n`), serialize({ content, index })]));
  renameSync(next, path);
}
