import { dirname, isAbsolute, join, resolve } from "node:path";
import { Cron } from "croner";
import { z } from "zod";

/**
 * The bot's configuration, from the environment: the settings every mode needs, then those
 * webhook mode needs, so a webhook setting cannot be missing in webhook mode and every bad
 * variable is reported at once.
 */

const logLevels = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof logLevels)[number];

const common = z.object({
  BOT_TOKEN: z
    .string({ error: "is required (the token BotFather gave you)" })
    // Telegram tokens are "<bot id>:<secret>"; checking the shape catches pasting mistakes.
    .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, "is not a bot token (expected <digits>:<letters, digits, _ or ->)"),
  TELEGRAM_API_ROOT: z.url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://api.telegram.org" }).default("https://api.telegram.org"),
  LOG_LEVEL: z.enum(logLevels, { error: `must be one of ${logLevels.join(", ")}` }).default("info"),
  BOT_MODE: z.enum(["polling", "webhook"], { error: "must be polling or webhook" }).default("polling"),
  ADMIN_IDS: z
    .string()
    .regex(/^\s*\d+\s*(,\s*\d+\s*)*$/, "must be Telegram user ids separated by commas, e.g. 12345,67890")
    .transform((ids) => [...new Set(ids.split(",").map((id) => Number(id.trim())))])
    .default([]),
  DATABASE_PATH: z.string().default("var/bot.sqlite"),
  CONTENT_DIR: z.string().optional(),
  COMPILED_INDEX_PATH: z.string().optional(),
  QUESTION_LOG_DAYS: z.coerce.number({ error: "must be a number of days" }).int("must be a whole number of days").min(1).max(3650).default(90),
  CONFLICT_WAIT_SECONDS: z.coerce.number({ error: "must be a number of seconds" }).int("must be a whole number of seconds").min(0).max(3600).default(60),
  FLOOD_BURST: z.coerce.number({ error: "must be a number of questions" }).int("must be a whole number of questions").min(1).max(100_000).default(5),
  GROUP_MESSAGES_PER_MINUTE: z.coerce.number({ error: "must be a number of messages" }).int("must be a whole number of messages").min(1).max(100_000).default(20),
  INTRODUCE_IN_GROUPS: z.enum(["true", "false"], { error: "must be true or false" }).default("true"),
  FLOOD_WINDOW_SECONDS: z.coerce.number({ error: "must be a number of seconds" }).int("must be a whole number of seconds").min(1).max(3600).default(10),
  ANNOUNCE_CRON: z
    .string()
    .refine(isCronPattern, "must be a cron pattern such as '0 9 * * 1' (minute hour day month weekday)")
    .optional(),
});

function isCronPattern(pattern: string): boolean {
  try {
    new Cron(pattern, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
}

/** Required in webhook mode only. */
const webhook = z.object({
  WEBHOOK_URL: z.url({ protocol: /^https$/, error: "must be the public https URL Telegram will call" }),
  WEBHOOK_SECRET: z
    .string({ error: "is required in webhook mode" })
    .regex(/^[A-Za-z0-9_-]{16,256}$/, "must be 16-256 characters of A-Z, a-z, 0-9, _ or -"),
  WEBHOOK_HOST: z.string().min(1).default("0.0.0.0"),
  WEBHOOK_PORT: z.coerce.number({ error: "must be a port number" }).int().min(1).max(65535).default(8080),
});

export interface Config {
  token: string;
  apiRoot: string;
  logLevel: LogLevel;
  /** Telegram user ids of the bot's administrators. */
  adminIds: readonly number[];
  /** The SQLite file (absolute). */
  databasePath: string;
  /** The folder holding data/ and intents/ (absolute). */
  contentDir: string;
  /** Where checked content is kept compiled between starts (absolute), or undefined: compile at every start. */
  compiledIndexPath: string | undefined;
  questionLogDays: number;
  /** How long polling keeps trying while another process polls with the same token. */
  conflictWaitSeconds: number;
  /** Cron pattern for posting the highlights on a schedule, if any. */
  announceCron: string | undefined;
  /** Questions (and button presses) one user may send within the window before the bot slows them down. */
  flood: { burst: number; windowMs: number };
  /** Messages the bot may send to one group per minute (Telegram's limit, 20, unless a self-hosted server allows more). */
  groupMessagesPerMinute: number;
  /** Whether the bot introduces itself in a group it is added to (and a channel it may post in). */
  introduceInGroups: boolean;
  mode:
    | { kind: "polling" }
    | { kind: "webhook"; url: string; secret: string; host: string; port: number };
}

/** Every invalid variable and why, never its value (one of them is the bot token). */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

function problemsOf(error: z.ZodError, values: Record<string, string>): string[] {
  return error.issues.map((issue) => {
    const variable = String(issue.path[0]);
    const message = values[variable] === undefined && issue.code === "invalid_type" ? "is required" : issue.message;
    return `${variable} ${message}`;
  });
}

/**
 * The configuration in `env`, or a ConfigError naming every invalid variable. Relative
 * paths are taken from `root` (the project folder), whatever the working directory.
 */
export function loadConfig(env: NodeJS.ProcessEnv, root: string): Config {
  // Empty strings in .env mean "not set", so defaults apply.
  const values = Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== ""),
  );
  const base = common.safeParse(values);
  const problems = base.success ? [] : problemsOf(base.error, values);
  const webhookMode = (base.success ? base.data.BOT_MODE : values.BOT_MODE) === "webhook";
  const hook = webhookMode ? webhook.safeParse(values) : undefined;
  if (hook && !hook.success) problems.push(...problemsOf(hook.error, values));
  if (!base.success || problems.length > 0) throw new ConfigError(problems);
  return {
    token: base.data.BOT_TOKEN,
    apiRoot: base.data.TELEGRAM_API_ROOT.replace(/\/+$/, ""),
    logLevel: base.data.LOG_LEVEL,
    adminIds: base.data.ADMIN_IDS,
    databasePath: absolute(root, base.data.DATABASE_PATH),
    contentDir: absolute(root, base.data.CONTENT_DIR ?? "."),
    compiledIndexPath:
      base.data.COMPILED_INDEX_PATH === "off"
        ? undefined
        : absolute(root, base.data.COMPILED_INDEX_PATH ?? join(dirname(base.data.DATABASE_PATH), "compiled-index.bin")),
    questionLogDays: base.data.QUESTION_LOG_DAYS,
    conflictWaitSeconds: base.data.CONFLICT_WAIT_SECONDS,
    announceCron: base.data.ANNOUNCE_CRON,
    flood: { burst: base.data.FLOOD_BURST, windowMs: base.data.FLOOD_WINDOW_SECONDS * 1000 },
    groupMessagesPerMinute: base.data.GROUP_MESSAGES_PER_MINUTE,
    introduceInGroups: base.data.INTRODUCE_IN_GROUPS === "true",
    mode: hook?.success
      ? { kind: "webhook", url: hook.data.WEBHOOK_URL, secret: hook.data.WEBHOOK_SECRET, host: hook.data.WEBHOOK_HOST, port: hook.data.WEBHOOK_PORT }
      : { kind: "polling" },
  };
}

const absolute = (root: string, path: string) => (isAbsolute(path) ? path : resolve(root, path));
