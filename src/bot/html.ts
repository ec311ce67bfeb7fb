/** Telegram's limit on a message's text after entity parsing, in UTF-16 code units. */
const MAX_MESSAGE_LENGTH = 4096;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Text as an HTML message: everything escaped, and cut (with "…") to what Telegram accepts.
 * The limit counts the text as shown, so it is applied before escaping; a cut never splits
 * an escape sequence or a surrogate pair.
 */
export function toHtmlMessage(text: string): string {
  if (text.length <= MAX_MESSAGE_LENGTH) return escapeHtml(text);
  let cut = text.slice(0, MAX_MESSAGE_LENGTH - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return escapeHtml(`${cut}…`);
}
