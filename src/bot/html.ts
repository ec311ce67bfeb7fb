/** Telegram's limit on a message's text after entity parsing, in UTF-16 code units. */
const MAX_MESSAGE_LENGTH = 4096;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * `text`, or its start and "…" within `max` UTF-16 code units. The cut never splits a
 * surrogate pair: half of one is not UTF-8, and Telegram refuses the whole message.
 */
export function cutToLength(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/**
 * Text as an HTML message: everything escaped, and cut (with "…") to what Telegram accepts.
 * The limit counts the text as shown, so it is applied before escaping; a cut never splits
 * an escape sequence.
 */
export function toHtmlMessage(text: string): string {
  return escapeHtml(cutToLength(text, MAX_MESSAGE_LENGTH));
}
