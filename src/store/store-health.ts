import type { Logger } from "../observability/logger.js";
import type { Store } from "./store.js";

/** The same store failure is logged at once, then at most this often while it lasts. */
const REPEAT_MS = 60_000;
/** How often the database file is looked at. */
const CHECK_MS = 5_000;

/**
 * The store's health, for the logs and for GET /readyz: writes that failed (the disk full),
 * and the database file deleted or replaced under the running bot. A deleted file is written
 * back from the open database at once, so nothing is lost at the next start.
 */
export class StoreHealth {
  private readonly lastLogged = new Map<string, { at: number; unlogged: number }>();
  private writeProblem: { message: string; at: number } | undefined;
  private fileProblem: string | undefined;

  constructor(private readonly logger: Logger) {}

  /** The store's onError: a write that failed beyond any caller's reach. */
  readonly writeFailed = (what: string, error: unknown): void => {
    const message = error instanceof Error ? error.message : String(error);
    this.writeProblem = { message: `the store cannot be written (${message})`, at: Date.now() };
    this.logAtMostEveryMinute(`write:${what}`, "store write failed", { what, error });
  };

  /** Looks at the database file every few seconds (the timer does not keep the process alive). */
  watch(store: Store): void {
    setInterval(() => this.check(store), CHECK_MS).unref();
  }

  /** Why the store cannot serve now, or undefined. */
  problem(): string | undefined {
    if (this.fileProblem) return this.fileProblem;
    if (this.writeProblem && Date.now() - this.writeProblem.at < REPEAT_MS) return this.writeProblem.message;
    return undefined;
  }

  check(store: Store): void {
    const state = store.fileState();
    if (state === "ok") {
      if (this.fileProblem) this.logger.info("the database file is back", { path: store.path });
      this.fileProblem = undefined;
      return;
    }
    if (state === "missing") {
      try {
        store.restoreFile();
        this.fileProblem = undefined;
        this.logger.error("the database file was deleted while the bot ran; it was written back from the open database", { path: store.path });
        return;
      } catch (error) {
        this.fileProblem = `the database file was deleted (${store.path}) and cannot be written back`;
        return this.logAtMostEveryMinute("file", `${this.fileProblem}; everything since it was deleted is lost at the next start`, { error });
      }
    }
    this.fileProblem = `the database file was replaced by another (${store.path}): the bot still uses the one it opened, which is lost at the next start; restart it`;
    this.logAtMostEveryMinute("file", this.fileProblem);
  }

  /** Logs `message`, unless it was logged under `key` less than a minute ago (then counts it for the next line). */
  private logAtMostEveryMinute(key: string, message: string, fields: Record<string, unknown> = {}): void {
    const now = Date.now();
    const last = this.lastLogged.get(key);
    if (last && now - last.at < REPEAT_MS) {
      last.unlogged++;
      return;
    }
    this.lastLogged.set(key, { at: now, unlogged: 0 });
    this.logger.error(message, { ...fields, ...(last?.unlogged && { times_since_last_line: last.unlogged }) });
  }
}
