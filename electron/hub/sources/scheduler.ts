/**
 * One scheduler for every source: per-source interval and timeout, jitter, exponential backoff
 * with a cap, and a bound on requests in flight. Identical queries share a frame, and queries a
 * source can answer together share one upstream request per interval.
 */
import type { FrameDelta } from '../../../shared/model/frame.ts';
import type { PushQuery, Workspace } from '../../../shared/model/workspace.ts';
import { canonicalJson, frameKey } from '../../../shared/domain/frame-key.ts';
import { isRangeQuery, panelQuery } from '../../../shared/domain/panel-query.ts';
import type { AdapterFactory, PolledSourceConfig, SourceAdapter } from './adapter.ts';
import type { FrameStore } from './frame-store.ts';

/** A failing source is retried at most this rarely, and never rarer than every 8 intervals. */
export const BACKOFF_CAP_MS = 60_000;
export const BACKOFF_CAP_INTERVALS = 8;

export interface SchedulerOptions {
  readonly frames: FrameStore;
  readonly adapterFor: AdapterFactory;
  readonly onDelta: (delta: FrameDelta) => void;
  readonly maxConcurrent?: number;
  readonly now?: () => number;
  readonly random?: () => number;
}

interface Job {
  readonly id: string;
  readonly source: PolledSourceConfig;
  readonly adapter: SourceAdapter;
  queries: { key: string; query: unknown }[];
  failures: number;
  timer: NodeJS.Timeout | null;
  running: boolean;
  stopped: boolean;
}

export class Scheduler {
  readonly #opts: Required<SchedulerOptions>;
  readonly #jobs = new Map<string, Job>();
  /** Adapters live as long as their source config is unchanged, so rate history survives reloads. */
  readonly #adapters = new Map<string, SourceAdapter>();
  #inFlight = 0;
  readonly #waiting: (() => void)[] = [];
  /** Frames fed by pushes rather than polling, per push source id. */
  #pushed = new Map<string, { key: string; query: PushQuery }[]>();
  /** Upstream requests made, per source id (the dedupe benchmark and tests read it). */
  readonly requests = new Map<string, number>();

  constructor(opts: SchedulerOptions) {
    this.#opts = { maxConcurrent: 8, now: Date.now, random: Math.random, ...opts };
  }

  /** Make the running jobs match a workspace: start new ones, stop gone ones, keep the rest. */
  apply(workspace: Workspace | null): void {
    const wanted = new Map<string, { source: PolledSourceConfig; groupKey: string; queries: Map<string, unknown> }>();
    const keys = new Set<string>();
    const sources = new Map((workspace?.sources ?? []).map((s) => [s.id, s]));
    const pushed = new Map<string, Map<string, PushQuery>>();
    for (const wall of workspace?.walls ?? []) {
      for (const panel of wall.panels) {
        if (!('query' in panel)) continue; // text and embed panels fetch nothing
        const source = sources.get(panel.source);
        if (!source) continue;
        if (source.type === 'push') {
          // Nothing to poll: the frame exists (waiting for first data) and pushes fill it.
          const key = frameKey(source.id, panel.query);
          if (!pushed.has(source.id)) pushed.set(source.id, new Map());
          pushed.get(source.id)!.set(key, panel.query as PushQuery);
          keys.add(key);
          this.#opts.frames.ensure(key, source.id, source.interval);
          continue;
        }
        const sourceKey = canonicalJson(source);
        let adapter = this.#adapters.get(sourceKey);
        if (!adapter) this.#adapters.set(sourceKey, (adapter = this.#opts.adapterFor(source)));
        const query = panelQuery(panel);
        const groupKey = adapter.groupKey(query);
        const jobId = `${sourceKey}\u0000${groupKey}`;
        let spec = wanted.get(jobId);
        if (!spec) wanted.set(jobId, (spec = { source, groupKey, queries: new Map() }));
        const key = frameKey(source.id, query);
        spec.queries.set(key, query);
        keys.add(key);
        this.#opts.frames.ensure(key, source.id, source.interval, isRangeQuery(query) ? query.range.span : undefined);
      }
    }
    for (const [id, job] of this.#jobs) {
      if (!wanted.has(id)) this.#stop(job);
    }
    for (const [id, spec] of wanted) {
      const queries = [...spec.queries].map(([key, query]) => ({ key, query }));
      const existing = this.#jobs.get(id);
      if (existing) {
        existing.queries = queries;
        continue;
      }
      const adapter = this.#adapters.get(canonicalJson(spec.source))!;
      const job: Job = { id, source: spec.source, adapter, queries, failures: 0, timer: null, running: false, stopped: false };
      this.#jobs.set(id, job);
      // Spread first fetches over up to a second so a reload does not fire every request at once.
      this.#schedule(job, this.#opts.random() * Math.min(1000, spec.source.interval));
    }
    const liveSources = new Set([...this.#jobs.values()].map((j) => canonicalJson(j.source)));
    for (const [sourceKey, adapter] of this.#adapters) {
      if (liveSources.has(sourceKey)) continue;
      adapter.close?.();
      this.#adapters.delete(sourceKey);
    }
    this.#pushed = new Map([...pushed].map(([id, queries]) => [id, [...queries].map(([key, query]) => ({ key, query }))]));
    this.#opts.frames.retain(keys);
  }

  /** The adapter the panels of this source use now (so a rate keeps its history), or null. */
  liveAdapter(source: PolledSourceConfig): SourceAdapter | null {
    return this.#adapters.get(canonicalJson(source)) ?? null;
  }

  /** The frames a push source feeds (the push ingest writes to them). */
  pushedFrames(sourceId: string): readonly { key: string; query: PushQuery }[] {
    return this.#pushed.get(sourceId) ?? [];
  }

  stop(): void {
    for (const job of this.#jobs.values()) this.#stop(job);
    this.#jobs.clear();
    for (const adapter of this.#adapters.values()) adapter.close?.();
    this.#adapters.clear();
  }

  #stop(job: Job): void {
    job.stopped = true;
    if (job.timer) clearTimeout(job.timer);
    this.#jobs.delete(job.id);
  }

  #schedule(job: Job, delayMs: number): void {
    if (job.stopped) return;
    job.timer = setTimeout(() => void this.#run(job), delayMs);
  }

  /** The delay before the next fetch: the interval with ±5% jitter, or a capped backoff. */
  nextDelay(intervalMs: number, failures: number): number {
    const jitter = 0.95 + this.#opts.random() * 0.1;
    if (failures === 0) return intervalMs * jitter;
    // Capped in intervals too, so a wall notices a recovered source soon after it is back.
    const backoff = Math.min(BACKOFF_CAP_MS, intervalMs * BACKOFF_CAP_INTERVALS, intervalMs * 2 ** failures);
    return Math.max(intervalMs, backoff) * (0.8 + this.#opts.random() * 0.4);
  }

  async #acquire(): Promise<void> {
    if (this.#inFlight < this.#opts.maxConcurrent) {
      this.#inFlight++;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#inFlight--;
  }

  async #run(job: Job): Promise<void> {
    if (job.stopped || job.running) return;
    job.running = true;
    await this.#acquire();
    const { now } = this.#opts;
    try {
      if (job.stopped) return;
      this.requests.set(job.source.id, (this.requests.get(job.source.id) ?? 0) + 1);
      const signal = AbortSignal.timeout(job.source.timeout);
      const queries = job.queries;
      try {
        const results = await job.adapter.fetch(
          queries.map((q) => q.query),
          { signal, now },
        );
        if (job.stopped) return;
        const at = now();
        job.failures = 0;
        queries.forEach((q, i) => {
          const delta = this.#opts.frames.recordSuccess(q.key, at, results[i] ?? []);
          if (delta) this.#opts.onDelta(delta);
        });
      } catch (error) {
        if (job.stopped) return;
        job.failures++;
        const message = `${job.source.id}: ${(error as Error).message}`;
        const at = now();
        for (const q of queries) {
          const delta = this.#opts.frames.recordFailure(q.key, at, message);
          if (delta) this.#opts.onDelta(delta);
        }
      }
    } finally {
      this.#release();
      job.running = false;
      this.#schedule(job, this.nextDelay(job.source.interval, job.failures));
    }
  }
}
