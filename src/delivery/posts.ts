import type { MessageEntity } from "grammy/types";
import { formattedHtml } from "../bot/formatted-text.js";
import { toHtmlMessage } from "../bot/html.js";
import type { Language } from "../content/schema.js";
import type { Engine } from "../engine/engine.js";

/** An announcement as sent, in HTML, per language (each chat gets the one in its language). */
export type Post = Record<Language, string>;

/** The article's highlights, in each language. */
export function highlightsPost(engine: Engine): Post {
  return { ar: toHtmlMessage(engine.highlights("ar")), en: toHtmlMessage(engine.highlights("en")) };
}

/** A line of its own that separates an announcement's two languages. */
const LANGUAGE_SEPARATOR = /\n[ \t]*-{3,}[ \t]*\n/;

/** A text's language by its letters: Arabic if it has more Arabic letters than Latin ones. */
function scriptOf(text: string): Language {
  const arabic = text.match(/[\u0600-\u06FF]/g)?.length ?? 0;
  const latin = text.match(/[A-Za-z]/g)?.length ?? 0;
  return arabic > latin ? "ar" : "en";
}

/**
 * An admin's own text, from `start` in a message with its entities, keeping the formatting
 * they used (bold, italic, links...). Two parts, one in each language, on either side of a
 * line "---", go to the chats of each language; one text goes to every chat. Undefined
 * when two parts are not one Arabic and one English.
 */
export function textPost(text: string, entities: readonly MessageEntity[] = [], start = 0): Post | undefined {
  const separator = LANGUAGE_SEPARATOR.exec(text.slice(start));
  const trimmed = (from: number, to: number): [number, number] => {
    while (from < to && /\s/.test(text[from]!)) from++;
    while (to > from && /\s/.test(text[to - 1]!)) to--;
    return [from, to];
  };
  if (!separator) {
    const html = formattedHtml(text, entities, ...trimmed(start, text.length));
    return { ar: html, en: html };
  }
  const first = trimmed(start, start + separator.index);
  const second = trimmed(start + separator.index + separator[0].length, text.length);
  const [a, b] = [first, second].map((range) => ({ lang: scriptOf(text.slice(...range)), html: formattedHtml(text, entities, ...range) }));
  if (a!.lang === b!.lang || a!.html === "" || b!.html === "") return undefined;
  return { [a!.lang]: a!.html, [b!.lang]: b!.html } as Post;
}
