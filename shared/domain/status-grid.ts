/**
 * A status grid's tiles: one per series (per region, per CDN), each with its label, value, state
 * and its own freshness, so a series that stopped reporting is marked even when the others live.
 */
import type { Series } from '../model/frame.ts';
import { freshnessOf } from './freshness.ts';
import type { Freshness } from './freshness.ts';
import { displayValue } from './value-mapping.ts';
import type { ValueLook, ValueState } from './value-mapping.ts';

export interface GridTile {
  /** The series name: stable, for React keys and test ids. */
  readonly key: string;
  readonly label: string;
  readonly value: number | null;
  readonly number: string;
  readonly unit: string;
  readonly state: ValueState;
  readonly judged: boolean;
  /** This series' own freshness, from the time of its newest point. */
  readonly freshness: Freshness;
  /** How old its newest point is, null when it has none. */
  readonly ageMs: number | null;
}

export type GridSort = 'label' | 'worst' | 'value';

export interface GridInput extends ValueLook {
  /** The label whose value names each tile; all label values when absent. */
  readonly label?: string;
  readonly sort: GridSort;
  /** Used for a series without labels. */
  readonly fallbackLabel: string;
  readonly expectedIntervalMs: number;
  /** Now on the hub's clock (points are stamped by the hub). */
  readonly now: number;
  readonly connected: boolean;
}

/** A tile's name: the chosen label's value, or every label value ("eu-west · 403"). */
export function tileLabel(series: Pick<Series, 'labels' | 'name'>, label: string | undefined, fallback: string): string {
  if (label !== undefined) {
    const value = series.labels[label];
    if (value !== undefined && value !== '') return value;
  }
  const values = Object.values(series.labels).filter((v) => v !== '');
  if (values.length > 0) return values.join(' · ');
  return series.name && series.name !== '{}' ? series.name : fallback;
}

const stateRank: Record<ValueState, number> = { critical: 3, warning: 2, unknown: 1, ok: 0 };
const freshRank: Record<Freshness, number> = { disconnected: 3, stale: 2, delayed: 1, live: 0 };

/** Critical first, then warning, then no value, then ok; a stale tile before a live one of its state. */
export function worseFirst(a: Pick<GridTile, 'state' | 'freshness'>, b: Pick<GridTile, 'state' | 'freshness'>): number {
  return stateRank[b.state] - stateRank[a.state] || freshRank[b.freshness] - freshRank[a.freshness];
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function gridTiles(series: readonly Series[], input: GridInput): GridTile[] {
  const tiles = series.map((s): GridTile => {
    const last = s.points[s.points.length - 1];
    const value = last && Number.isFinite(last[1]) ? last[1] : null;
    const shown = displayValue(value, input);
    return {
      key: s.name,
      label: tileLabel(s, input.label, input.fallbackLabel),
      value,
      number: shown.number,
      unit: shown.unit,
      state: shown.state,
      judged: shown.judged,
      freshness: freshnessOf({
        lastSuccessAt: last ? last[0] : null,
        expectedIntervalMs: input.expectedIntervalMs,
        now: input.now,
        connected: input.connected,
      }),
      ageMs: last ? Math.max(0, input.now - last[0]) : null,
    };
  });
  const byLabel = (a: GridTile, b: GridTile) => collator.compare(a.label, b.label) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const byValue = (a: GridTile, b: GridTile) => (b.value ?? -Infinity) - (a.value ?? -Infinity) || byLabel(a, b);
  if (input.sort === 'worst') return tiles.sort((a, b) => worseFirst(a, b) || byLabel(a, b));
  if (input.sort === 'value') return tiles.sort(byValue);
  return tiles.sort(byLabel);
}

/** The grid's overall state: its worst tile ("unknown" for none). */
export function worstTileState(tiles: readonly Pick<GridTile, 'state'>[]): ValueState {
  let worst: ValueState | null = null;
  for (const t of tiles) if (worst === null || stateRank[t.state] > stateRank[worst]) worst = t.state;
  return worst ?? 'unknown';
}

/**
 * Columns and rows that fit `count` tiles in a box of `width` × `height` with the largest tiles,
 * counting only what text can use: up to `maxAspect` times as wide as tall, never taller than wide.
 */
export function gridShape(count: number, width: number, height: number, maxAspect = 3): { columns: number; rows: number } {
  if (count <= 0 || width <= 0 || height <= 0) return { columns: 1, rows: 1 };
  let best = { columns: 1, rows: count, score: -Infinity, h: 0 };
  for (let columns = 1; columns <= count; columns++) {
    const rows = Math.ceil(count / columns);
    const w = width / columns;
    const h = height / rows;
    // The usable area: width beyond maxAspect × the height, or height beyond the width, is wasted.
    const score = Math.min(w, h * maxAspect) * Math.min(h, w);
    // On a tie, the taller tiles: the text in a tile scales with its height.
    if (score > best.score * (1 + 1e-9) || (score >= best.score * (1 - 1e-9) && h > best.h)) best = { columns, rows, score, h };
  }
  return { columns: best.columns, rows: best.rows };
}
