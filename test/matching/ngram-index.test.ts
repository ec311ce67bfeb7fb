import { describe, expect, it } from "vitest";
import { NgramIndex } from "../../src/matching/ngram-index.js";

const index = new NgramIndex(
  [
    { text: "how much compute will llama 4 need", group: 0 },
    { text: "when was llama 3 released", group: 0 },
    { text: "كم بلغ الانفاق الرأسمالي", group: 1 },
    { text: "what did the cfo say", group: 2 },
  ],
  3,
);

describe("NgramIndex", () => {
  it("gives an example's own text similarity 1 and a group sharing no trigram 0, in the order asked", () => {
    const [own, arabic, other] = index.similarities(index.vectorOf("when was llama 3 released"), [0, 1, 2]);
    expect(own).toBeCloseTo(1, 9);
    expect(arabic).toBe(0);
    expect(other!).toBeGreaterThan(0); // "wha"/"the" are not shared, but " wh" is
    expect(other!).toBeLessThan(0.3);
    expect(index.similarities(index.vectorOf("when was llama 3 released"), [2, 0])).toEqual([other, own]);
  });

  it("meets an inflected or misspelt form within the script", () => {
    const [misspelt] = index.similarities(index.vectorOf("how mutch computeing will lama 4 need"), [0]);
    expect(misspelt!).toBeGreaterThan(0.5);
    const [arabic] = index.similarities(index.vectorOf("كم بلغ إنفاقها الرأسمالي"), [1]);
    expect(arabic!).toBeGreaterThan(0.5);
  });

  it("counts characters no example has in the length only, and leaves no state behind between questions", () => {
    const plain = index.similarities(index.vectorOf("what did the cfo say"), [2])[0]!;
    const withEmoji = index.similarities(index.vectorOf("what did the cfo say 😀😀 ✡✡"), [2])[0]!;
    expect(plain).toBeCloseTo(1, 9);
    expect(withEmoji).toBeLessThan(plain);
    expect(withEmoji).toBeGreaterThan(0.5);
    expect(index.similarities(index.vectorOf("what did the cfo say"), [2])[0]).toBeCloseTo(1, 9);
  });
});
