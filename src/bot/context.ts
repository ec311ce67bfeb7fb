import type { Context } from "grammy";
import type { Language } from "../content/schema.js";
import type { Engine } from "../engine/engine.js";
import type { ReloadResult } from "../engine/live-engine.js";
import type { Logger } from "../observability/logger.js";
import type { Store } from "../store/store.js";
import type { Conversations } from "./conversations.js";
import type { FloodGuard } from "./flood.js";
import type { GroupAnswers } from "./group-answers.js";
import type { LanguagePreferences } from "./language-preferences.js";
import type { Rights } from "./rights.js";

/** What the bot is built from; main.ts makes these, tests may make their own. */
export interface BotDeps {
  /** The current engine (a getter, so content can be reloaded while the bot runs). */
  engine: () => Engine;
  logger: Logger;
  preferences: LanguagePreferences;
  store: Store;
  rights: Rights;
  /** The facts answered last per conversation, for follow-up questions. */
  conversations: Conversations;
  /** Per-user flood control of questions and button presses. */
  flood: FloodGuard;
  /** The facts answered lately per group, so a repeated question points to the earlier answer. */
  groupAnswers: GroupAnswers;
  /** Whether to introduce the bot in a group it is added to (INTRODUCE_IN_GROUPS). */
  introduceInGroups: boolean;
  /** Re-reads data/ and intents/; on failure the old content keeps serving. */
  reloadContent: () => ReloadResult;
  /** Tells the sender new posts are queued. */
  wakeSender: () => void;
}

/** What the handlers learnt about an update, for its log line. */
export interface UpdateOutcome {
  intent?: string | null;
  fact?: string | null;
  score?: number;
  answered?: boolean;
}

export interface BotFlavor {
  readonly deps: BotDeps;
  /** The language to talk to this user in when no question says otherwise. */
  lang: Language;
  outcome: UpdateOutcome;
}

export type BotContext = Context & BotFlavor;
