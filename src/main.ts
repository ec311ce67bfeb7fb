/**
 * `npm start`: the only place that reads the environment, loads the content and touches
 * the network. Polling by default; webhook mode with BOT_MODE=webhook.
 */
import { config as loadDotenv } from "dotenv";
import { apiFetch } from "./bot/api-fetch.js";
import { publishCommandMenu } from "./bot/command-menu.js";
import { createBot } from "./bot/create-bot.js";
import { Api } from "grammy";
import { createStoredPreferences } from "./bot/language-preferences.js";
import { InFlightUpdates } from "./bot/middleware/in-flight.js";
import { Rights } from "./bot/rights.js";
import { ConfigError, loadConfig } from "./config/config.js";
import { ContentError } from "./content/load.js";
import { scheduleHighlights } from "./delivery/schedule.js";
import { Sender } from "./delivery/sender.js";
import { LiveEngine } from "./engine/live-engine.js";
import { createLogger } from "./observability/logger.js";
import { projectRoot } from "./project-root.js";
import { startPolling, type Running } from "./runtime/polling.js";
import { startWebhook } from "./runtime/webhook.js";
import { Store } from "./store/store.js";

loadDotenv({ quiet: true });

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

/** The store, or a ConfigError naming DATABASE_PATH (an unwritable folder, a file that is not SQLite). */
function openStore(path: string): Store {
  try {
    return new Store(path, (error) => logger.error("store write failed", { error }));
  } catch (error) {
    throw new ConfigError([`DATABASE_PATH cannot be opened (${path}): ${error instanceof Error ? error.message : String(error)}`]);
  }
}

const config = orExit(() => loadConfig(process.env, projectRoot), ConfigError);
const logger = createLogger(config.logLevel, [config.token, config.mode.kind === "webhook" ? config.mode.secret : ""]);
const content = orExit(() => new LiveEngine(config.contentDir), ContentError);
const store = orExit(() => openStore(config.databasePath), ConfigError);
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
  reloadContent: () => content.reload(),
  wakeSender: () => sender.wake(),
};
const inFlight = new InFlightUpdates();
const bot = createBot({ token: config.token, apiRoot: config.apiRoot, inFlight }, deps);

let running: Running;
try {
  // grammY keeps retrying while Telegram is unreachable: say so, rather than start in silence.
  const waiting = setTimeout(() => logger.warn("waiting for the Bot API server", { api_root: config.apiRoot }), 5_000);
  await bot.init().finally(() => clearTimeout(waiting));
  await publishCommandMenu(bot.api, config.adminIds, logger);
  running = config.mode.kind === "webhook" ? await startWebhook(bot, config.mode, inFlight, logger) : await startPolling(bot, inFlight);
} catch (error) {
  logger.error("could not start", { error });
  process.exit(1);
}
sender.start();
const schedule = config.announceCron ? scheduleHighlights(config.announceCron, deps) : undefined;
logger.info("bot started", { mode: config.mode.kind, username: bot.botInfo.username, admins: config.adminIds.length, schedule: config.announceCron ?? null });

/** Longest wait for updates in flight at shutdown (Telegram unreachable must not hang it). */
const STOP_TIMEOUT_MS = 20_000;

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info("stopping", { signal });
    setTimeout(() => {
      logger.error("stop timed out", { ms: STOP_TIMEOUT_MS });
      store.close(); // the batched question log and languages
      process.exit(1);
    }, STOP_TIMEOUT_MS).unref();
    schedule?.stop();
    Promise.all([running.stop(), sender.stop()]).then(
      () => {
        store.close();
        logger.info("stopped");
        process.exit(0);
      },
      (error: unknown) => {
        logger.error("stop failed", { error });
        process.exit(1);
      },
    );
  });
}
