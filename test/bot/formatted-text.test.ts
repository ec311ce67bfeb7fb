import fc from "fast-check";
import type { MessageEntity } from "grammy/types";
import { describe, expect, it } from "vitest";
import { formattedHtml } from "../../src/bot/formatted-text.js";

const TYPES = ["bold", "italic", "underline", "strikethrough", "spoiler", "code", "mention", "url"] as const;

/** The text an HTML message shows: tags dropped, escapes read. */
const shown = (html: string) => html.replace(/<[^>]+>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");

/** Whether every tag is closed, in the order opened. */
function balanced(html: string): boolean {
  const open: string[] = [];
  for (const [, closing, name] of html.matchAll(/<(\/?)([a-z-]+)[^>]*>/g)) {
    if (!closing) open.push(name!);
    else if (open.pop() !== name) return false;
  }
  return open.length === 0;
}

describe("an admin's formatting as HTML", () => {
  it("shows the text as written, tags balanced, whatever the entities (nested, overlapping, cut by the range)", () => {
    const entity = (length: number) =>
      fc.record({ type: fc.constantFrom(...TYPES), offset: fc.nat({ max: length }), length: fc.nat({ max: length }) }) as fc.Arbitrary<MessageEntity>;
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("a", "ب", "<", "&", '"', " ", "\n") }).chain((text) =>
          fc.tuple(fc.constant(text), fc.array(entity(text.length), { maxLength: 6 }), fc.nat({ max: text.length }), fc.nat({ max: text.length })),
        ),
        ([text, entities, a, b]) => {
          const [start, end] = a <= b ? [a, b] : [b, a];
          const html = formattedHtml(text, entities, start, end);
          expect(shown(html)).toBe(text.slice(start, end));
          expect(balanced(html)).toBe(true);
        },
      ),
    );
  });

  it("gives links, pre blocks and custom emoji their attributes, escaped", () => {
    const text = "see here, run x, 👍";
    const html = formattedHtml(text, [
      { type: "text_link", offset: 4, length: 4, url: 'https://e.x/?a=1&b="2"' },
      { type: "pre", offset: 14, length: 1, language: "ts" },
      { type: "custom_emoji", offset: 17, length: 2, custom_emoji_id: "42" },
    ]);
    expect(html).toBe('see <a href="https://e.x/?a=1&amp;b=&quot;2&quot;">here</a>, run <pre><code class="language-ts">x</code></pre>, <tg-emoji emoji-id="42">👍</tg-emoji>');
  });
});
