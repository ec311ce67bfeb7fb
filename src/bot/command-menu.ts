import type { Api } from "grammy";
import type { BotCommandScope } from "grammy/types";
import type { Language } from "../content/schema.js";
import type { Logger } from "../observability/logger.js";

type Menu = Record<string, string>;

const PUBLIC: Record<Language, Menu> = {
  en: {
    ask: "Ask a question about the article",
    highlights: "The article's three highlights",
    facts: "Browse the facts by topic",
    source: "About the article",
    lang: "Reply language: /lang ar or /lang en",
    help: "What I can do",
  },
  ar: {
    ask: "اسأل سؤالًا عن المقال",
    highlights: "أبرز ثلاث نقاط في المقال",
    facts: "تصفح الحقائق حسب الموضوع",
    source: "عن المقال",
    lang: "لغة الرد: ‎/lang ar أو ‎/lang en",
    help: "ماذا أستطيع أن أفعل",
  },
};

/** What group admins see in their groups. */
const GROUP_ADMIN: Record<Language, Menu> = {
  en: { ...PUBLIC.en, lang: "Group language for announcements: /lang ar or /lang en", announcements: "Announcements here: /announcements on or off" },
  ar: { ...PUBLIC.ar, lang: "لغة إعلانات المجموعة: ‎/lang ar أو ‎/lang en", announcements: "الإعلانات هنا: ‎/announcements on أو off" },
};

/** What the bot's admins see in their private chat with it. */
const BOT_ADMIN: Record<Language, Menu> = {
  en: {
    ...PUBLIC.en,
    stats: "Question statistics",
    unmatched: "Latest declined questions: /unmatched [n]",
    reload: "Reload data/ and intents/",
    chats: "Groups and channels",
    announce: "Announce the highlights, or /announce your text",
    announcements: "Latest announcements and their delivery",
  },
  ar: {
    ...PUBLIC.ar,
    stats: "إحصاءات الأسئلة",
    unmatched: "آخر الأسئلة التي لم أجب عنها: ‎/unmatched [n]",
    reload: "إعادة تحميل المحتوى",
    chats: "المجموعات والقنوات",
    announce: "إعلان أبرز النقاط، أو ‎/announce مع نصك",
    announcements: "آخر الإعلانات وحالة إرسالها",
  },
};

const commandsOf = (menu: Menu) => Object.entries(menu).map(([command, description]) => ({ command, description }));

/** One menu for one scope: in Arabic for Arabic-speaking users, in English for everyone else. */
async function publish(api: Api, menus: Record<Language, Menu>, scope?: BotCommandScope): Promise<void> {
  await api.setMyCommands(commandsOf(menus.en), { scope });
  await api.setMyCommands(commandsOf(menus.en), { scope, language_code: "en" });
  await api.setMyCommands(commandsOf(menus.ar), { scope, language_code: "ar" });
}

/**
 * The command menus: everyone sees the public commands; group admins also the group
 * settings; the bot's admins, in their private chat, the admin commands. Menus only show
 * commands: rights are checked on every command whatever the menu shows.
 */
export async function publishCommandMenu(api: Api, adminIds: readonly number[], logger: Logger): Promise<void> {
  await publish(api, PUBLIC);
  await publish(api, GROUP_ADMIN, { type: "all_chat_administrators" });
  for (const id of adminIds) {
    // Telegram refuses a chat it does not know: an admin who has not started the bot yet
    // gets theirs at their /start.
    await publishAdminMenu(api, id).catch((error: unknown) => logger.warn("admin command menu not set", { admin_id: id, error }));
  }
}

/** The admin commands, in an admin's private chat with the bot. */
export const publishAdminMenu = (api: Api, adminId: number): Promise<void> => publish(api, BOT_ADMIN, { type: "chat", chat_id: adminId });
