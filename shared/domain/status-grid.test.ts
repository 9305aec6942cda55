import { describe, expect, it } from 'vitest';
import type { Series } from '../model/frame.ts';
import type { Thresholds } from '../model/workspace.ts';
import { gridShape, gridTiles, tileLabel, worstTileState } from './status-grid.ts';
import type { GridInput } from './status-grid.ts';

const s = (labels: Record<string, string>, points: [number, number][]): Series => ({
  name: `{${Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(',')}}`,
  labels,
  points,
});
const thresholds: Thresholds = [
  { value: null, state: 'ok' },
  { value: 5, state: 'warning' },
  { value: 50, state: 'critical' },
];
const base: GridInput = { unit: 'reqps', thresholds, sort: 'label', fallbackLabel: 'All', expectedIntervalMs: 2_000, now: 100_000, connected: true };
const frame = [
  s({ region: 'us-east' }, [[99_000, 1]]),
  s({ region: 'eu-west' }, [[99_000, 60]]),
  s({ region: 'af-south' }, [[99_000, 7]]),
  // Stopped reporting 30 s ago (15 intervals): its tile is stale, the others live.
  s({ region: 'eu-central' }, [[70_000, 2]]),
];

describe('status grid tiles', () => {
  it('one tile per series with its label, value in the unit, threshold state and own freshness', () => {
    const tiles = gridTiles(frame, base);
    expect(tiles.map((t) => t.label)).toEqual(['af-south', 'eu-central', 'eu-west', 'us-east']);
    expect(tiles.map((t) => t.state)).toEqual(['warning', 'ok', 'critical', 'ok']);
    expect(tiles.map((t) => t.freshness)).toEqual(['live', 'stale', 'live', 'live']);
    expect(tiles[1]).toMatchObject({ ageMs: 30_000, number: '2', unit: ' req/s', judged: true });
  });

  it('sorts worst first (critical, warning, no value, ok; stale before live), or by value', () => {
    const withEmpty = [...frame, s({ region: 'ap-east' }, [])];
    expect(gridTiles(withEmpty, { ...base, sort: 'worst' }).map((t) => t.label)).toEqual(['eu-west', 'af-south', 'ap-east', 'eu-central', 'us-east']);
    expect(gridTiles(frame, { ...base, sort: 'value' }).map((t) => t.label)).toEqual(['eu-west', 'af-south', 'eu-central', 'us-east']);
  });

  it('every tile is disconnected without the hub, and mappings name states', () => {
    const tiles = gridTiles(frame, { ...base, connected: false, mappings: [{ from: 50, text: 'DOWN', state: 'critical' }] });
    expect(tiles.every((t) => t.freshness === 'disconnected')).toBe(true);
    expect(tiles.find((t) => t.label === 'eu-west')).toMatchObject({ number: 'DOWN', unit: '', state: 'critical' });
  });

  it('names tiles by the chosen label, else every label value, else the fallback', () => {
    const cdn = s({ cdn: 'akamai', result: 'miss' }, []);
    expect(tileLabel(cdn, 'cdn', 'x')).toBe('akamai');
    expect(tileLabel(cdn, 'region', 'x')).toBe('akamai · miss');
    expect(tileLabel({ name: '{}', labels: {} }, undefined, 'Total')).toBe('Total');
    expect(worstTileState(gridTiles(frame, base))).toBe('critical');
    expect(worstTileState([])).toBe('unknown');
  });

  it('shapes the grid for the biggest tiles that fit', () => {
    expect(gridShape(4, 800, 200)).toEqual({ columns: 4, rows: 1 });
    expect(gridShape(4, 400, 400)).toEqual({ columns: 2, rows: 2 });
    expect(gridShape(3, 300, 900)).toEqual({ columns: 1, rows: 3 });
    expect(gridShape(12, 1200, 300)).toEqual({ columns: 6, rows: 2 });
    expect(gridShape(0, 100, 100)).toEqual({ columns: 1, rows: 1 });
  });
});
