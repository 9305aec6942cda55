import { describe, expect, it } from 'vitest';
import type { CanaryStatus } from '../../shared/model/canary.ts';
import { applyCanaryDelta, type CanaryBoard, type CanaryBoardEntry, type CanaryDelta } from '../../shared/protocol/canaries.ts';
import { assignSlots, layoutBoard, layoutRows, type BoardLayout } from './board-layout.ts';
import { boardRows, countStatuses, defaultFilter, type BoardFilter } from './board-view.ts';

function entry(i: number, status: CanaryStatus = 'passing', extra: Partial<CanaryBoardEntry> = {}): CanaryBoardEntry {
  return {
    id: `c-${i}`,
    kind: 'check',
    name: `Check ${i}`,
    description: null,
    runbook: null,
    service: `svc-${i % 4}`,
    journey: i % 3 === 0 ? null : `journey-${i % 3}`,
    critical: false,
    configured: true,
    target: `GET https://example/${i}`,
    intervalMs: 30_000,
    status,
    health: status === 'maintenance' || status === 'acknowledged' ? 'failing-confirmed' : status,
    progress: null,
    failingSince: null,
    confirmedAt: null,
    recovered: null,
    lastResultAt: 0,
    last: null,
    history: { end: 0, max: 5, runs: [] },
    ack: null,
    maintenance: null,
    nextMaintenance: null,
    lastDigest: null,
    uptime: { uptime: null, passRatio: null, windowMs: 86_400_000 },
    cert: null,
    ...extra,
  };
}

const scheduler: CanaryBoard['scheduler'] = { checks: 0, running: 0, queued: 0, concurrency: 1, lagMs: { p50: null, p99: null, max: null, samples: 0 }, skipped: 0, runs: 0 };
const board = (entries: CanaryBoardEntry[]): CanaryBoard => ({ seq: 1, at: 0, entries, scheduler, notices: [] });
const delta = (b: CanaryBoard, changed: CanaryBoardEntry[], runs: CanaryDelta['runs'] = []): CanaryBoard =>
  applyCanaryDelta(b, { seq: b.seq + 1, at: b.seq + 1, changed, runs, removed: [], alerts: [], notices: [] })!;

/** The layout's rows as the full sort would list them: "[group]" then tile ids. */
const shown = (layout: BoardLayout) => layoutRows(layout, 0, layout.rowCount).map(({ row }) => (row.kind === 'group' ? `[${row.name} ${row.total}]` : row.entry.id));
const expected = (entries: readonly CanaryBoardEntry[], filter: BoardFilter) => boardRows(entries, filter).map((row) => (row.kind === 'group' ? `[${row.name} ${row.total}]` : row.entry.id));

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const statuses: CanaryStatus[] = ['passing', 'failing-confirmed', 'failing-unconfirmed', 'stale', 'degraded', 'flaky', 'maintenance', 'acknowledged', 'pending'];

describe('the board layout, delta by delta', () => {
  it('moves a check that starts failing to the top, its group first, without touching the others', () => {
    let b = board(Array.from({ length: 12 }, (_, i) => entry(i)));
    const first = layoutBoard(null, b.entries, defaultFilter);
    expect(shown(first)).toEqual(expected(b.entries, defaultFilter));
    b = delta(b, [entry(7, 'failing-confirmed', { failingSince: 100 })]);
    const next = layoutBoard(first, b.entries, defaultFilter);
    expect(shown(next).slice(0, 2)).toEqual(['[svc-3 3]', 'c-7']);
    expect(shown(next)).toEqual(expected(b.entries, defaultFilter));
    expect(next.counts).toEqual({ passing: 11, 'failing-confirmed': 1 });
    expect(next.groups.find((g) => g.name === 'svc-3')!.counts).toEqual({ 'failing-confirmed': 1, passing: 2 });
    // Groups it did not touch are the same objects (their header rows do not re-render).
    expect(next.groups.find((g) => g.name === 'svc-0')).toBe(first.groups.find((g) => g.name === 'svc-0'));
  });

  it('replaces a tile in place when only its run history changed', () => {
    let b = board(Array.from({ length: 6 }, (_, i) => entry(i)));
    const first = layoutBoard(null, b.entries, defaultFilter);
    b = delta(b, [], [['c-2', 10, 'p', 40]]);
    const next = layoutBoard(first, b.entries, defaultFilter);
    expect(shown(next)).toEqual(shown(first));
    const row = layoutRows(next, 0, next.rowCount).find(({ row: r }) => r.key === 'c-2')!.row;
    expect(row.kind === 'entry' && row.entry.history.runs).toHaveLength(1);
  });

  it('stays incremental for a delta with many run ticks (they change tiles in place)', () => {
    let b = board(Array.from({ length: 400 }, (_, i) => entry(i)));
    const first = layoutBoard(null, b.entries, defaultFilter);
    const ticks: CanaryDelta['runs'] = b.entries.filter((e) => e.service !== 'svc-3').slice(0, 200).map((e, j) => [e.id, 10 + j, 'p', 40]);
    b = delta(b, [entry(4, 'failing-confirmed', { failingSince: 1 })], ticks);
    const next = layoutBoard(first, b.entries, defaultFilter);
    expect(shown(next)).toEqual(expected(b.entries, defaultFilter));
    expect(next.groups.find((g) => g.name === 'svc-3')).toBe(first.groups.find((g) => g.name === 'svc-3'));
  });

  it('drops a tile that no longer matches the filter, and its group when it empties', () => {
    const filter: BoardFilter = { ...defaultFilter, problemsOnly: true };
    let b = board([entry(0, 'failing-confirmed', { failingSince: 5 }), entry(1), entry(2, 'stale'), entry(5, 'degraded')]);
    const first = layoutBoard(null, b.entries, filter);
    expect(shown(first)).toEqual(['[svc-0 1]', 'c-0', '[svc-2 1]', 'c-2', '[svc-1 1]', 'c-5']);
    b = delta(b, [entry(0, 'passing')]);
    const next = layoutBoard(first, b.entries, filter);
    expect(shown(next)).toEqual(['[svc-2 1]', 'c-2', '[svc-1 1]', 'c-5']);
    expect(next.rowCount).toBe(4);
    b = delta(b, [entry(1, 'failing-unconfirmed')]);
    expect(shown(layoutBoard(next, b.entries, filter))).toEqual(['[svc-1 2]', 'c-1', 'c-5', '[svc-2 1]', 'c-2']);
  });

  it('builds again for another filter or when canaries come and go', () => {
    let b = board(Array.from({ length: 6 }, (_, i) => entry(i)));
    const first = layoutBoard(null, b.entries, defaultFilter);
    const byJourney: BoardFilter = { ...defaultFilter, groupBy: 'journey' };
    expect(shown(layoutBoard(first, b.entries, byJourney))).toEqual(expected(b.entries, byJourney));
    b = applyCanaryDelta(b, { seq: 2, at: 2, changed: [entry(9, 'stale')], runs: [], removed: ['c-1'], alerts: [], notices: [] })!;
    expect(shown(layoutBoard(first, b.entries, defaultFilter))).toEqual(expected(b.entries, defaultFilter));
  });

  it('lists the same rows as sorting the whole board, over many random deltas and filters', () => {
    const next = random(42);
    const pick = <T,>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
    for (const filter of [defaultFilter, { ...defaultFilter, problemsOnly: true }, { ...defaultFilter, text: 'check 1' }, { ...defaultFilter, groupBy: 'journey' as const }]) {
      let b = board(Array.from({ length: 40 }, (_, i) => entry(i, pick(statuses), { failingSince: next() < 0.5 ? null : Math.floor(next() * 5) })));
      let layout = layoutBoard(null, b.entries, filter);
      for (let step = 0; step < 200; step++) {
        const changed = Array.from({ length: 1 + Math.floor(next() * 3) }, () => {
          const i = Math.floor(next() * 40);
          return entry(i, pick(statuses), { failingSince: next() < 0.5 ? null : Math.floor(next() * 5), service: next() < 0.1 ? 'moved' : `svc-${i % 4}` });
        });
        const ids = new Set(changed.map((e) => e.id));
        b = delta(b, changed, [[pick(b.entries.filter((e) => !ids.has(e.id))).id, 1000 + step, 'p', 10]]);
        layout = layoutBoard(layout, b.entries, filter);
        expect(shown(layout)).toEqual(expected(b.entries, filter));
        expect(layout.counts).toEqual(countStatuses(b.entries));
        expect(layout.rowCount).toBe(expected(b.entries, filter).length);
        for (const g of layout.groups) expect(g.counts).toEqual(countStatuses(g.list));
      }
    }
  });

  it('gives the rows of a window with their indexes', () => {
    const b = board(Array.from({ length: 8 }, (_, i) => entry(i)));
    const layout = layoutBoard(null, b.entries, defaultFilter);
    const all = expected(b.entries, defaultFilter);
    expect(layoutRows(layout, 2, 7).map(({ index }) => index)).toEqual([2, 3, 4, 5, 6]);
    expect(shown({ ...layout }).slice(2, 7)).toEqual(all.slice(2, 7));
    expect(layoutRows(layout, 3, 4).map(({ row }) => row.key)).toEqual([boardRows(b.entries, defaultFilter)[3]!.key]);
  });
});

describe('applying a delta', () => {
  it('keeps every entry it did not touch as the same object, in the same place', () => {
    const b = board(Array.from({ length: 5 }, (_, i) => entry(i)));
    const next = delta(b, [entry(3, 'stale')], [['c-1', 5, 'f', null]]);
    expect(next.entries.map((e) => e.id)).toEqual(b.entries.map((e) => e.id));
    expect(next.entries.filter((e, i) => e === b.entries[i]).map((e) => e.id)).toEqual(['c-0', 'c-2', 'c-4']);
    expect(next.entries[3]!.status).toBe('stale');
    expect(next.entries[1]!.history.runs).toEqual([[0, 'f', null]]);
    expect(b.entries[1]!.history.runs).toEqual([]); // the old board is unchanged
  });

  it('keeps the last `max` runs on the strip, each relative to the newest', () => {
    let b = board([entry(0)]);
    for (let t = 1; t <= 7; t++) b = delta(b, [], [['c-0', t * 10, t === 7 ? 'f' : 'p', t]]);
    expect(b.entries[0]!.history).toEqual({ end: 70, max: 5, runs: [[40, 'p', 3], [30, 'p', 4], [20, 'p', 5], [10, 'p', 6], [0, 'f', 7]] });
    expect(b.entries[0]!.lastResultAt).toBe(70);
    b = delta(b, [], [['c-0', 70, 'p', 1]]); // already on the strip
    expect(b.entries[0]!.history.runs).toHaveLength(5);
    expect(b.entries[0]!.history.runs.at(-1)).toEqual([0, 'f', 7]);
  });
});

describe('DOM slots of the drawn rows', () => {
  const rows = (...keys: string[]) => keys.map((key) => ({ key, kind: key.startsWith('g:') ? ('group' as const) : ('entry' as const) }));

  it('keeps the slot of a row that stays, and gives a leaving row’s slot to one that enters', () => {
    const first = assignSlots(new Map(), rows('g:a', 'c-1', 'c-2', 'c-3'));
    expect(new Set(first.values()).size).toBe(4);
    const next = assignSlots(first, rows('g:b', 'c-9', 'g:a', 'c-1', 'c-2'));
    expect(next.get('c-1')).toBe(first.get('c-1'));
    expect(next.get('c-2')).toBe(first.get('c-2'));
    expect(next.get('c-9')).toBe(first.get('c-3')); // c-3 left the window
    expect(next.get('g:a')).toBe(first.get('g:a'));
    expect(next.get('g:b')).toMatch(/^group-/); // a header never takes a tile's slot
    expect(new Set(next.values()).size).toBe(5);
  });

  it('gives the same slots for the same rows (a second render agrees)', () => {
    const first = assignSlots(new Map(), rows('g:a', 'c-1'));
    expect([...assignSlots(first, rows('g:a', 'c-1'))]).toEqual([...first]);
  });
});
