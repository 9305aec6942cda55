/**
 * The board's rows kept up to date delta by delta: the same order as boardRows (grouped, worst
 * group first, worst tile first), but a delta only moves the tiles it changed. A tile whose
 * order (status, failing since, name), group and filter match stay the same is replaced in place;
 * one that moved is taken out and put back by binary search; the groups are re-sorted only when a
 * group's worst tile changed. The rows are never flattened: the windowed list asks for the few it
 * draws. Anything else (another filter, canaries added or removed, many changes at once) builds
 * the layout again.
 */
import type { CanaryStatus } from '../../shared/model/canary.ts';
import { canaryEntryIndex, type CanaryBoardEntry } from '../../shared/protocol/canaries.ts';
import { byWorstGroup, byWorstIn, countStatuses, filterWords, groupOf, listed, orderOfNames, type BoardFilter, type BoardRow, type StatusCounts } from './board-view.ts';

export interface LayoutGroup {
  readonly name: string;
  /** Worst first. */
  readonly list: readonly CanaryBoardEntry[];
  readonly counts: StatusCounts;
  /** The group's header row (a new object when its counts change, so only then it re-renders). */
  readonly header: Extract<BoardRow, { kind: 'group' }>;
}

export interface BoardLayout {
  readonly entries: readonly CanaryBoardEntry[];
  readonly filter: BoardFilter;
  /** Worst group first. */
  readonly groups: readonly LayoutGroup[];
  /** Header rows plus listed tiles. */
  readonly rowCount: number;
  /** Every canary on the board (the filter aside). */
  readonly counts: StatusCounts;
  /** The names' order the groups were sorted with. */
  readonly names: ReadonlyMap<string, number>;
}

/** More tiles moving than this in one step: building the layout again is as cheap. */
const MAX_MOVES = 64;

function group(name: string, list: readonly CanaryBoardEntry[], counts: StatusCounts = countStatuses(list)): LayoutGroup {
  return { name, list, counts, header: { kind: 'group', key: `g:${name}`, name, counts, total: list.length } };
}

function build(entries: readonly CanaryBoardEntry[], filter: BoardFilter): BoardLayout {
  const words = filterWords(filter);
  const names = orderOfNames(entries);
  const compare = byWorstIn(names);
  const lists = new Map<string, CanaryBoardEntry[]>();
  for (const e of entries) {
    if (!listed(e, filter, words)) continue;
    const name = groupOf(e, filter.groupBy);
    let list = lists.get(name);
    if (!list) lists.set(name, (list = []));
    list.push(e);
  }
  const groups = [...lists].map(([name, list]) => group(name, list.sort(compare))).sort(byWorstGroup(compare));
  return { entries, filter, groups, rowCount: groups.reduce((n, g) => n + 1 + g.list.length, 0), counts: countStatuses(entries), names };
}

/** Where `e` goes in a list sorted by `compare` (after its equals). */
function insertionPoint(list: readonly CanaryBoardEntry[], e: CanaryBoardEntry, compare: (a: CanaryBoardEntry, b: CanaryBoardEntry) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(list[mid]!, e) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sameOrder(a: CanaryBoardEntry, b: CanaryBoardEntry): boolean {
  return a.status === b.status && a.failingSince === b.failingSince && a.name === b.name;
}

function bump(counts: StatusCounts, status: CanaryStatus, by: 1 | -1): void {
  const n = (counts[status] ?? 0) + by;
  if (n > 0) counts[status] = n;
  else delete counts[status];
}

/**
 * The layout for `entries` under `filter`, derived from `prev` when `entries` came from
 * prev.entries by a delta (applyCanaryDelta keeps unchanged entries as the same objects).
 */
export function layoutBoard(prev: BoardLayout | null, entries: readonly CanaryBoardEntry[], filter: BoardFilter): BoardLayout {
  if (!prev || prev.filter !== filter || prev.entries.length !== entries.length || canaryEntryIndex(prev.entries) !== canaryEntryIndex(entries)) return build(entries, filter);
  if (prev.entries === entries) return prev;
  const changed: [before: CanaryBoardEntry, after: CanaryBoardEntry][] = [];
  for (let i = 0; i < entries.length; i++) {
    if (prev.entries[i] === entries[i]) continue;
    if (!prev.names.has(entries[i]!.name)) return build(entries, filter);
    changed.push([prev.entries[i]!, entries[i]!]);
  }
  // Run ticks (many per delta) change tiles in place; only tiles whose place may change count.
  if (changed.filter(([before, after]) => !sameOrder(before, after)).length > MAX_MOVES) return build(entries, filter);
  const words = filterWords(filter);
  const compare = byWorstIn(prev.names);
  const counts = { ...prev.counts };
  // Touched groups get their own copies (the previous layout stays as it was).
  const groups = new Map(prev.groups.map((g) => [g.name, { list: g.list as CanaryBoardEntry[], counts: g.counts, touched: false }]));
  const touch = (name: string) => {
    let g = groups.get(name);
    if (!g) groups.set(name, (g = { list: [], counts: {}, touched: true }));
    else if (!g.touched) Object.assign(g, { list: g.list.slice(), counts: { ...g.counts }, touched: true });
    return g;
  };
  let reorderGroups = false;
  let rowCount = prev.rowCount;
  for (const [before, after] of changed) {
    bump(counts, before.status, -1);
    bump(counts, after.status, 1);
    const was = listed(before, filter, words) ? groupOf(before, filter.groupBy) : null;
    const now = listed(after, filter, words) ? groupOf(after, filter.groupBy) : null;
    if (was !== null && was === now && sameOrder(before, after)) {
      const g = touch(was);
      g.list[g.list.indexOf(before)] = after;
      if (before.status !== after.status) {
        bump(g.counts, before.status, -1);
        bump(g.counts, after.status, 1);
      }
      continue;
    }
    if (was !== null) {
      const g = touch(was);
      const at = g.list.indexOf(before);
      g.list.splice(at, 1);
      bump(g.counts, before.status, -1);
      rowCount -= 1;
      if (at === 0) reorderGroups = true;
    }
    if (now !== null) {
      const g = touch(now);
      const at = insertionPoint(g.list, after, compare);
      g.list.splice(at, 0, after);
      bump(g.counts, after.status, 1);
      rowCount += 1;
      if (at === 0) reorderGroups = true;
    }
  }
  const next: LayoutGroup[] = [];
  for (const old of prev.groups) {
    const g = groups.get(old.name)!;
    groups.delete(old.name);
    if (!g.touched) next.push(old);
    else if (g.list.length > 0) next.push(group(old.name, g.list, g.counts));
    else {
      rowCount -= 1; // its header
      reorderGroups = true;
    }
  }
  for (const [name, g] of groups) {
    next.push(group(name, g.list, g.counts));
    rowCount += 1;
    reorderGroups = true;
  }
  if (reorderGroups) next.sort(byWorstGroup(compare));
  return { entries, filter, groups: next, rowCount, counts, names: prev.names };
}

/** The rows from `start` (included) to `end` (excluded), each with its index. */
export function layoutRows(layout: BoardLayout, start: number, end: number): { row: BoardRow; index: number }[] {
  const out: { row: BoardRow; index: number }[] = [];
  let first = 0; // index of the group's header
  for (const g of layout.groups) {
    const after = first + 1 + g.list.length;
    if (after > start) {
      if (first >= end) break;
      if (first >= start) out.push({ row: g.header, index: first });
      const from = Math.max(0, start - first - 1);
      const to = Math.min(g.list.length, end - first - 1);
      for (let i = from; i < to; i++) {
        const entry = g.list[i]!;
        out.push({ row: { kind: 'entry', key: entry.id, entry }, index: first + 1 + i });
      }
    }
    first = after;
  }
  return out;
}

/**
 * DOM slots for the drawn rows: a row that stays in the window keeps its slot (it only moves), a
 * row that enters takes the slot of one that left, so React updates that row's DOM in place
 * instead of building a new row and removing the old one (a delta that brings a whole group into
 * view then costs attribute and text updates, not dozens of new elements). Headers and tiles have
 * their own slots (different markup). Returns the slot of each key, in the same order.
 */
export function assignSlots(prev: ReadonlyMap<string, string>, rows: readonly { key: string; kind: 'group' | 'entry' }[]): Map<string, string> {
  const next = new Map<string, string>();
  const kept = new Set<string>();
  for (const r of rows) {
    const slot = prev.get(r.key);
    if (slot !== undefined) {
      next.set(r.key, slot);
      kept.add(slot);
    }
  }
  const free = { group: [] as string[], entry: [] as string[] };
  for (const slot of prev.values()) if (!kept.has(slot)) free[slot.startsWith('group-') ? 'group' : 'entry'].push(slot);
  const used = new Set([...kept, ...free.group, ...free.entry]);
  let n = 0;
  for (const r of rows) {
    if (next.has(r.key)) continue;
    let slot = free[r.kind].shift();
    if (slot === undefined) {
      while (used.has(`${r.kind}-${n}`)) n += 1;
      slot = `${r.kind}-${n}`;
      used.add(slot);
    }
    next.set(r.key, slot);
  }
  return next;
}
