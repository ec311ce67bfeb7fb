import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/config.js";

const token = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345";
const root = "/srv/bot";

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig({ BOT_TOKEN: token, ...env }, root);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe("config", () => {
  it("defaults: no admins, the store under var/ and the content in the project folder, 90 days of questions", () => {
    expect(loadConfig({ BOT_TOKEN: token }, root)).toMatchObject({
      adminIds: [],
      databasePath: "/srv/bot/var/bot.sqlite",
      contentDir: "/srv/bot",
      questionLogDays: 90,
      conflictWaitSeconds: 60,
      announceCron: undefined,
      compiledIndexPath: "/srv/bot/var/compiled-index.bin",
    });
  });

  it("keeps the compiled index beside the store unless told where, or not at all with off", () => {
    expect(loadConfig({ BOT_TOKEN: token, DATABASE_PATH: "/data/bot.db" }, root).compiledIndexPath).toBe("/data/compiled-index.bin");
    expect(loadConfig({ BOT_TOKEN: token, COMPILED_INDEX_PATH: "cache/index.bin" }, root).compiledIndexPath).toBe("/srv/bot/cache/index.bin");
    expect(loadConfig({ BOT_TOKEN: token, COMPILED_INDEX_PATH: "off" }, root).compiledIndexPath).toBeUndefined();
  });

  it("reads admin ids, paths and the schedule", () => {
    const config = loadConfig(
      { BOT_TOKEN: token, ADMIN_IDS: " 12, 34 ,12", DATABASE_PATH: "/data/bot.db", CONTENT_DIR: "content", QUESTION_LOG_DAYS: "30", ANNOUNCE_CRON: "0 9 * * 1" },
      root,
    );
    expect(config).toMatchObject({ adminIds: [12, 34], databasePath: "/data/bot.db", contentDir: "/srv/bot/content", questionLogDays: 30, announceCron: "0 9 * * 1" });
  });

  it("takes an http(s) Bot API root, with or without a path, and nothing else", () => {
    expect(loadConfig({ BOT_TOKEN: token, TELEGRAM_API_ROOT: "http://127.0.0.1:8081/telegram/" }, root).apiRoot).toBe("http://127.0.0.1:8081/telegram");
    for (const bad of ["ftp://api.telegram.org", "mailto:bot@example.com", "api.telegram.org"])
      expect(problems({ TELEGRAM_API_ROOT: bad })).toEqual([expect.stringMatching(/^TELEGRAM_API_ROOT must be an http\(s\) URL/)]);
  });

  it("names every bad variable at once", () => {
    expect(problems({ ADMIN_IDS: "12,alice", QUESTION_LOG_DAYS: "0", CONFLICT_WAIT_SECONDS: "a minute", ANNOUNCE_CRON: "every monday" })).toEqual([
      expect.stringMatching(/^ADMIN_IDS must be Telegram user ids separated by commas/),
      expect.stringMatching(/^QUESTION_LOG_DAYS /),
      "CONFLICT_WAIT_SECONDS must be a number of seconds",
      expect.stringMatching(/^ANNOUNCE_CRON must be a cron pattern/),
    ]);
  });
});
