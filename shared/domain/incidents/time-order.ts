/**
 * The order a timeline is READ in. The hub's seq is the order entries were stored (what sync,
 * edits and idempotency rely on); a reader wants the order things happened. A console cut off
 * from the hub sends what was typed meanwhile when it is back, so its entries are stored after
 * entries that happened later: shown by seq, time would run backwards. So timelines are shown by
 * when each entry happened (seq breaks ties), and an entry stored after one that happened later,
 * or long after it happened, is marked with when it was stored.
 */

export interface Placed {
  /** When it happened (the first keystroke, or backdated). */
  readonly at: number;
  /** The hub's order. */
  readonly seq: number;
  /** When the hub stored it. */
  readonly recordedAt: number;
}

/** Stored this long after it happened: marked whatever its place. */
export const LATE_MS = 60_000;
/** Stored after an entry that happened later, and this long after it happened: marked (not the seconds two people typing at once take). */
export const OUT_OF_ORDER_MS = 5_000;

/** When it happened, then the hub's order. */
export const byHappened = (a: Placed, b: Placed): number => a.at - b.at || a.seq - b.seq;

/**
 * The seqs of entries to mark as stored late: long after they happened, or after an entry that
 * happened later than they did.
 */
export function storedLate(entries: readonly Placed[]): Set<number> {
  const late = new Set<number>();
  let latestAt = -Infinity;
  for (const e of [...entries].sort((a, b) => a.seq - b.seq)) {
    const lag = e.recordedAt - e.at;
    if (lag > LATE_MS || (latestAt > e.at && lag > OUT_OF_ORDER_MS)) late.add(e.seq);
    latestAt = Math.max(latestAt, e.at);
  }
  return late;
}
