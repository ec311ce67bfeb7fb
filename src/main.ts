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

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

let config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}
const logger = createLogger(config.logLevel, [config.token, config.mode.kind === "webhook" ? config.mode.secret : ""]);

let engine;
try {
  engine = createEngine(loadContent(projectRoot));
} catch (error) {
  if (error instanceof ContentError) fail(error.message);
  throw error;
}
const currentEngine = engine;

const inFlight = new InFlightUpdates();
const bot = createBot(
  { token: config.token, apiRoot: config.apiRoot, inFlight },
  { engine: () => currentEngine, logger, preferences: createMemoryPreferences() },
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

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info("stopping", { signal });
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
