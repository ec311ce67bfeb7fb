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
  return new Cron(pattern, { protect: true }, (self) => {
    const slot = (self.currentRun() ?? new Date()).toISOString();
    const id = deps.store.queueForSlot(slot, highlightsPost(deps.engine()));
    deps.logger.info(id === undefined ? "scheduled slot already posted" : "scheduled announcement queued", { slot, announcement: id });
    if (id !== undefined) deps.wakeSender();
  });
}
