import type { Api } from "grammy";
import type { Language, Messages } from "../content/schema.js";
import type { Logger } from "../observability/logger.js";

/**
 * The bot's description (shown in an empty chat before /start) and short description (on its
 * profile and in shares), in Arabic, in English and by default (English), from
 * data/messages.json. Each is read first and set only when it differs: Telegram limits how
 * often they may be set, and a restart changes nothing. A failure is logged; the bot runs on.
 */
export async function publishDescriptions(api: Api, messages: Pick<Messages, "description" | "shortDescription">, logger: Logger): Promise<void> {
  const languages: Array<Language | undefined> = [undefined, "en", "ar"];
  for (const language of languages) {
    const text = messages.description[language ?? "en"];
    const short = messages.shortDescription[language ?? "en"];
    const other = language ? { language_code: language } : {};
    try {
      if ((await api.getMyDescription(other)).description !== text) await api.setMyDescription(text, other);
      if ((await api.getMyShortDescription(other)).short_description !== short) await api.setMyShortDescription(short, other);
    } catch (error) {
      logger.warn("bot description not set", { language: language ?? "default", error });
    }
  }
}
