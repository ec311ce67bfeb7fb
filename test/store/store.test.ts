import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MIGRATIONS } from "../../src/store/migrations.js";
import { Store, type QuestionEntry } from "../../src/store/store.js";

const open: Store[] = [];
afterEach(() => {
  for (const store of open.splice(0)) store.close();
});

/** A store in a new SQLite file (a real file: WAL needs one). */
function newStore(path = join(mkdtempSync(join(tmpdir(), "store-test-")), "nested", "bot.sqlite")): { store: Store; path: string } {
  const store = new Store(path);
  open.push(store);
  return { store, path };
}

function reopen(store: Store, path: string): Store {
  store.close();
  open.splice(open.indexOf(store), 1);
  return newStore(path).store;
}

const group = (id: number, title = `group ${id}`) => ({ id, type: "supergroup" as const, title });
const question = (over: Partial<QuestionEntry> = {}): QuestionEntry => ({
  at: Date.now(),
  chatType: "private",
  lang: "en",
  intent: "llama4-compute",
  fact: "llama4-compute",
  score: 0.9,
  answered: true,
  text: null,
  ...over,
});

describe("store", () => {
  it("creates its folder, applies every migration once, in WAL mode", () => {
    const { store, path } = newStore();
    expect(store.version).toBe(MIGRATIONS.length);
    const again = reopen(store, path);
    expect(again.version).toBe(MIGRATIONS.length);
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    raw.close();
  });

  it("keeps chats current: added, promoted in a channel, kicked; targets only where it can post", () => {
    const { store } = newStore();
    store.setChatStatus(group(-1), "member", false);
    store.setChatStatus({ id: -2, type: "channel", title: "news" }, "administrator", true);
    store.setChatStatus({ id: -3, type: "channel", title: "read only" }, "administrator", false);
    store.setChatStatus(group(-4), "member", false);
    store.setChatStatus(group(-4), "kicked", false);
    store.setChatStatus(group(-5), "left", false);
    expect(store.targetChats().map((c) => c.id)).toEqual([-2, -1]);
    expect(store.chats().map((c) => c.id)).toHaveLength(5);
    store.updateChatSettings(group(-1), { announcements: false });
    expect(store.targetChats().map((c) => c.id)).toEqual([-2]);
  });

  it("settings survive a restart, and a group migrated to a supergroup keeps them", () => {
    const { store, path } = newStore();
    store.setChatStatus({ id: -10, type: "group", title: "old" }, "member", false);
    store.updateChatSettings({ id: -10, type: "group", title: "old" }, { language: "en" });
    const again = reopen(store, path);
    expect(again.chat(-10)).toMatchObject({ language: "en", postLanguage: "en", announcements: true });
    again.migrateChat(-10, -1000010);
    expect(again.chat(-1000010)).toMatchObject({ type: "supergroup", language: "en", status: "member" });
    expect(again.chat(-10)?.status).toBe("migrated");
    expect(again.targetChats().map((c) => c.id)).toEqual([-1000010]);
  });

  it("posts in the group's chosen language, else the language last asked in, else Arabic", () => {
    const { store } = newStore();
    store.setChatStatus(group(-1), "member", false);
    expect(store.chat(-1)?.postLanguage).toBe("ar");
    store.seeChat(group(-1), "en");
    expect(store.chat(-1)?.postLanguage).toBe("en");
    store.updateChatSettings(group(-1), { language: "ar" });
    expect(store.chat(-1)?.postLanguage).toBe("ar");
    // A group first seen through a question is recorded as one the bot is in.
    store.seeChat(group(-7), "en");
    expect(store.chat(-7)).toMatchObject({ status: "member", postLanguage: "en" });
  });

  it("remembers users' languages", () => {
    const { store, path } = newStore();
    store.setUserLanguage(1, "chosen", "ar");
    store.setUserLanguage(1, "written", "en");
    expect(reopen(store, path).userLanguages(1)).toEqual({ chosen: "ar", written: "en" });
  });

  it("logs questions (declined ones with their text), reports statistics, and prunes old ones", () => {
    const { store } = newStore();
    const now = Date.now();
    store.logQuestion(question({ at: now - 10 * 86_400_000 }));
    store.logQuestion(question({ at: now - 3 * 86_400_000, lang: "ar", chatType: "supergroup" }));
    store.logQuestion(question({ at: now - 1000, intent: null, fact: null, score: 0.2, answered: false, text: "how many employees?" }));
    store.logQuestion(question({ at: now - 500, lang: "ar", fact: "q2-capex", intent: "q2-capex" }));
    const stats = store.stats(now);
    expect(stats).toMatchObject({ total: 4, last24h: 2, last7d: 3, answered: 3 });
    expect(stats.byLanguage).toEqual([
      { key: "ar", total: 2, answered: 2 },
      { key: "en", total: 2, answered: 1 },
    ]);
    expect(stats.topFacts[0]).toEqual({ fact: "llama4-compute", count: 2 });
    expect(store.unmatched(10).map((u) => u.text)).toEqual(["how many employees?"]);
    expect(store.pruneQuestions(7, now)).toBe(1);
    expect(store.stats(now).total).toBe(3);
  });

  it("keeps counts, not rows, of answered questions; a store of the first version is carried over", () => {
    const path = join(mkdtempSync(join(tmpdir(), "store-test-")), "bot.sqlite");
    const old = new Database(path);
    old.exec(MIGRATIONS[0]!);
    old.pragma("user_version = 1");
    const hour = 3_600_000;
    const now = Math.floor(Date.now() / hour) * hour + hour / 2;
    const insert = old.prepare("INSERT INTO questions (at, chat_type, language, intent, fact, score, answered, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    insert.run(now - 2 * 86_400_000, "private", "en", "llama4-compute", "llama4-compute", 0.9, 1, null);
    insert.run(now - 2 * 86_400_000 + 1000, "private", "en", "llama4-compute", "llama4-compute", 0.8, 1, null);
    insert.run(now - 60_000, "supergroup", "ar", null, null, 0.1, 0, "كم عدد الموظفين؟");
    old.close();

    const { store } = newStore(path);
    store.logQuestion(question({ at: now, lang: "ar" }));
    expect(store.stats(now)).toMatchObject({ total: 4, last24h: 2, last7d: 4, answered: 3, topFacts: [{ fact: "llama4-compute", count: 3 }] });
    expect(store.unmatched(10).map((u) => u.text)).toEqual(["كم عدد الموظفين؟"]);
    const raw = new Database(path, { readonly: true });
    expect(raw.prepare("SELECT COUNT(*) AS n FROM questions").get()).toEqual({ n: 1 });
    raw.close();
  });

  it("writes question counts within seconds on its own, and what is pending when it closes", async () => {
    const { store, path } = newStore();
    store.logQuestion(question());
    const raw = new Database(path, { readonly: true });
    const counted = () => (raw.prepare("SELECT COALESCE(SUM(count), 0) AS n FROM question_counts").get() as { n: number }).n;
    expect(counted()).toBe(0);
    await vi.waitFor(() => expect(counted()).toBe(1), { timeout: 5_000, interval: 100 });
    store.logQuestion(question());
    store.close();
    open.splice(open.indexOf(store), 1);
    expect(counted()).toBe(2);
    raw.close();
  });

  it("queues a confirmed announcement once, for every target chat in its language", () => {
    const { store } = newStore();
    store.setChatStatus(group(-1), "member", false);
    store.setChatStatus(group(-2), "member", false);
    store.updateChatSettings(group(-2), { language: "en" });
    const id = store.createDraft("highlights", { ar: "عربي", en: "English" }, 7);
    expect(store.announcements(10)).toEqual([]); // drafts (and cancelled ones) are not announcements
    expect(store.queue(id)).toBe(2);
    expect(store.queue(id)).toBeUndefined();
    expect(store.cancelDraft(id)).toBe(false);
    const due = store.dueDeliveries(10);
    expect(due.map((d) => [d.chatId, d.text])).toEqual([
      [-2, "English"],
      [-1, "عربي"],
    ]);
    store.markSending(due[0]!);
    store.markSent(due[0]!);
    store.markSending(due[1]!);
    store.markFailed(due[1]!, "403: bot was kicked");
    expect(store.announcements(10)[0]).toMatchObject({ delivered: 1, failed: 1, pending: 0, failures: [{ reason: "403: bot was kicked", count: 1 }] });
  });

  it("marks posts interrupted while sending as uncertain, never to be sent again", () => {
    const { store, path } = newStore();
    store.setChatStatus(group(-1), "member", false);
    store.setChatStatus(group(-2), "member", false);
    const id = store.createDraft("text", { ar: "x", en: "x" }, 7);
    store.queue(id);
    store.markSending(store.dueDeliveries(1)[0]!);
    const again = reopen(store, path);
    expect(again.markInterrupted()).toBe(1);
    expect(again.dueDeliveries(10).map((d) => d.chatId)).toEqual([-1]);
    expect(again.announcements(1)[0]).toMatchObject({ uncertain: 1, pending: 1 });
  });

  it("moves pending posts to the supergroup a group became", () => {
    const { store } = newStore();
    store.setChatStatus({ id: -20, type: "group", title: "g" }, "member", false);
    store.queue(store.createDraft("text", { ar: "x", en: "x" }, 7));
    store.migrateChat(-20, -1000020);
    expect(store.dueDeliveries(10).map((d) => d.chatId)).toEqual([-1000020]);
  });

  it("does not send queued posts to a chat that stopped receiving them, nor one taken by another sender", () => {
    const { store } = newStore();
    for (const id of [-1, -2, -3]) store.setChatStatus(group(id), "member", false);
    store.queue(store.createDraft("text", { ar: "x", en: "x" }, 7));
    store.updateChatSettings(group(-1), { announcements: false });
    store.setChatStatus(group(-2), "kicked", false);
    const due = store.dueDeliveries(10);
    expect(due.map((d) => d.chatId)).toEqual([-3]);
    expect(store.markSending(due[0]!)).toBe(true);
    expect(store.markSending(due[0]!)).toBe(false);
    expect(store.announcements(1)[0]!.failures).toEqual([{ reason: "the chat no longer receives announcements", count: 2 }]);
  });

  it("posts a schedule slot once, whatever happens after", () => {
    const { store, path } = newStore();
    store.setChatStatus(group(-1), "member", false);
    const slot = "2026-11-27T09:00:00.000Z";
    expect(store.queueForSlot(slot, { ar: "x", en: "x" })).toBeTypeOf("number");
    expect(reopen(store, path).queueForSlot(slot, { ar: "x", en: "x" })).toBeUndefined();
  });
});
