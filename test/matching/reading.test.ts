import { describe, expect, it } from "vitest";
import { clausesOf, sentencesOf } from "../../src/matching/sentences.js";
import { engine } from "../support/content.js";

const featuresOf = (question: string) => engine.explain(question).match.features.map((f) => ({ text: f.text, id: f.id, kind: f.kind }));

describe("sentences and clauses", () => {
  it("a sentence ends at a stop, a question mark or an emoji before a space; figures stay whole", () => {
    expect(sentencesOf("I heard a podcast 😅 who said Llama 3.1 has 405B?")).toEqual(["I heard a podcast 😅", "who said Llama 3.1 has 405B?"]);
    expect(sentencesOf("Capex was $8.5B. Why?")).toEqual(["Capex was $8.5B.", "Why?"]);
    expect(sentencesOf("🚀🚀")).toEqual([]);
  });
  it("a clause ends at a comma (Latin or Arabic) or a dash between words", () => {
    expect(clausesOf("سؤال سريع، كم الكابكس؟")).toEqual(["سؤال سريع،", "كم الكابكس؟"]);
    expect(clausesOf("Llama 3.1 - how big is it")).toEqual(["Llama 3.1", "how big is it"]);
  });
});

describe("words read as the lexicon means them", () => {
  it("a particle or preposition carrying a pronoun is as empty as the particle", () => {
    for (const word of ["عندهم", "منها", "عليهم"]) expect(featuresOf(`${word} حوسبة لاما 4`).map((f) => f.text)).not.toContain(word);
    // ...but a word that means something by itself keeps its meaning ("ليه" is why).
    expect(featuresOf("ليه ميتا بتبني القدرات بدري؟").some((f) => f.text === "ليه" && f.kind === "question")).toBe(true);
  });
  it("clitics before a number are no word («وفـ2025», Arabizi 'w b 2025'), and a percentage is one in every spelling", () => {
    expect(featuresOf("وفـ2025؟").map((f) => f.id)).toEqual(["year:2025"]);
    expect(featuresOf("w b 2025?").map((f) => f.id)).toEqual(["year:2025"]);
    expect(featuresOf("Llama 3.1 405 b").map((f) => f.id)).toContain("billion");
    expect(featuresOf("بالنسبة المئوية؟").map((f) => f.id)).toEqual(["percent"]);
    // «بأي» (by which) is a particle; «الفترة» (the period) is no «الفكرة» (the idea, a summary).
    expect(featuresOf("وبأي مقدار تقريبًا؟").map((f) => f.kind)).not.toContain("unknown");
    expect(featuresOf("في نفس الفترة").map((f) => f.id)).toEqual(["year-ago"]);
    expect(featuresOf("في تلك الفترة").map((f) => f.id)).toEqual(["period"]);
  });
  it("a common word is no name or day it resembles: «أحد» (anyone), «واحد» (one), «سيكون» (will be), 'remember'", () => {
    const entities = (question: string) => featuresOf(question).filter((f) => f.kind === "entity").map((f) => f.id);
    expect(entities("هل تحدث أحد آخر غير زوكربيرج؟")).toEqual(["person:zuckerberg"]);
    expect(entities("كم أنفقت ميتا في ربع واحد؟")).toEqual(["company:meta"]);
    expect(entities("هل سيكون هناك نموذج أكبر؟")).toEqual([]);
    expect(entities("nobody could remember the biggest model")).toEqual([]);
    // Nor a word its near spelling: «كلامه» (his words) is no Llama, «أمال» (so then) no CFO, "conference" no inference.
    const ids = (question: string) => featuresOf(question).map((f) => f.id);
    expect(ids("شو كان كلامه بالضبط؟")).toEqual(["announce"]);
    expect(ids("أمال الحجم الحقيقي كام؟")).not.toContain("cfo");
    expect(ids("did he say it at a developer conference")).not.toContain("inference");
    // A name misspelt inside is still the name.
    expect(entities("what did zuckerburg say")).toEqual(["person:zuckerberg"]);
  });
  it("«عطني» (give me) asks, so a clause of context before it is context («…وما عندي وقت، عطني أهم النقاط»)", () => {
    const explained = engine.explain("يا خوي عندي عرض بكرة عن المقال وما عندي وقت، عطني أهم النقاط اللي فيه");
    expect(explained.match.features.map((f) => f.id)).toEqual(["summary"]);
    expect(explained.answer.kind).toBe("summary");
  });
  it("a dialect verb after 'and' is the verb («وهيصرفوا» and they will spend)", () => {
    for (const word of ["وهيصرفوا", "وهتصرف"]) expect(featuresOf(`${word} كام السنة الجاية؟`).find((f) => f.text === word)?.id, word).toBe("spending");
  });
  it("an Arabizi verb in the third person meets the lexicon's forms of the verb", () => {
    const read = (word: string) => featuresOf(`el capex ${word} fel rob3 el tani`).find((f) => f.text === word);
    expect(read("yezid")?.id).toBe("increase");
    expect(read("hayzid")?.id).toBe("increase");
  });
  it("a phrase meets its words after 'and' or a preposition on the article", () => {
    for (const question of ["والعام الجاي؟", "وماذا عن العام الجاي؟", "توقعات للعام المقبل"])
      expect(featuresOf(question).map((f) => f.id), question).toContain("year:2025");
  });
  it("an off-topic phrase counts only as written, not across the words between", () => {
    const ids = (question: string) => featuresOf(question).map((f) => f.id);
    expect(ids("كام سيرفر عند ميتا؟")).toContain("gpu-count");
    // "How much did they spend on servers" is no count of servers.
    expect(ids("صرفوا كام على السيرفرات؟")).not.toContain("gpu-count");
  });
});
