import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync } from "node:fs";
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
  private output = "";
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;

  /** Where the output goes instead of a pipe (benchmarks), as a deployed bot's goes to a file. */
  private readonly logFile: string | undefined;

  /**
   * @param script the entry point, relative to the repository
   * @param logToFile send the output to a file rather than through a pipe to this process:
   *   a benchmark's load generator must not spend its time reading the bot's logs
   * @param wrapper a command the bot is started through, e.g. ["unshare", "-m", ...]: it must
   *   end by running the command line it is given after its own arguments
   * @param uid run the bot as this user (a test as root, whose writes no file mode stops)
   */
  constructor(
    env: Record<string, string>,
    script = ENTRY_POINT,
    { logToFile = false, wrapper = [] as string[], uid = undefined as number | undefined } = {},
  ) {
    this.logFile = logToFile ? join(mkdtempSync(join(tmpdir(), "bot-log-")), "bot.log") : undefined;
    const output = this.logFile ? openSync(this.logFile, "a") : "pipe";
    const command = [...wrapper, process.execPath, ...NODE_OPTIONS_OF_START, join(repoRoot, script)];
    this.child = spawn(command[0]!, command.slice(1), {
      ...(uid !== undefined && { uid, gid: uid }),
      // Only what the test gives: no variable from the developer's shell, and a working
      // directory without a .env file for dotenv to find.
      cwd: join(repoRoot, "test/support"),
      // A store of its own unless the test shares one between runs (a restart).
      // Tests and benchmarks ask faster than any person and any group, and count what the bot
      // sends to groups: flood control, the per-group budget and introductions are off unless
      // a test sets them.
      env: {
        PATH: process.env.PATH ?? "",
        DATABASE_PATH: BotProcess.freshDatabase(),
        FLOOD_BURST: "100000",
        GROUP_MESSAGES_PER_MINUTE: "100000",
        INTRODUCE_IN_GROUPS: "false",
        ...env,
      },
      stdio: ["ignore", output, output],
    });
    if (typeof output === "number") closeSync(output); // the child has its own copy
    this.child.stdout?.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr?.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.on("exit", (code) => resolve(code)));
  }

  /** A path for a new, empty store in a temporary folder. */
  static freshDatabase(): string {
    return join(mkdtempSync(join(tmpdir(), "bot-store-")), "bot.sqlite");
  }

  /** Everything the bot wrote (its logs go to stderr; stdout stays empty). */
  get stderr(): string {
    return this.logFile ? readFileSync(this.logFile, "utf8") : this.output;
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
