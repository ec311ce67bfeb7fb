import { InlineKeyboard } from "grammy";
import { cutToLength } from "./html.js";

/** A page's text at most: Telegram's 4,096 characters, less room for a heading. */
const PAGE_CHARS = 3_600;

/** Whole lines in pages of at most `size` characters each; a line longer than a page is cut. */
export function pagesOf(lines: readonly string[], size = PAGE_CHARS): string[][] {
  const pages: string[][] = [];
  let page: string[] = [];
  let used = 0;
  for (const whole of lines) {
    const line = cutToLength(whole, size);
    if (page.length && used + 1 + line.length > size) {
      pages.push(page);
      [page, used] = [[], 0];
    }
    page.push(line);
    used += line.length + 1;
  }
  if (page.length) pages.push(page);
  return pages;
}

/** "◀" and "▶" to the pages before and after `index` (data: `prefix` and the page), or none for a single page. */
export function pageButtons(prefix: string, index: number, count: number): InlineKeyboard | undefined {
  if (count <= 1) return undefined;
  const keyboard = new InlineKeyboard();
  if (index > 0) keyboard.text("◀", `${prefix}${index - 1}`);
  if (index < count - 1) keyboard.text("▶", `${prefix}${index + 1}`);
  return keyboard;
}
