import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { LIMITS } from "../../src/content/schema.js";
import { normalizeText } from "../../src/matching/normalize.js";
import { entriesFor } from "../../src/matching/typo-index.js";
import { BotApiServer, TEST_TOKEN } from "../support/bot-api-server.js";
import { BotProcess } from "../support/bot-process.js";
import { content, engine, repoRoot } from "../support/content.js";
import { perTest } from "../support/per-test.js";
import { alice, olivia, privateChat, textUpdate } from "../support/updates.js";

/**
 * What the bot does when something around it fails: Telegram answering 409 or 401, content
 * too large to load, a store it cannot write (read-only, the disk full) or that is deleted
 * under it. The README's table of faults says the same.
 */

const tests = perTest();
const { startServer } = tests;

function startBot(server: BotApiServer | undefined, env: Record<string, string> = {}, options: ConstructorParameters<typeof BotProcess>[2] = {}): BotProcess {
  return tests.startBot({ BOT_TOKEN: TEST_TOKEN, ...(server && { TELEGRAM_API_ROOT: server.apiRoot }), ADMIN_IDS: String(olivia.id), ...env }, options);
}

/** Sends `text` as `user` in private and resolves with the bot's reply. */
async function ask(server: BotApiServer, text: string, user = alice): Promise<string> {
  const since = server.calls.length;
  server.pushUpdate(textUpdate(privateChat(user), user, text));
  const reply = await server.waitForCall("sendMessage", (c) => server.calls.indexOf(c) >= since && c.payload.chat_id === user.id);
  return reply.payload.text as string;
}

/** Every line the bot wrote is one of its JSON log lines (no raw stack trace). */
const onlyJsonLines = (bot: BotProcess) => bot.stderr.split("\n").filter((line) => line.trim() && !line.startsWith("{"));

describe("getUpdates answered 409 (another copy polling) or 401 (token revoked)", () => {
  it("409 for a while: says another instance is polling, tries again with growing waits, and goes on once it is gone", async () => {
    const server = await startServer();
    const bot = startBot(server);
    await bot.waitForLog("bot started");
    server.failNext("getUpdates", { error_code: 409, description: "Conflict: terminated by other getUpdates request" }, 3);
    // The poll waiting now returns this question; the next three polls get 409.
    await ask(server, "who is susan li?");
    await expect.poll(() => bot.logs().filter((l) => l.message === "another instance is polling with this token (409 Conflict); trying again").length, { timeout: 15_000 }).toBe(3);
    const waits = bot.logs().filter((l) => String(l.message).startsWith("another instance")).map((l) => l.retry_in_ms);
    expect(waits).toEqual([1000, 2000, 4000]);
    expect(await ask(server, "what is llama?")).toMatch(/open-source/);
    expect(onlyJsonLines(bot)).toEqual([]);
  }, 25_000);

  it("409 beyond CONFLICT_WAIT_SECONDS: stops gracefully (questions counted, store closed) with exit code 75", async () => {
    const server = await startServer();
    const database = BotProcess.freshDatabase();
    const bot = startBot(server, { CONFLICT_WAIT_SECONDS: "2", DATABASE_PATH: database });
    await bot.waitForLog("bot started");
    server.failNext("getUpdates", { error_code: 409, description: "Conflict: terminated by other getUpdates request" }, 100);
    await ask(server, "what is llama?");
    expect(await bot.exited).toBe(75);
    const messages = bot.logs().map((l) => l.message);
    expect(messages).toEqual(expect.arrayContaining(["another instance is still polling with this token; stopping this one", "stopping", "stopped"]));
    expect(onlyJsonLines(bot)).toEqual([]);
    // The question's count, batched in memory for a second, was written at the stop.
    const raw = new Database(database, { readonly: true });
    expect(raw.prepare("SELECT SUM(count) AS n FROM question_counts").get()).toEqual({ n: 1 });
    raw.close();
  }, 20_000);

  it("401: says the token was refused and stops gracefully at once with exit code 78", async () => {
    const server = await startServer();
    const bot = startBot(server);
    await bot.waitForLog("bot started");
    server.failNext("getUpdates", { error_code: 401, description: "Unauthorized" }, 100);
    await ask(server, "what is llama?");
    expect(await bot.exited).toBe(78);
    const messages = bot.logs().map((l) => l.message);
    expect(messages[messages.indexOf("stopping") - 1]).toMatch(/^Telegram refused the bot token \(401 Unauthorized\)/);
    expect(messages.at(-1)).toBe("stopped");
    // Polling was not tried again (the other 401 is the stop confirming what was handled).
    expect(server.callsOf("getUpdates").filter((c) => c.status === 401 && c.payload.timeout === 30)).toHaveLength(1);
    expect(onlyJsonLines(bot)).toEqual([]);
  });
});

/** The typo-index entries the repository's content makes, counted as the loader counts them. */
function loadedEntries(): number {
  const words = new Set<string>();
  const texts = [
    ...content.intents.flatMap((i) => [...i.examples.en, ...i.examples.ar, ...i.examples.arabizi, ...(i.keywords ? [...i.keywords.en, ...i.keywords.ar, ...i.keywords.arabizi] : [])]),
    ...content.concepts.flatMap((c) => [...c.en, ...c.ar, ...c.arabizi]),
  ];
  for (const text of texts) for (const word of normalizeText(text).split(" ")) words.add(word);
  return [...words].reduce((n, w) => n + entriesFor(w), 0);
}

describe("content too large to load", () => {
  /** A copy of data/ and intents/ for the bot, with `change` made to facts.json. */
  function contentWith(change?: (facts: { facts: Array<{ id: string; answer: { en: string } }> }) => void): string {
    const dir = mkdtempSync(join(tmpdir(), "bot-content-"));
    for (const folder of ["data", "intents"]) cpSync(join(repoRoot, folder), join(dir, folder), { recursive: true });
    if (change) editFacts(dir, change);
    return dir;
  }
  function editFacts(dir: string, change: (facts: { facts: Array<{ id: string; answer: { en: string } }> }) => void): void {
    const path = join(dir, "data/facts.json");
    const facts = JSON.parse(readFileSync(path, "utf8"));
    change(facts);
    writeFileSync(path, JSON.stringify(facts));
  }
  const twentyMegabyteAnswer = (facts: { facts: Array<{ answer: { en: string } }> }) => void (facts.facts[0]!.answer.en = "x".repeat(20 << 20));

  it("a 20 MB answer, or 400,000 examples in one intent: refused at start in one message naming the file, the process exits 1", async () => {
    const bot = startBot(undefined, { CONTENT_DIR: contentWith(twentyMegabyteAnswer) });
    expect(await bot.exited).toBe(1);
    expect(bot.stderr).toMatch(/data\/facts\.json: the file is 20\.0 MB, more than the 2\.0 MB content files may have/);

    const dir = contentWith();
    const path = join(dir, "intents/intents.json");
    const intents = JSON.parse(readFileSync(path, "utf8"));
    intents.intents[0].examples.en = Array.from({ length: 400_000 }, (_, i) => `question ${i}`);
    writeFileSync(path, JSON.stringify(intents));
    const again = startBot(undefined, { CONTENT_DIR: dir });
    expect(await again.exited).toBe(1);
    expect(again.stderr).toMatch(/intents\/intents\.json: the file is \d+\.\d MB, more than the 2\.0 MB/);
  });

  it("an answer too long for one message, or too many examples: refused, naming the file, the entry and the field", async () => {
    const dir = contentWith((facts) => void (facts.facts[2]!.answer.en = "word ".repeat(1_000)));
    const path = join(dir, "intents/intents.json");
    const intents = JSON.parse(readFileSync(path, "utf8"));
    intents.intents[1].examples.ar = Array.from({ length: 301 }, (_, i) => `سؤال ${i}`);
    writeFileSync(path, JSON.stringify(intents));
    const bot = startBot(undefined, { CONTENT_DIR: dir });
    expect(await bot.exited).toBe(1);
    expect(bot.stderr).toContain(`data/facts.json: entry "announcement" (facts[2]), field answer.en: must be at most 1,000 characters (three answers make the highlights message)`);
    expect(bot.stderr).toContain(`intents/intents.json: entry "future-compute" (intents[1]), field examples.ar: give at most 300 examples per language`);
  });

  it("/reload of a 20 MB answer is refused with a message, and the old content goes on serving", async () => {
    const server = await startServer();
    const dir = contentWith();
    const bot = startBot(server, { CONTENT_DIR: dir });
    await bot.waitForLog("bot started");
    editFacts(dir, twentyMegabyteAnswer);
    expect(await ask(server, "/reload", olivia)).toMatch(/^Reload failed; still serving the previous content\.\n\nInvalid content \(1 problem\):\n {2}- data\/facts\.json: the file is 20\.0 MB/);
    expect(await ask(server, "How much compute will Llama 4 need?")).toBe(engine.answer("How much compute will Llama 4 need?").reply);
  });

  it("content just within the limits loads, and reloads while the old content serves, in the bot's memory", async () => {
    // The costliest content the limits let through: long, different made-up words (each
    // makes a hundred typo-index entries), up to the index's limit.
    const dir = contentWith();
    const path = join(dir, "intents/intents.json");
    const intents = JSON.parse(readFileSync(path, "utf8"));
    let entries = loadedEntries();
    let seed = 7;
    const random = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
    const word = (letters: string) => Array.from({ length: 14 + Math.floor(random() * 10) }, () => letters[Math.floor(random() * letters.length)]).join("");
    // Latin words, which are corrected with up to two edits (Arabic ones with one).
    for (const intent of intents.intents)
      for (const language of ["en", "arabizi"])
        for (let k = 0; k < 40 && entries < 0.97 * LIMITS.typoEntries; k++) {
          const words = Array.from({ length: 12 }, () => word("abcdefghijklmnopqrstuvwxyz"));
          entries += words.reduce((n, w) => n + entriesFor(w), 0);
          intent.examples[language].push(words.join(" "));
        }
    writeFileSync(path, JSON.stringify(intents));
    expect(entries).toBeGreaterThan(0.95 * LIMITS.typoEntries);

    const server = await startServer();
    const bot = startBot(server, { CONTENT_DIR: dir });
    await bot.waitForLog("bot started", 30_000);
    for (let reload = 0; reload < 3; reload++) {
      // Changed each time (a byte more), so each reload compiles and checks the content anew
      // while the old engine serves, and saves a new compiled index.
      writeFileSync(path, `${JSON.stringify(intents)}${" ".repeat(reload + 1)}`);
      expect(await ask(server, "/reload", olivia)).toMatch(/^Content reloaded/);
    }
    expect(await ask(server, "How much compute will Llama 4 need?")).toBe(engine.answer("How much compute will Llama 4 need?").reply);
  }, 60_000);

  it("a file saved with a UTF-8 byte order mark loads as any other", async () => {
    const server = await startServer();
    const dir = contentWith();
    const path = join(dir, "data/facts.json");
    writeFileSync(path, `\uFEFF${readFileSync(path, "utf8")}`);
    const bot = startBot(server, { CONTENT_DIR: dir });
    await bot.waitForLog("bot started");
    expect(await ask(server, "How much compute will Llama 4 need?")).toBe(engine.answer("How much compute will Llama 4 need?").reply);
  });
});

describe("the store", () => {
  it("a read-only database file in a writable folder: one line naming DATABASE_PATH, exit 1", async () => {
    const folder = mkdtempSync(join(tmpdir(), "bot-store-"));
    chmodSync(folder, 0o777);
    const database = join(folder, "bot.sqlite");
    const first = startBot(await startServer(), { DATABASE_PATH: database });
    await first.waitForLog("bot started");
    await first.stop();
    chmodSync(database, 0o444);
    // Root may write any file whatever its mode: the bot runs as nobody then.
    const bot = startBot(undefined, { DATABASE_PATH: database }, process.getuid?.() === 0 ? { uid: 65534 } : {});
    expect(await bot.exited).toBe(1);
    expect(bot.stderr.trim()).toBe(`Invalid configuration:\n  - DATABASE_PATH cannot be opened (${database}): attempt to write a readonly database`);
  });

  it("the disk full: questions are still answered, a setting not saved says so, declined questions are kept and written once there is room", async () => {
    const server = await startServer();
    const folder = mkdtempSync(join(tmpdir(), "bot-disk-"));
    // A 4 MB disk of its own (a tmpfs in a mount namespace), mounted where the store is.
    const mountAndRun = ["unshare", "--mount", ...(process.getuid?.() === 0 ? [] : ["--map-root-user"]), "sh", "-c", `mount -t tmpfs -o size=4m tmpfs "${folder}" && exec "$@"`, "sh"];
    const bot = startBot(server, { DATABASE_PATH: join(folder, "bot.sqlite") }, { wrapper: mountAndRun });
    await bot.waitForLog("bot started");
    // The bot's disk, seen from here through its mount namespace; filled up to the last byte.
    const disk = `/proc/${bot.pid}/root${folder}`;
    const filler = join(disk, "filler");
    writeFileSync(filler, Buffer.alloc(0));
    for (const size of [1 << 20, 1 << 12, 1]) {
      const chunk = Buffer.alloc(size);
      try {
        for (;;) writeFileSync(filler, chunk, { flag: "a" });
      } catch (error) {
        expect((error as NodeJS.ErrnoException).code).toBe("ENOSPC");
      }
    }

    expect(await ask(server, "/lang ar")).toBe(engine.content.messages.settingNotSaved.en);
    await bot.waitForLog("setting not saved");
    expect(await ask(server, "How much compute will Llama 4 need?")).toBe(engine.answer("How much compute will Llama 4 need?").reply);
    expect(await ask(server, "Does the article say how tall the Eiffel tower is?")).toMatch(/^I don't know/);
    expect(await bot.waitForLog("store write failed")).toMatchObject({ error: { message: "database or disk is full" } });

    rmSync(filler);
    expect(await ask(server, "/lang ar")).toBe(engine.content.messages.langSet.ar);
    expect(await ask(server, "/unmatched", olivia)).toContain("Does the article say how tall the Eiffel tower is?");
    expect(bot.logs().filter((l) => l.message === "update failed")).toEqual([]);
  }, 20_000);

  it("the database file deleted while the bot runs: written back at once, so nothing is lost at the next start", async () => {
    const server = await startServer();
    const database = BotProcess.freshDatabase();
    const bot = startBot(server, { DATABASE_PATH: database });
    await bot.waitForLog("bot started");
    expect(await ask(server, "/lang ar")).toBe(engine.content.messages.langSet.ar);
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${database}${suffix}`, { force: true });
    expect(await bot.waitForLog("the database file was deleted while the bot ran; it was written back from the open database", 10_000)).toMatchObject({ path: database });
    // Written after the deletion: kept too.
    expect(await ask(server, "/lang ar", olivia)).toBe(engine.content.messages.langSet.ar);
    await bot.stop();

    const restarted = startBot(server, { DATABASE_PATH: database });
    await restarted.waitForLog("bot started");
    // Alice's and Olivia's Telegram apps are in English; they chose Arabic before the restart.
    expect(await ask(server, "/help")).toBe(engine.content.messages.help.ar);
    expect(await ask(server, "/help", olivia)).toBe(engine.content.messages.help.ar);
  }, 20_000);
});
