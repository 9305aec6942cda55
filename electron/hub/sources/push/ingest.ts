/**
 * Pushed values into the panels' frames. A push source is never polled: each push is one
 * "successful fetch" for every frame whose query names a pushed series, so freshness (delayed,
 * stale against the source's expected interval) works exactly as for polled sources.
 */
import type { FrameDelta } from '../../../../shared/model/frame.ts';
import type { PushQuery, Workspace } from '../../../../shared/model/workspace.ts';
import { PUSH_MAX_AGE_MS, PUSH_MAX_AHEAD_MS, type PushBody, type PushPoint, type PushReply } from '../../../../shared/protocol/push.ts';
import type { QueryResultSeries } from '../adapter.ts';
import type { FrameStore } from '../frame-store.ts';
import { seriesName } from '../frame-store.ts';

/** The latest value of every pushed series is kept for the query endpoint; bounded per source. */
export const MAX_LATEST_PER_SOURCE = 10_000;

export class PushRejected extends Error {}

export interface PushFrameQuery {
  readonly key: string;
  readonly query: PushQuery;
}

interface Latest {
  readonly series: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
  readonly at: number;
}

/** The points of `points` a push query picks, as query results. */
export function evaluatePush(query: PushQuery, points: readonly Pick<PushPoint, 'series' | 'value' | 'labels' | 'at'>[]): QueryResultSeries[] {
  const match = Object.entries(query.match ?? {});
  return points
    .filter((p) => p.series === query.series && match.every(([k, v]) => p.labels?.[k] === v))
    .map((p) => ({ labels: p.labels ?? {}, value: p.value, ...(p.at !== undefined ? { at: p.at } : {}) }));
}

export interface PushIngestDeps {
  readonly frames: FrameStore;
  readonly workspace: () => Workspace | null;
  /** The frames that read a push source (the scheduler knows, from the walls' panels). */
  readonly framesOf: (sourceId: string) => readonly PushFrameQuery[];
  readonly onDelta: (delta: FrameDelta) => void;
  readonly now: () => number;
}

export class PushIngest {
  readonly #latest = new Map<string, Map<string, Latest>>();
  readonly #deps: PushIngestDeps;

  constructor(deps: PushIngestDeps) {
    this.#deps = deps;
  }

  /** Store a push; throws PushRejected (a 400, in words naming the field) when it cannot be taken. */
  ingest(body: PushBody): PushReply {
    const pushSources = (this.#deps.workspace()?.sources ?? []).filter((s) => s.type === 'push');
    if (!pushSources.some((s) => s.id === body.source)) {
      const known = pushSources.map((s) => s.id);
      throw new PushRejected(
        `source: no push source "${body.source}" in the workspace (${known.length ? `push sources: ${known.join(', ')}` : 'add one with type: push'})`,
      );
    }
    const now = this.#deps.now();
    const points: PushPoint[] = [
      ...Object.entries(body.values ?? {}).map(([series, value]) => ({ series, value })),
      ...(body.points ?? []),
    ];
    body.points?.forEach((p, i) => {
      if (p.at === undefined) return;
      if (p.at < now - PUSH_MAX_AGE_MS || p.at > now + PUSH_MAX_AHEAD_MS) {
        throw new PushRejected(`points[${i}].at: expected a time within the last hour (epoch ms), got ${p.at} (hub clock ${now})`);
      }
    });
    const latest = this.#latestOf(body.source);
    for (const p of points) {
      const name = `${p.series}${seriesName(p.labels ?? {})}`;
      if (!latest.has(name) && latest.size >= MAX_LATEST_PER_SOURCE) latest.delete(latest.keys().next().value!);
      latest.set(name, { series: p.series, labels: p.labels ?? {}, value: p.value, at: p.at ?? now });
    }
    let frames = 0;
    for (const { key, query } of this.#deps.framesOf(body.source)) {
      const results = evaluatePush(query, points);
      if (results.length === 0) continue;
      const delta = this.#deps.frames.recordSuccess(key, now, results);
      if (!delta) continue;
      frames++;
      this.#deps.onDelta(delta);
    }
    return { accepted: points.length, frames, receivedAt: now };
  }

  /** The latest value of each pushed series a query picks (the query endpoint's answer). */
  latest(sourceId: string, query: PushQuery): QueryResultSeries[] {
    return evaluatePush(query, [...(this.#latest.get(sourceId)?.values() ?? [])]);
  }

  /** Forget sources gone from the workspace. */
  retain(sourceIds: ReadonlySet<string>): void {
    for (const id of this.#latest.keys()) if (!sourceIds.has(id)) this.#latest.delete(id);
  }

  #latestOf(sourceId: string): Map<string, Latest> {
    let map = this.#latest.get(sourceId);
    if (!map) this.#latest.set(sourceId, (map = new Map()));
    return map;
  }
}
