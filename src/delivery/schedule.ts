import { Cron } from "croner";
import type { Engine } from "../engine/engine.js";
import type { Logger } from "../observability/logger.js";
import type { Store } from "../store/store.js";
import { highlightsPost } from "./posts.js";

/**
 * Posts the highlights on the ANNOUNCE_CRON schedule. Each run is keyed by its scheduled
 * time (the slot) in the store, which refuses a slot twice: a restart, or a second copy of
 * the bot on the same store, cannot post a slot again.
 */
export function scheduleHighlights(pattern: string, deps: { store: Store; engine: () => Engine; logger: Logger; wakeSender: () => void }): Cron {
  const options = { protect: true, catch: (error: unknown) => deps.logger.error("scheduled announcement failed", { error }) };
  return new Cron(pattern, options, () => {
    const slot = slotOf(new Date());
    const id = deps.store.queueForSlot(slot, highlightsPost(deps.engine()));
    deps.logger.info(id === undefined ? "scheduled slot already posted" : "scheduled announcement queued", { slot, announcement: id });
    if (id !== undefined) deps.wakeSender();
  });
}

/**
 * The slot a run belongs to: its scheduled time. A run fires a few milliseconds after it,
 * and cron's finest unit is the second, so the nearest second names it in every process.
 */
export function slotOf(firedAt: Date): string {
  return new Date(Math.round(firedAt.getTime() / 1000) * 1000).toISOString();
}
