/**
 * Event SLOs on the hub: while a plan runs, each of its SLOs with good and total queries is
 * evaluated against its prometheus source (the workspace's first by default) over the event window so far (every 30 s), with
 * the counters fetched as in the review's SLO evaluator and the budget and burn-rate alerts of
 * domain/planning/event-slo.ts (thresholds derived for the event window). The latest status per
 * plan goes to the walls; the post-event report reads the whole window again.
 */
import type { EventSlo, Plan } from '../../../shared/model/plan.ts';
import type { SourceConfig, Workspace } from '../../../shared/model/workspace.ts';
import { eventSloStatus } from '../../../shared/domain/planning/event-slo.ts';
import { planWindow } from '../../../shared/domain/planning/timeline.ts';
import type { CountBucket } from '../../../shared/domain/review/slo.ts';
import type { LiveEventSlo } from '../../../shared/protocol/plans.ts';
import { PrometheusAdapter } from '../sources/prometheus/adapter.ts';
import { countBuckets } from '../review/slo-evaluator.ts';

type PrometheusConfig = Extract<SourceConfig, { type: 'prometheus' }>;

const SECOND = 1000;
/** Steps fine enough for a 10-minute alert's 50 s short window, ≤ ~3,000 points per query. */
const stepFor = (windowMs: number): number => Math.min(30 * SECOND, Math.max(5 * SECOND, Math.ceil(windowMs / 3000 / SECOND) * SECOND));

const queried = (slo: EventSlo): slo is EventSlo & { good: string; total: string } => Boolean(slo.good && slo.total);

export interface EventSloOptions {
  readonly workspace: () => Workspace | null;
  /** The plans running now. */
  readonly running: () => readonly { id: string; plan: Plan }[];
  /** A plan's statuses changed (the walls reload it). */
  readonly changed: (planId: string) => void;
  readonly now?: () => number;
  readonly intervalMs?: number;
  readonly log: (message: string) => void;
}

export class EventSloWatcher {
  readonly #o: EventSloOptions;
  readonly #now: () => number;
  readonly #latest = new Map<string, LiveEventSlo[]>();
  readonly #timer: ReturnType<typeof setInterval>;
  readonly #stopping = new AbortController();
  #running: Promise<void> | null = null;

  constructor(options: EventSloOptions) {
    this.#o = options;
    this.#now = options.now ?? Date.now;
    this.#timer = setInterval(() => void this.refresh(), options.intervalMs ?? 30_000);
    this.#timer.unref();
  }

  /** The statuses of a running plan's event SLOs, as last evaluated. */
  latest(planId: string): LiveEventSlo[] {
    return this.#latest.get(planId) ?? [];
  }

  /** The SLO's prometheus source, or why there is none. */
  #source(slo: EventSlo): PrometheusConfig | string {
    const sources = (this.#o.workspace()?.sources ?? []).filter((s): s is PrometheusConfig => s.type === 'prometheus');
    if (slo.source === undefined) return sources[0] ?? 'the workspace has no prometheus source';
    const ids = sources.map((s) => s.id).join(', ') || 'none defined';
    return sources.find((s) => s.id === slo.source) ?? `source "${slo.source}" is not a prometheus source of the workspace (${ids})`;
  }

  /** An SLO's buckets over the event from its start until `until` (at most its end). */
  async #buckets(prom: PrometheusAdapter, plan: Plan, slo: EventSlo & { good: string; total: string }, until: number): Promise<CountBucket[]> {
    const w = planWindow(plan);
    const to = Math.min(until, w.endMs);
    if (to <= w.startMs) return [];
    const step = stepFor(w.endMs - w.startMs);
    // One step before the start, so the first bucket covers the start; the range ends on `to`.
    const from = to - Math.ceil((to - w.startMs) / step + 1) * step;
    const timeout = AbortSignal.timeout(30_000);
    return countBuckets(prom, slo, from, to, step, AbortSignal.any([timeout, this.#stopping.signal]));
  }

  async #evaluate(plan: Plan, at: number): Promise<LiveEventSlo[]> {
    const slos = plan.slos.filter(queried);
    if (slos.length === 0) return [];
    const windowMs = planWindow(plan).endMs - planWindow(plan).startMs;
    const none = { total: 0, budgetRemaining: null, budgetTooEarly: null, burnRate: null, burnWindowMs: null, alert: null };
    return this.#withSources((sourceOf) =>
      Promise.all(
        slos.map(async (slo): Promise<LiveEventSlo> => {
          const base = { id: slo.id, name: slo.name, objective: slo.objective, windowMs, at };
          const prom = sourceOf(slo);
          if (typeof prom === 'string') return { ...base, error: prom, ...none };
          try {
            const status = eventSloStatus(plan, slo, await this.#buckets(prom, plan, slo, at), at);
            const fastest = [...status.alerts.alerts].sort((a, b) => a.longWindowMs - b.longWindowMs)[0];
            return {
              ...base,
              error: null,
              total: status.budget.total,
              // Too little of the event counted: no figure, and why (the alerts below judge it all the same).
              budgetRemaining: status.tooEarly ? null : status.budget.remaining,
              budgetTooEarly: status.tooEarly ? { coveredMs: status.coveredMs, neededMs: status.neededMs } : null,
              burnRate: fastest ? fastest.longBurn : status.budget.burnRate,
              burnWindowMs: fastest ? fastest.longWindowMs : null,
              alert: status.budget.total > 0 ? status.alerts.state : null,
            };
          } catch (error) {
            return { ...base, error: (error as Error).message, ...none };
          }
        }),
      ),
    );
  }

  /** Runs `fn` with one adapter per prometheus source it asks for (or why there is none), closed afterwards. */
  async #withSources<T>(fn: (sourceOf: (slo: EventSlo) => PrometheusAdapter | string) => Promise<T>): Promise<T> {
    const adapters = new Map<string, PrometheusAdapter>();
    const sourceOf = (slo: EventSlo): PrometheusAdapter | string => {
      const source = this.#source(slo);
      if (typeof source === 'string') return source;
      let prom = adapters.get(source.id);
      if (!prom) adapters.set(source.id, (prom = new PrometheusAdapter(source)));
      return prom;
    };
    try {
      return await fn(sourceOf);
    } finally {
      for (const prom of adapters.values()) prom.close();
    }
  }

  /** Evaluate every running plan's event SLOs now (a call while one runs waits for it). */
  refresh(): Promise<void> {
    // Cleared once settled (a pass with nothing to await settles at once: clear it after assigning).
    this.#running ??= this.#refreshOnce().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #refreshOnce(): Promise<void> {
    try {
      const running = this.#o.running();
      const ids = new Set(running.map((r) => r.id));
      for (const id of this.#latest.keys()) if (!ids.has(id)) this.#latest.delete(id);
      for (const { id, plan } of running) {
        const next = await this.#evaluate(plan, this.#now());
        if (this.#stopping.signal.aborted) return;
        const before = JSON.stringify((this.#latest.get(id) ?? []).map(({ at: _at, ...s }) => s));
        this.#latest.set(id, next);
        if (JSON.stringify(next.map(({ at: _at, ...s }) => s)) !== before) this.#o.changed(id);
      }
    } catch (error) {
      this.#o.log(`event SLOs: ${(error as Error).message}`);
    }
  }

  /** Each queried SLO's buckets over the whole event (until now), for the post-event report. */
  async windowBuckets(plan: Plan): Promise<Record<string, CountBucket[]>> {
    const slos = plan.slos.filter(queried);
    if (slos.length === 0) return {};
    const at = this.#now();
    return this.#withSources(async (sourceOf) => {
      const entries = await Promise.all(
        slos.map(async (slo) => {
          const prom = sourceOf(slo);
          return [slo.id, typeof prom === 'string' ? [] : await this.#buckets(prom, plan, slo, at).catch(() => [])] as const;
        }),
      );
      return Object.fromEntries(entries);
    });
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    this.#stopping.abort();
    await this.#running?.catch(() => undefined);
  }
}
