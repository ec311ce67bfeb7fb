/**
 * `npm run bench:bot`: updates/second and latency (update handed over by getUpdates →
 * sendMessage received) for 1, 10 and 100 concurrent users, for our bot and for two bare
 * grammY bots run the same way, each against a local Bot API server of its own: one echoes the
 * question, the other sends our bot's own reply to it (see same-reply-bot.js). The questions
 * are distinct (none answered from the cache, see below). Then the ratios,
 * and each bot's RSS at the end. Each user sends a question, waits for the answer, sends the
 * next. The load generator shares the machine: compare the ratios, not the absolute times.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BotApiServer, TEST_TOKEN } from "../support/bot-api-server.js";
import { BotProcess, ENTRY_POINT } from "../support/bot-process.js";
import { CACHED_ANSWERS } from "../../src/engine/engine.js";
import { labelledQuestions } from "../support/labelled-questions.js";

const LOADS = [
  { users: 1, updates: 1_000 },
  { users: 10, updates: 2_000 },
  { users: 100, updates: 5_000 },
];
/**
 * Every question of the labelled sets (single questions and conversation turns), each once.
 * The loads go through them in turn, carrying on where the last load stopped, and there are
 * more of them than the bot's answer cache holds (first in, first out): no question is
 * answered from the cache; each is matched afresh, as distinct questions are.
 */
const questions = labelledQuestions();
if (questions.length <= CACHED_ANSWERS) throw new Error(`${questions.length} questions: fewer than the answer cache holds`);
/** Where each bot's next question is taken from. */
const cursors = new Map<BotApiServer, number>();

interface Result {
  perSecond: number;
  p50: number;
  p99: number;
  /** CPU time the bot process used per update: unlike the rates, untouched by what else the machine runs. */
  cpuMicros: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** CPU time (user + system) a process has used, in microseconds (Linux). */
function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / 100; // clock ticks of 1/100 s
}

async function load(server: BotApiServer, pid: number, users: number, total: number): Promise<Result> {
  const latencies: number[] = [];
  const waiting = new Map<number, number>(); // chat id → update id awaiting its answer
  let sent = 0;
  let done = 0;
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const send = (user: number) => {
    const chatId = 10_000 + user;
    const next = cursors.get(server) ?? 0;
    cursors.set(server, next + 1);
    const text = questions[next % questions.length]!;
    sent++;
    const from = { id: chatId, is_bot: false, first_name: `user${user}`, language_code: "en" };
    const updateId = server.pushUpdate({
      message: { message_id: sent, date: 0, chat: { id: chatId, type: "private", first_name: from.first_name }, from, text },
    });
    waiting.set(chatId, updateId);
  };
  const stop = server.onCall((call) => {
    if (call.method !== "sendMessage") return;
    const chatId = Number(call.payload.chat_id);
    const updateId = waiting.get(chatId);
    if (updateId === undefined) return;
    waiting.delete(chatId);
    latencies.push(call.at - server.deliveredAt.get(updateId)!);
    server.deliveredAt.delete(updateId);
    done++;
    if (done === total) finish();
    else if (sent < total) send(chatId - 10_000);
  });
  const started = performance.now();
  const cpuBefore = cpuMicros(pid);
  for (let user = 0; user < users && sent < total; user++) send(user);
  await finished;
  const elapsed = performance.now() - started;
  stop();
  latencies.sort((a, b) => a - b);
  return { perSecond: total / (elapsed / 1000), p50: percentile(latencies, 50), p99: percentile(latencies, 99), cpuMicros: (cpuMicros(pid) - cpuBefore) / total };
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

interface Subject {
  label: string;
  server: BotApiServer;
  bot: BotProcess;
}

async function start(label: string, script: string, env: Record<string, string> = {}): Promise<Subject> {
  const server = await new BotApiServer(TEST_TOKEN, false).start();
  const bot = new BotProcess({ BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: server.apiRoot, LOG_LEVEL: "info", ...env }, script, { logToFile: true });
  await bot.waitForLog("bot started");
  await load(server, bot.pid, 10, 500); // warm-up
  return { label, server, bot };
}

/** What our bot sends for each question (text, parse mode, buttons), by question. */
async function repliesOf(server: BotApiServer): Promise<Record<string, unknown>> {
  const replies: Record<string, unknown> = {};
  const from = { id: 1, is_bot: false, first_name: "reader", language_code: "en" };
  for (const text of new Set(questions)) {
    const sent = new Promise<Record<string, unknown>>((resolve) => {
      const stop = server.onCall((call) => {
        if (call.method !== "sendMessage" || Number(call.payload.chat_id) !== from.id) return;
        stop();
        resolve(call.payload);
      });
    });
    server.pushUpdate({ message: { message_id: 1, date: 0, chat: { id: from.id, type: "private", first_name: from.first_name }, from, text } });
    const { chat_id: _chat, reply_parameters: _to, ...reply } = await sent;
    replies[text] = reply;
  }
  return replies;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

// The bots run side by side and take turns, ROUNDS times per load, each going first in turn.
// A slow spell of the machine (it is shared with the load generator, and a VM's speed
// drifts) then lands on all of a round: the ratios are the medians of the rounds' ratios,
// each bot's own figures the medians of its rounds.
const ROUNDS = Number(process.env.ROUNDS ?? 9);
const ours = await start("our bot", ENTRY_POINT);
const repliesPath = join(mkdtempSync(join(tmpdir(), "bench-replies-")), "replies.json");
writeFileSync(repliesPath, JSON.stringify(await repliesOf(ours.server)));
const subjects = [ours, await start("echo bot", "test/bench/echo-bot.js"), await start("same-reply bot", "test/bench/same-reply-bot.js", { REPLIES_PATH: repliesPath })];
const ratios: string[] = [];
let handled = 500;
for (const { users, updates } of LOADS) {
  const rounds: Result[][] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const results: Result[] = [];
    for (let turn = 0; turn < subjects.length; turn++) {
      const i = (round + turn) % subjects.length;
      results[i] = await load(subjects[i]!.server, subjects[i]!.bot.pid, users, updates);
    }
    rounds.push(results);
  }
  handled += ROUNDS * updates;
  subjects.forEach((subject, i) => {
    const of = (key: keyof Result) => median(rounds.map((results) => results[i]![key]));
    console.log(
      `${subject.label.padEnd(14)} ${String(users).padStart(3)} users: ${of("perSecond").toFixed(0).padStart(6)} updates/s  ` +
        `p50 ${of("p50").toFixed(2)} ms  p99 ${of("p99").toFixed(2)} ms  CPU ${of("cpuMicros").toFixed(0)} µs/update`,
    );
  });
  for (const base of [1, 2]) {
    const ratio = (key: keyof Result) => median(rounds.map((results) => results[0]![key] / results[base]![key])).toFixed(2);
    ratios.push(
      `${String(users).padStart(3)} users, ours / ${subjects[base]!.label.padEnd(14)}: ` +
        `throughput ${ratio("perSecond")}x, p99 latency ${ratio("p99")}x, CPU per update ${ratio("cpuMicros")}x`,
    );
  }
}
console.log(`\nratios (median of ${ROUNDS} rounds):\n${ratios.join("\n")}`);
console.log(`\nRSS after ${handled} updates each: ${subjects.map((s) => `${s.label} ${rssMb(s.bot.pid).toFixed(1)} MB`).join(", ")}`);
for (const subject of subjects) {
  await subject.bot.stop();
  await subject.server.close();
}
