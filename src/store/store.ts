import { mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { Language } from "../content/schema.js";
import { MIGRATIONS } from "./migrations.js";

/**
 * Everything the bot keeps across restarts, in one SQLite file; the only module with SQL.
 * better-sqlite3 is synchronous: each call is a few microseconds on a local file, so what
 * every question adds to the log (a count, and a row when declined) is written in batches.
 */

export type ChatType = "group" | "supergroup" | "channel";

export interface ChatRecord {
  id: number;
  type: ChatType;
  title: string | null;
  /** The bot's status there ("member", "administrator", "left", "kicked"...) or "migrated". */
  status: string;
  canPost: boolean;
  /** Set by a group admin. */
  language: Language | null;
  /** The language the bot posts in there: the admin's choice, else that of the last question, else Arabic (the article's). */
  postLanguage: Language;
  announcements: boolean;
}

export interface QuestionEntry {
  at: number;
  chatType: string;
  lang: Language;
  intent: string | null;
  fact: string | null;
  score: number;
  answered: boolean;
  /** The question, kept only when it was declined (for curation); else null. */
  text: string | null;
}

/** Questions of one hour and kind. */
interface QuestionCount {
  hour: number;
  chatType: string;
  lang: Language;
  fact: string;
  answered: boolean;
  count: number;
}

export interface Breakdown {
  key: string;
  total: number;
  answered: number;
}

export interface Stats {
  total: number;
  last24h: number;
  last7d: number;
  answered: number;
  /** Questions not answered because their sender was flooding (not counted among the questions). */
  flood: number;
  /** Users the bot knows (who asked or chose a language). */
  users: number;
  /** Users who blocked the bot, and groups and channels that removed it. */
  blockedBy: { users: number; chats: number };
  byLanguage: Breakdown[];
  byChatType: Breakdown[];
  topFacts: Array<{ fact: string; count: number }>;
}

export interface Unmatched {
  at: number;
  lang: Language;
  chatType: string;
  score: number;
  text: string;
}

export type AnnouncementKind = "highlights" | "text";

export interface AnnouncementSummary {
  id: number;
  createdAt: number;
  kind: AnnouncementKind;
  /** Sent without a notification sound. */
  silent: boolean;
  delivered: number;
  pending: number;
  failed: number;
  uncertain: number;
  failures: Array<{ reason: string; count: number }>;
}

/** A message of the outbox to send. */
export interface Delivery {
  announcementId: number;
  chatId: number;
  chatType: ChatType;
  text: string;
  attempts: number;
  notBefore: number;
  /** Sent without a notification sound (the admin chose "send silently"). */
  silent: boolean;
}

/**
 * How long batched writes (declined questions, the language users last wrote in) wait. Short
 * enough that a batch stays small under load (a row costs about 5 µs, and the write blocks
 * answering: a batch every 200 ms stalled the slowest answers for 4 ms) and a crash loses
 * little; long enough that a busy bot commits some 40 times a second, not once per question.
 */
const BATCH_MS = 25;
/** After a batch could not be written (the disk full), the next try. */
const RETRY_MS = 5_000;
/** Declined questions kept for a later try while the store cannot be written; the oldest go first. */
const MAX_PENDING_DECLINED = 10_000;
/** How long question counts add up in memory before they are written: one row per hour and kind, however many questions. */
const COUNTS_MS = 1_000;
const HOUR_MS = 3_600_000;
/** The start of the hour `at` falls in: question counts are kept per hour. */
const hourOf = (at: number) => at - (at % HOUR_MS);

const countKey = (hour: number, chatType: string, lang: Language, fact: string, answered: boolean) => `${hour}\n${chatType}\n${lang}\n${fact}\n${answered}`;

/** A file's device and inode, or undefined when there is none at `path`. */
function identity(path: string): string | undefined {
  try {
    const { dev, ino } = statSync(path);
    return `${dev}:${ino}`;
  } catch {
    return undefined;
  }
}

/** States in which the bot can post to a chat. */
const PRESENT = "('member', 'administrator', 'creator', 'restricted')";
/** The language the bot posts in: the admins' choice, else that of the last question asked there, else Arabic (the article's). */
const POST_LANGUAGE = "COALESCE(language, last_language, 'ar')";
const TARGETS = `announcements = 1 AND ((type IN ('group', 'supergroup') AND status IN ${PRESENT}) OR (type = 'channel' AND status IN ('administrator', 'creator') AND can_post = 1))`;

interface ChatRow {
  id: number;
  type: ChatType;
  title: string | null;
  status: string;
  can_post: number;
  language: Language | null;
  post_language: Language;
  announcements: number;
}

const toChat = (row: ChatRow): ChatRecord => ({
  id: row.id,
  type: row.type,
  title: row.title,
  status: row.status,
  canPost: row.can_post === 1,
  language: row.language,
  postLanguage: row.post_language,
  announcements: row.announcements === 1,
});

const versionOf = (db: Database.Database) => db.pragma("user_version", { simple: true }) as number;

/**
 * The database at `path`, migrated to the latest schema, once it is known it can be written:
 * SQLite opens a file it may not write read-only, silently, so a write here says so.
 */
function connect(path: string): Database.Database {
  const db = new Database(path);
  try {
    db.pragma("journal_mode = WAL");
    // NORMAL is durable across a crash of the process (not of the machine) with WAL, and
    // keeps each commit from waiting on the disk.
    db.pragma("synchronous = NORMAL");
    db.pragma("busy_timeout = 5000");
    db.pragma("foreign_keys = ON");
    for (let version = versionOf(db); version < MIGRATIONS.length; version++) {
      db.transaction(() => {
        db.exec(MIGRATIONS[version]!);
        db.pragma(`user_version = ${version + 1}`);
      })();
    }
    db.pragma(`user_version = ${versionOf(db)}`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** What the database file at the store's path is now, compared with the one the store has open. */
export type FileState = "ok" | "missing" | "replaced";

/** An error of the store (SQLite's: the disk full, a read-only file...), as opposed to a bug. */
export const isStoreError = (error: unknown): error is Error => error instanceof Database.SqliteError;

export class Store {
  private db: Database.Database;
  /** Prepared statements by their SQL: preparing is the costly part of a query. */
  private readonly statements = new Map<string, Database.Statement>();
  /** Writes made in batches (see logQuestion, setUserLanguage). */
  private pendingDeclined: QuestionEntry[] = [];
  private readonly pendingCounts = new Map<string, QuestionCount>();
  /** Flood-ignored questions by hour and chat type. */
  private readonly pendingFlood = new Map<string, { hour: number; chatType: string; count: number }>();
  private readonly pendingWritten = new Map<number, Language>();
  /** Chats whose row is known to be current, with the language last written for them. */
  private readonly seenChats = new Map<number, Language>();
  private flushTimer: NodeJS.Timeout | undefined;
  private countsTimer: NodeJS.Timeout | undefined;
  /** Set while a write has failed: the retry writes everything batched, and no other timer is armed meanwhile. */
  private retryTimer: NodeJS.Timeout | undefined;
  private closed = false;
  /** The open file's identity, to notice it deleted or replaced under the running bot. */
  private fileId = "";

  /**
   * Opens (or creates) the store and checks that it can be written: a read-only file fails
   * here, not at the first write.
   * @param onError told of a write that failed outside a caller's reach (a batch, with the
   *   disk full, say): the batch is kept and tried again, and the bot goes on.
   */
  constructor(
    readonly path: string,
    private readonly onError: (what: string, error: unknown) => void = () => {},
  ) {
    mkdirSync(dirname(path), { recursive: true });
    this.db = connect(path);
    this.fileId = identity(path) ?? "";
  }

  /** Whether the database file is still the one open (a deleted file is written to, but lost at the next start). */
  fileState(): FileState {
    const now = identity(this.path);
    return now === undefined ? "missing" : now === this.fileId ? "ok" : "replaced";
  }

  /**
   * The database file was deleted while open: writes a copy of everything the open database
   * holds to its path, opens that, and only then lets the old connection go, so a failure at
   * any step leaves the store as it was. (With its file gone, SQLite's close neither
   * checkpoints nor deletes the -wal file by name, so the new file's is safe.)
   */
  restoreFile(): void {
    const temporary = `${this.path}.restoring`;
    mkdirSync(dirname(this.path), { recursive: true });
    rmSync(temporary, { force: true });
    this.db.prepare("VACUUM INTO ?").run(temporary);
    // A -wal or -shm left from the deleted file belongs to it, not to the copy.
    for (const suffix of ["-wal", "-shm"]) rmSync(`${this.path}${suffix}`, { force: true });
    renameSync(temporary, this.path);
    const old = this.db;
    this.db = connect(this.path);
    this.fileId = identity(this.path) ?? "";
    this.statements.clear();
    old.close();
  }

  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) this.statements.set(text, (statement = this.db.prepare(text)));
    return statement;
  }

  /** The schema version (the number of migrations applied). */
  get version(): number {
    return versionOf(this.db);
  }

  /** Writes what is batched (if it can) and closes the database. */
  close(): void {
    this.closed = true;
    for (const timer of [this.flushTimer, this.countsTimer, this.retryTimer]) clearTimeout(timer);
    try {
      this.flush();
    } catch (error) {
      this.onError("the batched question log and languages, at close", error);
    }
    this.db.close();
  }

  // ---- chats ----

  /** Records the bot's status in a chat (from my_chat_member); settings are kept. */
  setChatStatus(chat: { id: number; type: ChatType; title: string | null }, status: string, canPost: boolean, now = Date.now()): void {
    this.changeChat(chat.id, now, () =>
      this.sql(
        `INSERT INTO chats (id, type, title, status, can_post, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET type = excluded.type, title = excluded.title, status = excluded.status,
           can_post = excluded.can_post, updated_at = excluded.updated_at`,
      ).run(chat.id, chat.type, chat.title, status, canPost ? 1 : 0, now),
    );
  }

  /**
   * Whether the bot should introduce itself in a chat now: true (and noted) unless it did so
   * less than `withinMs` ago. The chat must be known (setChatStatus first).
   */
  claimIntroduction(chatId: number, withinMs: number, now = Date.now()): boolean {
    return (
      this.sql("UPDATE chats SET introduced_at = ? WHERE id = ? AND (introduced_at IS NULL OR introduced_at <= ?)").run(now, chatId, now - withinMs)
        .changes === 1
    );
  }

  /**
   * A change to a chat, and with it, in one transaction (all or nothing): its pending posts
   * dropped if it no longer receives announcements (removed, turned off).
   */
  private changeChat(chatId: number, now: number, change: () => void): void {
    this.db.transaction(() => {
      change();
      this.dropPostsNoLongerWanted(chatId, now);
    })();
  }

  private dropPostsNoLongerWanted(chatId: number, now: number): void {
    this.sql(
      `UPDATE deliveries SET state = 'failed', reason = 'the chat no longer receives announcements', updated_at = ?
       WHERE chat_id = ? AND state = 'pending' AND NOT EXISTS (SELECT 1 FROM chats WHERE id = ? AND ${TARGETS})`,
    ).run(now, chatId, chatId);
  }

  /**
   * A group seen in an update: recorded if new (the bot is evidently a member), with the
   * language of the question asked there. Writes only what changed.
   */
  seeChat(chat: { id: number; type: ChatType; title: string | null }, language: Language, now = Date.now()): void {
    if (this.seenChats.get(chat.id) === language) return;
    try {
      this.sql(
        `INSERT INTO chats (id, type, title, status, last_language, updated_at) VALUES (?, ?, ?, 'member', ?, ?)
         ON CONFLICT (id) DO UPDATE SET last_language = excluded.last_language, title = excluded.title`,
      ).run(chat.id, chat.type, chat.title, language, now);
    } catch (error) {
      // Bookkeeping beside an answer: the answer must go out all the same (tried again next time).
      if (!isStoreError(error)) throw error;
      return this.onError("a group's last question language", error);
    }
    if (this.seenChats.size > 100_000) this.seenChats.clear();
    this.seenChats.set(chat.id, language);
  }

  /** A group admin's settings for their group (recorded if the group is new). */
  updateChatSettings(chat: { id: number; type: ChatType; title: string | null }, settings: { language?: Language; announcements?: boolean }, now = Date.now()): void {
    this.changeChat(chat.id, now, () =>
      this.sql(
        `INSERT INTO chats (id, type, title, status, language, announcements, updated_at) VALUES (@id, @type, @title, 'member', @language, COALESCE(@announcements, 1), @now)
         ON CONFLICT (id) DO UPDATE SET language = COALESCE(@language, chats.language),
           announcements = COALESCE(@announcements, chats.announcements), title = @title, updated_at = @now`,
      ).run({ ...chat, language: settings.language ?? null, announcements: settings.announcements === undefined ? null : Number(settings.announcements), now }),
    );
  }

  /** A group became a supergroup with a new id: it keeps its settings, and pending posts follow it. */
  migrateChat(from: number, to: number, now = Date.now()): void {
    this.seenChats.delete(from);
    this.db.transaction(() => {
      const old = this.sql("SELECT * FROM chats WHERE id = ?").get(from) as (ChatRow & { last_language: Language | null }) | undefined;
      if (old && old.status !== "migrated") {
        this.db
          .prepare(
            `INSERT INTO chats (id, type, title, status, can_post, language, last_language, announcements, updated_at)
             VALUES (@id, 'supergroup', @title, @status, @can_post, @language, @last_language, @announcements, @now)
             ON CONFLICT (id) DO UPDATE SET language = COALESCE(chats.language, excluded.language),
               last_language = COALESCE(chats.last_language, excluded.last_language),
               announcements = excluded.announcements, type = 'supergroup', updated_at = excluded.updated_at`,
          )
          .run({ ...old, id: to, now });
        this.sql("UPDATE chats SET status = 'migrated', migrated_to = ?, updated_at = ? WHERE id = ?").run(to, now, from);
      }
      // Pending posts move to the new id, unless it already has one of the same announcement.
      this.sql("UPDATE OR IGNORE deliveries SET chat_id = ?, updated_at = ? WHERE chat_id = ? AND state = 'pending'")
        .run(to, now, from);
      this.sql("UPDATE deliveries SET state = 'failed', reason = 'migrated to a supergroup', updated_at = ? WHERE chat_id = ? AND state = 'pending'")
        .run(now, from);
    })();
  }

  chat(id: number): ChatRecord | undefined {
    const row = this.sql(`SELECT *, ${POST_LANGUAGE} AS post_language FROM chats WHERE id = ?`).get(id) as ChatRow | undefined;
    return row && toChat(row);
  }

  /** Groups and channels, those the bot can post to first. */
  chats(): ChatRecord[] {
    const rows = this.sql(`SELECT *, ${POST_LANGUAGE} AS post_language FROM chats WHERE status != 'migrated' ORDER BY (${TARGETS}) DESC, id`).all() as ChatRow[];
    return rows.map(toChat);
  }

  /** Chats an announcement goes to: groups the bot is in and channels it may post to, announcements on. */
  targetChats(): ChatRecord[] {
    return (this.sql(`SELECT *, ${POST_LANGUAGE} AS post_language FROM chats WHERE ${TARGETS} ORDER BY id`).all() as ChatRow[]).map(toChat);
  }

  /** Telegram refused a post there (403): the bot was removed or blocked. */
  deactivateChat(id: number, now = Date.now()): void {
    this.changeChat(id, now, () => this.sql("UPDATE chats SET status = 'kicked', updated_at = ? WHERE id = ?").run(now, id));
  }

  // ---- users ----

  userLanguages(id: number): { chosen: Language | null; written: Language | null } | undefined {
    const row = this.sql("SELECT chosen_language AS chosen, written_language AS written FROM users WHERE id = ?").get(id) as
      | { chosen: Language | null; written: Language | null }
      | undefined;
    const pending = this.pendingWritten.get(id);
    return pending ? { chosen: row?.chosen ?? null, written: pending } : row;
  }

  /**
   * A user's language: one chosen with /lang is written at once; the language they last
   * wrote in changes with every question in the other language, so it is written with the
   * next batch, the latest value only.
   */
  setUserLanguage(id: number, kind: "chosen" | "written", language: Language): void {
    if (kind === "written") {
      this.pendingWritten.set(id, language);
      this.later("batch");
      return;
    }
    this.sql("INSERT INTO users (id, chosen_language) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET chosen_language = excluded.chosen_language").run(
      id,
      language,
    );
  }

  // ---- question log ----

  /** Counts a question (and keeps a declined one as written); written with the next batch. */
  logQuestion(entry: QuestionEntry): void {
    const hour = hourOf(entry.at);
    const fact = entry.fact ?? "";
    const key = countKey(hour, entry.chatType, entry.lang, fact, entry.answered);
    const counted = this.pendingCounts.get(key);
    if (counted) counted.count++;
    else this.pendingCounts.set(key, { hour, chatType: entry.chatType, lang: entry.lang, fact, answered: entry.answered, count: 1 });
    this.later("counts");
    if (entry.text === null) return;
    this.pendingDeclined.push(entry);
    this.later("batch");
  }

  /** Notes that a user blocked the bot (a reply to them was refused with 403); a later question from them clears it. */
  setUserBlocked(id: number, blocked: boolean, now = Date.now()): void {
    this.sql("INSERT INTO users (id, blocked_at) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET blocked_at = excluded.blocked_at").run(id, blocked ? now : null);
  }

  /** Counts a question ignored because its sender was flooding; written with the counts. */
  countFlood(chatType: string, at = Date.now()): void {
    this.addFlood(hourOf(at), chatType, 1);
    this.later("counts");
  }

  private addFlood(hour: number, chatType: string, count: number): void {
    const key = `${hour}\n${chatType}`;
    const counted = this.pendingFlood.get(key);
    if (counted) counted.count += count;
    else this.pendingFlood.set(key, { hour, chatType, count });
  }

  /** Arms the timer of a batched write, unless a retry after a failed write is waiting (it writes everything). */
  private later(kind: "batch" | "counts"): void {
    if (this.closed || this.retryTimer) return;
    if (kind === "batch") this.flushTimer ??= setTimeout(() => this.tryWrite(false), BATCH_MS).unref();
    else this.countsTimer ??= setTimeout(() => this.tryWrite(true), COUNTS_MS).unref();
  }

  /** A batched write from a timer: on failure (the disk full) what it held waits for a retry. */
  private tryWrite(withCounts: boolean): void {
    try {
      this.write(withCounts);
    } catch (error) {
      this.onError(`the question log and languages (kept in memory, tried again every ${RETRY_MS / 1000} s)`, error);
      if (this.closed) return;
      this.retryTimer ??= setTimeout(() => {
        this.retryTimer = undefined;
        this.tryWrite(true);
      }, RETRY_MS).unref();
    }
  }

  /** Writes every batched write now. */
  flush(): void {
    this.write(true);
  }

  /** Before a report: what is batched is written if it can be; a report is still made from what is stored. */
  private flushForReading(): void {
    try {
      this.flush();
    } catch (error) {
      if (!isStoreError(error)) throw error;
      this.onError("the question log, before a report", error);
    }
  }

  /**
   * Writes the batched writes in one transaction (one commit instead of one per question);
   * the counts only when asked. If the write fails, what it held is batched again.
   */
  private write(withCounts: boolean): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const declined = this.pendingDeclined;
    const written = [...this.pendingWritten];
    const counts = withCounts ? [...this.pendingCounts.values()] : [];
    const flood = withCounts ? [...this.pendingFlood.values()] : [];
    this.pendingDeclined = [];
    this.pendingWritten.clear();
    if (withCounts) {
      clearTimeout(this.countsTimer);
      this.countsTimer = undefined;
      this.pendingCounts.clear();
      this.pendingFlood.clear();
    }
    if (declined.length === 0 && written.length === 0 && counts.length === 0 && flood.length === 0) return;
    try {
      const insert = this.sql("INSERT INTO questions (at, chat_type, language, intent, fact, score, answered, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
      const count = this.sql(
        `INSERT INTO question_counts (hour, chat_type, language, fact, answered, count) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (hour, chat_type, language, fact, answered) DO UPDATE SET count = count + excluded.count`,
      );
      const floodCount = this.sql(
        "INSERT INTO flood_counts (hour, chat_type, count) VALUES (?, ?, ?) ON CONFLICT (hour, chat_type) DO UPDATE SET count = count + excluded.count",
      );
      const setWritten = this.sql(
        "INSERT INTO users (id, written_language) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET written_language = excluded.written_language",
      );
      this.db.transaction(() => {
        for (const e of declined) insert.run(e.at, e.chatType, e.lang, e.intent, e.fact, e.score, e.answered ? 1 : 0, e.text);
        for (const c of counts) count.run(c.hour, c.chatType, c.lang, c.fact, c.answered ? 1 : 0, c.count);
        for (const [id, language] of written) setWritten.run(id, language);
        for (const f of flood) floodCount.run(f.hour, f.chatType, f.count);
      })();
    } catch (error) {
      for (const f of flood) this.addFlood(f.hour, f.chatType, f.count);
      this.keepForLater(declined, written, counts);
      throw error;
    }
  }

  /** A batch that could not be written goes back in front of what came since (bounded). */
  private keepForLater(declined: QuestionEntry[], written: Array<[number, Language]>, counts: QuestionCount[]): void {
    this.pendingDeclined = [...declined, ...this.pendingDeclined].slice(-MAX_PENDING_DECLINED);
    for (const [id, language] of written) if (!this.pendingWritten.has(id)) this.pendingWritten.set(id, language);
    for (const c of counts) {
      const key = countKey(c.hour, c.chatType, c.lang, c.fact, c.answered);
      const newer = this.pendingCounts.get(key);
      if (newer) newer.count += c.count;
      else this.pendingCounts.set(key, c);
    }
  }

  /** Deletes questions older than `days` (counts by whole hours); returns how many. */
  pruneQuestions(days: number, now = Date.now()): number {
    this.flush();
    const before = now - days * 86_400_000;
    return this.db.transaction(() => {
      this.sql("DELETE FROM questions WHERE at < ?").run(before);
      this.sql("DELETE FROM flood_counts WHERE hour + ? <= ?").run(HOUR_MS, before);
      const deleted = this.sql("DELETE FROM question_counts WHERE hour + ? <= ? RETURNING count").all(HOUR_MS, before) as Array<{ count: number }>;
      return deleted.reduce((total, row) => total + row.count, 0);
    })();
  }

  stats(now = Date.now(), topFacts = 5): Stats {
    this.flushForReading();
    const sum = (where: string, ...params: unknown[]) =>
      (this.sql(`SELECT COALESCE(SUM(count), 0) AS n FROM question_counts WHERE ${where}`).get(...params) as { n: number }).n;
    const breakdown = (column: string) =>
      this.sql(
        `SELECT ${column} AS key, SUM(count) AS total, SUM(count * answered) AS answered FROM question_counts GROUP BY ${column} ORDER BY total DESC, key`,
      ).all() as Breakdown[];
    // Counts are per hour: "the last 24 h" starts with the hour that was 24 hours ago.
    return {
      total: sum("1"),
      last24h: sum("hour >= ?", hourOf(now - 86_400_000)),
      last7d: sum("hour >= ?", hourOf(now - 7 * 86_400_000)),
      answered: sum("answered = 1"),
      flood: (this.sql("SELECT COALESCE(SUM(count), 0) AS n FROM flood_counts").get() as { n: number }).n,
      users: (this.sql("SELECT COUNT(*) AS n FROM users").get() as { n: number }).n,
      blockedBy: {
        users: (this.sql("SELECT COUNT(*) AS n FROM users WHERE blocked_at IS NOT NULL").get() as { n: number }).n,
        chats: (this.sql("SELECT COUNT(*) AS n FROM chats WHERE status IN ('kicked', 'left')").get() as { n: number }).n,
      },
      byLanguage: breakdown("language"),
      byChatType: breakdown("chat_type"),
      topFacts: this.sql("SELECT fact, SUM(count) AS count FROM question_counts WHERE fact <> '' GROUP BY fact ORDER BY count DESC, fact LIMIT ?")
        .all(topFacts) as Array<{ fact: string; count: number }>,
    };
  }

  /** The latest declined questions, newest first. */
  unmatched(limit: number): Unmatched[] {
    this.flushForReading();
    return this.sql(
      "SELECT at, language AS lang, chat_type AS chatType, score, text FROM questions WHERE text IS NOT NULL ORDER BY id DESC LIMIT ?",
    ).all(limit) as Unmatched[];
  }

  // ---- announcements ----

  /** A draft awaiting the admin's confirmation. */
  createDraft(kind: AnnouncementKind, text: Record<Language, string>, createdBy: number | null, now = Date.now()): number {
    return Number(
      this.sql("INSERT INTO announcements (created_at, created_by, kind, text_ar, text_en, state) VALUES (?, ?, ?, ?, ?, 'draft')")
        .run(now, createdBy, kind, text.ar, text.en).lastInsertRowid,
    );
  }

  cancelDraft(id: number): boolean {
    return this.sql("UPDATE announcements SET state = 'cancelled' WHERE id = ? AND state = 'draft'").run(id).changes === 1;
  }

  /**
   * Queues a draft for every target chat, each in its language, in one transaction; returns
   * the number of chats, or undefined if the draft was already queued or cancelled.
   */
  queue(id: number, { silent = false, now = Date.now() }: { silent?: boolean; now?: number } = {}): number | undefined {
    return this.db.transaction(() => {
      if (this.sql("UPDATE announcements SET state = 'queued', silent = ? WHERE id = ? AND state = 'draft'").run(Number(silent), id).changes !== 1) return undefined;
      return this.sql(
        `INSERT INTO deliveries (announcement_id, chat_id, language, state, updated_at)
         SELECT ?, id, ${POST_LANGUAGE}, 'pending', ? FROM chats WHERE ${TARGETS}`,
      ).run(id, now).changes;
    })();
  }

  /**
   * Queues the highlights for a schedule slot, once: a slot already posted (before a
   * restart, say) is not posted again. Returns the announcement id, or undefined.
   */
  queueForSlot(slot: string, text: Record<Language, string>, now = Date.now()): number | undefined {
    return this.db.transaction(() => {
      const inserted = this.sql("INSERT OR IGNORE INTO announcements (created_at, kind, text_ar, text_en, state, slot) VALUES (?, 'highlights', ?, ?, 'draft', ?)")
        .run(now, text.ar, text.en, slot);
      if (inserted.changes !== 1) return undefined;
      const id = Number(inserted.lastInsertRowid);
      this.queue(id, { now });
      return id;
    })();
  }

  /** The latest confirmed announcements (not drafts, not cancelled ones), newest first. */
  announcements(limit: number): AnnouncementSummary[] {
    const rows = this.sql(
      `SELECT a.id, a.created_at AS createdAt, a.kind, a.silent,
         COUNT(CASE WHEN d.state = 'sent' THEN 1 END) AS delivered,
         COUNT(CASE WHEN d.state IN ('pending', 'sending') THEN 1 END) AS pending,
         COUNT(CASE WHEN d.state = 'failed' THEN 1 END) AS failed,
         COUNT(CASE WHEN d.state = 'uncertain' THEN 1 END) AS uncertain
       FROM announcements a LEFT JOIN deliveries d ON d.announcement_id = a.id
       WHERE a.state = 'queued' GROUP BY a.id ORDER BY a.id DESC LIMIT ?`,
    ).all(limit) as Array<Omit<AnnouncementSummary, "failures" | "silent"> & { silent: number }>;
    const failures = this.sql(
      "SELECT reason, COUNT(*) AS count FROM deliveries WHERE announcement_id = ? AND state = 'failed' GROUP BY reason ORDER BY count DESC",
    );
    return rows.map((row) => ({ ...row, silent: row.silent === 1, failures: failures.all(row.id) as Array<{ reason: string; count: number }> }));
  }

  // ---- outbox ----

  /**
   * Posts that were being sent when the process stopped (killed, or the machine went down):
   * whether Telegram got them is unknown, so they are marked uncertain and not sent again.
   * Returns how many.
   */
  markInterrupted(now = Date.now()): number {
    return this.sql("UPDATE deliveries SET state = 'uncertain', reason = 'interrupted while sending', updated_at = ? WHERE state = 'sending'")
      .run(now).changes;
  }

  /** Pending posts, earliest due first. */
  dueDeliveries(limit: number): Delivery[] {
    return this.sql(
      `SELECT d.announcement_id AS announcementId, d.chat_id AS chatId, COALESCE(c.type, 'group') AS chatType,
         CASE d.language WHEN 'en' THEN a.text_en ELSE a.text_ar END AS text, d.attempts, d.not_before AS notBefore, a.silent
       FROM deliveries d JOIN announcements a ON a.id = d.announcement_id LEFT JOIN chats c ON c.id = d.chat_id
       WHERE d.state = 'pending' ORDER BY d.not_before, d.announcement_id, d.chat_id LIMIT ?`,
    )
      .all(limit)
      .map((row) => ({ ...(row as Delivery), silent: (row as { silent: number }).silent === 1 }));
  }

  /**
   * Written before the request leaves: a crash from here on leaves the post uncertain.
   * False if the post is no longer pending (taken by another process on the same store).
   */
  markSending(d: Pick<Delivery, "announcementId" | "chatId">, now = Date.now()): boolean {
    return (
      this.sql("UPDATE deliveries SET state = 'sending', updated_at = ? WHERE announcement_id = ? AND chat_id = ? AND state = 'pending'").run(
        now,
        d.announcementId,
        d.chatId,
      ).changes === 1
    );
  }

  markSent(d: Pick<Delivery, "announcementId" | "chatId">, now = Date.now()): void {
    this.setDelivery(d, "sent", null, 0, now);
  }

  markFailed(d: Pick<Delivery, "announcementId" | "chatId">, reason: string, now = Date.now()): void {
    this.setDelivery(d, "failed", reason, 0, now);
  }

  /** Whether Telegram got it is unknown (no answer): never sent again, shown to the admins. */
  markUncertain(d: Pick<Delivery, "announcementId" | "chatId">, reason: string, now = Date.now()): void {
    this.setDelivery(d, "uncertain", reason, 0, now);
  }

  /**
   * Back to pending, not before `notBefore`: after a 429 (not a failed try: Telegram asked
   * to wait), a 5xx or a request that never left (a failed try, counted).
   */
  retryLater(d: Pick<Delivery, "announcementId" | "chatId">, reason: string, notBefore: number, failedTry: boolean, now = Date.now()): void {
    this.setDelivery(d, "pending", reason, notBefore, now, failedTry ? 1 : 0);
  }

  private setDelivery(d: Pick<Delivery, "announcementId" | "chatId">, state: string, reason: string | null, notBefore: number, now: number, attempt = 0): void {
    this.sql(
      "UPDATE deliveries SET state = ?, reason = ?, not_before = ?, attempts = attempts + ?, updated_at = ? WHERE announcement_id = ? AND chat_id = ?",
    ).run(state, reason, notBefore, attempt, now, d.announcementId, d.chatId);
  }
}
