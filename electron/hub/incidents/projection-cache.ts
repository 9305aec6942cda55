/**
 * What was made of an incident's log, kept until the log grows. The log is append-only (an edit
 * or deletion is a new superseding entry), so its length says whether it changed. Bounded by
 * count and, when given a budget, by estimated size, least recently used out first: a hub runs
 * for days and a few long incidents can weigh more than thousands of short ones.
 */

/** How much the kept values may weigh together, estimated. */
export interface ProjectionBudget<T> {
  readonly bytes: number;
  /** A value's estimated weight, made from a log of `length` entries. */
  readonly sizeOf: (value: T, length: number) => number;
}

interface Kept<T> {
  readonly length: number;
  readonly stamp: unknown;
  readonly value: T;
  readonly bytes: number;
}

export class ProjectionCache<T> {
  readonly #max: number;
  readonly #budget: ProjectionBudget<T> | null;
  /** Map order is use order: the first key is the least recently used. */
  readonly #kept = new Map<string, Kept<T>>();
  #bytes = 0;

  /** `max` 0 keeps nothing (every read projects afresh). */
  constructor(max: number, budget?: ProjectionBudget<T>) {
    this.#max = max;
    this.#budget = budget ?? null;
  }

  /**
   * The value kept for this incident's log of `length` entries made under `stamp` (a setting it
   * depends on, compared by identity), else `make()`'s, kept.
   */
  get(id: string, length: number, make: () => T, stamp: unknown = null): T {
    const kept = this.#kept.get(id);
    if (kept && kept.length === length && kept.stamp === stamp) {
      this.#kept.delete(id);
      this.#kept.set(id, kept);
      return kept.value;
    }
    const value = make();
    this.set(id, length, value, stamp);
    return value;
  }

  /** Keep `value` as what the log of `length` entries makes, in place of what was kept (a writer that projected the grown log anyway). */
  set(id: string, length: number, value: T, stamp: unknown = null): void {
    this.delete(id);
    if (this.#max === 0) return;
    const bytes = this.#budget?.sizeOf(value, length) ?? 0;
    // Heavier than the whole budget: kept, it would push out everything else for one incident.
    if (this.#budget && bytes > this.#budget.bytes) return;
    this.#kept.set(id, { length, stamp, value, bytes });
    this.#bytes += bytes;
    while (this.#kept.size > this.#max || (this.#budget && this.#bytes > this.#budget.bytes)) this.delete(this.#kept.keys().next().value!);
  }

  /** Forget what is kept for this incident (its log grew and nobody projected it). */
  delete(id: string): void {
    const kept = this.#kept.get(id);
    if (!kept) return;
    this.#kept.delete(id);
    this.#bytes -= kept.bytes;
  }

  get size(): number {
    return this.#kept.size;
  }

  /** The kept values' estimated weight (0 without a budget). */
  get bytes(): number {
    return this.#bytes;
  }
}
