import { isStoreError } from "../store/store.js";
import type { BotContext } from "./context.js";
import { replyWith } from "./reply.js";

/**
 * Saves a setting the user asked for. If the store cannot be written (the disk full), the
 * user is told nothing was changed and the failure is logged; returns whether it was saved.
 */
export async function saveSetting(ctx: BotContext, setting: string, save: () => void): Promise<boolean> {
  try {
    save();
    return true;
  } catch (error) {
    if (!isStoreError(error)) throw error;
    ctx.deps.logger.error("setting not saved", { setting, chat_id: ctx.chat?.id, error });
    await replyWith(ctx, ctx.deps.engine().content.messages.settingNotSaved[ctx.lang]);
    return false;
  }
}
