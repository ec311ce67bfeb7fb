/**
 * The last `capacity` update ids taken in, to tell a redelivered update from a new one:
 * Telegram delivers a webhook update again when it got no 200 for it (a timeout, a crash).
 * Bounded: the oldest id is forgotten when a new one comes.
 */
export class RecentIds {
  private readonly known = new Set<number>();
  private readonly order: number[] = [];
  private next = 0;

  constructor(private readonly capacity: number) {}

  /** True the first time an id is seen (and remembers it), false when it was seen lately. */
  add(id: number): boolean {
    if (this.known.has(id)) return false;
    if (this.order.length < this.capacity) this.order.push(id);
    else {
      this.known.delete(this.order[this.next]!);
      this.order[this.next] = id;
      this.next = (this.next + 1) % this.capacity;
    }
    this.known.add(id);
    return true;
  }
}
