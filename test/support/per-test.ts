import { afterEach } from "vitest";
import { BotApiServer } from "./bot-api-server.js";
import { BotProcess } from "./bot-process.js";

/**
 * Local Bot API servers and bot processes for a test file's tests, each stopped after its
 * test (the last started first), whether it passed or not.
 */
export function perTest() {
  const running: Array<BotProcess | BotApiServer> = [];
  afterEach(async () => {
    for (const thing of running.splice(0).reverse()) await (thing instanceof BotProcess ? thing.stop() : thing.close());
  });
  return {
    startServer: async (): Promise<BotApiServer> => {
      const server = await new BotApiServer().start();
      running.push(server);
      return server;
    },
    /** The real bot with exactly this environment (see BotProcess). */
    startBot: (env: Record<string, string>, options?: ConstructorParameters<typeof BotProcess>[2]): BotProcess => {
      const bot = new BotProcess(env, undefined, options);
      running.push(bot);
      return bot;
    },
  };
}
