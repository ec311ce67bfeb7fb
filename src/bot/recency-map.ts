/**
 * A map that keeps at most `max` keys, the least recently set forgotten first: the memory kept
 * per user, conversation or group stays bounded whatever the traffic.
 */
export class RecencyMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly max: number) {}

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  /** Sets the value as the most recent (a Map keeps insertion order), forgetting the least recent beyond the bound. */
  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }
}
