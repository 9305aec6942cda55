import { describe, expect, it } from 'vitest';
import type { Frame, FrameDelta, FrameMeta, Point } from '../../shared/model/frame.ts';
import type { HubHello, WorkspaceState } from '../../shared/protocol/events.ts';
import { hubNow } from './connection.ts';
import { LATEST_ONLY, MAX_POINTS_PER_SERIES } from './frames.ts';
import { createAppStore } from './store.ts';

const meta = (over: Partial<FrameMeta> = {}): FrameMeta => ({
  sourceId: 'demo',
  lastSuccessAt: 1_000,
  lastAttemptAt: 1_000,
  lastError: null,
  expectedIntervalMs: 5_000,
  ...over,
});

const points = (from: number, count: number, step = 5_000): Point[] =>
  Array.from({ length: count }, (_, i) => [from + i * step, i] as const);

const s = (name: string, pts: Point[]) => ({ name, labels: {}, points: pts });
const frame = (key: string, pts: Point[], name = '{}'): Frame => ({ key, series: [{ name, labels: {}, points: pts }], meta: meta() });
const delta = (key: string, pts: Point[], name = '{}', m: Partial<FrameMeta> = {}): FrameDelta => ({
  key,
  series: [{ name, labels: {}, points: pts }],
  meta: meta(m),
});

function storeWanting(key: string, windowMs = 15 * 60_000) {
  const store = createAppStore();
  const release = store.getState().wantFrames([{ key, windowMs }]);
  return { store, release };
}

describe('frames slice', () => {
  it('appends only new points from a delta and takes its meta', () => {
    const { store } = storeWanting('k');
    store.getState().framesReplaced([frame('k', points(0, 3))]);
    store.getState().framesDelta([delta('k', [[10_000, 99], [15_000, 7]], '{}', { lastSuccessAt: 15_000 })]);
    const entry = store.getState().frames.k!;
    expect(entry.series[0]!.points.map((p) => p[0])).toEqual([0, 5_000, 10_000, 15_000]);
    expect(entry.series[0]!.points[3]).toEqual([15_000, 7]);
    expect(entry.meta.lastSuccessAt).toBe(15_000);
  });

  it('adds series it has not seen and leaves the others alone', () => {
    const { store } = storeWanting('k');
    store.getState().framesReplaced([frame('k', points(0, 2), '{region="eu"}')]);
    const before = store.getState().frames.k!.series[0];
    store.getState().framesDelta([delta('k', [[5_000, 1]], '{region="us"}')]);
    const series = store.getState().frames.k!.series;
    expect(series.map((s) => s.name)).toEqual(['{region="eu"}', '{region="us"}']);
    expect(series[0]).toBe(before);
  });

  it('keeps a series bounded by count', () => {
    const { store } = storeWanting('k', 10 * 365 * 86_400_000);
    store.getState().framesReplaced([frame('k', points(0, MAX_POINTS_PER_SERIES, 1_000))]);
    store.getState().framesDelta([delta('k', points(MAX_POINTS_PER_SERIES * 1_000, 10, 1_000))]);
    const pts = store.getState().frames.k!.series[0]!.points;
    expect(pts).toHaveLength(MAX_POINTS_PER_SERIES);
    expect(pts[pts.length - 1]![0]).toBe((MAX_POINTS_PER_SERIES + 9) * 1_000);
  });

  it('keeps only the window before the newest point, not before now (stale data stays)', () => {
    const { store } = storeWanting('k', 60_000);
    store.getState().framesReplaced([frame('k', points(0, 30, 5_000))]); // 0 … 145 s
    const pts = store.getState().frames.k!.series[0]!.points;
    expect(pts[0]![0]).toBe(145_000 - 60_000);
    expect(pts[pts.length - 1]![0]).toBe(145_000);
  });

  it('lets a series that stopped reporting slide out of the window', () => {
    const { store } = storeWanting('k', 30_000);
    store.getState().framesReplaced([
      { key: 'k', series: [s('a', points(0, 3)), s('b', points(0, 3))], meta: meta() },
    ]);
    for (let t = 15_000; t <= 60_000; t += 5_000) store.getState().framesDelta([delta('k', [[t, 1]], 'a')]);
    const series = store.getState().frames.k!.series;
    expect(series.map((x) => x.name)).toEqual(['a']);
    expect(series[0]!.points[0]![0]).toBe(30_000);
  });

  it('stays bounded however long it runs', () => {
    const { store } = storeWanting('k', 60_000);
    for (let i = 0; i < 5_000; i++) {
      store.getState().framesDelta([
        { key: 'k', series: [s('a', [[i * 2_000, i]]), s('b', [[i * 2_000, -i]])], meta: meta({ lastSuccessAt: i * 2_000 }) },
      ]);
    }
    const series = store.getState().frames.k!.series;
    expect(series.map((x) => x.points.length)).toEqual([31, 31]);
  });

  it('keeps only the latest point for screens that show only the latest value, however long it runs', () => {
    const store = createAppStore();
    store.getState().wantFrames([{ key: 'k', windowMs: 15 * 60_000, maxPoints: LATEST_ONLY }]);
    store.getState().framesReplaced([{ key: 'k', series: [s('a', points(0, 40, 1_000)), s('b', points(0, 40, 1_000))], meta: meta() }]);
    expect(store.getState().frames.k!.series.map((x) => x.points)).toEqual([[[39_000, 39]], [[39_000, 39]]]);
    for (let i = 40; i < 3_000; i++) store.getState().framesDelta([{ key: 'k', series: [s('a', [[i * 1_000, i]])], meta: meta() }]);
    const series = store.getState().frames.k!.series;
    // 'b' stopped reporting: its last point stays until it slides out of the 15 min window.
    expect(series.map((x) => [x.name, x.points])).toEqual([['a', [[2_999_000, 2_999]]]]);
    store.getState().framesDelta([{ key: 'k', series: [s('b', [[3_000_000, 7], [3_001_000, 8]])], meta: meta() }]);
    expect(store.getState().frames.k!.series.map((x) => [x.name, x.points])).toEqual([
      ['a', [[2_999_000, 2_999]]],
      ['b', [[3_001_000, 8]]],
    ]);
  });

  it('a frame shared by a chart and a gauge keeps the chart’s history', () => {
    const store = createAppStore();
    store.getState().wantFrames([{ key: 'k', windowMs: 60_000, maxPoints: LATEST_ONLY }]);
    store.getState().wantFrames([{ key: 'k', windowMs: 60_000 }]);
    expect(store.getState().wanted.k?.maxPoints).toBe(MAX_POINTS_PER_SERIES);
    store.getState().framesReplaced([frame('k', points(0, 10, 1_000))]);
    expect(store.getState().frames.k!.series[0]!.points).toHaveLength(10);
  });

  it('ignores repeated and out-of-order points', () => {
    const { store } = storeWanting('k');
    store.getState().framesReplaced([frame('k', points(0, 3))]);
    store.getState().framesDelta([delta('k', [[5_000, 1], [10_000, 2]])]);
    store.getState().framesDelta([delta('k', [[20_000, 4], [15_000, 3]])]);
    expect(store.getState().frames.k!.series[0]!.points.map((p) => p[0])).toEqual([0, 5_000, 10_000, 15_000, 20_000]);
  });

  it('a delta with only meta changes the meta, not the points', () => {
    const { store } = storeWanting('k');
    store.getState().framesReplaced([frame('k', points(0, 3))]);
    store.getState().framesDelta([{ key: 'k', series: [], meta: meta({ lastError: 'connect ECONNREFUSED 127.0.0.1:4821' }) }]);
    const entry = store.getState().frames.k!;
    expect(entry.series[0]!.points).toHaveLength(3);
    expect(entry.meta.lastError).toBe('connect ECONNREFUSED 127.0.0.1:4821');
  });

  it('a resubscribe ack replaces what was held (the hub may have restarted)', () => {
    const { store } = storeWanting('k');
    store.getState().framesReplaced([frame('k', points(0, 50))]);
    store.getState().framesDelta([delta('k', [[1_000_000, 5]])]);
    store.getState().framesReplaced([frame('k', points(2_000_000, 2))]);
    expect(store.getState().frames.k!.series[0]!.points.map((p) => p[0])).toEqual([2_000_000, 2_005_000]);
  });

  it('changes only the entries that changed (charts subscribe by reference)', () => {
    const store = createAppStore();
    store.getState().wantFrames([
      { key: 'a', windowMs: 60_000 },
      { key: 'b', windowMs: 60_000 },
    ]);
    store.getState().framesReplaced([frame('a', points(0, 2)), frame('b', points(0, 2))]);
    const b = store.getState().frames.b;
    store.getState().framesDelta([delta('a', [[10_000, 1]])]);
    expect(store.getState().frames.b).toBe(b);
  });

  it('counts holders of a key and keeps the largest window', () => {
    const store = createAppStore();
    const r1 = store.getState().wantFrames([{ key: 'k', windowMs: 60_000 }]);
    const r2 = store.getState().wantFrames([{ key: 'k', windowMs: 900_000 }]);
    expect(store.getState().wanted.k).toEqual({ windowMs: 900_000, maxPoints: MAX_POINTS_PER_SERIES, holders: 2 });
    r1();
    r1(); // releasing twice is harmless
    expect(store.getState().wanted.k?.holders).toBe(1);
    r2();
    expect(store.getState().wanted.k).toBeUndefined();
  });

  it('drops deltas for keys nobody wants and prunes unwanted frames', () => {
    const { store, release } = storeWanting('k');
    store.getState().framesDelta([delta('other', points(0, 1))]);
    expect(store.getState().frames.other).toBeUndefined();
    store.getState().framesReplaced([frame('k', points(0, 1))]);
    release();
    expect(store.getState().framesPruned()).toEqual(['k']);
    expect(store.getState().frames).toEqual({});
  });
});

const workspaceState: WorkspaceState = { workspace: null, issues: null, loadedAt: 5 };
const hello = (serverTime: number): HubHello => ({ version: '1.2.3', role: 'viewer', tokenName: 'wall-left', serverTime, workspace: workspaceState });

describe('connection slice', () => {
  it('measures the hub clock offset at hello and corrects ages by it', () => {
    const store = createAppStore();
    store.getState().connectionHello(hello(1_000_000), 990_000);
    const { connection } = store.getState();
    expect(connection.status).toBe('connected');
    expect(connection.clockOffsetMs).toBe(10_000);
    expect(hubNow(connection, 995_000)).toBe(1_005_000);
    expect(connection.role).toBe('viewer');
    expect(connection.tokenName).toBe('wall-left');
    expect(store.getState().workspace).toBe(workspaceState);
  });

  it('keeps the timed offset through a late hello, and takes the hello’s guess on a clock step', () => {
    const store = createAppStore();
    store.getState().connectionHello(hello(1_000_000), 990_000);
    store.getState().connectionClock(10_400);
    // 800 ms late: the timed offset holds until the new timing.
    store.getState().connectionHello(hello(2_000_000), 1_990_800);
    expect(store.getState().connection).toMatchObject({ clockOffsetMs: 10_400, clockTimed: true });
    // The local clock stepped back a minute: the timed offset is a minute off, the guess is not.
    store.getState().connectionHello(hello(3_000_000), 2_930_000);
    expect(store.getState().connection).toMatchObject({ clockOffsetMs: 70_000, clockTimed: false });
  });

  it('records since when a status holds, and the error in words', () => {
    const store = createAppStore();
    store.getState().connectionConnecting('http://hub', 100);
    store.getState().connectionHello(hello(0), 200);
    store.getState().connectionLost('the hub stopped answering', 300);
    store.getState().connectionLost(null, 400);
    const { connection } = store.getState();
    expect(connection.status).toBe('disconnected');
    expect(connection.since).toBe(300);
    expect(connection.lastError).toBe('the hub stopped answering');
    store.getState().connectionUnauthorized('refused', 'unauthorized', 500);
    expect(store.getState().connection).toMatchObject({ status: 'unauthorized', unauthorizedReason: 'refused', since: 500, role: null });
  });
});

describe('workspace slice', () => {
  it('keeps the last valid workspace when a reload only brings issues', () => {
    const store = createAppStore();
    const valid = { workspace: { title: 'W' } as never, issues: null, loadedAt: 1 } satisfies WorkspaceState;
    store.getState().workspaceChanged(valid);
    const issues = [{ file: 'workspace.yaml', line: 3, column: 5, field: 'walls', message: 'expected an array' }];
    store.getState().workspaceChanged({ workspace: null, issues, loadedAt: 2 });
    expect(store.getState().workspace.workspace).toBe(valid.workspace);
    expect(store.getState().workspace.issues).toEqual(issues);
  });
});
