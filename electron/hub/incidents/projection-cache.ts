/**
 * What a reader made of an incident's log, kept until the log grows. The log is append-only (an
 * edit or deletion is a new superseding entry), so its length says whether it changed. Bounded,
 * least recently used out first: a hub runs for days and its walls poll every incident.
 */
export class ProjectionCache<T> {
  readonly #max: number;
  /** Map order is use order: the first key is the least recently used. */
  readonly #kept = new Map<string, { length: number; stamp: unknown; value: T }>();

  /** `max` 0 keeps nothing (every read projects afresh). */
  constructor(max: number) {
    this.#max = max;
  }

  /**
   * The value kept for this incident's log of `length` entries made under `stamp` (a setting it
   * depends on, compared by identity), else `make()`'s, kept.
   */
  get(id: string, length: number, make: () => T, stamp: unknown = null): T {
    const kept = this.#kept.get(id);
    if (kept) {
      this.#kept.delete(id);
      if (kept.length === length && kept.stamp === stamp) {
        this.#kept.set(id, kept);
        return kept.value;
      }
    }
    const value = make();
    if (this.#max === 0) return value;
    this.#kept.set(id, { length, stamp, value });
    if (this.#kept.size > this.#max) this.#kept.delete(this.#kept.keys().next().value!);
    return value;
  }

  get size(): number {
    return this.#kept.size;
  }
}
