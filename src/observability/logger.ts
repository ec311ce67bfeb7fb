import { writeSync } from "node:fs";
import type { LogLevel } from "../config/config.js";

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
/** How long a line may wait to be written with others. */
const FLUSH_MS = 50;

/** Errors as plain fields: JSON.stringify would write them as {}. */
function plain(fields: LogFields): LogFields {
  for (const key in fields) {
    const value = fields[key];
    if (value instanceof Error) return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v instanceof Error ? { name: v.name, message: v.message } : v]));
  }
  return fields;
}

/**
 * One JSON object per line on stderr (stdout stays free for the CLI). Every line passes
 * through redaction, so a secret (the bot token, the webhook secret) that slips into an
 * error message never reaches the log. Lines are written in batches, at most FLUSH_MS late
 * (a write per line, or per turn of the event loop, cost more than answering the question);
 * whatever is pending is written before the process exits.
 */
export function createLogger(level: LogLevel, secrets: readonly string[], write: (text: string) => void = (text) => writeSync(2, text)): Logger {
  const hidden = secrets.filter((s) => s.length >= 8);
  const redact = (text: string) => hidden.reduce((out, secret) => (out.includes(secret) ? out.split(secret).join("[redacted]") : out), text);
  let pending = "";
  const flush = () => {
    if (!pending) return;
    const text = pending;
    pending = "";
    write(text);
  };
  process.once("exit", flush);
  // The time as text, made once per millisecond: toISOString costs more than the rest of a line.
  let stampedAt = -1;
  let stamp = "";
  const log = (at: LogLevel) => (message: string, fields: LogFields = {}) => {
    if (ORDER[at] < ORDER[level]) return;
    if (!pending) setTimeout(flush, FLUSH_MS).unref();
    const now = Date.now();
    if (now !== stampedAt) [stampedAt, stamp] = [now, new Date(now).toISOString()];
    // {"time":…,"level":…,"message":…} and the fields, without copying them into one object.
    const head = `{"time":"${stamp}","level":"${at}","message":${JSON.stringify(message)}`;
    const rest = JSON.stringify(plain(fields)).slice(1);
    pending += `${redact(rest === "}" ? `${head}}` : `${head},${rest}`)}\n`;
  };
  return { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") };
}
