import { toHtmlMessage } from "../bot/html.js";
import type { Language } from "../content/schema.js";
import type { Engine } from "../engine/engine.js";

/** An announcement as sent, in HTML, per language (each chat gets the one in its language). */
export type Post = Record<Language, string>;

/** The article's highlights, in each language. */
export function highlightsPost(engine: Engine): Post {
  return { ar: toHtmlMessage(engine.highlights("ar")), en: toHtmlMessage(engine.highlights("en")) };
}

/** An admin's own text, the same for every chat. */
export function textPost(text: string): Post {
  const html = toHtmlMessage(text);
  return { ar: html, en: html };
}
