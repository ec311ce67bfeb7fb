import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/matching/tokenize.js";

const texts = (input: string) => tokenize(input).map((t) => `${t.kind}:${t.text}`);

describe("tokenize", () => {
  it("recognises Llama versions in any script and spacing", () => {
    for (const input of ["Llama 4", "llama-4", "LLAMA4", "لاما ٤", "اللاما 4", "llama four", "لاما الرابعة"])
      expect(texts(input), input).toEqual(["entity:llama4"]);
    expect(texts("Llama 3.1 405B")).toEqual(["entity:llama3.1", "number:405", "latin:b"]);
    // The article's own run-together spelling.
    expect(texts("Llama3.1405B")).toEqual(["entity:llama3.1", "number:405", "latin:b"]);
    expect(texts("لاما ثلاثة نقطة واحد")).toEqual(["entity:llama3.1"]);
  });
  it("does not read a size as a version", () => {
    expect(texts("llama 405b")).toEqual(["latin:llama", "number:405", "latin:b"]);
  });
  it("recognises quarters", () => {
    expect(texts("Q2")).toEqual(["entity:q2"]);
    expect(texts("q 3 results")).toEqual(["entity:q3", "latin:results"]);
    expect(texts("الربع ٢")).toEqual(["entity:q2"]);
  });
  it("splits numbers from their units and normalises decimals", () => {
    // The dollar sign is read as the word: a question with it is about a sum of money.
    expect(texts("$8.5B")).toEqual(["latin:dollars", "number:8.5", "latin:b"]);
    expect(texts("10x")).toEqual(["number:10", "latin:x"]);
    expect(texts("33%")).toEqual(["number:33", "latin:%"]);
    expect(texts("٨٫٥ مليار")).toEqual(["number:8.5", "arabic:مليار"]);
    expect(texts("8,5")).toEqual(["number:8.5"]);
    expect(texts("1,000")).toEqual(["number:1000"]);
  });
  it("splits words at a change of script", () => {
    expect(texts("الـcapex")).toEqual(["arabic:ال", "latin:capex"]);
    expect(texts("2025م")).toEqual(["number:2025", "arabic:م"]);
  });
  it("keeps Arabizi digits inside words", () => {
    expect(texts("el 7osba m7tag")).toEqual(["latin:el", "latin:7osba", "latin:m7tag"]);
  });
  it("expands chat spellings of English function words", () => {
    expect(texts("wat can u do")).toEqual(["latin:what", "latin:can", "latin:you", "latin:do"]);
  });
  it("reads a chat '2' or '4' before 'the', 'last', 'me'… as 'to' or 'for', and a count as a number", () => {
    expect(texts("compared 2 last yr")).toEqual(["latin:compared", "latin:to", "latin:last", "latin:year"]);
    expect(texts("takeaway 4 the industry")).toEqual(["latin:takeaway", "latin:for", "latin:the", "latin:industry"]);
    expect(texts("about 2 models")).toEqual(["latin:about", "number:2", "latin:models"]);
    expect(texts("llama 4 the next model")[0]).toBe("entity:llama4");
  });
  it("returns nothing for text without letters or digits", () => {
    expect(tokenize("😀 🎉 ... ???")).toEqual([]);
    expect(tokenize("")).toEqual([]);
  });
});
