/**
 * `npm start`: the only place that reads the environment, loads the content and touches
 * the network. Polling by default; webhook mode with BOT_MODE=webhook.
 */
import { config as loadDotenv } from "dotenv";
import { publishCommandMenu } from "./bot/command-menu.js";
import { createBot } from "./bot/create-bot.js";
import { createMemoryPreferences } from "./bot/language-preferences.js";
import { InFlightUpdates } from "./bot/middleware/in-flight.js";
import { ConfigError, loadConfig } from "./config/config.js";
import { ContentError, loadContent } from "./content/load.js";
import { createEngine } from "./engine/engine.js";
import { createLogger } from "./observability/logger.js";
import { projectRoot } from "./project-root.js";
import { startPolling, type Running } from "./runtime/polling.js";
import { startWebhook } from "./runtime/webhook.js";

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

const config = orExit(() => loadConfig(process.env), ConfigError);
const logger = createLogger(config.logLevel, [config.token, config.mode.kind === "webhook" ? config.mode.secret : ""]);
const engine = orExit(() => createEngine(loadContent(projectRoot)), ContentError);

const inFlight = new InFlightUpdates();
const bot = createBot(
  { token: config.token, apiRoot: config.apiRoot, inFlight },
  { engine: () => engine, logger, preferences: createMemoryPreferences() },
);

let running: Running;
try {
  await bot.init();
  await publishCommandMenu(bot.api);
  running = config.mode.kind === "webhook" ? await startWebhook(bot, config.mode, inFlight, logger) : await startPolling(bot, inFlight);
} catch (error) {
  logger.error("could not start", { error });
  process.exit(1);
}
logger.info("bot started", { mode: config.mode.kind, username: bot.botInfo.username });

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
      process.exit(1);
    }, STOP_TIMEOUT_MS).unref();
    running.stop().then(
      () => {
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
