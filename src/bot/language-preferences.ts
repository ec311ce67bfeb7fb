import type { Language } from "../content/schema.js";
import type { Store } from "../store/store.js";

/** Each user's chosen reply language (/lang), and the language they last wrote in. */
export interface LanguagePreferences {
  chosen(userId: number): Language | undefined;
  choose(userId: number, lang: Language): void;
  lastWritten(userId: number): Language | undefined;
  wrote(userId: number, lang: Language): void;
}

interface Known {
  chosen: Language | null;
  written: Language | null;
}

/**
 * Preferences kept in the store, so they survive restarts, with the users of the moment
 * in memory: a user is read once, and written only when a preference changes (rarely),
 * not on every question. The memory is bounded (least recently seen users go first).
 */
export function createStoredPreferences(store: Store, maxCached = 50_000): LanguagePreferences {
  const cache = new Map<number, Known>();
  const known = (userId: number): Known => {
    let entry = cache.get(userId);
    if (entry) cache.delete(userId);
    else entry = store.userLanguages(userId) ?? { chosen: null, written: null };
    // Maps iterate in insertion order: re-inserting makes this user the most recent.
    cache.set(userId, entry);
    if (cache.size > maxCached) cache.delete(cache.keys().next().value!);
    return entry;
  };
  const set = (userId: number, kind: keyof Known, lang: Language) => {
    const entry = known(userId);
    if (entry[kind] === lang) return;
    entry[kind] = lang;
    store.setUserLanguage(userId, kind, lang);
  };
  return {
    chosen: (userId) => known(userId).chosen ?? undefined,
    choose: (userId, lang) => set(userId, "chosen", lang),
    lastWritten: (userId) => known(userId).written ?? undefined,
    wrote: (userId, lang) => set(userId, "written", lang),
  };
}
