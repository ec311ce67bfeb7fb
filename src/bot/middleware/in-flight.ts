import type { Context, NextFunction } from "grammy";

/**
 * Counts the updates being handled, so shutdown can wait for them: the runner's stop()
 * ends polling but does not wait for updates already handed to the middleware.
 */
export class InFlightUpdates {
  private count = 0;
  private waiters: Array<() => void> = [];
  /** The highest update_id taken in, to confirm to Telegram on stop. */
  lastUpdateId: number | undefined;

  readonly middleware = async (ctx: Context, next: NextFunction): Promise<void> => {
    this.count++;
    this.lastUpdateId = Math.max(this.lastUpdateId ?? 0, ctx.update.update_id);
    try {
      await next();
    } finally {
      this.count--;
      if (this.count === 0) for (const wake of this.waiters.splice(0)) wake();
    }
  };

  /** Resolves when no update is being handled. */
  idle(): Promise<void> {
    return this.count === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}
