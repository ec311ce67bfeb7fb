import { RecencyMap } from "./recency-map.js";

/** Questions one user may ask within the window; beyond, the bot slows them down. */
export const FLOOD_LIMITS = { burst: 5, windowMs: 10_000 };
/** Users tracked at most, the least recent forgotten first: memory stays bounded under any traffic. */
const MAX_USERS = 50_000;

/** ok: answer. warn: send the one "please slow down" note. ignore: say nothing. */
export type FloodVerdict = "ok" | "warn" | "ignore";

/**
 * Per-user flood control over a sliding window: up to `burst` questions in `windowMs`; the
 * first beyond gets a note, the rest are ignored until the window has room again. Ignored
 * questions do not count, so a user who stops is answered again as soon as the window allows.
 */
export class FloodGuard {
  private readonly users: RecencyMap<number, { times: number[]; warned: boolean }>;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly limits = FLOOD_LIMITS,
    max = MAX_USERS,
  ) {
    this.users = new RecencyMap(max);
  }

  check(userId: number): FloodVerdict {
    const now = this.now();
    const user = this.users.get(userId) ?? { times: [], warned: false };
    this.users.set(userId, user);
    user.times = user.times.filter((t) => t > now - this.limits.windowMs);
    if (user.times.length < this.limits.burst) {
      user.times.push(now);
      user.warned = false;
      return "ok";
    }
    if (user.warned) return "ignore";
    user.warned = true;
    return "warn";
  }
}
