import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./content.js";

/** `npm start` is "node <options> <entry point>": the bot runs here exactly as there. */
const START = (JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { scripts: { start: string } }).scripts.start.split(/\s+/);
const NODE_OPTIONS_OF_START = START.slice(1, -1);
export const ENTRY_POINT = START[START.length - 1]!;

/**
 * The real bot, started as in production (`npm start`, after the build vitest's global
 * setup does), with only its environment chosen.
 */
export class BotProcess {
  stdout = "";
  stderr = "";
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;

  /**
   * @param script the entry point, relative to the repository
   * @param keepOutput keep all output (tests read the logs); a benchmark keeps only the
   *   start-up lines, so a long run does not grow the test process
   */
  constructor(env: Record<string, string>, script = ENTRY_POINT, { keepOutput = true } = {}) {
    this.child = spawn(process.execPath, [...NODE_OPTIONS_OF_START, join(repoRoot, script)], {
      // Only what the test gives: no variable from the developer's shell, and a working
      // directory without a .env file for dotenv to find.
      cwd: join(repoRoot, "test/support"),
      // A store of its own unless the test shares one between runs (a restart).
      env: { PATH: process.env.PATH ?? "", DATABASE_PATH: BotProcess.freshDatabase(), ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const keep = (text: string, chunk: Buffer) => (keepOutput || text.length < 10_000 ? text + chunk.toString() : text);
    this.child.stdout!.on("data", (chunk: Buffer) => (this.stdout = keep(this.stdout, chunk)));
    this.child.stderr!.on("data", (chunk: Buffer) => (this.stderr = keep(this.stderr, chunk)));
    this.exited = new Promise((resolve) => this.child.on("exit", (code) => resolve(code)));
  }

  /** A path for a new, empty store in a temporary folder. */
  static freshDatabase(): string {
    return join(mkdtempSync(join(tmpdir(), "bot-store-")), "bot.sqlite");
  }

  /** Log lines (JSON) written so far. */
  logs(): Array<Record<string, unknown>> {
    return this.stderr
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  async waitForLog(message: string, timeoutMs = 15_000): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.logs().find((l) => l.message === message);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no "${message}" log line; stderr:\n${this.stderr}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  get pid(): number {
    return this.child.pid!;
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 5_000);
    await this.exited;
    clearTimeout(timer);
  }
}
