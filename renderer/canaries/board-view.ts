/**
 * What the canary board shows, worked out from the board (pure, so it is tested without a DOM and
 * cheap at 1,000+ tiles): every status in colour AND shape AND word, the tiles filtered, grouped by
 * service or journey, worst first (statusRank), the groups worst first too, and flattened into
 * rows for the windowed list.
 */
import { failedAssertionText } from '../../shared/domain/canaries/assertion-text.ts';
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

export function matches(e: CanaryBoardEntry, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const hay = `${e.name} ${e.id} ${e.service ?? ''} ${e.journey ?? ''} ${e.target ?? ''} ${statusText(e)}`.toLowerCase();
  return words.every((w) => hay.includes(w));
}

/** Each name's place in collation order, kept while the names stay the same (sorting 1,000 tiles per delta with a collator is the board's biggest cost). */
let nameOrder = new Map<string, number>();
export function orderOfNames(entries: readonly CanaryBoardEntry[]): Map<string, number> {
  if (entries.length > nameOrder.size || entries.some((e) => !nameOrder.has(e.name))) {
    const names = [...new Set(entries.map((e) => e.name))].sort(collator.compare);
    nameOrder = new Map(names.map((n, i) => [n, i]));
  }
  return nameOrder;
}

/** byWorst with the names' order looked up instead of collated (same order, much cheaper). */
function worstFirst(entries: readonly CanaryBoardEntry[]): (a: CanaryBoardEntry, b: CanaryBoardEntry) => number {
  return byWorstIn(orderOfNames(entries));
}

/** byWorst with a given names' order (every name compared must be in it). */
export function byWorstIn(order: ReadonlyMap<string, number>): (a: CanaryBoardEntry, b: CanaryBoardEntry) => number {
  return (a, b) => statusRank[a.status] - statusRank[b.status] || (a.failingSince ?? Infinity) - (b.failingSince ?? Infinity) || order.get(a.name)! - order.get(b.name)!;
}

export function filterWords(filter: BoardFilter): string[] {
  return filter.text.toLowerCase().split(/\s+/).filter(Boolean);
}

/** The group a tile is listed under. */
export function groupOf(e: CanaryBoardEntry, groupBy: GroupBy): string {
  return (groupBy === 'service' ? e.service : e.journey) ?? (groupBy === 'service' ? NO_GROUP : NO_JOURNEY);
}

/** Whether a tile is listed under a filter. */
export function listed(e: CanaryBoardEntry, filter: BoardFilter, words: readonly string[]): boolean {
  return (!filter.problemsOnly || isProblem(e.status)) && matches(e, words);
}

/** Groups worst first (by their worst tile), then by name. */
export function byWorstGroup(compare: (a: CanaryBoardEntry, b: CanaryBoardEntry) => number): (a: { name: string; list: readonly CanaryBoardEntry[] }, b: { name: string; list: readonly CanaryBoardEntry[] }) => number {
  return (a, b) => compare(a.list[0]!, b.list[0]!) || collator.compare(a.name, b.name);
}

/** Filter, group, sort and flatten: one header row per group, then its tiles. */
export function boardRows(entries: readonly CanaryBoardEntry[], filter: BoardFilter): BoardRow[] {
  const words = filterWords(filter);
  const groups = new Map<string, CanaryBoardEntry[]>();
  for (const e of entries) {
    if (!listed(e, filter, words)) continue;
    const name = groupOf(e, filter.groupBy);
    let list = groups.get(name);
    if (!list) groups.set(name, (list = []));
    list.push(e);
  }
  const compare = worstFirst(entries);
  const sorted = [...groups].map(([name, list]) => ({ name, list: list.sort(compare) }));
  sorted.sort(byWorstGroup(compare));
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

export type StripOutcome = 'none' | 'pass' | 'retried' | 'fail' | 'maintenance';

/** Bar heights (of STRIP_HEIGHT) by outcome: shape as well as colour. */
const STRIP_BAR: Readonly<Record<Exclude<StripOutcome, 'maintenance'>, number>> = { none: 3, pass: 4, retried: 7, fail: 10 };
const STRIP_HEIGHT = 10;
/** Each run is a 2-unit bar with a 1-unit gap. */
const STRIP_STEP = 3;

/**
 * The history strip as SVG paths, one per kind of run (empty slots first, oldest run left), plus
 * a notch over the runs made during maintenance.
 */
export function stripPaths(runs: readonly { outcome: string; retried: boolean; maintenance: boolean }[], max: number): { width: number; height: number; paths: { outcome: StripOutcome; d: string }[] } {
  const slots = Math.max(max, runs.length);
  const d: Record<StripOutcome, string> = { none: '', pass: '', retried: '', fail: '', maintenance: '' };
  const bar = (slot: number, h: number, top = STRIP_HEIGHT - h) => `M${slot * STRIP_STEP} ${top}h2v${h}h-2z`;
  for (let slot = 0; slot < slots - runs.length; slot++) d.none += bar(slot, STRIP_BAR.none);
  runs.forEach((r, i) => {
    const slot = slots - runs.length + i;
    const outcome = r.outcome === 'pass' ? (r.retried ? 'retried' : 'pass') : 'fail';
    d[outcome] += bar(slot, STRIP_BAR[outcome]);
    if (r.maintenance) d.maintenance += bar(slot, 2, STRIP_HEIGHT - STRIP_BAR[outcome]);
  });
  const paths = (Object.keys(d) as StripOutcome[]).filter((k) => d[k] !== '').map((outcome) => ({ outcome, d: d[outcome] }));
  return { width: Math.max(1, slots * STRIP_STEP - 1), height: STRIP_HEIGHT, paths };
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

/** The failed assertion on a tile: "expected status 200, got 503" (step first), else the run's message. */
export function failureLine(e: CanaryBoardEntry): string | null {
  const last = e.last;
  if (!last || last.outcome === 'pass') return null;
  const a = last.failed[0];
  if (a) return failedAssertionText(a);
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
export function panelEntries<E extends Pick<CanaryBoardEntry, 'service' | 'journey'>>(entries: readonly E[], scope: { services?: readonly string[] | undefined; journeys?: readonly string[] | undefined }): E[] {
  return entries.filter(
    (e) => (!scope.services || (e.service !== null && scope.services.includes(e.service))) && (!scope.journeys || (e.journey !== null && scope.journeys.includes(e.journey))),
  );
}
