import type { Api } from "grammy";
import type { Language } from "../content/schema.js";

const DESCRIPTIONS: Record<Language, Record<string, string>> = {
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

const menu = (lang: Language) => Object.entries(DESCRIPTIONS[lang]).map(([command, description]) => ({ command, description }));

/** The command menu, in Arabic for Arabic-speaking users and English for everyone else. */
export async function publishCommandMenu(api: Api): Promise<void> {
  await api.setMyCommands(menu("en"));
  await api.setMyCommands(menu("en"), { language_code: "en" });
  await api.setMyCommands(menu("ar"), { language_code: "ar" });
}
