import type { Frame, Point } from '../model/frame.ts';

export type Aggregate = 'sum' | 'avg' | 'max' | 'min';

/**
 * The single number a panel stands for (a stat's big number, the value status rules test):
 * each series' latest point, combined with the query's own aggregate. Null when there is none.
 */
export function panelValue(frame: Pick<Frame, 'series'> | undefined, how: Aggregate = 'sum'): number | null {
  const latest: number[] = [];
  for (const s of frame?.series ?? []) {
    const last = s.points[s.points.length - 1];
    if (last && Number.isFinite(last[1])) latest.push(last[1]);
  }
  return latest.length === 0 ? null : aggregate(latest, how);
}

/** Combine values the way a query's `aggregate` says (used by the hub's evaluators too). */
export function aggregate(values: readonly number[], how: Aggregate): number {
  switch (how) {
    case 'sum':
      return values.reduce((a, b) => a + b, 0);
    case 'avg':
      return values.reduce((a, b) => a + b, 0) / values.length;
    case 'max':
      return Math.max(...values);
    case 'min':
      return Math.min(...values);
  }
}

/** Append new points to a bounded list, dropping the oldest and anything older than `sinceMs`. */
export function appendBounded(points: readonly Point[], added: readonly Point[], maxPoints: number, sinceMs: number): Point[] {
  const merged = points.concat(added);
  let start = Math.max(0, merged.length - maxPoints);
  while (start < merged.length && merged[start]![0] < sinceMs) start++;
  return merged.slice(start);
}
