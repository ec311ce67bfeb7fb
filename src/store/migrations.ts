/**
 * The store's schema, one step per version. A step is applied once, in a transaction, and
 * never edited after it has shipped: a change is a new step at the end.
 */
export const MIGRATIONS: readonly string[] = [
  `
  -- Groups, supergroups and channels the bot is or was in, kept current from my_chat_member.
  CREATE TABLE chats (
    id INTEGER PRIMARY KEY,
    type TEXT NOT NULL,                 -- group | supergroup | channel
    title TEXT,
    status TEXT NOT NULL,               -- the bot's status: member, administrator, left, kicked... or migrated
    can_post INTEGER NOT NULL DEFAULT 0, -- channels: the bot may post
    language TEXT,                      -- chosen by a group admin (ar | en)
    last_language TEXT,                 -- language of the last question asked there
    announcements INTEGER NOT NULL DEFAULT 1,
    migrated_to INTEGER,
    updated_at INTEGER NOT NULL
  );

  CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    chosen_language TEXT,               -- /lang
    written_language TEXT               -- language of their last question
  );

  -- One row per question; the text only of declined ones, for curation.
  CREATE TABLE questions (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    chat_type TEXT NOT NULL,
    language TEXT NOT NULL,
    intent TEXT,
    fact TEXT,
    score REAL NOT NULL,
    answered INTEGER NOT NULL,
    text TEXT
  );
  CREATE INDEX questions_at ON questions (at);
  CREATE INDEX questions_declined ON questions (id) WHERE text IS NOT NULL;

  CREATE TABLE announcements (
    id INTEGER PRIMARY KEY,
    created_at INTEGER NOT NULL,
    created_by INTEGER,                 -- the admin; NULL when posted by the schedule
    kind TEXT NOT NULL,                 -- highlights | text
    text_ar TEXT NOT NULL,
    text_en TEXT NOT NULL,
    state TEXT NOT NULL,                -- draft | queued | cancelled
    slot TEXT UNIQUE                    -- the schedule's slot, so each is posted once
  );

  -- The outbox: one row per announcement and target chat.
  CREATE TABLE deliveries (
    announcement_id INTEGER NOT NULL REFERENCES announcements (id),
    chat_id INTEGER NOT NULL,
    language TEXT NOT NULL,
    state TEXT NOT NULL,                -- pending | sending | sent | failed | uncertain
    attempts INTEGER NOT NULL DEFAULT 0,
    not_before INTEGER NOT NULL DEFAULT 0,
    reason TEXT,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (announcement_id, chat_id)
  );
  CREATE INDEX deliveries_due ON deliveries (state, not_before);
  `,
  `
  -- Questions are counted per hour, chat type, language, fact and outcome: a row per question
  -- cost more than answering it. The questions table keeps only the declined ones, with their
  -- text, for curation.
  CREATE TABLE question_counts (
    hour INTEGER NOT NULL,              -- the hour's start, in ms since the epoch
    chat_type TEXT NOT NULL,
    language TEXT NOT NULL,
    fact TEXT NOT NULL,                 -- '' when the answer gave no fact
    answered INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (hour, chat_type, language, fact, answered)
  ) WITHOUT ROWID;
  INSERT INTO question_counts (hour, chat_type, language, fact, answered, count)
    SELECT at - at % 3600000, chat_type, language, COALESCE(fact, ''), answered, COUNT(*) FROM questions GROUP BY 1, 2, 3, 4, 5;
  DELETE FROM questions WHERE text IS NULL;
  -- Every row left has its text: the index of those that had one is the table itself.
  DROP INDEX questions_declined;
  `,
  `
  -- Questions not answered because their sender was flooding (beyond the burst the bot
  -- allows), counted apart from the questions, per hour and chat type.
  CREATE TABLE flood_counts (
    hour INTEGER NOT NULL,
    chat_type TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (hour, chat_type)
  ) WITHOUT ROWID;
  `,
  `
  -- When the bot last introduced itself in a chat it was added to: not again within a day.
  ALTER TABLE chats ADD COLUMN introduced_at INTEGER;
  `,
  `
  -- When a user was found to have blocked the bot (a 403 to a reply), for /stats.
  ALTER TABLE users ADD COLUMN blocked_at INTEGER;
  `,
  `
  -- An announcement the admin chose to send silently (no notification sound).
  ALTER TABLE announcements ADD COLUMN silent INTEGER NOT NULL DEFAULT 0;
  `,
];
