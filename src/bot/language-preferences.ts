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
  /** The count of lookups when the user last moved to the back of the cache. */
  movedAt: number;
}

/**
 * Preferences kept in the store, so they survive restarts, with the users of the moment
 * in memory: a user is read once, and written only when a preference changes (rarely),
 * not on every question. The memory is bounded: users not seen lately go first.
 */
export function createStoredPreferences(store: Store, maxCached = 50_000): LanguagePreferences {
  // Maps iterate in insertion order, and the first user is the one dropped. A user seen again
  // moves to the back only once halfway to the front: moving on every lookup (a question
  // looks up three times) cost two map writes each.
  const cache = new Map<number, Known>();
  let lookups = 0;
  const known = (userId: number): Known => {
    lookups++;
    let entry = cache.get(userId);
    if (!entry) {
      entry = { ...(store.userLanguages(userId) ?? { chosen: null, written: null }), movedAt: lookups };
      cache.set(userId, entry);
      if (cache.size > maxCached) cache.delete(cache.keys().next().value!);
    } else if (lookups - entry.movedAt > maxCached / 2) {
      cache.delete(userId);
      cache.set(userId, entry);
      entry.movedAt = lookups;
    }
    return entry;
  };
  const set = (userId: number, kind: "chosen" | "written", lang: Language) => {
    const entry = known(userId);
    if (entry[kind] === lang) return;
    // The store first: a choice that could not be saved is not made (the caller says so).
    store.setUserLanguage(userId, kind, lang);
    entry[kind] = lang;
  };
  return {
    chosen: (userId) => known(userId).chosen ?? undefined,
    choose: (userId, lang) => set(userId, "chosen", lang),
    lastWritten: (userId) => known(userId).written ?? undefined,
    wrote: (userId, lang) => set(userId, "written", lang),
  };
}
