import { describe, expect, it } from "vitest";
import { pageButtons, pagesOf } from "../../src/bot/pages.js";

describe("pagesOf", () => {
  it("puts whole lines in pages that fit, in order", () => {
    const lines = Array.from({ length: 10 }, (_, i) => `line ${i} ${"x".repeat(20)}`);
    const pages = pagesOf(lines, 100);
    expect(pages.flat()).toEqual(lines);
    for (const page of pages) expect(page.join("\n").length).toBeLessThanOrEqual(100);
    expect(pages.length).toBe(4);
  });
  it("cuts only a line longer than a page", () => {
    expect(pagesOf(["short", "y".repeat(50)], 10)).toEqual([["short"], [`${"y".repeat(9)}…`]]);
    expect(pagesOf([])).toEqual([]);
  });
});

describe("pageButtons", () => {
  it("offers the pages before and after, none for a single page", () => {
    const buttons = (index: number, count: number) => pageButtons("p:", index, count)?.inline_keyboard.flat().map((b) => [b.text, "callback_data" in b ? b.callback_data : ""]);
    expect(buttons(0, 1)).toBeUndefined();
    expect(buttons(0, 3)).toEqual([["▶", "p:1"]]);
    expect(buttons(1, 3)).toEqual([["◀", "p:0"], ["▶", "p:2"]]);
    expect(buttons(2, 3)).toEqual([["◀", "p:1"]]);
  });
});
