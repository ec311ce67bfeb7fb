import { Composer, InlineQueryResultBuilder } from "grammy";
import type { Fact, Language } from "../../content/schema.js";
import type { BotContext } from "../context.js";
import { toHtmlMessage } from "../html.js";

/**
 * Inline mode: "@bot capex" in any chat offers the matching facts as articles, in the
 * query's language; an empty query offers the three highlights; a query that matches nothing
 * offers a button that opens a chat with the bot (start parameter "inline").
 */
export const inline = new Composer<BotContext>();

const MAX_RESULTS = 5;
/** The facts do not change between reloads often; five minutes spares Telegram and us. */
const CACHE_SECONDS = 300;

function article(fact: Fact, lang: Language) {
  return InlineQueryResultBuilder.article(fact.id, fact.title[lang], { description: fact.answer[lang].slice(0, 120) }).text(
    toHtmlMessage(fact.answer[lang]),
    { parse_mode: "HTML" },
  );
}

inline.on("inline_query", async (ctx) => {
  const engine = ctx.deps.engine();
  const query = ctx.inlineQuery.query.trim();
  const { lang, facts } = query
    ? engine.searchFacts(query, MAX_RESULTS)
    : { lang: ctx.lang, facts: engine.content.facts.filter((f) => f.highlight !== undefined).sort((a, b) => a.highlight! - b.highlight!) };
  ctx.outcome = { answered: facts.length > 0 };
  // Personal: an empty query is answered in each user's own language.
  const button = facts.length === 0 ? { button: { text: engine.content.messages.openBot[lang], start_parameter: "inline" } } : {};
  await ctx.answerInlineQuery(
    facts.map((fact) => article(fact, query ? lang : ctx.lang)),
    { cache_time: CACHE_SECONDS, is_personal: !query, ...button },
  );
});
