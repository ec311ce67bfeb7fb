import type { MessageEntity } from "grammy/types";
import { escapeHtml } from "./html.js";

/** Attribute values are quoted with ", so that too is escaped. */
const escapeAttribute = (value: string) => escapeHtml(value).replace(/"/g, "&quot;");

/** The HTML tags of the formatting entities; the others (links, mentions, hashtags) Telegram finds again in the text. */
function tagsOf(entity: MessageEntity): [open: string, close: string] | undefined {
  switch (entity.type) {
    case "bold":
      return ["<b>", "</b>"];
    case "italic":
      return ["<i>", "</i>"];
    case "underline":
      return ["<u>", "</u>"];
    case "strikethrough":
      return ["<s>", "</s>"];
    case "spoiler":
      return ["<tg-spoiler>", "</tg-spoiler>"];
    case "code":
      return ["<code>", "</code>"];
    case "pre":
      return entity.language ? [`<pre><code class="language-${escapeAttribute(entity.language)}">`, "</code></pre>"] : ["<pre>", "</pre>"];
    case "blockquote":
      return ["<blockquote>", "</blockquote>"];
    case "expandable_blockquote":
      return ["<blockquote expandable>", "</blockquote>"];
    case "text_link":
      return [`<a href="${escapeAttribute(entity.url)}">`, "</a>"];
    case "text_mention":
      return [`<a href="tg://user?id=${entity.user.id}">`, "</a>"];
    case "custom_emoji":
      return [`<tg-emoji emoji-id="${escapeAttribute(entity.custom_emoji_id)}">`, "</tg-emoji>"];
    default:
      return undefined;
  }
}

/**
 * A part of a message (from `start` to `end`, in UTF-16 code units, as Telegram counts
 * offsets) as Telegram HTML, keeping the formatting its sender used: the entities in it,
 * cut to it. Entities nest; should two overlap, the inner ones are closed and opened again.
 */
export function formattedHtml(text: string, entities: readonly MessageEntity[] = [], start = 0, end = text.length): string {
  const spans = entities
    .map((entity) => ({ from: Math.max(entity.offset, start), to: Math.min(entity.offset + entity.length, end), tags: tagsOf(entity) }))
    .filter((s): s is { from: number; to: number; tags: [string, string] } => s.tags !== undefined && s.from < s.to)
    // Outer first: earlier start, then longer.
    .sort((a, b) => a.from - b.from || b.to - a.to);
  const boundaries = [...new Set([start, end, ...spans.flatMap((s) => [s.from, s.to])])].sort((a, b) => a - b);
  const open: typeof spans = [];
  let html = "";
  const reopen = (span: (typeof spans)[number]) => {
    open.push(span);
    html += span.tags[0];
  };
  for (let k = 0; k < boundaries.length - 1; k++) {
    const at = boundaries[k]!;
    // Close what ends here, innermost first; reopen what was inside one of them and goes on.
    const ending = open.findIndex((s) => s.to <= at);
    if (ending >= 0) {
      const closed = open.splice(ending);
      for (let i = closed.length - 1; i >= 0; i--) html += closed[i]!.tags[1];
      for (const span of closed) if (span.to > at) reopen(span);
    }
    for (const span of spans) if (span.from === at) reopen(span);
    html += escapeHtml(text.slice(at, boundaries[k + 1]));
  }
  return html + open.reverse().map((s) => s.tags[1]).join("");
}
