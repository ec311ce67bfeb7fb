import type { Language } from "../content/schema.js";

/** Each user's chosen reply language (/lang), and the language they last wrote in. */
export interface LanguagePreferences {
  chosen(userId: number): Language | undefined;
  choose(userId: number, lang: Language): void;
  lastWritten(userId: number): Language | undefined;
  wrote(userId: number, lang: Language): void;
}

/**
 * Preferences kept in memory for as long as the process runs (a durable store replaces this
 * with the same interface). Bounded, so a flood of users cannot grow it without limit.
 */
export function createMemoryPreferences(maxUsers = 100_000): LanguagePreferences {
  const chosen = new Map<number, Language>();
  const written = new Map<number, Language>();
  const remember = (map: Map<number, Language>, userId: number, lang: Language) => {
    map.delete(userId);
    map.set(userId, lang);
    // Maps iterate in insertion order: the first key is the least recently set.
    if (map.size > maxUsers) map.delete(map.keys().next().value!);
  };
  return {
    chosen: (userId) => chosen.get(userId),
    choose: (userId, lang) => remember(chosen, userId, lang),
    lastWritten: (userId) => written.get(userId),
    wrote: (userId, lang) => remember(written, userId, lang),
  };
}
