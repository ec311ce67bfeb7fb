import { autoRetry, type AutoRetryOptions } from "@grammyjs/auto-retry";
import type { Transformer } from "grammy";

/**
 * auto-retry (429: wait as Telegram asks; 5xx: back off; a bounded number of times), called
 * only once a call has failed in a way it retries. Its transformer makes two closures and runs
 * two async functions on every call, and nearly every call succeeds.
 */
export function retryFailedCalls(options: Partial<AutoRetryOptions>): Transformer {
  const retry = autoRetry(options);
  return (prev, method, payload, signal) =>
    prev(method, payload, signal).then((first) => {
      if (first.ok || (first.parameters?.retry_after === undefined && first.error_code < 500)) return first;
      // auto-retry takes it from this first answer: it waits, then calls again.
      let answered = false;
      const again: typeof prev = (m, p, s) => {
        if (answered) return prev(m, p, s);
        answered = true;
        return Promise.resolve(first) as ReturnType<typeof prev>;
      };
      return retry(again, method, payload, signal);
    });
}
