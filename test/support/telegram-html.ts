/**
 * Telegram's HTML parse mode, as the Bot API documents it ("Formatting options"), checked the
 * way Telegram would check a message before sending it: only the tags it knows, properly
 * nested and closed, "&" only as one of the entities it knows, and no raw "<" or ">" outside
 * a tag. Also gives the text as Telegram shows it (tags dropped, entities decoded), whose
 * length in UTF-16 code units Telegram caps at 4,096 for a message.
 */

/** A problem found in a text, with where it is (a UTF-16 index into the HTML). */
export interface HtmlProblem {
  index: number;
  problem: string;
}

export interface ParsedHtml {
  /** The text as shown: tags dropped, entities decoded. */
  text: string;
  /** Empty when Telegram would accept the HTML. */
  problems: HtmlProblem[];
}

/** What each tag may carry: its attributes, and which of them it must have. */
interface TagRule {
  attributes: Record<string, (value: string | undefined) => boolean>;
  required?: string;
}

const noAttributes: TagRule = { attributes: {} };
const anyValue = (value: string | undefined) => value !== undefined;

const TAGS: Record<string, TagRule> = {
  b: noAttributes,
  strong: noAttributes,
  i: noAttributes,
  em: noAttributes,
  u: noAttributes,
  ins: noAttributes,
  s: noAttributes,
  strike: noAttributes,
  del: noAttributes,
  "tg-spoiler": noAttributes,
  span: { attributes: { class: (value) => value === "tg-spoiler" }, required: "class" },
  a: { attributes: { href: anyValue }, required: "href" },
  code: { attributes: { class: (value) => value !== undefined && /^language-[\w+#.-]+$/.test(value) } },
  pre: noAttributes,
  blockquote: { attributes: { expandable: (value) => value === undefined || value === "" } },
  "tg-emoji": { attributes: { "emoji-id": (value) => value !== undefined && /^\d+$/.test(value) }, required: "emoji-id" },
};

/** Entities Telegram decodes: four named ones, and numeric ones. */
const ENTITY = /&(?:(lt|gt|amp|quot)|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));/y;
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

const OPENING_TAG = /<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z][a-zA-Z0-9-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>=`]+))?)*)\s*>/y;
const CLOSING_TAG = /<\/([a-zA-Z][a-zA-Z0-9-]*)\s*>/y;
const ATTRIBUTE = /([a-zA-Z][a-zA-Z0-9-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>=`]+)))?/g;

/** Tags that only style text: they may contain, and be part of, any other entity but pre and code. */
const STYLES = new Set(["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "tg-spoiler", "span"]);

/** Decodes the entities of an attribute value; problems go to `problems`. */
function decodeEntities(text: string, offset: number, problems: HtmlProblem[]): string {
  let out = "";
  for (let i = 0; i < text.length; ) {
    const ch = text[i]!;
    if (ch === "&") {
      const decoded = entityAt(text, i);
      if (!decoded) {
        problems.push({ index: offset + i, problem: `"&" that is not an entity: ${excerpt(text, i)}` });
        out += ch;
        i++;
        continue;
      }
      out += decoded.value;
      i += decoded.length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

function entityAt(text: string, index: number): { value: string; length: number } | undefined {
  ENTITY.lastIndex = index;
  const match = ENTITY.exec(text);
  if (!match) return undefined;
  if (match[1] !== undefined) return { value: NAMED[match[1]]!, length: match[0].length };
  const code = match[2] !== undefined ? Number.parseInt(match[2], 10) : Number.parseInt(match[3]!, 16);
  // A code point beyond Unicode, or a surrogate (not a character on its own), is no entity.
  if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
  return { value: String.fromCodePoint(code), length: match[0].length };
}

const excerpt = (text: string, index: number) => JSON.stringify(text.slice(Math.max(0, index - 20), index + 20));

/** Parses `html` as Telegram's HTML parse mode does; see ParsedHtml. */
export function parseTelegramHtml(html: string): ParsedHtml {
  const problems: HtmlProblem[] = [];
  const open: Array<{ tag: string; index: number }> = [];
  let text = "";
  let i = 0;
  while (i < html.length) {
    const ch = html[i]!;
    if (ch === "&") {
      const decoded = entityAt(html, i);
      if (!decoded) {
        problems.push({ index: i, problem: `"&" that is not an entity: ${excerpt(html, i)}` });
        text += ch;
        i++;
      } else {
        text += decoded.value;
        i += decoded.length;
      }
      continue;
    }
    if (ch === ">") {
      problems.push({ index: i, problem: `raw ">" outside a tag: ${excerpt(html, i)}` });
      text += ch;
      i++;
      continue;
    }
    if (ch !== "<") {
      // Copy the run of plain text up to the next special character at once.
      let end = i + 1;
      while (end < html.length && html[end] !== "<" && html[end] !== ">" && html[end] !== "&") end++;
      text += html.slice(i, end);
      i = end;
      continue;
    }
    CLOSING_TAG.lastIndex = i;
    const closing = CLOSING_TAG.exec(html);
    if (closing) {
      const tag = closing[1]!.toLowerCase();
      const top = open[open.length - 1];
      if (!top) problems.push({ index: i, problem: `</${tag}> closes nothing` });
      else if (top.tag !== tag) problems.push({ index: i, problem: `</${tag}> closes <${top.tag}> (opened at ${top.index})` });
      else open.pop();
      i += closing[0].length;
      continue;
    }
    OPENING_TAG.lastIndex = i;
    const opening = OPENING_TAG.exec(html);
    if (!opening) {
      problems.push({ index: i, problem: `raw "<" that starts no tag: ${excerpt(html, i)}` });
      text += ch;
      i++;
      continue;
    }
    const tag = opening[1]!.toLowerCase();
    const rule = TAGS[tag];
    if (!rule) problems.push({ index: i, problem: `<${tag}> is not a tag Telegram supports` });
    else {
      const seen = new Set<string>();
      for (const attribute of opening[2]!.matchAll(ATTRIBUTE)) {
        const name = attribute[1]!.toLowerCase();
        const raw = attribute[2] ?? attribute[3] ?? attribute[4];
        const value = raw === undefined ? undefined : decodeEntities(raw, i, problems);
        const valid = rule.attributes[name];
        if (!valid) problems.push({ index: i, problem: `<${tag}> does not take the attribute ${name}` });
        else if (!valid(value)) problems.push({ index: i, problem: `<${tag} ${name}> has an invalid value ${JSON.stringify(value)}` });
        if (seen.has(name)) problems.push({ index: i, problem: `<${tag}> has ${name} twice` });
        seen.add(name);
      }
      if (rule.required && !seen.has(rule.required)) problems.push({ index: i, problem: `<${tag}> lacks its ${rule.required} attribute` });
      const nesting = nestingProblem(tag, open.map((o) => o.tag));
      if (nesting) problems.push({ index: i, problem: nesting });
    }
    open.push({ tag, index: i });
    i += opening[0].length;
  }
  for (const unclosed of open) problems.push({ index: unclosed.index, problem: `<${unclosed.tag}> is never closed` });
  return { text, problems };
}

/** Why `tag` may not open inside `ancestors` (outermost first), or undefined when it may. */
function nestingProblem(tag: string, ancestors: readonly string[]): string | undefined {
  const parent = ancestors[ancestors.length - 1];
  if (parent === "code") return `<${tag}> inside <code>: code contains no other entity`;
  // pre may hold one code (its language); nothing else.
  if (parent === "pre" && tag !== "code") return `<${tag}> inside <pre>: pre contains no other entity but code`;
  if (tag === "blockquote" && ancestors.includes("blockquote")) return "<blockquote> inside <blockquote>: block quotes cannot be nested";
  if (!STYLES.has(tag) && tag !== "blockquote" && ancestors.some((a) => !STYLES.has(a) && a !== "blockquote" && !(a === "pre" && tag === "code")))
    return `<${tag}> inside <${ancestors.find((a) => !STYLES.has(a) && a !== "blockquote")}>: these entities cannot contain each other`;
  return undefined;
}

/** The problems Telegram would refuse `html` for, as readable lines (empty when it is valid). */
export function telegramHtmlProblems(html: string): string[] {
  return parseTelegramHtml(html).problems.map((p) => `at ${p.index}: ${p.problem}`);
}

/** The length Telegram counts against its limits: UTF-16 code units of the text as shown. */
export function visibleLength(html: string): number {
  return parseTelegramHtml(html).text.length;
}

/** Where `text` has a surrogate without its pair (not encodable as UTF-8, which Telegram requires). */
export function loneSurrogates(text: string): number[] {
  const found: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else found.push(i);
    } else if (code >= 0xdc00 && code <= 0xdfff) found.push(i);
  }
  return found;
}
