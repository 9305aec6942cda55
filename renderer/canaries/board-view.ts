/**
 * What the canary board shows, worked out from the board (pure, so it is tested without a DOM and
 * cheap at 1,000+ tiles): every status in colour AND shape AND word, the tiles filtered, grouped by
 * service or journey, worst first (statusRank), the groups worst first too, and flattened into
 * rows for the windowed list.
 */
import type { CanaryStatus } from '../../shared/model/canary.ts';
import { statusRank, type CanaryBoardEntry, type CanaryTimings } from '../../shared/protocol/canaries.ts';

/** The colour family (CSS) of each status. */
export type CanaryTone = 'ok' | 'warning' | 'suspect' | 'critical' | 'unknown' | 'maintenance' | 'acknowledged';

export const statusLook: Readonly<Record<CanaryStatus, { icon: string; word: string; tone: CanaryTone }>> = {
  passing: { icon: '✓', word: 'Passing', tone: 'ok' },
  degraded: { icon: '▲', word: 'Degraded', tone: 'warning' },
  flaky: { icon: '◐', word: 'Flaky', tone: 'warning' },
  'failing-unconfirmed': { icon: '◆', word: 'Failing?', tone: 'suspect' },
  'failing-confirmed': { icon: '✖', word: 'Failing', tone: 'critical' },
  stale: { icon: '○', word: 'Stale', tone: 'unknown' },
  maintenance: { icon: '⚒', word: 'Maintenance', tone: 'maintenance' },
  acknowledged: { icon: '☑', word: 'Acknowledged', tone: 'acknowledged' },
  pending: { icon: '…', word: 'Pending', tone: 'unknown' },
};

/** The status in words for one tile: "Failing? 2 of 3 failed". */
export function statusText(e: Pick<CanaryBoardEntry, 'status' | 'progress'>): string {
  const look = statusLook[e.status];
  return e.status === 'failing-unconfirmed' && e.progress ? `${look.word} ${e.progress.text}` : look.word;
}

export type GroupBy = 'service' | 'journey';

export interface BoardFilter {
  readonly text: string;
  /** Only tiles that need someone (anything but passing, pending and maintenance). */
  readonly problemsOnly: boolean;
  readonly groupBy: GroupBy;
}

export const defaultFilter: BoardFilter = { text: '', problemsOnly: false, groupBy: 'service' };

export type BoardRow = { kind: 'group'; key: string; name: string; counts: StatusCounts; total: number } | { kind: 'entry'; key: string; entry: CanaryBoardEntry };

export type StatusCounts = Partial<Record<CanaryStatus, number>>;

const NO_GROUP = '(no service)';
const NO_JOURNEY = '(no journey)';

export function isProblem(status: CanaryStatus): boolean {
  return status !== 'passing' && status !== 'pending' && status !== 'maintenance';
}

/** One collator for every sort (String.localeCompare builds one per call: slow at 1,000 tiles). */
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Worst first, then failing longest, then by name: the order tiles and wall lists share. */
export function byWorst(a: CanaryBoardEntry, b: CanaryBoardEntry): number {
  return statusRank[a.status] - statusRank[b.status] || (a.failingSince ?? Infinity) - (b.failingSince ?? Infinity) || collator.compare(a.name, b.name);
}

export function countStatuses(entries: readonly CanaryBoardEntry[]): StatusCounts {
  const counts: StatusCounts = {};
  for (const e of entries) counts[e.status] = (counts[e.status] ?? 0) + 1;
  return counts;
}

/** The statuses present, worst first, with their counts ("✖ 2 Failing · ✓ 998 Passing"). */
export function countList(counts: StatusCounts): { status: CanaryStatus; count: number }[] {
  return (Object.keys(counts) as CanaryStatus[]).sort((a, b) => statusRank[a] - statusRank[b]).map((status) => ({ status, count: counts[status]! }));
}

function matches(e: CanaryBoardEntry, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const hay = `${e.name} ${e.id} ${e.service ?? ''} ${e.journey ?? ''} ${e.target ?? ''} ${statusText(e)}`.toLowerCase();
  return words.every((w) => hay.includes(w));
}

/** Each name's place in collation order, kept while the names stay the same (sorting 1,000 tiles per delta with a collator is the board's biggest cost). */
let nameOrder = new Map<string, number>();
function orderOfNames(entries: readonly CanaryBoardEntry[]): Map<string, number> {
  if (entries.length > nameOrder.size || entries.some((e) => !nameOrder.has(e.name))) {
    const names = [...new Set(entries.map((e) => e.name))].sort(collator.compare);
    nameOrder = new Map(names.map((n, i) => [n, i]));
  }
  return nameOrder;
}

/** byWorst with the names' order looked up instead of collated (same order, much cheaper). */
function worstFirst(entries: readonly CanaryBoardEntry[]): (a: CanaryBoardEntry, b: CanaryBoardEntry) => number {
  const order = orderOfNames(entries);
  return (a, b) => statusRank[a.status] - statusRank[b.status] || (a.failingSince ?? Infinity) - (b.failingSince ?? Infinity) || order.get(a.name)! - order.get(b.name)!;
}

/** Filter, group, sort and flatten: one header row per group, then its tiles. */
export function boardRows(entries: readonly CanaryBoardEntry[], filter: BoardFilter): BoardRow[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  const groups = new Map<string, CanaryBoardEntry[]>();
  for (const e of entries) {
    if (filter.problemsOnly && !isProblem(e.status)) continue;
    if (!matches(e, words)) continue;
    const name = (filter.groupBy === 'service' ? e.service : e.journey) ?? (filter.groupBy === 'service' ? NO_GROUP : NO_JOURNEY);
    let list = groups.get(name);
    if (!list) groups.set(name, (list = []));
    list.push(e);
  }
  const compare = worstFirst(entries);
  const sorted = [...groups].map(([name, list]) => ({ name, list: list.sort(compare) }));
  sorted.sort((a, b) => compare(a.list[0]!, b.list[0]!) || collator.compare(a.name, b.name));
  const rows: BoardRow[] = [];
  for (const g of sorted) {
    rows.push({ kind: 'group', key: `g:${g.name}`, name: g.name, counts: countStatuses(g.list), total: g.list.length });
    for (const entry of g.list) rows.push({ kind: 'entry', key: entry.id, entry });
  }
  return rows;
}

/** The rows to draw for a scroll position (fixed row heights): the visible ones plus a margin. */
export function visibleRange(rowCount: number, rowHeight: number, scrollTop: number, viewHeight: number, overscan = 6): { start: number; end: number } {
  const start = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const end = Math.min(rowCount, Math.ceil((scrollTop + viewHeight) / rowHeight) + overscan);
  return { start, end };
}

export const phaseNames = [
  ['dnsMs', 'DNS'],
  ['connectMs', 'connect'],
  ['tlsMs', 'TLS'],
  ['firstByteMs', 'first byte'],
  ['transferMs', 'transfer'],
] as const satisfies readonly (readonly [keyof CanaryTimings, string])[];

/** The phases that happened, with their share of the total (for the little stacked bar). */
export function phaseParts(t: CanaryTimings): { name: string; ms: number; share: number }[] {
  const total = Math.max(t.totalMs, 1);
  return phaseNames.flatMap(([key, name]) => {
    const ms = t[key];
    return ms === null ? [] : [{ name, ms, share: Math.min(1, ms / total) }];
  });
}

export function ms(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
}

export function percent(ratio: number | null): string {
  if (ratio === null) return '–';
  const p = ratio * 100;
  return `${p >= 99.995 ? '100' : p.toFixed(p >= 99 ? 2 : 1)}%`;
}

/** The failed assertion on a tile: "status is 200: expected 200, got 503", else the run's message. */
export function failureLine(e: CanaryBoardEntry): string | null {
  const last = e.last;
  if (!last || last.outcome === 'pass') return null;
  const a = last.failed[0];
  if (a) return `${a.step ? `${a.step}: ` : ''}${a.assertion}: expected ${a.expected}, got ${a.actual}`;
  if (last.junit && last.junit.failingNames.length > 0) return `${last.junit.failed + last.junit.errored} of ${last.junit.tests} failed: ${last.junit.failingNames.slice(0, 3).join(', ')}`;
  return last.message;
}

/** The wall panel's tone for a set of canaries: critical when one is confirmed failing, warning when one needs a look. */
export function panelTone(counts: StatusCounts): 'ok' | 'warning' | 'critical' | 'unknown' {
  if (counts['failing-confirmed']) return 'critical';
  if (counts['failing-unconfirmed'] || counts.degraded || counts.flaky || counts.stale) return 'warning';
  return Object.keys(counts).length === 0 ? 'unknown' : 'ok';
}

/** The canaries a wall panel covers: those of its services and journeys (all when it names none). */
export function panelEntries(entries: readonly CanaryBoardEntry[], scope: { services?: readonly string[] | undefined; journeys?: readonly string[] | undefined }): CanaryBoardEntry[] {
  return entries.filter(
    (e) => (!scope.services || (e.service !== null && scope.services.includes(e.service))) && (!scope.journeys || (e.journey !== null && scope.journeys.includes(e.journey))),
  );
}
