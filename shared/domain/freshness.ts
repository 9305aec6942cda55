/**
 * Whether what a panel shows is current. The war room must never mistake old numbers for live
 * ones, so every panel (and the header, for the worst of them) shows one of these.
 */
export const freshnessLevels = ['live', 'delayed', 'stale', 'disconnected'] as const;
export type Freshness = (typeof freshnessLevels)[number];

/** Data older than this many intervals is delayed; older than STALE_AFTER intervals, stale. */
export const DELAYED_AFTER_INTERVALS = 2;
export const STALE_AFTER_INTERVALS = 5;

export interface FreshnessInput {
  /** When the data was last refreshed (hub clock), null if never. */
  lastSuccessAt: number | null;
  expectedIntervalMs: number;
  /** Now, on the hub's clock (the UI corrects its own clock by the hub's offset). */
  now: number;
  /** Whether this client is connected to the hub at all. */
  connected: boolean;
}

export function freshnessOf({ lastSuccessAt, expectedIntervalMs, now, connected }: FreshnessInput): Freshness {
  if (!connected) return 'disconnected';
  if (lastSuccessAt === null) return 'stale';
  const age = now - lastSuccessAt;
  if (age > STALE_AFTER_INTERVALS * expectedIntervalMs) return 'stale';
  if (age > DELAYED_AFTER_INTERVALS * expectedIntervalMs) return 'delayed';
  return 'live';
}

const rank: Record<Freshness, number> = { live: 0, delayed: 1, stale: 2, disconnected: 3 };

/** The worst of several (for the wall's header); live when there is nothing to judge. */
export function worstFreshness(levels: Iterable<Freshness>): Freshness {
  let worst: Freshness = 'live';
  for (const level of levels) if (rank[level] > rank[worst]) worst = level;
  return worst;
}

/** "12 s", "4 min", "2 h 5 min", "3 d": an age a person reads at a glance. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  return `${Math.floor(h / 24)} d`;
}

const AGE_UNITS: readonly [string, number][] = [['d', 86_400_000], ['h', 3_600_000], ['min', 60_000], ['s', 1000]];

/**
 * An age past `limitMs`, shown so it never reads as the limit's own figure: at a glance when the
 * two differ ("1 h 4 min" beside "1 h"), else to the second, rounded up ("1 h 0 min 30 s" beside
 * "1 h": formatAge rounds both to the same unit). Beside a limit finer than a second, "more than".
 */
export function formatAgeBeyond(ms: number, limitMs: number): string {
  const limit = formatAge(limitMs);
  const glance = formatAge(ms);
  if (glance !== limit) return glance;
  let rest = Math.ceil(ms / 1000) * 1000;
  const parts: string[] = [];
  for (const [unit, size] of AGE_UNITS) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 || parts.length > 0) parts.push(`${n} ${unit}`);
  }
  while (parts.length > 1 && parts.at(-1)?.startsWith('0 ')) parts.pop();
  const exact = parts.join(' ');
  return exact === limit ? `more than ${limit}` : exact;
}
