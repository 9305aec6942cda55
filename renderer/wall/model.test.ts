import { describe, expect, it } from 'vitest';
import { frameKey } from '../../shared/domain/frame-key.ts';
import type { PanelConfig, Workspace } from '../../shared/model/workspace.ts';
import { LATEST_ONLY, MAX_POINTS_PER_SERIES } from '../state/frames.ts';
import { displayState, freshnessBadgeWord, panelFreshness, panelPointsShown, panelWindowMs, sourceIntervalMs, statusPanels, wallWants } from './model.ts';

const query = (metric: string) => ({ metric, fn: 'value' as const, window: 60_000, aggregate: 'sum' as const });
const stat = (id: string, metric: string, extra: Partial<PanelConfig> = {}): PanelConfig =>
  ({ id, type: 'stat', title: id, gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: 'demo', query: query(metric), unit: 'short', sparkline: true, ...extra }) as PanelConfig;
const series = (id: string, metric: string, span: number): PanelConfig =>
  ({ id, type: 'timeseries', title: id, gridPos: { x: 6, y: 0, w: 18, h: 8 }, source: 'demo', query: query(metric), unit: 'short', span }) as PanelConfig;

const workspace = {
  version: 1,
  title: 'T',
  timezone: 'UTC',
  sources: [{ id: 'demo', type: 'scrape', url: 'http://x/metrics', interval: 2_000, timeout: 1_000 }],
  walls: [
    { id: 'a', title: 'A', viewingDistance: 'near', panels: [stat('streams', 'm1'), series('streams-chart', 'm1', 3_600_000)] },
    { id: 'b', title: 'B', viewingDistance: 'far', panels: [stat('errors', 'm2')] },
  ],
  status: { levels: [{ level: 'ICU', tone: 'critical', when: [{ panel: 'errors', above: 5 }] }], otherwise: { level: 'Stable', tone: 'ok' } },
} as unknown as Workspace;

describe('what a wall subscribes to', () => {
  it('its panels, once per frame with the longest window, plus the status radiator’s panels', () => {
    const wants = wallWants(workspace, workspace.walls[0]!);
    expect(wants).toEqual([
      { key: frameKey('demo', query('m1')), windowMs: 3_600_000, maxPoints: MAX_POINTS_PER_SERIES },
      { key: frameKey('demo', query('m2')), windowMs: 15 * 60_000, maxPoints: MAX_POINTS_PER_SERIES },
    ]);
    expect(statusPanels(workspace).map((p) => p.id)).toEqual(['errors']);
    expect(panelWindowMs(workspace.walls[0]!.panels[0]!)).toBe(15 * 60_000);
  });

  it('keeps history only for panels that draw it: a gauge, grid, table or bare stat wants the latest point', () => {
    const gauge = { ...stat('g', 'm3'), type: 'gauge' } as PanelConfig;
    const grid = { ...stat('grid', 'm4'), type: 'status-grid' } as PanelConfig;
    const bare = stat('bare', 'm5', { sparkline: false } as Partial<PanelConfig>);
    for (const p of [gauge, grid, bare]) expect(panelPointsShown(p)).toBe(LATEST_ONLY);
    expect(panelPointsShown(stat('s', 'm1'))).toBe(MAX_POINTS_PER_SERIES);
    expect(panelPointsShown(series('c', 'm1', 60_000))).toBe(MAX_POINTS_PER_SERIES);
    // A gauge beside a chart of the same query: the frame keeps the chart's history.
    const wall = { ...workspace.walls[1]!, panels: [gauge, { ...series('c', 'm3', 60_000) }, bare] };
    const wants = wallWants({ ...workspace, status: undefined } as unknown as Workspace, wall);
    expect(wants.map((w) => w.maxPoints)).toEqual([MAX_POINTS_PER_SERIES, LATEST_ONLY]);
  });

  it('text and embed panels subscribe to nothing', () => {
    const text = { id: 'notes', type: 'text', title: 'Notes', gridPos: { x: 0, y: 8, w: 6, h: 4 }, content: 'hi', allowImagesFrom: [] } as PanelConfig;
    const wall = { ...workspace.walls[1]!, panels: [...workspace.walls[1]!.panels, text] };
    expect(wallWants(workspace, wall).map((w) => w.key)).toEqual([frameKey('demo', query('m2'))]);
  });

  it('uses the source interval until the hub says otherwise', () => {
    expect(sourceIntervalMs(workspace, 'demo')).toBe(2_000);
    expect(sourceIntervalMs(null, 'demo')).toBe(5_000);
  });
});

describe('panel freshness', () => {
  const meta = { lastSuccessAt: 100_000, expectedIntervalMs: 5_000 };
  it('grades the age on the hub clock', () => {
    expect(panelFreshness(meta, true, 5_000, 104_000, true)).toEqual({ freshness: 'live', ageMs: 4_000, waiting: false });
    expect(panelFreshness(meta, true, 5_000, 115_000, true).freshness).toBe('delayed');
    expect(panelFreshness(meta, true, 5_000, 160_000, true).freshness).toBe('stale');
    expect(panelFreshness(meta, true, 5_000, 101_000, false).freshness).toBe('disconnected');
  });

  it('before any data: stale, no age, waiting', () => {
    expect(panelFreshness(null, false, 5_000, 1, true)).toEqual({ freshness: 'stale', ageMs: null, waiting: true });
  });

  it('states: unknown without a value', () => {
    const panel = { thresholds: [{ value: null, state: 'ok' as const }, { value: 5, state: 'critical' as const }] };
    expect(displayState(null, panel)).toBe('unknown');
    expect(displayState(6, panel)).toBe('critical');
    expect(displayState(1, panel)).toBe('ok');
  });
});

describe('the freshness badge’s word', () => {
  const fresh = { freshness: 'live' as const, ageMs: 6_000, waiting: false };
  it('says live beside something to show, and "no data" (with the age) beside a fresh answer with nothing in it, never "live"', () => {
    expect(freshnessBadgeWord(fresh, null)).toBe('live');
    // An SLO evaluated 6 s ago with no event counted: its body reads "? NO DATA".
    expect(freshnessBadgeWord({ ...fresh, empty: true }, null)).toBe('no data');
    // A data panel whose query answered 6 s ago without points: the same rule.
    expect(freshnessBadgeWord({ ...fresh, waiting: true }, null)).toBe('no data');
    expect(freshnessBadgeWord({ freshness: 'stale', ageMs: null, waiting: true }, null)).toBe('no data');
  });

  it('keeps the more urgent word: delayed, stale, disconnected, too old', () => {
    expect(freshnessBadgeWord({ freshness: 'delayed', ageMs: 25_000, waiting: false, empty: true }, null)).toBe('delayed');
    expect(freshnessBadgeWord({ freshness: 'stale', ageMs: 240_000, waiting: false, empty: true }, null)).toBe('stale');
    expect(freshnessBadgeWord({ freshness: 'disconnected', ageMs: null, waiting: true }, null)).toBe('disconnected');
    expect(freshnessBadgeWord({ ...fresh, empty: true }, 'warning')).toBe('too old');
  });
});
