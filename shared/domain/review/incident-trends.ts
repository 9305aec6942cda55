/**
 * Incident trends for the weekly review: per ISO week, the median and worst time to detect,
 * mitigate and resolve; counts by cause category, service and severity; and repeat incidents.
 *
 * Durations are measured as in ../incidents/durations.ts: detect, mitigate and resolve from when
 * impact started. An incident is placed in the week its impact started (on the review's calendar).
 * A median of an even number of values is the mean of the middle two.
 *
 * A repeat is an incident with the same service and cause category as an earlier one (or the
 * same explicit `repeatKey`) that started within `repeatWindowMs` (default 28 days) of it: "sixty
 * percent of last month's outages were caused by changes to that system".
 */
import { formatIsoWeek, isoWeekAt } from './iso-week.ts';

export interface IncidentRecord {
  readonly id: string;
  readonly title: string;
  /** 1 is the worst. */
  readonly severity: number;
  readonly service?: string | null;
  readonly cause?: string | null;
  /** Impact started (when nobody recorded it, the declaration: for filing by week only). */
  readonly startedAt: number;
  /** false when nobody recorded when impact started: no time to detect, mitigate or resolve is
   * measured from a guessed start (the postmortem says "unknown" too). Default true. */
  readonly startKnown?: boolean;
  /** When it was declared (the event report's timeline); default: when impact started. */
  readonly declaredAt?: number | null;
  readonly detectedAt?: number | null;
  readonly mitigatedAt?: number | null;
  readonly resolvedAt?: number | null;
  /** Overrides service + cause when deciding what repeats what. */
  readonly repeatKey?: string | null;
}

export interface DurationStats {
  readonly n: number;
  readonly medianMs: number | null;
  readonly worstMs: number | null;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function stats(values: readonly number[]): DurationStats {
  return { n: values.length, medianMs: median(values), worstMs: values.length === 0 ? null : Math.max(...values) };
}

/** Time to detect / mitigate / resolve of one incident; null when a marker is missing or before the start, or the start is not known. */
export function incidentDurationsMs(i: IncidentRecord): { detect: number | null; mitigate: number | null; resolve: number | null } {
  const since = (t: number | null | undefined) => (i.startKnown === false || t === null || t === undefined || t < i.startedAt ? null : t - i.startedAt);
  return { detect: since(i.detectedAt), mitigate: since(i.mitigatedAt), resolve: since(i.resolvedAt) };
}

type Counts = Record<string, number>;
const bump = (counts: Counts, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};
const UNKNOWN = 'unknown';

export interface WeekTrend {
  readonly week: string;
  readonly count: number;
  readonly detect: DurationStats;
  readonly mitigate: DurationStats;
  readonly resolve: DurationStats;
  readonly bySeverity: Readonly<Counts>;
  readonly byCause: Readonly<Counts>;
  readonly byService: Readonly<Counts>;
  readonly repeats: number;
}

export interface Repeat {
  readonly id: string;
  /** The earlier incident it repeats (the most recent one with the same key). */
  readonly repeatOf: string;
  readonly key: string;
}

export interface IncidentTrends {
  readonly weeks: WeekTrend[];
  readonly bySeverity: Readonly<Counts>;
  readonly byCause: Readonly<Counts>;
  readonly byService: Readonly<Counts>;
  readonly repeats: Repeat[];
}

function repeatKeyOf(i: IncidentRecord): string | null {
  if (i.repeatKey) return `key:${i.repeatKey}`;
  if (i.service && i.cause) return `${i.service} · ${i.cause}`;
  return null;
}

/** Repeats among the incidents (any order in, time order out). */
export function findRepeats(incidents: readonly IncidentRecord[], repeatWindowMs = 28 * 86_400_000): Repeat[] {
  const last = new Map<string, IncidentRecord>();
  const out: Repeat[] = [];
  for (const i of [...incidents].sort((a, b) => a.startedAt - b.startedAt)) {
    const key = repeatKeyOf(i);
    if (key === null) continue;
    const before = last.get(key);
    if (before && i.startedAt - before.startedAt <= repeatWindowMs) out.push({ id: i.id, repeatOf: before.id, key: key.replace(/^key:/, '') });
    last.set(key, i);
  }
  return out;
}

/** Trends per ISO week on `timeZone`'s calendar, weeks in order (only weeks with incidents). */
export function incidentTrends(incidents: readonly IncidentRecord[], timeZone: string, repeatWindowMs?: number): IncidentTrends {
  const repeats = findRepeats(incidents, repeatWindowMs);
  const repeatIds = new Set(repeats.map((r) => r.id));
  const byWeek = new Map<string, IncidentRecord[]>();
  const bySeverity: Counts = {};
  const byCause: Counts = {};
  const byService: Counts = {};
  for (const i of incidents) {
    const week = formatIsoWeek(isoWeekAt(i.startedAt, timeZone));
    (byWeek.get(week) ?? byWeek.set(week, []).get(week)!).push(i);
    bump(bySeverity, `SEV${i.severity}`);
    bump(byCause, i.cause || UNKNOWN);
    bump(byService, i.service || UNKNOWN);
  }
  const weeks = [...byWeek.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([week, list]) => {
      const durations = list.map(incidentDurationsMs);
      const pick = (k: 'detect' | 'mitigate' | 'resolve') => durations.map((d) => d[k]).filter((v): v is number => v !== null);
      const sev: Counts = {};
      const cause: Counts = {};
      const service: Counts = {};
      for (const i of list) {
        bump(sev, `SEV${i.severity}`);
        bump(cause, i.cause || UNKNOWN);
        bump(service, i.service || UNKNOWN);
      }
      return {
        week,
        count: list.length,
        detect: stats(pick('detect')),
        mitigate: stats(pick('mitigate')),
        resolve: stats(pick('resolve')),
        bySeverity: sev,
        byCause: cause,
        byService: service,
        repeats: list.filter((i) => repeatIds.has(i.id)).length,
      };
    });
  return { weeks, bySeverity, byCause, byService, repeats };
}

/** The largest share of incidents with one value of a field ("60% caused by changes"); null on a tie. */
export function dominantShare(counts: Readonly<Counts>): { key: string; share: number } | null {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const [first, second] = Object.entries(counts).sort(([ka, a], [kb, b]) => b - a || (ka < kb ? -1 : 1));
  if (second && second[1] === first![1]) return null;
  return { key: first![0], share: first![1] / total };
}

/** What makes two spellings one value: "Change", " change" and "CHANGE" are one cause, and so are "config change" and "Config-change". */
const tidy = (value: string): string => value.trim().replace(/\s+/g, ' ');
export const spellingKey = (value: string): string => tidy(value.replace(/[-_]+/g, ' ')).toLowerCase();

/**
 * One spelling for each value written several ways (free-text causes and services typed in the
 * console): a `preferred` spelling (the workspace's own service names) if there is one, else the
 * most used, ties going to the first seen. Counts, repeats and shares then agree with what people
 * meant, not with how they typed it.
 */
export function unifySpellings(
  values: readonly (string | null | undefined)[],
  preferred: readonly string[] = [],
): (value: string | null | undefined) => string | null {
  const uses = new Map<string, Map<string, number>>();
  for (const v of values) {
    if (!v || v.trim() === '') continue;
    const key = spellingKey(v);
    const spellings = uses.get(key) ?? uses.set(key, new Map()).get(key)!;
    const spelling = tidy(v);
    spellings.set(spelling, (spellings.get(spelling) ?? 0) + 1);
  }
  const chosen = new Map<string, string>();
  for (const [key, spellings] of uses) {
    let best = '';
    let most = 0;
    for (const [spelling, n] of spellings) if (n > most) [best, most] = [spelling, n];
    chosen.set(key, best);
  }
  for (const p of preferred) if (p.trim() !== '') chosen.set(spellingKey(p), tidy(p));
  return (value) => (!value || value.trim() === '' ? null : (chosen.get(spellingKey(value)) ?? tidy(value)));
}

/**
 * The causes to offer when recording one: the `preferred` (the workspace's) in their order, then
 * those used before, most used first, each once in the spelling the review counts it by.
 */
export function knownCauses(preferred: readonly string[], used: readonly (string | null | undefined)[]): string[] {
  const spell = unifySpellings(used, preferred);
  const uses = new Map<string, { spelling: string; n: number }>();
  for (const v of used) {
    const spelling = spell(v);
    if (spelling === null) continue;
    const key = spellingKey(spelling);
    const known = uses.get(key);
    if (known) known.n++;
    else uses.set(key, { spelling, n: 1 });
  }
  const out = new Map<string, string>();
  for (const p of preferred) if (p.trim() !== '' && !out.has(spellingKey(p))) out.set(spellingKey(p), tidy(p));
  for (const [key, { spelling }] of [...uses].sort(([ka, a], [kb, b]) => b.n - a.n || (ka < kb ? -1 : 1))) if (!out.has(key)) out.set(key, spelling);
  return [...out.values()];
}
