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
/** Lines waiting beyond this are written at once. */
const BUFFER_BYTES = 64 * 1024;

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
 * whatever is pending is written before the process exits. A line waits as bytes in a
 * buffer outside the JavaScript heap, so the garbage collector never copies it.
 */
export function createLogger(level: LogLevel, secrets: readonly string[], write: (bytes: Uint8Array) => void = (bytes) => writeSync(2, bytes)): Logger {
  const hidden = secrets.filter((s) => s.length >= 8);
  const redact = (text: string) => hidden.reduce((out, secret) => (out.includes(secret) ? out.split(secret).join("[redacted]") : out), text);
  const buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  let used = 0;
  const flush = () => {
    if (used === 0) return;
    const bytes = buffer.subarray(0, used);
    used = 0;
    write(bytes);
  };
  process.once("exit", flush);
  const append = (line: string) => {
    if (used === 0) setTimeout(flush, FLUSH_MS).unref();
    const length = Buffer.byteLength(line);
    if (used + length > buffer.length) flush();
    if (length > buffer.length) return write(Buffer.from(line));
    used += buffer.write(line, used);
  };
  // The time as text, made once per millisecond: toISOString costs more than the rest of a line.
  let stampedAt = -1;
  let stamp = "";
  const log = (at: LogLevel) => (message: string, fields: LogFields = {}) => {
    if (ORDER[at] < ORDER[level]) return;
    const now = Date.now();
    if (now !== stampedAt) [stampedAt, stamp] = [now, new Date(now).toISOString()];
    // {"time":…,"level":…,"message":…} and the fields, without copying them into one object.
    const head = `{"time":"${stamp}","level":"${at}","message":${JSON.stringify(message)}`;
    const rest = JSON.stringify(plain(fields)).slice(1);
    append(`${redact(rest === "}" ? `${head}}` : `${head},${rest}`)}\n`);
  };
  return { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") };
}
