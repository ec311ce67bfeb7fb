import type { NextFunction } from "grammy";
import type { Language } from "../../content/schema.js";
import type { BotContext } from "../context.js";

/** Telegram's language_code is an IETF tag ("ar", "ar-EG", "en-US"). */
export function languageOfCode(code: string | undefined): Language | undefined {
  if (!code) return undefined;
  if (/^ar\b/i.test(code)) return "ar";
  if (/^en\b/i.test(code)) return "en";
  return undefined;
}

/**
 * Sets ctx.lang: the user's chosen language (/lang), else their Telegram app's language,
 * else the language they last wrote in, else English.
 */
export function resolveLanguage(ctx: BotContext, next: NextFunction): Promise<void> {
  const user = ctx.from;
  const { preferences } = ctx.deps;
  ctx.lang = (user && (preferences.chosen(user.id) ?? languageOfCode(user.language_code) ?? preferences.lastWritten(user.id))) ?? "en";
  return next();
}
