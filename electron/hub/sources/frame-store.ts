/**
 * The latest data of every frame with a bounded history, and the deltas to send. Walls run for
 * days: each series keeps at most MAX_POINTS points and nothing older than the retention.
 */
import type { Frame, FrameDelta, FrameMeta, Point, Series } from '../../../shared/model/frame.ts';
import type { QueryResultSeries } from './adapter.ts';

export const MAX_POINTS_PER_SERIES = 1_000;
export const RETENTION_MS = 60 * 60_000;

interface StoredSeries {
  labels: Readonly<Record<string, string>>;
  points: Point[];
}

interface StoredFrame {
  series: Map<string, StoredSeries>;
  meta: FrameMeta;
  /** How much history is kept: RETENTION_MS, or a range query's longer span. */
  retentionMs: number;
}

export function seriesName(labels: Readonly<Record<string, string>>): string {
  const keys = Object.keys(labels).sort();
  return `{${keys.map((k) => `${k}=${JSON.stringify(labels[k])}`).join(', ')}}`;
}

export class FrameStore {
  readonly #frames = new Map<string, StoredFrame>();

  has(key: string): boolean {
    return this.#frames.has(key);
  }

  /** Create a frame with no data yet (so a subscriber sees "waiting for first data"). */
  ensure(key: string, sourceId: string, expectedIntervalMs: number, retentionMs = RETENTION_MS): void {
    const frame = this.#frames.get(key);
    if (frame) {
      frame.meta = { ...frame.meta, sourceId, expectedIntervalMs };
      frame.retentionMs = Math.max(RETENTION_MS, retentionMs);
      return;
    }
    this.#frames.set(key, {
      retentionMs: Math.max(RETENTION_MS, retentionMs),
      series: new Map(),
      meta: { sourceId, lastSuccessAt: null, lastAttemptAt: null, lastError: null, expectedIntervalMs },
    });
  }

  /** Record a successful fetch; returns the delta (only the new points). */
  recordSuccess(key: string, at: number, results: readonly QueryResultSeries[]): FrameDelta | null {
    const frame = this.#frames.get(key);
    if (!frame) return null;
    const changed: Series[] = [];
    for (const r of results) {
      const name = seriesName(r.labels);
      let stored = frame.series.get(name);
      if (!stored) frame.series.set(name, (stored = { labels: r.labels, points: [] }));
      if (r.points) {
        // A range answer repeats what is held: keep (and send) only the points after the last one.
        const last = stored.points[stored.points.length - 1]?.[0] ?? -Infinity;
        const added = r.points.filter((p) => p[0] > last);
        stored.points.push(...added);
        if (added.length > 0) changed.push({ name, labels: r.labels, points: added });
        continue;
      }
      const point: Point = [r.at ?? at, r.value];
      stored.points.push(point);
      changed.push({ name, labels: r.labels, points: [point] });
    }
    this.#trim(frame, at);
    frame.meta = { ...frame.meta, lastSuccessAt: at, lastAttemptAt: at, lastError: null };
    return { key, series: changed, meta: frame.meta };
  }

  /** Record a failure: the data stays, the metadata says what went wrong. */
  recordFailure(key: string, at: number, error: string): FrameDelta | null {
    const frame = this.#frames.get(key);
    if (!frame) return null;
    frame.meta = { ...frame.meta, lastAttemptAt: at, lastError: error };
    return { key, series: [], meta: frame.meta };
  }

  get(key: string): Frame | null {
    const frame = this.#frames.get(key);
    if (!frame) return null;
    return {
      key,
      series: [...frame.series.entries()].map(([name, s]) => ({ name, labels: s.labels, points: s.points.slice() })),
      meta: frame.meta,
    };
  }

  /** Forget frames no query uses any more. */
  retain(keys: ReadonlySet<string>): void {
    for (const key of this.#frames.keys()) if (!keys.has(key)) this.#frames.delete(key);
  }

  #trim(frame: StoredFrame, now: number): void {
    for (const [name, s] of frame.series) {
      let drop = Math.max(0, s.points.length - MAX_POINTS_PER_SERIES);
      while (drop < s.points.length && s.points[drop]![0] < now - frame.retentionMs) drop++;
      if (drop > 0) s.points.splice(0, drop);
      if (s.points.length === 0) frame.series.delete(name);
    }
  }
}
