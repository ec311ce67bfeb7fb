import { GrammyError, HttpError, type Api } from "grammy";
import type { Logger } from "../observability/logger.js";
import type { Delivery, Store } from "../store/store.js";
import { RateLimiter } from "./rate-limiter.js";

export interface SenderOptions {
  /** An Api without auto-retry: the sender handles 429, 5xx and network errors itself. */
  api: Api;
  store: Store;
  logger: Logger;
}

/** Failed tries of one post (5xx, Telegram unreachable) before it is given up; 429s do not count. */
const MAX_ATTEMPTS = 6;
/** How often to look for due posts when nobody says there are new ones. */
const IDLE_MS = 5000;

/** Backoff after the n-th failed try: 1 s, 2 s, 4 s... at most a minute. */
const backoffMs = (attempt: number) => Math.min(60_000, 1000 * 2 ** (attempt - 1));

/**
 * Sends the outbox (the store's pending posts) within Telegram's limits, one post at a
 * time, so that a crash leaves at most one post whose fate is unknown. Each post is marked
 * "sending" before its request leaves and "sent" after Telegram confirms it; on start,
 * posts still marked "sending" are marked uncertain and never sent again (see README).
 */
export class Sender {
  private readonly api: Api;
  private readonly store: Store;
  private readonly logger: Logger;
  private readonly limiter = new RateLimiter();
  private running: Promise<void> | undefined;
  private stopping = false;
  private wakeUp: (() => void) | undefined;
  /** After a 429 nothing is sent until then: Telegram's retry_after is for the whole bot. */
  private pausedUntil = 0;

  constructor(options: SenderOptions) {
    this.api = options.api;
    this.store = options.store;
    this.logger = options.logger;
  }

  start(): void {
    const uncertain = this.store.markInterrupted();
    if (uncertain > 0) this.logger.warn("posts interrupted by a stop are marked uncertain", { count: uncertain });
    this.running ??= this.loop();
  }

  /** There may be new posts: look now rather than at the next idle check. */
  wake(): void {
    this.wakeUp?.();
  }

  /** Finishes the post being sent, then stops. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.running;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      try {
        const wait = await this.sendNext();
        if (wait > 0) await this.sleep(wait);
      } catch (error) {
        // The store failing (disk full...) must not end the loop for good.
        this.logger.error("sender failed", { error });
        await this.sleep(IDLE_MS);
      }
    }
  }

  /** Sends the post that may go soonest if it may go now; else returns how long to wait. */
  private async sendNext(): Promise<number> {
    const now = Date.now();
    if (this.pausedUntil > now) return this.pausedUntil - now;
    let next: Delivery | undefined;
    let wait = IDLE_MS;
    for (const delivery of this.store.dueDeliveries(100)) {
      const due = Math.max(delivery.notBefore - now, this.limiter.delay(delivery.chatId, isGroup(delivery), now));
      if (due < wait) [next, wait] = [delivery, due];
      if (due === 0) break;
    }
    if (!next || wait > 0) return wait;
    await this.send(next);
    return 0;
  }

  private async send(delivery: Delivery): Promise<void> {
    if (!this.store.markSending(delivery)) return; // no longer pending
    this.limiter.record(delivery.chatId, isGroup(delivery), Date.now());
    try {
      await this.api.sendMessage(delivery.chatId, delivery.text, {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        ...(delivery.silent && { disable_notification: true }),
      });
    } catch (error) {
      return this.failed(delivery, error);
    }
    // Outside the try: a store error here must not make a delivered post look failed (and be
    // sent again); the post stays "sending" and becomes uncertain at the next start.
    this.store.markSent(delivery);
  }

  private failed(delivery: Delivery, error: unknown): void {
    const now = Date.now();
    const log = (outcome: string, reason: string) =>
      this.logger.warn("post not delivered", { announcement: delivery.announcementId, chat_id: delivery.chatId, outcome, reason });
    if (error instanceof HttpError && !neverLeft(error)) {
      // No answer (a timeout, a connection cut): Telegram may have posted it. Sending again
      // could post it twice, so it is left for an admin to check.
      this.store.markUncertain(delivery, "no answer from Telegram", now);
      return log("uncertain", String(error.error));
    }
    const reason = error instanceof GrammyError ? `${error.error_code}: ${error.description.replace(/^[^:]*: /, "")}` : "Telegram unreachable";
    if (error instanceof GrammyError) {
      const migratedTo = error.parameters.migrate_to_chat_id;
      if (migratedTo !== undefined) {
        // The group became a supergroup: the post follows it there at once.
        this.store.retryLater(delivery, reason, 0, false, now);
        this.store.migrateChat(delivery.chatId, migratedTo, now);
        return log("moved to the supergroup", reason);
      }
      if (error.error_code === 429) {
        const retryAfter = (error.parameters.retry_after ?? 1) * 1000;
        this.pausedUntil = now + retryAfter;
        this.store.retryLater(delivery, reason, now + retryAfter, false, now);
        return log("retry after the wait Telegram asked for", reason);
      }
      if (error.error_code === 403) {
        this.store.markFailed(delivery, reason, now);
        this.store.deactivateChat(delivery.chatId, now);
        return log("chat marked inactive", reason);
      }
      if (error.error_code < 500) {
        this.store.markFailed(delivery, reason, now);
        return log("failed", reason);
      }
    }
    // A 5xx, or a request that never left: sending again is safe.
    const attempt = delivery.attempts + 1;
    if (attempt >= MAX_ATTEMPTS) {
      this.store.markFailed(delivery, reason, now);
      return log("failed after retries", reason);
    }
    this.store.retryLater(delivery, reason, now + backoffMs(attempt), true, now);
    log("retry later", reason);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }
}

const isGroup = (delivery: Delivery) => delivery.chatType !== "channel";

/** Connection errors raised before a request is sent: it cannot have reached Telegram. */
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);
function neverLeft(error: HttpError): boolean {
  const code = (error.error as { code?: unknown } | undefined)?.code;
  return typeof code === "string" && NOT_SENT.has(code);
}
