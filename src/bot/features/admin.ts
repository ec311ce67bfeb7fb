import { Composer, GrammyError, InlineKeyboard } from "grammy";
import { highlightsPost, textPost } from "../../delivery/posts.js";
import { isStoreError, type AnnouncementSummary, type Breakdown, type Stats } from "../../store/store.js";
import type { BotContext } from "../context.js";
import { cutToLength, toHtmlMessage } from "../html.js";
import { pageButtons, pagesOf } from "../pages.js";
import { groupQuestions } from "../question-groups.js";
import { replyWith } from "../reply.js";

/**
 * The bot admins' commands (ADMIN_IDS), in a private chat: /stats, /unmatched, /reload,
 * /chats, /announce, /announcements, and the Confirm/Cancel buttons of /announce. Anyone
 * else gets a polite refusal; rights are checked on every command and every press.
 * Reports are in English: they are for the bot's operators.
 */
export const admin = new Composer<BotContext>();

// A command that fails (the store cannot be written, say) tells the admin so, rather than
// leaving them with no reply; the failure is logged.
const guarded = admin.errorBoundary(async ({ error, ctx }) => {
  ctx.deps.logger.error("admin command failed", { command: commandOf(ctx), error });
  // A store error undoes its own transaction; a failure after one (Telegram refusing the
  // edit after Confirm queued a post, say) may leave it done: the admin must not redo it blind.
  const outcome = isStoreError(error)
    ? `the store failed (${error.message}). Nothing was changed.`
    : "an error (logged). It may have been done in part: check /announcements or /chats before trying again.";
  try {
    await replyWith(ctx, `That did not work: ${outcome}`);
  } catch {
    // Nowhere to say it (Telegram refused, or a button outside a chat): the line above says it.
  }
});

const ADMIN_COMMANDS = ["stats", "unmatched", "reload", "chats", "announce", "announcements"] as const;
const CONFIRM = "ann:ok:";
const SILENT = "ann:quiet:";
const CANCEL = "ann:no:";

/** "/stats@bot 5" → "/stats". */
export const commandOf = (ctx: BotContext) => ctx.msg?.text?.split(/[\s@]/)[0] ?? "?";

const logRefusal = (ctx: BotContext, command: string) =>
  ctx.deps.logger.warn("admin command refused", { user_id: ctx.from?.id, chat_type: ctx.chat?.type, command });

/** Refuses politely, in the user's language, and logs the attempt. */
export async function refuse(ctx: BotContext): Promise<void> {
  logRefusal(ctx, commandOf(ctx));
  await replyWith(ctx, ctx.deps.engine().content.messages.notAllowed[ctx.lang]);
}

// In a group (where /announcements is the group's own setting, handled before).
guarded
  .chatType(["group", "supergroup"])
  .command([...ADMIN_COMMANDS], (ctx) =>
    ctx.deps.rights.isBotAdmin(ctx) ? replyWith(ctx, ctx.deps.engine().content.messages.privateOnly[ctx.lang]) : refuse(ctx),
  );

const inPrivate = guarded.chatType("private");
// Rights first, once per command: anyone else is refused here and goes no further; a bot
// admin goes on to the command below.
inPrivate.command([...ADMIN_COMMANDS], (ctx, next) => (ctx.deps.rights.isBotAdmin(ctx) ? next() : refuse(ctx)));

inPrivate.command("stats", (ctx) => replyWith(ctx, formatStats(ctx.deps.store.stats())));

inPrivate.command("unmatched", (ctx) => {
  const wanted = Number.parseInt(ctx.match.trim() || "10", 10);
  return replyWithPage(ctx, "unmatched", Number.isFinite(wanted) ? Math.min(Math.max(wanted, 1), MAX_UNMATCHED) : 10, 0);
});

inPrivate.command("reload", (ctx) => {
  const result = ctx.deps.reloadContent();
  ctx.deps.logger.info("content reload", { ok: result.ok, by: ctx.from?.id });
  return replyWith(ctx, result.ok ? `Content reloaded: ${result.summary}.` : `Reload failed; still serving the previous content.\n\n${result.error}`);
});

inPrivate.command("chats", (ctx) => replyWithPage(ctx, "chats", 0, 0));

inPrivate.command("announce", async (ctx) => {
  const text = ctx.msg.text;
  // The admin's own text begins where grammY's match does: the formatting they used is kept.
  const post = ctx.match ? textPost(text, ctx.msg.entities, text.length - ctx.match.length) : highlightsPost(ctx.deps.engine());
  if (!post) return replyWith(ctx, ANNOUNCE_USAGE);
  const id = ctx.deps.store.createDraft(ctx.match ? "text" : "highlights", post, ctx.from?.id ?? null);
  const targets = ctx.deps.store.targetChats();
  // The post exactly as the chats will see it (the highlights: in the admin's language; an
  // admin's two texts: each, Arabic first), with what Confirm does on the buttons of the last.
  const twoTexts = ctx.match !== "" && post.ar !== post.en;
  const previews = twoTexts ? [post.ar, post.en] : [post[ctx.lang]];
  const byLanguage = !twoTexts ? "" : ` (${["ar", "en"].map((lang) => `${targets.filter((c) => c.postLanguage === lang).length} ${lang}`).join(", ")})`;
  const chats = `${targets.length} chat${targets.length === 1 ? "" : "s"}${byLanguage}`;
  for (const [k, html] of previews.entries())
    await ctx.reply(html, {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      ...(k === previews.length - 1 && {
        reply_markup: new InlineKeyboard()
          .text(`✅ Send to ${chats}`, `${CONFIRM}${id}`)
          .row()
          .text("🔕 Send silently", `${SILENT}${id}`)
          .text("✖ Cancel", `${CANCEL}${id}`),
      }),
    });
});

const ANNOUNCE_USAGE =
  "An announcement in two languages is an Arabic text and an English text, in either order, with a line of three dashes (---) between them. Nothing was queued.";

inPrivate.command("announcements", (ctx) => {
  const list = ctx.deps.store.announcements(10);
  return replyWith(ctx, list.length ? list.map(formatAnnouncement).join("\n\n") : "No announcements yet.");
});

// ◀ ▶ of a long report: the page asked for, from the store as it is now.
guarded.callbackQuery(/^page:(chats|unmatched):(\d+):(\d+)$/, async (ctx) => {
  if (!ctx.deps.rights.isBotAdmin(ctx)) {
    logRefusal(ctx, "page button");
    return ctx.answerCallbackQuery({ text: ctx.deps.engine().content.messages.notAllowed[ctx.lang], show_alert: true });
  }
  if (!ctx.callbackQuery.message) return ctx.answerCallbackQuery({ text: ctx.deps.engine().content.messages.staleButton[ctx.lang] });
  await ctx.answerCallbackQuery();
  const limit = Math.min(Math.max(Number(ctx.match[2]), 1), MAX_UNMATCHED);
  const report = reportPage(ctx, ctx.match[1] as Report, limit, Number(ctx.match[3]));
  await ctx.editMessageText(toHtmlMessage(report.text), { parse_mode: "HTML", reply_markup: report.keyboard }).catch((error: unknown) => {
    // The page shown already (the report shrank meanwhile): Telegram refuses an edit that
    // changes nothing, and only its description says so.
    if (!(error instanceof GrammyError && error.error_code === 400 && /not modified/.test(error.description))) throw error;
  });
});

guarded.callbackQuery(new RegExp(`^(${CONFIRM}|${SILENT}|${CANCEL})(\\d+)$`), async (ctx) => {
  if (!ctx.deps.rights.isBotAdmin(ctx)) {
    logRefusal(ctx, "announce button");
    return ctx.answerCallbackQuery({ text: ctx.deps.engine().content.messages.notAllowed[ctx.lang], show_alert: true });
  }
  const id = Number(ctx.match[2]);
  if (ctx.match[1] === CANCEL) {
    const cancelled = ctx.deps.store.cancelDraft(id);
    await ctx.answerCallbackQuery(cancelled ? "Cancelled." : "Already sent or cancelled.");
    if (cancelled) await ctx.editMessageText(`Announcement #${id} cancelled.`);
    return;
  }
  const silent = ctx.match[1] === SILENT;
  const queued = ctx.deps.store.queue(id, { silent });
  if (queued === undefined) return ctx.answerCallbackQuery("Already sent or cancelled.");
  ctx.deps.logger.info("announcement queued", { announcement: id, chats: queued, silent, by: ctx.from.id });
  ctx.deps.wakeSender();
  await ctx.answerCallbackQuery(`Queued for ${queued} chats.`);
  await ctx.editMessageText(`Announcement #${id} queued for ${queued} chat${queued === 1 ? "" : "s"}${silent ? ", silently" : ""}. Follow it with /announcements.`);
});

/** Declined questions /unmatched shows at most, and each cut to this length. */
const MAX_UNMATCHED = 200;
const UNMATCHED_CHARS = 300;

/** The reports long enough to be paged. */
type Report = "chats" | "unmatched";

/** Page `index` of a report (the last one if there are fewer), with its buttons. */
function reportPage(ctx: BotContext, report: Report, limit: number, index: number): { text: string; keyboard?: InlineKeyboard } {
  const { heading, lines, empty } = report === "chats" ? chatsReport(ctx) : unmatchedReport(ctx, limit);
  if (lines.length === 0) return { text: empty };
  const pages = pagesOf(lines);
  const page = Math.min(index, pages.length - 1);
  const of = pages.length > 1 ? ` (page ${page + 1} of ${pages.length})` : "";
  return { text: `${heading}${of}:\n${pages[page]!.join("\n")}`, keyboard: pageButtons(`page:${report}:${limit}:`, page, pages.length) };
}

function replyWithPage(ctx: BotContext, report: Report, limit: number, index: number): Promise<unknown> {
  const { text, keyboard } = reportPage(ctx, report, limit, index);
  return replyWith(ctx, text, keyboard);
}

function chatsReport(ctx: BotContext) {
  const chats = ctx.deps.store.chats();
  const targets = new Set(ctx.deps.store.targetChats().map((c) => c.id));
  const lines = chats.map(
    (c) =>
      `${targets.has(c.id) ? "✅" : "⛔"} ${c.title ?? "(no title)"} (${c.id}) · ${c.type} · ${c.status}${c.type === "channel" ? (c.canPost ? " · can post" : " · cannot post") : ""} · ${c.postLanguage}${c.language ? "" : " (auto)"} · announcements ${c.announcements ? "on" : "off"}`,
  );
  return { heading: `${targets.size} of ${chats.length} chats receive announcements`, lines, empty: "The bot is in no group or channel yet." };
}

function unmatchedReport(ctx: BotContext, limit: number) {
  const rows = ctx.deps.store.unmatched(limit);
  const groups = groupQuestions(rows);
  const lines = groups.map(({ newest: r, count }) => {
    const times = count > 1 ? `${count}× · last ` : "";
    return `• ${times}${new Date(r.at).toISOString().slice(0, 16).replace("T", " ")} · ${r.lang} · ${r.chatType} · ${r.score.toFixed(2)}\n  ${cutToLength(r.text, UNMATCHED_CHARS)}`;
  });
  const distinct = groups.length === rows.length ? "" : `, ${groups.length} distinct`;
  return { heading: `Latest ${rows.length} declined questions${distinct} (newest first)`, lines, empty: "No declined questions yet." };
}

const percent = (part: number, whole: number) => (whole ? `${((part / whole) * 100).toFixed(1)}%` : "–");
const breakdown = (rows: Breakdown[]) => rows.map((r) => `${r.key} ${r.total} (answered ${percent(r.answered, r.total)})`).join(", ") || "–";

function formatStats(s: Stats): string {
  return [
    `Questions: ${s.total} in all, ${s.last24h} in the last 24 h, ${s.last7d} in the last 7 days.`,
    `Answered: ${s.answered} (${percent(s.answered, s.total)}).`,
    `Not answered: flood ${s.flood} (questions beyond the per-user burst, not counted above).`,
    `Users: ${s.users}; blocked the bot: ${s.blockedBy.users} users; removed it: ${s.blockedBy.chats} groups and channels.`,
    `By language: ${breakdown(s.byLanguage)}.`,
    `By chat type: ${breakdown(s.byChatType)}.`,
    `Top facts: ${s.topFacts.map((f) => `${f.fact} ${f.count}`).join(", ") || "–"}.`,
  ].join("\n");
}

function formatAnnouncement(a: AnnouncementSummary): string {
  const head = `#${a.id} ${a.kind}${a.silent ? " (silent)" : ""} · ${new Date(a.createdAt).toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const counts = `delivered ${a.delivered}, pending ${a.pending}, failed ${a.failed}${a.uncertain ? `, uncertain ${a.uncertain}` : ""}`;
  const reasons = a.failures.map((f) => `  ${f.count} × ${f.reason}`);
  return [head, counts, ...reasons].join("\n");
}
