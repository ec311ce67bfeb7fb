import { describe, expect, it } from "vitest";
import { MAX_QUESTION_CHARS } from "../../src/engine/engine.js";
import { engine } from "../support/content.js";

describe("a reader asks about the article", () => {
  it("in English: how much compute Llama 4 needs → the 10x fact, in English", () => {
    const answer = engine.answer("How much more compute will Llama 4 need than Llama 3?");
    expect(answer).toMatchObject({ lang: "en", kind: "fact", fact: "llama4-compute", answered: true });
    expect(answer.reply).toMatch(/10/);
    expect(answer.reply).toMatch(/Llama 4/);
  });

  it("in Arabic with diacritics and Arabic-Indic digits → the same fact, in Arabic", () => {
    const answer = engine.answer("كَمْ ضِعْفاً مِنَ الحَوْسَبَةِ يَحْتاجُ لاما ٤؟");
    expect(answer).toMatchObject({ lang: "ar", fact: "llama4-compute", answered: true });
    expect(answer.reply).toMatch(/أضعاف/);
  });

  it.each([
    ["Egyptian", "ميتا صرفت كام في الربع التاني؟", "q2-capex"],
    ["Levantine", "قديش صرفت ميتا عالسيرفرات ومراكز البيانات؟", "q2-capex"],
    ["Gulf", "منو سوزان لي؟", "cfo-data-centers"],
    ["Maghrebi", "علاش ميتا كتبني القدرات من دابا؟", "build-ahead"],
    ["Arabizi", "kam el capex fel rob3 el tany", "q2-capex"],
    ["noisy English", "hw many paramters dose llama 3.1 have", "llama31-405b"],
  ])("in %s → the right fact", (_style, question, fact) => {
    expect(engine.answer(question).fact).toBe(fact);
  });

  it("after a preamble of words the content does not know, the question is still answered", () => {
    const answer = engine.answer("Sorry for my bad english, quick one from a newbie grad student in Jordan: why does Meta build capacity early?");
    expect(answer).toMatchObject({ lang: "en", fact: "build-ahead", answered: true });
  });

  it("states the figure of each numeric fact in both languages", () => {
    expect(engine.answer("What was Meta's capex in Q2?").reply).toMatch(/8\.5.*33%|33%.*8\.5/s);
    expect(engine.answer("كم بلغت النفقات الرأسمالية في الربع الثاني؟").reply).toMatch(/8\.5/);
    expect(engine.answer("How many parameters does Llama 3.1 have?").reply).toMatch(/405/);
  });

  it("answers from the article where it is wrong, and says so", () => {
    const answer = engine.answer("How many parameters does Llama 3 have?");
    expect(answer.fact).toBe("llama3-release");
    expect(answer.reply).toMatch(/80 billion/);
    expect(answer.reply).toMatch(/inaccurate/);
  });
});

describe("what the article does not say is declined, never answered with a nearby fact", () => {
  it("a record (an all-time comparison the article does not make) is declined, not taken for a typo", () => {
    for (const question of ["Is that a record for the company?", "وهل هذا رقم قياسي لميتا؟"]) expect(engine.answer(question, { context: ["q2-capex"] }).fact, question).toBeNull();
  });
  it("another company 'too' or 'doing the same' is asked about, not a wrong premise to correct", () => {
    expect(engine.answer("is apple doing the same", { context: ["future-compute"] }).fact).toBeNull();
    expect(engine.answer("Is Google building capacity too?").fact).toBeNull();
    expect(engine.answer("وجوجل كمان بتبني قدرات؟", { context: ["future-compute"] }).fact).toBeNull();
    // Without "too", a claim put to another company is the article's, corrected.
    const corrected = engine.answer("Did Google say Llama 4 needs 10x the compute?");
    expect(corrected.fact).not.toBeNull();
    expect(corrected.reply).toMatch(/^Not Google/);
  });
  it.each([
    "How many employees does Meta have?",
    "What was Amazon's capex in Q2?",
    "What data will Llama 4 be trained on?",
    "What are Meta's plans for Q3?",
    "What is Llama 4's context length?",
    "How many parameters does Llama 2 have?",
    "When will Llama 4 be released?",
    "ما هي إيرادات ميتا في الربع الثاني؟",
    "كم عدد موظفي ميتا؟",
    "What's the weather in Cairo?",
    // An English word in an Arabizi sentence is not a misspelt Arabic one ("password" ≈ بسرعة).
    "momken el password bta3 el router?",
    // What the article gives for Llama 3 and 3.1 only, asked of Llama 4.
    "How many parameters will Llama 4 have?",
    "قديش عدد باراميترات لاما 4؟",
  ])("%s", (question) => {
    const answer = engine.answer(question);
    expect(answer).toMatchObject({ kind: "decline", fact: null, intent: null, answered: false });
  });

  it("while the same subject asked of a model the article gives it for is answered", () => {
    expect(engine.answer("How many parameters does Llama 3.1 have?").fact).toBe("llama31-405b");
    expect(engine.answer("قديش عدد باراميترات لاما 3؟").fact).toBe("llama3-release");
  });

  it("offers up to three 'did you mean' questions, in the reader's language", () => {
    const english = engine.answer("How many parameters does Llama 2 have?");
    expect(english.suggestions.length).toBeGreaterThan(0);
    expect(english.suggestions.length).toBeLessThanOrEqual(3);
    expect(english.suggestions.map((s) => s.intent)).toContain("llama3-release");
    expect(english.reply).toContain("Did you mean:");
    expect(english.reply).toContain(english.suggestions[0]!.question);

    const arabic = engine.answer("كم عدد معلمات لاما 2؟");
    expect(arabic.lang).toBe("ar");
    expect(arabic.reply).toContain("هل تقصد:");
  });
});

describe("conversation", () => {
  it.each([
    ["hello", "greeting", "en"],
    ["أهلا وسهلا", "greeting", "ar"],
    ["thanks a lot!", "thanks", "en"],
    ["شكرا جزيلا", "thanks", "ar"],
    ["who are you?", "help", "en"],
    ["شو بتعمل؟", "help", "ar"],
  ])("%s → a short %s reply in %s that asserts no fact", (question, kind, lang) => {
    const answer = engine.answer(question);
    expect(answer).toMatchObject({ kind, lang, fact: null, answered: false });
    expect(answer.intent).toBe(kind);
  });

  it("a thank-you with words the bot does not follow is still thanked, but a question after it is not", () => {
    expect(engine.answer("thanks so much, this helped a ton")).toMatchObject({ kind: "thanks", fact: null });
    expect(engine.answer("thanks! how many employees does meta have?")).toMatchObject({ kind: "decline", fact: null });
    expect(engine.answer("hi, what is Amazon's capex?")).toMatchObject({ kind: "decline", fact: null });
  });

  it("a request for the highlights lists the article's three highlights", () => {
    const answer = engine.answer("What are the highlights?");
    expect(answer).toMatchObject({ kind: "summary", answered: true, fact: null });
    expect(answer.reply.split("\n").filter((line) => /^\d\. /.test(line))).toHaveLength(3);
    expect(engine.answer("ما أبرز النقاط؟").reply).toContain("أبرز النقاط");
  });
});

describe("follow-up questions take their subject from the conversation", () => {
  it.each([
    ["who announced it?", ["llama4-compute"], "announcement"],
    ["and what about next year?", ["q2-capex"], "capex-2025"],
    ["ومين قالها؟", ["llama4-compute"], "announcement"],
    ["how big is it?", ["llama3-release"], "llama3-release"],
    ["w el version el akbar?", ["open-source-llama"], "llama31-405b"],
    ["how about Llama 3.1 then?", ["llama3-release"], "llama31-405b"],
    ["what about 2025?", ["q2-capex"], "capex-2025"],
  ])("%s (after %j) → %s, read as a follow-up", (question, context, fact) => {
    const answer = engine.answer(question, { context });
    expect(answer).toMatchObject({ fact, followup: true });
  });
  it("a fact comes with its first two related facts as next questions, in the reply's language; a decline with none", () => {
    const answer = engine.answer("ما حجم الإنفاق الرأسمالي لميتا في الربع الثاني؟");
    const related = engine.content.facts.find((f) => f.id === "q2-capex")!.related.slice(0, 2);
    expect(answer.related.map((s) => engine.content.intents.find((i) => i.id === s.intent)!.fact)).toEqual(related);
    expect(answer.related[0]!.question).toBe(engine.content.intents.find((i) => i.fact === related[0])!.question.ar);
    expect(engine.answer("What is Meta's revenue?").related).toEqual([]);
  });
  it("a question that names its own subject is answered as it stands", () => {
    const answer = engine.answer("How much was Meta's capex in Q2 2024?", { context: ["llama4-compute"] });
    expect(answer).toMatchObject({ fact: "q2-capex", followup: false });
  });
  it("'and' before a question naming its own model and what it asks of it is answered as it stands", () => {
    expect(engine.answer("ومتى صدر Llama 3؟", { context: ["open-source-llama"] }).fact).toBe("llama3-release");
  });
  it("a kind of answer the last fact gives, asked with a unit only, is about it ('up by how many %?')", () => {
    expect(engine.answer("up by how many %", { context: ["q2-capex"] })).toMatchObject({ fact: "q2-capex", followup: true });
    // Not a kind it does not give: the article has no cost of training in dollars.
    expect(engine.answer("and how much in dollars?", { context: ["training-cost"] }).fact).toBeNull();
    expect(engine.answer("and in dollars?", { context: ["llama4-compute"] }).fact).toBeNull();
  });
  it("'any other reason?' is answered with the next question the content names for the last answer (its first related fact)", () => {
    expect(engine.answer("any other reason?", { context: ["build-ahead"] }).fact).toBe("competition");
    expect(engine.answer("وفي سبب تاني؟", { context: ["build-ahead"] })).toMatchObject({ fact: "competition", followup: true });
    // Not "who else?": that asks for someone the last answer does not name.
    expect(engine.answer("who else?", { context: ["llama4-compute"] }).fact).toBeNull();
  });
  it("an entity the follow-up names replaces the conversation's of its kind", () => {
    expect(engine.answer("and Llama 3.1?", { context: ["llama3-release"] }).fact).toBe("llama31-405b");
  });
  it("a model named alone asks of it what was asked of the last: no fact of its answer kinds, no answer", () => {
    // The article gives no parameters of Llama 4, nor the compute of Llama 3.1.
    expect(engine.answer("and Llama 4?", { context: ["llama31-405b"] }).fact).toBeNull();
    expect(engine.answer("and Llama 3.1?", { context: ["llama4-compute"] }).fact).toBeNull();
    // "Future models need more compute": asked of Llama 4, that is its 10x.
    expect(engine.answer("and Llama 4?", { context: ["future-compute"] }).fact).toBe("llama4-compute");
  });
  it("so does a model named with only a question word ('and Llama 4, how many?')", () => {
    expect(engine.answer("w Llama 4 fih kam?", { context: ["llama31-405b"] }).fact).toBeNull();
    expect(engine.answer("وLlama 4 كم بيكون فيه؟", { context: ["llama31-405b"] }).fact).toBeNull();
    expect(engine.answer("and Llama 4, how much?", { context: ["future-compute"] }).fact).toBe("llama4-compute");
  });
  it("'the newer one' steps to the model after the conversation's, in as many words as it takes", () => {
    expect(engine.answer("and the newer one?", { context: ["llama3-release"] }).fact).toBe("llama31-405b");
    expect(engine.answer("والنسخة الجديدة؟", { context: ["llama3-release"] }).fact).toBe("llama31-405b");
    expect(engine.answer("والنسخة المطورة اللي إجت بعدو؟", { context: ["llama3-release"] }).fact).toBe("llama31-405b");
  });
  it("a bare version number in a conversation about a Llama names that Llama", () => {
    for (const question of ["and what about 3.1?", "طيب و 3.1؟"]) expect(engine.answer(question, { context: ["llama3-release"] }).fact, question).toBe("llama31-405b");
    // Written as a version: "v3", "Llama v3".
    expect(engine.answer("and v3.1?", { context: ["llama3-release"] }).fact).toBe("llama31-405b");
    expect(engine.answer("so when did v3 come out?", { context: ["open-source-llama"] }).fact).toBe("llama3-release");
    expect(engine.answer("when did llama v3 come out?").fact).toBe("llama3-release");
    // Not a model in a conversation about spending: a figure.
    expect(engine.answer("and 3.1?", { context: ["q2-capex"] }).fact).not.toBe("llama31-405b");
  });
  it("the conversation's one model holds for a follow-up that names none", () => {
    expect(engine.answer("so when was it released?", { context: ["llama31-405b"] }).fact).toBe("llama31-405b");
  });
  it("a request made of stop words alone asks about the conversation's subject; 'ok' alone asks nothing", () => {
    expect(engine.answer("وقالت إيه بالضبط؟", { context: ["cfo-data-centers"] })).toMatchObject({ fact: "cfo-data-centers", followup: true });
    expect(engine.answer("ok", { context: ["q2-capex"] }).fact).toBeNull();
  });
  it("'a year before' in shorthand and in dialect follows the conversation's figure", () => {
    for (const question of ["n last yr?", "وسنة قبل؟", "w abl b sene?"]) expect(engine.answer(question, { context: ["q2-capex"] }).fact, question).toBe("q2-capex");
  });
  it("a follow-up asking for what the article does not give is declined, not answered with the last fact", () => {
    for (const [question, context] of [
      ["and what did Amazon make of it?", ["announcement"]],
      ["how much is that in euros?", ["q2-capex"]],
      ["which rivals exactly?", ["competition"]],
      ["and how many GPUs will that take?", ["llama4-compute"]],
    ] as const)
      expect(engine.answer(question, { context: [...context] }).fact, question).toBeNull();
  });
  it("a follow-up that refers back keeps the conversation's model even when read alone", () => {
    // The Llama 4 answer names Llama 3 too, but is about Llama 4: the article gives no release for it.
    for (const question of ["when will it be released?", "how many parameters will it have?", "وإمتى هينزل؟", "w emta haynzel?"])
      expect(engine.answer(question, { context: ["llama4-compute"] }).fact, question).toBeNull();
    expect(engine.answer("so when was it released?", { context: ["llama3-release"] }).fact).toBe("llama3-release");
  });
  it("a unit or a question word alone asks about the conversation's subject, or about nothing", () => {
    for (const question of ["in dollars?", "w kam dollar?", "how much exactly?"])
      expect(engine.answer(question, { context: ["training-cost"] }).fact, question).toBeNull();
    expect(engine.answer("in dollars?", { context: ["q2-capex"] }).fact).toBe("q2-capex");
  });
  it("a follow-up naming subjects of its own is answered by them when that reading is the surer", () => {
    expect(engine.answer("So why is Meta building all that capacity now?", { context: ["cfo-data-centers"] }).fact).toBe("build-ahead");
    expect(engine.answer("and Llama 3.1?", { context: ["llama3-release"] }).fact).toBe("llama31-405b");
  });
  it("in a conversation, a message that fits several facts about as well is declined, not guessed", () => {
    const question = "did he give a number for the compute";
    const inConversation = engine.answer(question, { context: ["competition"] });
    expect(inConversation.answered).toBe(false);
    expect(inConversation.score).toBeLessThan(engine.answer(question).score);
  });
  it("one subject of its own is enough for the surer reading alone to win ('and what did the CFO say?')", () => {
    expect(engine.answer("والمديرة المالية قالت إيه؟", { context: ["announcement"] })).toMatchObject({ fact: "cfo-data-centers", followup: false });
  });
  it("'say that again more simply' gives the conversation's last fact again; with none, asks which part", () => {
    for (const question of ["Can you explain that in simpler words?", "مش فاهم، ممكن تبسطها؟", "mafhemtsh, 3idha b tari2a tanya"]) {
      expect(engine.answer(question, { context: ["build-ahead"] }), question).toMatchObject({ fact: "build-ahead", followup: true, answered: true });
      const alone = engine.answer(question);
      expect(alone, question).toMatchObject({ kind: "clarify", fact: null, answered: false });
      expect(alone.suggestions.length, question).toBe(engine.content.facts.length);
    }
    // "More" is no request to say it again: "will it grow more after it?" asks about the subject.
    expect(engine.answer("وهل ستزداد الحاجة أكثر بعده؟", { context: ["announcement"] }).intent).not.toBe("repeat");
  });
  it("a follow-up asking for something else is not answered with the last fact again", () => {
    for (const question of ["any other reason?", "وفي سبب تاني؟"]) expect(engine.answer(question, { context: ["build-ahead"] }).fact, question).not.toBe("build-ahead");
    expect(engine.answer("وفي حد تاني اتكلم؟", { context: ["competition"] }).fact).not.toBe("competition");
    // "The other companies" are the rivals: a subject's own words ask for nothing else.
    expect(engine.explain("what about the other companies?").match.asksOther).toBe(false);
    expect(engine.explain("any other reason?").match.asksOther).toBe(true);
  });
  it("'the version before it' steps along the lexicon's sequence of models", () => {
    for (const question of ["And the version before it?", "والإصدار الذي سبقه؟", "واللي قبلو؟", "w elly ablo?"])
      expect(engine.answer(question, { context: ["llama31-405b"] }), question).toMatchObject({ fact: "llama3-release", followup: true });
    // A subject of its own is no step: "why prepare before it is due?" asks why.
    expect(engine.answer("ولماذا تستعد ميتا لذلك قبل الأوان؟", { context: ["llama4-compute"] }).fact).toBe("build-ahead");
    // After Llama 4 the sequence has no next one: "the models after that one" is the future.
    expect(engine.answer("And the models after that one?", { context: ["llama4-compute"] }).fact).toBe("future-compute");
    // Past the last one, a subject of its own is the future's.
    expect(engine.answer("والموديلات اللي جايين من موراه؟", { context: ["llama4-compute"] }).fact).toBe("future-compute");
    // Stepping from the model the message names, with or without a conversation.
    expect(engine.answer("and after Llama 4?").fact).toBe("future-compute");
    // Before Llama 3 is Llama 2, which the article never names: no fact is asserted.
    expect(engine.answer("and the one before it?", { context: ["llama3-release"] }).fact).toBeNull();
    // A word of the sequence's subject ("size") with the step is still the step.
    expect(engine.answer("واللي قبله كم كان حجمه؟", { context: ["llama31-405b"] }).fact).toBe("llama3-release");
    // The date of the model stepped from is not carried to the next one (April was Llama 3's).
    for (const question of ["والإصدار اللي بعدها؟", "And the version after it?"])
      expect(engine.answer(question, { context: ["llama3-release"] }), question).toMatchObject({ fact: "llama31-405b", followup: true });
  });
  it("'did anyone else speak?' asks about a person the last answer does not name", () => {
    expect(engine.answer("Did anyone else from the company speak on it?", { context: ["llama4-compute"] }).fact).toBe("cfo-data-centers");
    expect(engine.answer("وفي حد تاني من ميتا اتكلم؟", { context: ["announcement"] }).fact).toBe("cfo-data-centers");
  });
  it("a follow-up that both readings answer with the same fact is answered, unless the fact names another of the conversation's entities' kind", () => {
    expect(engine.answer("وهل هذا مكلف؟", { context: ["llama4-compute"] }).fact).toBe("training-cost");
    expect(engine.answer("وإمتى هينزل؟", { context: ["llama4-compute"] }).fact).toBeNull();
  });
  it("a follow-up answered surer alone by a fact the last one names as related moves on to it (the content's related)", () => {
    // "Is that a lot?" of a sum is asked whether it is costly (the lexicon's expensive).
    for (const question of ["is that a lot?", "ده كتير ولا عادي؟", "واش هادشي بزاف؟"]) expect(engine.answer(question, { context: ["q2-capex"] }).fact, question).toBe("training-cost");
    for (const question of ["وده يعتبر غالي؟", "da ghali?"]) expect(engine.answer(question, { context: ["q2-capex"] }), question).toMatchObject({ fact: "training-cost", followup: true });
    // Not when the message names an entity of its own, nor to a fact naming another of the conversation's.
    expect(engine.answer("And Llama 3.1?", { context: ["llama3-release"] }).fact).toBe("llama31-405b");
    expect(engine.answer("when did it come out", { context: ["llama31-405b"] }).fact).not.toBe("llama3-release");
  });
  it("a pronoun's gender says whom a follow-up is about (the lexicon's gender)", () => {
    expect(engine.answer("what is her role?", { context: ["announcement"] }).fact).toBe("cfo-data-centers");
    expect(engine.answer("what is his role?", { context: ["announcement"] }).fact).toBe("announcement");
    expect(engine.answer("what is his role at meta?", { context: ["cfo-data-centers"] }).fact).not.toBe("cfo-data-centers");
  });
  it("'how many times?' after the Llama 4 answer asks for its multiple, not for another fact's figure", () => {
    expect(engine.answer("بشحال ديال المرات؟", { context: ["llama4-compute"] }).fact).toBe("llama4-compute");
    expect(engine.answer("how many times?", { context: ["llama4-compute"] }).fact).toBe("llama4-compute");
  });
  it("'next year' after 'and' or with a preposition is still 2025", () => {
    for (const question of ["والعام الجاي؟", "وما المتوقع للعام المقبل؟"]) expect(engine.answer(question, { context: ["q2-capex"] }).fact, question).toBe("capex-2025");
  });
  it("a naming of a quarter replaces the conversation's year", () => {
    expect(engine.answer("وكم كانت نسبة الزيادة في الربع الثاني؟", { context: ["capex-2025"] }).fact).toBe("q2-capex");
  });
  it("a bare follow-up without a conversation asks which part, with the topics, asserting nothing", () => {
    for (const question of ["why?", "who said that?", "وليش؟", "w leh"]) {
      const answer = engine.answer(question);
      expect(answer, question).toMatchObject({ kind: "clarify", fact: null, answered: false });
      expect(answer.suggestions.length, question).toBe(engine.content.facts.length);
    }
  });
  it("a bare 'by how much?' after a fact that gives only a degree asks for a figure the article does not give", () => {
    for (const question of ["By how much?", "بكم يعني؟"]) {
      expect(engine.answer(question, { context: ["capex-2025"] }), question).toMatchObject({ kind: "decline", fact: null, answered: false });
    }
    // After a fact with a figure, the figure answers it.
    expect(engine.answer("By how much?", { context: ["q2-capex"] }).fact).toBe("q2-capex");
  });
});

describe("a word's sense from its phrase", () => {
  it("'smarter to' build is advice (build ahead); 'smarter than' is model quality, which the article does not cover", () => {
    expect(engine.answer("Why does Zuckerberg think it's smarter to build capacity early?").fact).toBe("build-ahead");
    expect(engine.answer("Is Llama 4 smarter than GPT-4?").fact).toBeNull();
  });
  it("«مصرّ» (insists) is no Egypt, «مهمة» (important) no summary, once the shadda and the taa marbuta are normalised away", () => {
    expect(engine.answer("ليش زوكربيرج مصرّ إنو ميتا ما تتخلّف بسباق تدريب النماذج؟").fact).toBe("competition");
    expect(engine.answer("ليش المنافسة مهمة لميتا؟").kind).not.toBe("summary");
    expect(engine.answer("عطيني المهم فهاد المقال").kind).toBe("summary");
  });
  it("Levantine Arabizi: hwe (he/it) and lal (to the) say nothing, ytawro is 'develop it'", () => {
    expect(engine.answer("shu hwe Llama asasan w meen 3am ytawro?").fact).toBe("open-source-llama");
  });
});

describe("typos", () => {
  it("chat drops the g of -ing, and writes b4 for before", () => {
    expect(engine.answer("y is zuck buildin all this stuff early instead of waitin??").fact).toBe("build-ahead");
    expect(engine.answer("wat did meta release the week b4 the call").fact).toBe("llama31-405b");
    // ...but a dropped g does not make a word off-topic: "eatin" up compute is no food.
    expect(engine.explain("r future models gonna keep eatin more compute").match.features.some((f) => f.kind === "off-topic")).toBe(false);
  });
  it("«الجهة التي تطوره» asks who develops it; «يا ريت» (please) is courtesy, not a subject", () => {
    expect(engine.answer("ومن الجهة التي تطوره؟", { context: ["open-source-llama"] }).fact).toBe("open-source-llama");
    expect(engine.answer("hi, can you give me the summary يا ريت").kind).toBe("summary");
  });
  it("Arabizi negation written apart ('ma tt2a55arsh') keeps the verb; '2aalet' (she said) is no decrease", () => {
    const ids = (question: string) => engine.explain(question).match.features.map((f) => f.id);
    expect(ids("wach zuckerberg gal beli meta khasha ma tt2a55arsh 3la lmonafisin dyalha?")).toContain("late");
    expect(ids("smi3t en el CFO bta3et meta et kallemet. 2aalet eh 3an khotat el sharika?")).not.toContain("decrease");
  });
  it("«صاحبي» (my friend) in a preamble is no chief executive", () => {
    expect(engine.explain("صاحبي كيقول بلي ميتا كتبني البنية قبل الوقت. علاش زوكربيرج قال خاصهم يوجدو من دابا؟").match.context.map((f) => f.id)).not.toContain("ceo");
  });
  it("an Arabizi verb with its object pronoun is the verb ('sarafouha', they spent it)", () => {
    expect(engine.explain("w 3ala shu sarafouha fel Q2?").match.features.map((f) => f.id)).toContain("spending");
    expect(engine.answer("w 3ala shu sarafouha fel Q2?", { context: ["capex-2025"] }).fact).toBe("q2-capex");
  });
  it("Arabizi 'feeh' (in it) points back: the conversation's model holds", () => {
    expect(engine.answer("feeh kam parameter?", { context: ["llama31-405b"] }).fact).toBe("llama31-405b");
  });
  it("chat spellings of a follow-up ('frm wat', 'nd last yr', 'el sene elli 2ablha') ask about the conversation's figure", () => {
    expect(engine.answer("frm wat", { context: ["q2-capex"] })).toMatchObject({ fact: "q2-capex", followup: true });
    expect(engine.answer("nd last yr?", { context: ["q2-capex"] })).toMatchObject({ fact: "q2-capex", followup: true });
    // «بالزبط» is «بالضبط» (exactly): the 2025 fact gives no figure.
    expect(engine.answer("وقديش بالزبط؟", { context: ["capex-2025"] }).fact).toBeNull();
    expect(engine.answer("w el sene elli 2ablha?", { context: ["q2-capex"] })).toMatchObject({ fact: "q2-capex", followup: true });
  });
  it("a short English word is not guessed to be an Arabizi one ('keep' is not 'keef', how)", () => {
    const ids = (question: string) => engine.explain(question).match.features.map((f) => f.id);
    expect(ids("Does Meta keep Llama open?")).not.toContain("q:how");
    // A longer one still is: an Arabizi word in a message read as English.
    expect(ids("izayak")).toContain("greeting");
  });
  it("common words are not taken for near spellings of the content's ('add' is no Arabizi 'ad', how much; 'rank' no 'racks'; «لما» no Llama)", () => {
    const ids = (question: string) => engine.explain(question).match.features.map((f) => f.id);
    expect(ids("What did Susan Li add about building capacity?")).not.toContain("q:quantity");
    expect(ids("where does Llama 3.1 405B rank among Meta's models?")).not.toContain("infrastructure");
    expect(ids("شو كان حجم لاما 3 لما نزل؟")).not.toContain("llama");
  });
  it("Levantine «منو» after a word is «منه» (of it), not the Gulf «منو» (who) that opens a clause", () => {
    const ids = (question: string) => engine.explain(question).match.features.map((f) => f.id);
    expect(ids("وشو أكبر نسخة منو؟")).not.toContain("q:who");
    expect(engine.answer("وشو خايف منو؟", { context: ["build-ahead"] }).fact).toBe("competition");
    expect(ids("منو قال إن Llama 4 يبي عشر أضعاف الحوسبة؟")).toContain("q:who");
    expect(engine.answer("ومنو يطوره؟", { context: ["open-source-llama"] }).fact).toBe("open-source-llama");
  });
  it("«بعد» (after) right before a numbered model is the future; elsewhere it is a stop word", () => {
    const ids = (question: string) => engine.explain(question).match.features.map((f) => f.id);
    expect(engine.answer("وبعد Llama 4 شو؟", { context: ["announcement"] }).fact).toBe("future-compute");
    expect(ids("هل ستحتاج النماذج بعد لاما ٤ إلى حوسبة أكثر؟")).toContain("future");
    expect(ids("عندي اجتماع بعد شوية، اعطني أهم النقاط")).not.toContain("future");
  });
  it("the quarter that passed is Q2 2024, in Arabic as in English ('last quarter')", () => {
    expect(engine.answer("طب والربع اللي فات صرفوا كام؟", { context: ["capex-2025"] }).fact).toBe("q2-capex");
    expect(engine.answer("ok wat about their capex last qtr", { context: ["llama4-compute"] }).fact).toBe("q2-capex");
  });
});

describe("a trend asked about in other words", () => {
  it.each([
    ["Will the compute needs of future models level off?", "future-compute"],
    ["does meta think training compute will plateau", "future-compute"],
    ["هل ستتباطأ حاجة النماذج القادمة إلى الحوسبة؟", "future-compute"],
  ])("%s → %s (a slowing down is the lexicon's decrease, corrected by the fact)", (question, fact) => {
    expect(engine.explain(question).match.features.map((f) => f.id)).toContain("decrease");
    expect(engine.answer(question).fact).toBe(fact);
  });
});

describe("jobs cut to pay for it", () => {
  it("are the off-topic headcount, not a role: no fact", () => {
    expect(engine.answer("Did Zuckerberg say Meta will cut jobs to pay for all the AI spending?").fact).toBeNull();
    expect(engine.answer("هل ستقوم ميتا بتسريح موظفين لتمويل الذكاء الاصطناعي؟").fact).toBeNull();
    expect(engine.answer("what is his job at meta?", { context: ["announcement"] }).fact).toBe("announcement");
  });
});

describe("a definition asked for", () => {
  it("is answered only by a fact that gives one (its answers: definition)", () => {
    for (const question of ["What's an inference project, anyway?", "What does capex even mean?"]) expect(engine.answer(question).fact, question).toBeNull();
    expect(engine.answer("define llama").fact).toBe("open-source-llama");
    expect(engine.explain("What's an inference project, anyway?").match.asked).toEqual(new Set(["definition"]));
  });
  it("what a name stands for is no definition: no fact gives it", () => {
    for (const question of ["wat does llama even stand for", "What does LLM stand for?", "لاما اختصار لايه؟"]) expect(engine.answer(question).fact, question).toBeNull();
    expect(engine.answer("what does llama even mean").fact).toBe("open-source-llama");
  });
});

describe("an entity compared with", () => {
  it("is not what is asked about (the lexicon's compares: like, مثل, زي)", () => {
    for (const question of ["is llama closed source like gpt4", "هل Llama نموذج مغلق مثل GPT-٤؟"]) {
      const explained = engine.explain(question);
      expect(explained.match.features.map((f) => f.id), question).not.toContain("model:gpt");
      expect(explained.answer.fact, question).toBe("open-source-llama");
    }
    // Asked about in its own right, the rival's model is still one the article never compares.
    expect(engine.answer("Is Llama better than GPT-4?").fact).toBeNull();
  });
});

describe("a phrase read across stop words", () => {
  it("spans at most two of them: 'how much did it cost' is no 'how costly'", () => {
    const explained = engine.explain("How much did it cost to train Llama 3?");
    expect(explained.match.features.map((f) => f.id)).not.toContain("expensive");
    // It asks for a sum of money, which the article does not give.
    expect(explained.answer.fact).toBeNull();
  });
});

describe("a phrase and the one after it", () => {
  it("a phrase as written is read before one that begins after it («من هي | الشركات المنافسة»)", () => {
    const ids = engine.explain("ومن هي الشركات المنافسة المقصودة؟").match.features.map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining(["q:who", "competition"]));
    // Asked to name the rivals, which the article leaves unnamed: no fact.
    expect(engine.answer("ومن هي الشركات المنافسة المقصودة؟", { context: ["industry-impact"] }).fact).toBeNull();
  });
});

describe("the rivals in other words", () => {
  it("'the other big firms' are the competition, not the largest model", () => {
    const question = "why does meta feel it has to keep up w the other big firms";
    expect(engine.explain(question).match.features.map((f) => f.id)).not.toContain("largest");
    expect(engine.answer(question).fact).toBe("competition");
  });
});

describe("words of two meanings take the one the rest of the question gives", () => {
  it.each([
    // drop: a release the week before the call; said on the call; a fall otherwise.
    ["wat did meta drop the week b4 the call", "llama31-405b"],
    ["did zuck drop the llama 4 compute number on an earnings call", "announcement"],
    // نزل: came out, with a model; went down otherwise.
    ["ليش ميتا نزلت Llama 3.1 بعد شهرين من المكالمة؟", "llama31-405b"],
    // طلع: came out (a release) when asked when; went up otherwise.
    ["لاما 3 طلع إمتى؟", "llama3-release"],
    ["ليش طلعت النفقات الرأسمالية هيك في الربع التاني؟", "q2-capex"],
  ])("%s → %s", (question, fact) => {
    expect(engine.answer(question).fact).toBe(fact);
  });
  it("the conversation gives the sense too: after a model, 'when did it come out?'", () => {
    expect(engine.answer("وأيمتى نزل؟", { context: ["llama31-405b"] }).fact).toBe("llama31-405b");
  });
});

describe("odd messages never crash the engine", () => {
  it.each([
    ["empty", ""],
    ["spaces", "   \n\t "],
    ["emoji", "🤖🔥🔥"],
    ["bidi and zero-width only", "\u200F\u202E\u2066\u200B"],
    ["control characters", "\u0000\u0007\u001B[31m"],
    ["a huge message", "capex ".repeat(20_000)],
    ["unpaired surrogate", "\uD800 llama"],
    ["names of object properties", "constructor toString __proto__ hasOwnProperty valueOf prototype"],
  ])("%s", (_name, text) => {
    const answer = engine.answer(text);
    expect(typeof answer.reply).toBe("string");
    expect(answer.reply.length).toBeGreaterThan(0);
    expect(answer.score).toBeGreaterThanOrEqual(0);
    expect(answer.score).toBeLessThanOrEqual(1);
  });

  it("survives 3,000 random messages mixing scripts, digits, symbols and control characters", () => {
    // A seeded generator: the same messages on every run, so a failure can be replayed.
    let seed = 20_240_731;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const pieces = ["ا", "ل", "م", "ة", "ى", "ٌ", "ـ", "٣", "۴", "٫", "٪", "a", "Z", "7", "3", ".", ",", "%", "$", "-", "'", " ", "\n",
      "\u200f", "\u202e", "\u0000", "😀", "\uD83D", "llama", "لاما", "q2", "constructor", "__proto__", "capex", "ال", "ـcapex"];
    for (let i = 0; i < 3_000; i++) {
      let text = "";
      const length = Math.floor(random() * 40);
      for (let k = 0; k < length; k++) text += pieces[Math.floor(random() * pieces.length)];
      const answer = engine.answer(text);
      expect(answer.reply.length, JSON.stringify(text)).toBeGreaterThan(0);
    }
  });

  it("reads a message only as far as Telegram's 4,096 characters, however long it is", () => {
    const question = "How much compute will Llama 4 need?";
    const long = `${question} ${"and more words that follow it ".repeat(400_000)}`;
    const answer = engine.answer(long);
    expect(answer.question).toBe(long.slice(0, MAX_QUESTION_CHARS));
    expect(answer.reply.length).toBeGreaterThan(0);
    // One 10,000-letter token: no typo correction of it, so no time lost on it.
    expect(engine.answer(`${question} ${"x".repeat(10_000)}`).reply.length).toBeGreaterThan(0);
  });

  it("asks for a question in text when there is nothing to read", () => {
    expect(engine.answer("🤖").kind).toBe("empty");
    expect(engine.answer("🤖", { fallbackLang: "ar" }).reply).toMatch(/أرسل/);
  });
});

describe("confidence", () => {
  it("is higher for a clear question than for a vague one", () => {
    const clear = engine.answer("What was Meta's capital expenditure in Q2 2024?");
    const vague = engine.answer("What about the money thing then?");
    expect(clear.score).toBeGreaterThan(vague.score);
  });
});

describe("the question in a long message", () => {
  it.each([
    ["My team is picking a base model for a hackathon and we argued about this all morning. So settle it: when did Llama 3 come out?", "llama3-release"],
    ["عندي عرض بكرة قدام المدير ومحتاج الرقم مظبوط. ميتا صرفت كام في الربع التاني؟", "q2-capex"],
    ["I'm not into sports or weather talk, I only follow AI. Who said Llama 4 will need ten times the compute?", "announcement"],
    // Nothing marks the ask: it is the last sentence; a greeting's question mark does not make it the ask.
    ["My train leaves in five minutes. Meta's capex for Q2 2024 in one line", "q2-capex"],
    ["أهلين، شو أخبارك؟ حابب أفهم ليش ميتا عم تبني قدرات بكير", "build-ahead"],
  ])("a sentence or two of context first does not hide the question: %s", (question, fact) => {
    expect(engine.answer(question).fact).toBe(fact);
  });
  it.each([
    ["I work at a software company and we argued about Meta's models over lunch, how much compute will Llama 4 need?", "llama4-compute"],
    ["اشتغلت على تدريب نماذج صغيرة في مختبر الجامعة لمدة سنتين، فكم مرة تزيد حوسبة تدريب لاما ٤ عن لاما ٣؟", "llama4-compute"],
    ["ana lessa 5ales mozakra mali, w 3ayez a3raf el capex bta3 meta fel rob3 el tany kan kam?", "q2-capex"],
  ])("a clause of context before the question, in the same sentence, does not hide it: %s", (question, fact) => {
    expect(engine.answer(question).fact).toBe(fact);
  });
  it.each([
    ["first time I hear of this call today. tell me what the cfo said about data centres", "cfo-data-centers"],
    ["كنت بقرا عن الموضوع في الترام وفصل النت 😅 قولي مين اللي قال إن لاما 4 هتحتاج حوسبة أكتر بعشر مرات", "announcement"],
    ["المدير بتاعي، مش فاكر اسمه، قال حاجة غريبة، سوزان لي قالت إيه عن مراكز البيانات؟", "cfo-data-centers"],
  ])("a request or an interrogative the lexicon keeps as a stop word (tell me, what, قولي, إيه) marks the part that asks: %s", (question, fact) => {
    expect(engine.answer(question).fact).toBe(fact);
  });
  it.each([
    ["my bro keeps sayin meta spent like 8 billion last quarter on servers lol is that real what was the actual capex number", "q2-capex"],
    ["been arguing with my roommate all night about big tech spending so who said llama 4 needs ten times the compute", "announcement"],
  ])("in English without commas, the question starts at a question word after the context: %s", (question, fact) => {
    expect(engine.answer(question).fact).toBe(fact);
  });
  it("but a question word right after a few words, or after a question of its own, does not cut the question", () => {
    expect(engine.answer("how much compute will llama 4 need and who said it").fact).toBe("llama4-compute");
    // Arabic dialects put the question word after the subject: never cut there.
    expect(engine.answer("الـ parameters بتاعة Llama 3 كانت كام وقت ما نزل؟").fact).toBe("llama3-release");
  });
  it("a question that points back and names no topic of its own asks about the sentence before", () => {
    expect(engine.answer("I read that Meta is putting up capacity before it needs it. Why is that, what reason did Zuckerberg give?").fact).toBe("build-ahead");
    // What the sentence before says is the subject, words the article does not cover included.
    expect(engine.answer("Meta's stock jumped 10%. Why?").fact).toBeNull();
  });
  it("but what follows the asking clause is still part of the question", () => {
    expect(engine.answer("Who is Susan Li, and where did she work before joining Meta?").fact).toBeNull();
    expect(engine.answer("من هي سوزان لي، وما مسيرتها المهنية قبل انضمامها إلى ميتا؟").fact).toBeNull();
  });
  it("context about something the article does not cover does not turn the question into a decline", () => {
    expect(engine.answer("Our revenue team hates me. Anyway, how much did Meta's capex rise in Q2?").fact).toBe("q2-capex");
  });
  it("but a question about what the article does not cover, after on-topic context, is still declined", () => {
    expect(engine.answer("I read the article about Llama 4's compute. How many employees does Meta have?").answered).toBe(false);
  });
});

describe("what a fact leaves unnamed or never speaks of", () => {
  it("a rival named in the question is not one the article names: declined, not 'corrected'", () => {
    for (const question of ["Is Google one of the rivals he meant?", "Is OpenAI a competitor Meta worries about?", "Why can't Meta fall behind Google?"])
      expect(engine.answer(question).fact, question).toBeNull();
    // While a company named in another fact's place is still corrected.
    expect(engine.answer("Did Microsoft make Llama?")).toMatchObject({ fact: "open-source-llama" });
  });
  it("the future is not answered by what was released", () => {
    for (const question of ["when will the next version be released?", "متى النسخة القادمة من لاما؟", "وإمتى يخرج الموديل الجاي؟"])
      expect(engine.answer(question).fact, question).toBeNull();
    expect(engine.answer("How much more compute will the next Llama need?").fact).toBe("llama4-compute");
    // An entity the intent has anchors it, the future notwithstanding.
    expect(engine.answer("Llama 4 is coming. Who said that?").fact).toBe("announcement");
  });
});

describe("answer types: a question asking for what no fact gives is declined", () => {
  it.each([
    "Where did Susan Li work before Meta?",
    "ما المنصب الذي شغلته سوزان لي قبل انضمامها إلى ميتا؟",
    "How many GPUs will Llama 4 be trained on?",
    "How many servers does Meta have?",
    "كم مركز بيانات عند ميتا؟",
    "What was the dollar cost of training Llama 3.1?",
    "How much did it cost in $ to train Llama 3?",
    "Which companies are Meta's rivals, by name?",
    "When is Llama 4 going to be released?",
    "How many parameters will Llama 4 have?",
    "كم تكلفة تدريب Llama 4 بالدولار؟",
    "وش أسماء الشركات المنافسة لميتا؟",
    "كم عدد الموظفين في مراكز بيانات ميتا؟",
    // A typo as close to an off-topic subject (stock) as to anything else is not guessed.
    "whats the stok price of meta",
    // A part of a total the article gives only whole.
    "How did Meta's Q2 capex split between servers, data centers and networking?",
    "كم أنفقت ميتا على الخوادم وحدها؟",
    // Names of what the fact leaves unnamed (data/facts.json, unnamed).
    "Which data centre projects is Meta studying?",
    "شو اسم مراكز البيانات اللي عم تبنيها ميتا؟",
  ])("%s", (question) => {
    const answer = engine.answer(question);
    expect(answer.fact, answer.reply).toBeNull();
  });
  it("while the same subjects asked for what the facts give are answered", () => {
    expect(engine.answer("How many times more compute does Llama 4 need?").fact).toBe("llama4-compute");
    expect(engine.answer("When did Llama 3 come out?").fact).toBe("llama3-release");
    expect(engine.answer("Who said Llama 4 needs 10x the compute?").fact).toBe("announcement");
    expect(engine.answer("How much did Meta spend on capex in Q2, in dollars?").fact).toBe("q2-capex");
    expect(engine.answer("Which CFO talked about data centres?").fact).toBe("cfo-data-centers");
  });
});

describe("courtesy, identity and questions without a subject", () => {
  it.each(["السلام عليكم", "السلام عليكم ورحمة الله", "salam 3alaykom", "salam 3alekom, keefak?", "Assalamu alaikum"])("the Islamic greeting %s is answered in kind", (greeting) => {
    const answer = engine.answer(greeting);
    expect(answer).toMatchObject({ kind: "greeting", fact: null });
    expect(answer.reply).toMatch(/^(وعليكم السلام|Wa alaikum assalam)/);
  });
  it("any other greeting gets the usual one", () => {
    expect(engine.answer("مرحبا").reply).toBe(engine.content.messages.greeting.ar);
  });
  it.each(["who are you?", "مين انت؟", "شكون نتا؟", "منو انت؟", "enta meen?"])("%s is help, not a fact", (question) => {
    expect(engine.answer(question)).toMatchObject({ kind: "help", fact: null });
  });
  it.each(["why?", "and why?", "ليش؟", "وليش؟", "how much?", "and then?"])("%s alone asks which part, with every topic as a button", (question) => {
    const answer = engine.answer(question);
    expect(answer).toMatchObject({ kind: "clarify", fact: null, answered: false });
    expect(answer.suggestions.map((s) => s.intent)).toEqual(engine.content.facts.map((f) => engine.content.intents.find((i) => i.fact === f.id)!.id));
  });
});

describe("yes/no questions and wrong premises", () => {
  const opens = (question: string) => engine.answer(question).reply.split(":")[0];
  it("a person the article never names is corrected where the question states them, declined where it asks about them", () => {
    expect(engine.answer("Why did Sundar Pichai say Llama 4 needs 10x the compute?")).toMatchObject({ fact: "llama4-compute" });
    expect(opens("Why did Sundar Pichai say Llama 4 needs 10x the compute?")).toBe("Not Sundar Pichai, according to the article");
    expect(engine.answer("Is Elon Musk Meta's CFO?")).toMatchObject({ fact: "cfo-data-centers" });
    expect(opens("Is Elon Musk Meta's CFO?")).toBe("Not Elon Musk, according to the article");
    for (const question of ["Who is Sam Altman?", "How old is Elon Musk?", "مين هو سام التمان؟"]) expect(engine.answer(question).fact, question).toBeNull();
  });
  it.each([
    ["Did Meta say capex will rise in 2025?", "capex-2025"],
    ["Is Llama open source?", "open-source-llama"],
    ["Is capex up 33% in Q2?", "q2-capex"],
    ["هل Llama مفتوح المصدر؟", "open-source-llama"],
  ])("%s → Yes, and the fact", (question, fact) => {
    const answer = engine.answer(question);
    expect(answer.fact).toBe(fact);
    expect(answer.reply).toMatch(/^(Yes|نعم): /);
  });
  it.each([
    ["Is Llama closed source?", /^Not closed source, according to the article: /],
    ["Why did Meta make Llama proprietary?", /^Not proprietary, according to the article: /],
    ["هل Llama مغلق المصدر؟", /^ليس مغلق المصدر بحسب المقال: /],
  ])("%s: the opposite of what the fact says is corrected, never answered Yes", (question, opening) => {
    const answer = engine.answer(question);
    expect(answer.fact).toBe("open-source-llama");
    expect(answer.reply).toMatch(opening);
  });
  it("a number written as a word is a figure like its digits, and corrected", () => {
    expect(engine.answer("Why does Llama 4 need five times the compute of Llama 3?").reply).toMatch(/^The article says 10x, not 5x: /);
    expect(engine.answer("ليش Llama 4 بدو خمس أضعاف الحوسبة؟").reply).toMatch(/^يذكر المقال 10 أضعاف وليس 5 أضعاف: /);
  });
  it("a day of the week other than the call's is corrected, as a quarter is", () => {
    for (const [question, opening] of [
      ["Did Zuckerberg announce it on a Thursday?", /^Not Thursday, according to the article: /],
      ["هل صرح زوكربيرج بذلك يوم الخميس؟", /^ليس الخميس بحسب المقال: /],
    ] as const) {
      const answer = engine.answer(question);
      expect(answer.fact, question).toBe("announcement");
      expect(answer.reply, question).toMatch(opening);
    }
    // "A week before the call", in Levantine, is no Friday.
    expect(engine.answer("شو النسخة يلي طلّعتها ميتا قبل المكالمة بجمعة؟").fact).toBe("llama31-405b");
  });
  it("a statement asked with a question mark claims what it says: its premise is corrected", () => {
    const answer = engine.answer("so zuck said this at the q1 call on friday?");
    expect(answer.fact).toBe("announcement");
    expect(answer.reply).toMatch(/^Not Q1, Friday, according to the article: /);
    // Asking for another period's value claims nothing: the article does not say.
    for (const question of ["What was Meta's capital expenditure in the first quarter of 2024?", "ما خطط ميتا للإنفاق الرأسمالي في عام 2026؟"])
      expect(engine.answer(question).fact, question).toBeNull();
    expect(engine.answer("w fel Q3?", { context: ["q2-capex"] }).fact).toBeNull();
  });
  it("a claim the fact's answer does not state gets no Yes, in any language", () => {
    for (const question of ["هل ستنخفض النفقات الرأسمالية في 2025؟", "Will capex fall in 2025?"]) {
      const answer = engine.answer(question);
      expect(answer.fact, question).toBe("capex-2025");
      expect(answer.reply, question).not.toMatch(/^(Yes|نعم)/);
    }
  });
  it.each([
    "Does Llama 4 need less compute than Llama 3?",
    "Is training cheap?",
    "Is Susan Li the CEO?",
    "Does Llama 3 have 80 billion parameters?",
  ])("%s → the fact, never a Yes to a claim it does not make", (question) => {
    expect(engine.answer(question).reply).not.toMatch(/^(Yes|نعم)/);
  });
  it.each([
    ["Why does Llama 4 need 5x the compute?", "llama4-compute", "The article says 10x, not 5x"],
    ["Is capex up 50%?", "q2-capex", "The article says 33%, not 50%"],
    ["Was Meta's capex $9 billion in Q2?", "q2-capex", "The article says $8.5 billion, not $9 billion"],
    ["ليش Llama 4 رح يحتاج 100 ضعف الحوسبة؟", "llama4-compute", "يذكر المقال 10 أضعاف وليس 100 أضعاف"],
    ["هل زادت النفقات الرأسمالية ٥٠٪؟", "q2-capex", "يذكر المقال 33% وليس 50%"],
  ])("%s → the right fact, opening with the correction", (question, fact, correction) => {
    const answer = engine.answer(question);
    expect(answer.fact).toBe(fact);
    expect(opens(question)).toBe(correction);
  });
  it.each([
    ["Did Zuckerberg say that on the Q3 earnings call?", "announcement", "Not Q3, according to the article"],
    ["هل أعلن زوكربيرج عن حوسبة Llama 4 خلال مكالمة أرباح الربع الثالث؟", "announcement", "ليس الربع الثالث بحسب المقال"],
    ["Zuckerberg said it on the Q1 call, right? Where exactly?", "announcement", "Not Q1, according to the article"],
    ["Did Llama 3 come out in October?", "llama3-release", "Not October, according to the article"],
    ["Did Microsoft make Llama?", "open-source-llama", "Not Microsoft, according to the article"],
    // 80 billion is a size, not a value of a period: the year is what is wrong.
    ["Did Llama 3 come out in 2023 with 80 billion parameters?", "llama3-release", "Not 2023, according to the article"],
    ["لاما 3 نزل في شباط، مش كده؟", "llama3-release", "ليس شباط بحسب المقال"],
    ["سمعت إنو Llama 3 طلع بشهر آذار، مزبوط؟", "llama3-release", "ليس اذار بحسب المقال"],
    ["أعلن زوكربيرج ذلك في مكالمة الربع الرابع، أليس كذلك؟", "announcement", "ليس الربع الرابع بحسب المقال"],
  ])("a yes/no question naming a quarter the article never names is corrected: %s", (question, fact, correction) => {
    expect(engine.answer(question).fact).toBe(fact);
    expect(opens(question)).toBe(correction);
  });
  it.each([
    ["Why did Meta's capex jump so much in Q3?", "q2-capex", "Not Q3, according to the article"],
    ["Did capex rise 50% to $12 billion in Q3?", "q2-capex", "Not Q3, according to the article"],
    ["Did Zuckerberg announce the 10x figure on the Q4 call?", "announcement", "Not Q4, according to the article"],
    ["ليش حكى زوكربيرغ عن حوسبة لاما 4 بمكالمة الربع الرابع؟", "announcement", "ليس الربع الرابع بحسب المقال"],
  ])("so is a why-question that presupposes such a quarter: %s", (question, fact, correction) => {
    expect(engine.answer(question).fact).toBe(fact);
    expect(opens(question)).toBe(correction);
  });
  it.each([
    ["Did Susan Li say Llama 4 will need 10x the compute?", /^(llama4-compute|announcement)$/, "Not Susan Li, according to the article"],
    ["هل قال زوكربيرج إن ميتا تدرس مشاريع مراكز بيانات؟", /^cfo-data-centers$/, "ليس زوكربيرج بحسب المقال"],
  ])("a person the fact does not name is corrected by the one it names: %s", (question, fact, correction) => {
    expect(engine.answer(question).fact).toMatch(fact);
    expect(opens(question)).toBe(correction);
  });
  it("while a question asking what happened in that quarter is declined", () => {
    expect(engine.answer("How much was Meta's capex in Q3?").fact).toBeNull();
    expect(engine.answer("What did Zuckerberg say on the Q3 call?").fact).toBeNull();
    // An intent's example may put a wrong quarter to its fact; that does not make the quarter the article's.
    expect(engine.answer("How much did Meta spend on capex in Q1 2024?").fact).toBeNull();
    // With a figure, the quarter is what is asked: the article does not give Q1's capex.
    expect(engine.answer("Did capex reach $8.5 billion in Q1 as well?").fact).toBeNull();
  });
  it("a period a fact's figure is of (its 'of': Q2 2023, 'a year earlier') is that fact's, and still a premise for the others", () => {
    expect(engine.answer("How much was Meta's capex in Q2 2023?").fact).toBe("q2-capex");
    expect(engine.answer("كم كانت نفقات ميتا الرأسمالية في الربع الثاني من ٢٠٢٣؟").fact).toBe("q2-capex");
    expect(engine.answer("How much was capex in Q3 2023?").fact).toBeNull();
    // Part of that period is none the fact gives; still corrected where a question presupposes it.
    expect(engine.answer("How much was Meta's capex in 2023?").fact).toBeNull();
    expect(opens("Why did capex rise only 10% in Q1 2023?")).toBe("Not Q1, 2023, according to the article");
    expect(opens("Why was Llama 3 released in 2023?")).toBe("Not 2023, according to the article");
    // The 33% is Q2 2024's: not confirmed of Q2 2023.
    expect(engine.answer("Did capex rise 33% in Q2 2023?").reply).not.toMatch(/^Yes/);
    // A whole year is no quarter's: the article gives no full-year capex.
    expect(engine.answer("What is Meta's full-year capex guidance for 2024?").fact).toBeNull();
  });
  it("what a fact names without saying what it is is not answered with it (its 'unexplained': an inference project)", () => {
    expect(engine.answer("what exactly is an inference project?").fact).toBeNull();
    expect(engine.answer("wat r inference projects anyway", { context: ["build-ahead"] }).fact).toBeNull();
    // What the fact says of it still answers.
    expect(engine.answer("why does a new inference project take so long to prepare?").fact).toBe("build-ahead");
  });
  it("a choice between alternatives is answered with the fact, not 'Yes' (the lexicon's either: or, أم)", () => {
    expect(engine.answer("is capex going up or down in 2025?")).toMatchObject({ fact: "capex-2025" });
    expect(engine.answer("is capex going up or down in 2025?").reply).not.toMatch(/^Yes/);
    expect(engine.answer("هل ستزيد النفقات الرأسمالية في 2025 أم ستنخفض؟").reply).not.toMatch(/^نعم/);
    expect(engine.answer("Will capex go up in 2025?").reply).toMatch(/^Yes: /);
  });
  it("a figure that agrees is not corrected, nor is a number of another unit", () => {
    expect(engine.answer("Did capex rise 33% to $8.5 billion?").reply).toMatch(/^Yes: /);
    expect(engine.answer("How much compute will Llama 4 need?").reply).not.toMatch(/^The article says/);
  });
});

describe("a greeting before a question", () => {
  it("is not what is asked when the question is about the article itself ('yo whats this article about')", () => {
    expect(engine.answer("yo whats this article even about").kind).toBe("summary");
    expect(engine.answer("Hello, how are you today?").kind).toBe("greeting");
  });
  it.each([
    ["السلام عليكم، كم بلغت النفقات الرأسمالية في الربع الثاني؟", "q2-capex"],
    ["Hi there! Who said Llama 4 will need 10x the compute?", "announcement"],
    ["salam 3alaykom, kam el capex fel rob3 el tani?", "q2-capex"],
  ])("is not part of what is asked: %s", (question, fact) => {
    expect(engine.answer(question).fact).toBe(fact);
  });
  it("while a greeting that asks nothing is a greeting", () => {
    expect(engine.answer("Good morning! I'd like to chat about the Meta article").kind).toBe("greeting");
  });
});

describe("what a yes/no question claims", () => {
  it("is not answered by a fact that states none of it, however many examples share its words", () => {
    // The competition fact's examples speak of Llama 4 and open source; its answer states neither.
    expect(engine.explain("did meta say llama 4 will be open source").answer.fact).not.toBe("competition");
    const explained = engine.explain("did meta say llama 4 will be open source");
    const competition = explained.match.ranked.find((c) => c.intent.fact === "competition")!;
    expect(competition.parts?.penalties.map((p) => p.why)).toContain("a yes/no question claiming only what its fact does not state");
  });
  it("while the fact that states it answers, and a premise close to an example is still corrected", () => {
    expect(engine.answer("Did Meta say capex will rise in 2025?").fact).toBe("capex-2025");
    expect(engine.answer("Since Llama 3.1 has 405 billion parameters, is it Meta's largest open-source model?").fact).toBe("llama31-405b");
    expect(engine.answer("Did Zuckerberg say this at a developer conference?").fact).toBe("announcement");
  });
  it("a question with a word asking what is no yes/no question, whatever its first or last words", () => {
    expect(engine.explain("What day of the week was that?").match.yesNo).toBe(false);
    expect(engine.explain("هو زوكربيرج قال إيه عن Llama 4؟").match.yesNo).toBe(false);
    expect(engine.explain("was it on a tuesday?").match.yesNo).toBe(true);
    // «واش» is Maghrebi "is it…?", not و + «اش» (what).
    expect(engine.explain("واش زوكربيرج قال هادشي؟").match.yesNo).toBe(true);
  });
});

describe("words that ask", () => {
  it("after و (and): «وشنو قالت؟» asks what she said", () => {
    expect(engine.answer("وشنو قالت؟", { context: ["cfo-data-centers"] })).toMatchObject({ fact: "cfo-data-centers", followup: true });
  });
  it("make a message with thanks in it a request, not a thank-you", () => {
    expect(engine.answer("عطيني الخلاصة ديال المقال الله يخليك").kind).toBe("summary");
    expect(engine.answer("الله يخليك").kind).toBe("thanks");
  });
  it("a unit naming one kind says what a how-many asks: a percentage", () => {
    expect([...(engine.explain("up by how many %").match.asked ?? [])]).toEqual(["percentage"]);
    // «نسبة» is any ratio in Arabic: the 10x compute is one too.
    expect(engine.answer("شو نسبة الحوسبة يلي بيحتاجها لاما ٤ قياساً بلاما ٣؟").fact).toBe("llama4-compute");
  });
});

describe("past the last model", () => {
  it("a step asks about the fact of what comes after, the lexicon's beyond", () => {
    for (const question of ["and after Llama 4?", "what comes after llama 4?"]) expect(engine.answer(question).fact, question).toBe("future-compute");
    expect(engine.answer("and the ones after it?", { context: ["llama4-compute"] }).fact).toBe("future-compute");
  });
  it("while naming where a step lands asks about that model itself: the article gives no size of Llama 4", () => {
    expect(engine.answer("And the next one, Llama 4, how big will it be?", { context: ["llama31-405b"] }).fact).toBeNull();
  });
});

describe("chat spellings and clitics", () => {
  it("tht is that; «وبـ2025» is and-in 2025, in Arabic", () => {
    expect(engine.answer("who said tht", { context: ["llama4-compute"] }).fact).toBe("announcement");
    expect(engine.answer("وبـ2025؟", { context: ["q2-capex"] })).toMatchObject({ fact: "capex-2025", lang: "ar" });
  });
});

describe("a subject that belongs to someone", () => {
  it("a role without the person it is of is the conversation's person's (the lexicon's holder)", () => {
    expect(engine.answer("وما منصبه في الشركة؟", { context: ["announcement"] })).toMatchObject({ fact: "announcement", followup: true });
    expect(engine.answer("what is her job at Meta?", { context: ["cfo-data-centers"] })).toMatchObject({ fact: "cfo-data-centers" });
  });
  it("while a role with its person named stands alone", () => {
    expect(engine.answer("What is Susan Li's role?", { context: ["announcement"] })).toMatchObject({ fact: "cfo-data-centers", followup: false });
  });
});

describe("the clause that asks in a long Arabic message", () => {
  it("a wish to know («أود معرفة») asks: the clause before it is context", () => {
    const explained = engine.explain("أدرس الاقتصاد، وأود معرفة ما الذي يعنيه استثمار ميتا لصناعة التكنولوجيا");
    expect(explained.match.sentences?.map((s) => s.asks)).toEqual([false, true]);
    expect(explained.answer.fact).toBe("industry-impact");
  });
  it("the units of a stated figure ask nothing: «٨٫٥ مليار دولار» in a why-question", () => {
    // "Costly" asks a degree (or a sum); the dollars of 8.5 billion do not narrow it to money.
    expect([...(engine.explain("لماذا يعد التدريب مكلفا لدرجة أن الإنفاق قفز إلى ٨٫٥ مليار دولار؟").match.asked ?? [])]).toEqual(["degree", "money"]);
  });
});

describe("a precise value asked for", () => {
  it("is not answered by a fact that gives only a degree («بالضبط», exactly)", () => {
    expect(engine.answer("how pricey exactly is it for llama 4?", { context: ["training-cost"] }).fact).toBeNull();
    expect(engine.answer("كم بيصرفوا بالضبط في 2025؟").fact).toBeNull();
  });
  it("nor is a rough one (roughly, in figures, بالأرقام): a value all the same", () => {
    expect(engine.answer("Roughly how much are they planning to spend then?", { context: ["capex-2025"] }).fact).toBeNull();
    expect(engine.answer("How much will Meta spend in 2025, roughly?").fact).toBeNull();
    expect(engine.answer("كم ستنفق ميتا في 2025 بالأرقام؟").fact).toBeNull();
    expect(engine.answer("كم ستزيد النفقات الرأسمالية في 2025؟").fact).toBe("capex-2025");
  });
  it("how much is spent asks for a sum: the lexicon's spending narrows a question word to money, and asks nothing alone", () => {
    expect(engine.answer("How much will Meta spend in 2025?").fact).toBeNull();
    expect(engine.answer("كم بتصرف في ٢٠٢٥؟", { context: ["q2-capex"] }).fact).toBeNull();
    expect([...(engine.explain("How much will Meta spend in 2025?").match.asked ?? [])]).toEqual(["money"]);
    // Without a question word the spending asks for no kind: the 2025 fact's direction answers.
    expect(engine.answer("Will Meta's spending go up in 2025?").fact).toBe("capex-2025");
    expect(engine.answer("What does Meta's spending mean for the tech industry?").fact).toBe("industry-impact");
  });
  it("while without it the degree answers", () => {
    expect(engine.answer("how pricey is it to train llms?").fact).toBe("training-cost");
    expect(engine.answer("What did Susan Li say exactly?").fact).toBe("cfo-data-centers");
  });
});

describe("a person the article names, asked about", () => {
  it("is the subject, not a premise: the fact naming another person is not her answer", () => {
    const explained = engine.explain("ماذا قالت سوزان لي في مكالمة أرباح الربع ٢؟");
    expect(explained.answer.fact).toBe("cfo-data-centers");
    const announcement = explained.match.ranked.find((c) => c.intent.fact === "announcement")!;
    expect(announcement.corrects).toBeUndefined();
  });
  it("a fact that names no one is not what she said; one said in the announcement is his", () => {
    const explained = engine.explain("What did Susan Li say about capex?");
    expect(explained.answer.fact).not.toBe("q2-capex");
    expect(explained.match.ranked.find((c) => c.intent.fact === "q2-capex")!.parts!.penalties.map((p) => p.why)).toContain("asks what someone said, and neither its fact nor the one it was said in names them");
    expect(engine.answer("wat did zuck say about future models needing more compute").fact).toBe("future-compute");
  });
  it("while a claim about her is still corrected by the fact naming who said it", () => {
    for (const question of ["Did Susan Li say Llama 4 needs 10x the compute?", "Why did Susan Li say Llama 4 needs 10x the compute?"])
      expect(engine.answer(question).reply, question).toMatch(/^Not Susan Li, according to the article/);
  });
});

describe("another occasion than the earnings call", () => {
  it("is corrected, never confirmed (the lexicon's other-occasion, the opposite of the call)", () => {
    for (const question of ["Did Zuckerberg say Llama 4 needs 10x in an interview?", "هل قال زوكربيرج ذلك في مقابلة؟"]) {
      const answer = engine.answer(question);
      expect(answer.fact, question).toBe("announcement");
      expect(answer.reply, question).toMatch(/^(Not interview, according to the article|ليس مقابله بحسب المقال)/);
    }
    expect(engine.answer("Did Zuckerberg say Llama 4 needs 10x on the earnings call?").reply).toMatch(/^Yes: /);
  });
});

describe("who made a claim", () => {
  it("asks who said it, not who develops something", () => {
    expect(engine.answer("Who actually made that claim, and in what setting?", { context: ["llama4-compute"] }).fact).toBe("announcement");
    expect(engine.answer("who made llama?").fact).toBe("open-source-llama");
  });
});

describe("who said it, and where", () => {
  it("after a fact that gives neither, is asked of the fact it is said in (its saidIn)", () => {
    expect(engine.answer("says who", { context: ["future-compute"] })).toMatchObject({ fact: "announcement", followup: true });
    expect(engine.answer("where was this?", { context: ["competition"] }).fact).toBe("announcement");
  });
  it("while names asked after a fact leaving its subjects unnamed are about those", () => {
    expect(engine.answer("Which ones, specifically?", { context: ["competition"] }).fact).toBeNull();
  });
});

describe("Arabic function words and near-topic places", () => {
  it("intensifiers and dialect verbs of doing say nothing: the question is what is left", () => {
    expect(engine.answer("السلام عليكم، ليش المنافسة مهمة لميتا لهالدرجة؟").fact).toBe("competition");
  });
  it("which countries the data centres go to is not said", () => {
    expect(engine.answer("في أي دول ستبني ميتا مراكز بياناتها الجديدة؟").fact).toBeNull();
  });
});

describe("the clause that asks, in a message of several sentences", () => {
  it("the clauses before it in its sentence are context: 'Hello! Quick one - does Meta think…?'", () => {
    const explained = engine.explain("hello! quick one - does meta think its in a race with the other tech firms?");
    expect(explained.match.sentences?.filter((s) => s.asks).map((s) => s.text)).toEqual(["does meta think its in a race with the other tech firms?"]);
    expect(explained.answer.fact).toBe("competition");
  });
  it("a yes/no question without a question mark is no thank-you, even with 'cool' in it", () => {
    expect(engine.answer("does the article say ai competition is gonna cool down now").kind).not.toBe("thanks");
    expect(engine.answer("cool thanks").kind).toBe("thanks");
  });
});

describe("more that asks", () => {
  it("a last sentence with a question word asks even without a question mark", () => {
    const explained = engine.explain("im a dev n i use llama a lot. whats the biggest model meta dropped, the 405 one? how many params");
    expect(explained.match.sentences?.at(-1)).toMatchObject({ asks: true });
    expect(explained.answer.fact).toBe("llama31-405b");
  });
  it("so does a last sentence that is a yes/no question, another with a question word before it", () => {
    const explained = engine.explain("my boss keeps asking me about capex and i have no clue wat it even means haha. is metas capex gonna go up in 2025");
    expect(explained.match.sentences?.map((s) => s.asks)).toEqual([false, true]);
    expect(explained.answer.fact).toBe("capex-2025");
  });
  it("how long asks a duration, which no fact gives: preparing takes 'a long time', no figure", () => {
    expect(engine.answer("how long has susan li been cfo").fact).toBeNull();
    expect([...(engine.explain("منذ متى تبني ميتا القدرات؟").match.asked ?? [])]).toEqual(["duration"]);
    expect(engine.answer("How long does it take to set up a new inference project?").fact).toBeNull();
    // "And" on the phrase's short first word: «وكم يستغرق» is «كم يستغرق» (how long), not «كم» (how much).
    expect([...(engine.explain("وكم يستغرق التحضير لمشروع استدلال جديد؟").match.asked ?? [])]).toEqual(["duration"]);
    expect(engine.answer("وكم يستغرق التحضير لمشروع استدلال جديد؟").fact).toBeNull();
  });
  it("a question word ends a figure's units: in '10x? how much $$ is that', the dollars ask for money", () => {
    expect([...(engine.explain("10x?? thats insane. how much $$ is that").match.asked ?? [])]).toEqual(["money"]);
    expect([...(engine.explain("capex rose 33% to 8.5 billion dollars?").match.asked ?? [])]).not.toContain("money");
    // Nor is a subject that is no further unit of the figure: the cost of Llama 3.1 405B is asked.
    expect([...(engine.explain("how much did llama 3.1 405b cost to train").match.asked ?? [])]).toEqual(["money"]);
    expect(engine.answer("how much did llama 3.1 405b cost to train").fact).toBeNull();
  });
  it("a question word after 'about' (عن) is part of what is asked about: what he said of it answers", () => {
    const embedded = "What did he say about how long it takes to get a new inference project off the ground?";
    expect([...(engine.explain(embedded).match.asked ?? [])].sort()).toEqual(["degree", "duration"]);
    expect(engine.answer(embedded).fact).toBe("build-ahead");
    // So after a yes/no opening, whose question word is not cut off as a clause of its own.
    const afterYesNo = engine.explain("Is it hard to predict where future models will go?");
    expect([...(afterYesNo.match.asked ?? [])]).toContain("degree");
    expect(afterYesNo.answer.fact).toBe("build-ahead");
    expect(engine.answer("Did Zuckerberg say when Llama 4 will be released?").fact).toBeNull();
    // It still asks: what he said about when Llama 4 comes out is not the 10x fact.
    expect(engine.answer("What did Zuckerberg say about when Llama 4 will be released?").fact).toBeNull();
  });
  it("so are the question words after an embedded one ('…about how hard it is to forecast where models go?')", () => {
    const question = "Did Zuckerberg say anything about how hard it is to forecast where future model generations will go?";
    expect([...(engine.explain(question).match.asked ?? [])]).toContain("degree");
    expect(engine.answer(question).fact).toBe("build-ahead");
  });
});

describe("accents and chat spellings", () => {
  it("a Latin letter's accent is dropped («3tini résumé dyal l'article» asks for the summary)", () => {
    expect(engine.answer("salam, 3tini résumé dyal l article").kind).toBe("summary");
    expect(engine.answer("wats this article abt").kind).toBe("summary");
  });
});

describe("'old' before a model is the earlier one, not someone's age", () => {
  it("'the old Llama 3' is asked about; 'how old' is still a person's age", () => {
    expect(engine.answer("Does Llama 4 need ten times the compute of the old Llama 3?").fact).toBe("llama4-compute");
    expect(engine.answer("How old is Zuckerberg?").fact).toBeNull();
  });
});

describe("words that only look like another word's forms", () => {
  it("'called' is named, not the earnings call; 'cooling' is not 'cool'", () => {
    expect(engine.explain("What is Meta big language model called?").match.features.map((f) => f.id)).toContain("name");
    expect(engine.answer("What is Meta big language model called?").fact).toBe("open-source-llama");
    expect(engine.answer("How do they handle data centre cooling?").fact).toBeNull();
  });
});
