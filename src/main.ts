/**
 * `npm start`: the only place that reads the environment, loads the content and touches
 * the network. Polling by default; webhook mode with BOT_MODE=webhook.
 */
import { config as loadDotenv } from "dotenv";
import { Api, GrammyError } from "grammy";
import { apiFetch } from "./bot/api-fetch.js";
import { publishCommandMenu } from "./bot/command-menu.js";
import { publishDescriptions } from "./bot/descriptions.js";
import { createBot } from "./bot/create-bot.js";
import { Conversations } from "./bot/conversations.js";
import { FloodGuard } from "./bot/flood.js";
import { GroupAnswers } from "./bot/group-answers.js";
import { createStoredPreferences } from "./bot/language-preferences.js";
import { InFlightUpdates } from "./bot/middleware/in-flight.js";
import { Rights } from "./bot/rights.js";
import { ConfigError, loadConfig } from "./config/config.js";
import { ContentError } from "./content/load.js";
import { scheduleHighlights } from "./delivery/schedule.js";
import { Sender } from "./delivery/sender.js";
import { describeContent, LiveEngine } from "./engine/live-engine.js";
import { createLogger } from "./observability/logger.js";
import { projectRoot } from "./project-root.js";
import { startPolling, type PollingFailure, type Running } from "./runtime/polling.js";
import { startWebhook } from "./runtime/webhook.js";
import { StoreHealth } from "./store/store-health.js";
import { Store } from "./store/store.js";

loadDotenv({ quiet: true });

/** Exit codes besides 0 (stopped on a signal) and 1 (could not start, or failed). */
const EXIT = {
  /** The token was refused (revoked): restarting will not help (sysexits' EX_CONFIG). */
  tokenRejected: 78,
  /** Another process kept polling with the same token (sysexits' EX_TEMPFAIL). */
  conflict: 75,
} as const;

/** The value of `load()`, or, when it throws one of the errors it is expected to, that error's message and exit 1. */
function orExit<T>(load: () => T, expected: new (...args: never[]) => Error): T {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof expected)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

/** The store, or a ConfigError naming DATABASE_PATH (an unwritable folder or file, a file that is not SQLite). */
function openStore(path: string): Store {
  try {
    return new Store(path, storeHealth.writeFailed);
  } catch (error) {
    throw new ConfigError([`DATABASE_PATH cannot be opened (${path}): ${error instanceof Error ? error.message : String(error)}`]);
  }
}

const config = orExit(() => loadConfig(process.env, projectRoot), ConfigError);
const logger = createLogger(config.logLevel, [config.token, config.mode.kind === "webhook" ? config.mode.secret : ""]);
const contentStart = performance.now();
const content = orExit(() => new LiveEngine(config.contentDir, config.compiledIndexPath), ContentError);
const contentMs = Math.round(performance.now() - contentStart);
const storeHealth = new StoreHealth(logger);
const store = orExit(() => openStore(config.databasePath), ConfigError);
storeHealth.watch(store);
// Logged once the store has opened: a start refused for its configuration says only why.
logger.info("content loaded", { from: content.started.fromIndex ? "the compiled index" : "the content files", ms: contentMs, content: describeContent(content.engine.content) });
if (content.started.saveError) logger.warn("the compiled index could not be saved; the next start compiles again", { path: config.compiledIndexPath, error: content.started.saveError });
const pruneQuestionLog = () => {
  try {
    store.pruneQuestions(config.questionLogDays);
  } catch (error) {
    logger.error("question log pruning failed", { error });
  }
};
pruneQuestionLog();
setInterval(pruneQuestionLog, 3_600_000).unref();

// Announcements go through their own Api, without auto-retry: the sender handles 429s,
// 5xx and network errors itself, and a request must not hang it, nor a stop (15 s at most).
const sender = new Sender({ api: new Api(config.token, { apiRoot: config.apiRoot, timeoutSeconds: 15, fetch: apiFetch }), store, logger });
const deps = {
  engine: () => content.engine,
  logger,
  preferences: createStoredPreferences(store),
  store,
  rights: new Rights(config.adminIds),
  conversations: new Conversations(),
  flood: new FloodGuard(Date.now, config.flood),
  groupAnswers: new GroupAnswers(),
  introduceInGroups: config.introduceInGroups,
  reloadContent: () => content.reload(),
  wakeSender: () => sender.wake(),
};
const inFlight = new InFlightUpdates();
const bot = createBot({ token: config.token, apiRoot: config.apiRoot, inFlight, groupMessagesPerMinute: config.groupMessagesPerMinute }, deps);

/** Longest wait for updates in flight at shutdown (Telegram unreachable must not hang it). */
const STOP_TIMEOUT_MS = 20_000;
let running: Running | undefined;
let schedule: { stop(): void } | undefined;
let stopping = false;

/** Stops gracefully: no new updates, those in flight finished, the store closed; then exits with `code`. */
function stop(reason: Record<string, unknown>, code: number): void {
  if (stopping) return;
  stopping = true;
  logger.info("stopping", reason);
  setTimeout(() => {
    logger.error("stop timed out", { ms: STOP_TIMEOUT_MS });
    store.close(); // the batched question log and languages
    process.exit(code || 1);
  }, STOP_TIMEOUT_MS).unref();
  schedule?.stop();
  Promise.all([running?.stop(), sender.stop()]).then(
    () => {
      store.close();
      logger.info("stopped", { exit_code: code });
      process.exit(code);
    },
    (error: unknown) => {
      logger.error("stop failed", { error });
      store.close();
      process.exit(1);
    },
  );
}

for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => stop({ signal }, 0));
// A bug that escaped every handler: said in one JSON line, and the bot stops in good order
// rather than going on in a state nobody planned for.
process.on("unhandledRejection", (error) => {
  logger.error("unhandled rejection", { error });
  stop({ reason: "unhandled rejection" }, 1);
});
process.on("uncaughtException", (error) => {
  logger.error("uncaught exception", { error });
  stop({ reason: "uncaught exception" }, 1);
});

/** Telegram refused the token (it was revoked): nothing the bot does can work any more. */
function tokenRefused(): void {
  if (stopping) return;
  logger.error("Telegram refused the bot token (401 Unauthorized): it was revoked or is wrong; get a new one from BotFather");
  stop({ reason: "the bot token was refused" }, EXIT.tokenRejected);
}
// In webhook mode updates still come while every call is refused: the first 401 stops the bot.
const logFailure = bot.errorHandler;
bot.catch(async (error) => {
  await logFailure(error);
  if (error.error instanceof GrammyError && error.error.error_code === 401) tokenRefused();
});

const onPollingFailure = (failure: PollingFailure) =>
  failure === "token rejected" ? tokenRefused() : stop({ reason: "another instance is polling" }, EXIT.conflict);

try {
  // grammY keeps retrying while Telegram is unreachable: say so, rather than start in silence.
  const waiting = setTimeout(() => logger.warn("waiting for the Bot API server", { api_root: config.apiRoot }), 5_000);
  await bot.init().finally(() => clearTimeout(waiting));
  await publishCommandMenu(bot.api, config.adminIds, logger);
  await publishDescriptions(bot.api, content.engine.content.messages, logger);
  running =
    config.mode.kind === "webhook"
      ? await startWebhook(bot, config.mode, { inFlight, logger, readiness: () => storeHealth.problem() })
      : await startPolling(bot, { inFlight, logger, conflictWaitMs: config.conflictWaitSeconds * 1000, onFailure: onPollingFailure });
} catch (error) {
  if (error instanceof GrammyError && error.error_code === 401) {
    tokenRefused();
  } else {
    logger.error("could not start", { error });
    store.close();
    process.exit(1);
  }
}
if (!stopping) {
  sender.start();
  schedule = config.announceCron ? scheduleHighlights(config.announceCron, deps) : undefined;
  logger.info("bot started", { mode: config.mode.kind, username: bot.botInfo.username, admins: config.adminIds.length, schedule: config.announceCron ?? null });
}
