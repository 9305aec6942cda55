/**
 * The query a panel's frame is fetched with. A timeseries panel on a Prometheus source (a query
 * with `expr`) asks for a range, its span at a step aligned to the panel's width, so the chart
 * shows Prometheus's own history (not just what the hub saw since it started) at about one point
 * per 2 pixels. Hub and UI both call this, so they compute the same frame key.
 */
import type { DataPanelConfig, PromQuery } from '../model/workspace.ts';
import { frameKey } from './frame-key.ts';

/** Pixels per point of a range query: finer is invisible, coarser looks jagged. */
export const PX_PER_POINT = 2;
/** The wall width the default points budget assumes (a 1080p screen; 4K walls scale their type, not their grid). */
export const WALL_WIDTH_PX = 1920;
/** Prometheus refuses more than 11 000 points per series; the hub keeps 1000 per series. */
export const MAX_RANGE_POINTS = 1000;

/** Steps a person recognises and Prometheus caches well. */
const NICE_STEPS_MS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21_600, 43_200, 86_400].map((s) => s * 1000);

export interface RangeSpec {
  /** How far back from now, ms. */
  readonly span: number;
  /** The resolution, ms (start and end are multiples of it, so points keep their timestamps). */
  readonly step: number;
}

export type PromRangeQuery = PromQuery & { readonly range: RangeSpec };

/** The points a timeseries panel should get: its own `maxPoints`, else its share of a wall's width at 2 px a point. */
export function pointsBudget(panel: { gridPos: { w: number }; maxPoints?: number | undefined }): number {
  const budget = panel.maxPoints ?? Math.round(((panel.gridPos.w / 24) * WALL_WIDTH_PX) / PX_PER_POINT);
  return Math.max(2, Math.min(MAX_RANGE_POINTS, budget));
}

/** The smallest nice step that shows `spanMs` in at most `points` points. */
export function alignedStep(spanMs: number, points: number): number {
  const raw = spanMs / Math.max(1, points);
  return NICE_STEPS_MS.find((s) => s >= raw) ?? Math.ceil(raw / 86_400_000) * 86_400_000;
}

/** Start and end of a range at `now`, both multiples of the step (end never in the future). */
export function alignedRange(now: number, range: RangeSpec): { start: number; end: number } {
  const end = Math.floor(now / range.step) * range.step;
  return { start: end - Math.ceil(range.span / range.step) * range.step, end };
}

export function isRangeQuery(query: unknown): query is PromRangeQuery {
  return typeof query === 'object' && query !== null && 'expr' in query && 'range' in query;
}

/** What the panel's frame is fetched with (the panel's query, plus a range for Prometheus timeseries). */
export function panelQuery(panel: Pick<DataPanelConfig, 'type' | 'query' | 'gridPos'> & { span?: number; maxPoints?: number }): unknown {
  if (panel.type !== 'timeseries' || !('expr' in panel.query) || panel.span === undefined) return panel.query;
  const range: RangeSpec = { span: panel.span, step: alignedStep(panel.span, pointsBudget(panel)) };
  return { ...panel.query, range };
}

/** The frame key of a panel: same function, same input on the hub and in the UI. */
export function panelFrameKey(panel: Pick<DataPanelConfig, 'type' | 'source' | 'query' | 'gridPos'> & { span?: number; maxPoints?: number }): string {
  return frameKey(panel.source, panelQuery(panel));
}
