/**
 * The last `capacity` update ids taken in, to tell a redelivered update from a new one:
 * Telegram delivers a webhook update again when it got no 200 for it (a timeout, a crash).
 * Bounded: the oldest id is forgotten when a new one comes (a Set keeps insertion order).
 */
export class RecentIds {
  private readonly known = new Set<number>();

  constructor(private readonly capacity: number) {}

  /** True the first time an id is seen (and remembers it), false when it was seen lately. */
  add(id: number): boolean {
    if (this.known.has(id)) return false;
    this.known.add(id);
    if (this.known.size > this.capacity) this.known.delete(this.known.values().next().value!);
    return true;
  }
}
