import type { Concept, Content, Fact, Intent } from "../content/schema.js";

/**
 * A catalogue `factor` times the size of `content`, for benchmarks: each fact and intent is
 * copied with a made-up topic word of its own, and each copy brings a concept with made-up
 * terms, so the vocabulary, the postings and the candidate sets all grow with it.
 */
export function syntheticCatalogue(content: Content, factor: number): Content {
  const facts: Fact[] = [...content.facts];
  const intents: Intent[] = [...content.intents];
  const concepts: Concept[] = [...content.concepts];
  for (let copy = 1; copy < factor; copy++) {
    const word = (n: number) => `zq${copy.toString(36)}w${n.toString(36)}`;
    concepts.push({ id: `synthetic-${copy}`, kind: "topic", en: [word(0), `${word(1)} ${word(2)}`], ar: [], arabizi: [word(3)] });
    content.facts.forEach((fact, i) => {
      const { highlight: _notAHighlight, ...rest } = fact;
      facts.push({ ...rest, id: `${fact.id}-${copy}` });
      const intent = content.intents.find((it) => it.fact === fact.id);
      if (!intent) return;
      const tag = `${word(0)} ${word(10 + i)}`;
      intents.push({
        ...intent,
        id: `${intent.id}-${copy}`,
        fact: `${fact.id}-${copy}`,
        examples: {
          en: intent.examples.en.map((e) => `${e} ${tag}`),
          ar: intent.examples.ar.map((e) => `${e} ${tag}`),
          arabizi: intent.examples.arabizi.map((e) => `${e} ${tag}`),
        },
      });
    });
  }
  return { ...content, facts, intents, concepts };
}
