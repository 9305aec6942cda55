/**
 * Keeps every SLO of the workspace evaluated: all of them every `intervalMs` (default 30 s), one
 * evaluation at a time, the latest status of each kept for the REST endpoint and the slo panels;
 * an SLO without events yet is tried again after 5 s.
 */
import type { Workspace } from '../../../shared/model/workspace.ts';
import type { SloStatus } from '../../../shared/protocol/review.ts';
import { evaluateSlo, type EvaluateOptions } from './slo-evaluator.ts';

const RETRY_MS = 5_000;

export class SloService {
  readonly #workspace: () => Workspace | null;
  readonly #now: () => number;
  readonly #absent: Readonly<Record<string, string>>;
  readonly #statuses = new Map<string, SloStatus>();
  readonly #timer: ReturnType<typeof setInterval>;
  #running: Promise<void> | null = null;
  #retry: ReturnType<typeof setTimeout> | null = null;
  #closed = false;
  readonly #stopping = new AbortController();

  /** @param options.absentSources Prometheus sources not run here on purpose, by id: why, in words. */
  constructor(workspace: () => Workspace | null, options: { intervalMs?: number; now?: () => number; absentSources?: Readonly<Record<string, string>> } = {}) {
    this.#workspace = workspace;
    this.#now = options.now ?? Date.now;
    this.#absent = options.absentSources ?? {};
    this.#timer = setInterval(() => void this.refresh(), options.intervalMs ?? 30_000);
    this.#timer.unref();
    void this.refresh();
  }

  /** Evaluate every SLO now (a call while one runs waits for it). */
  refresh(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    return (this.#running ??= (async () => {
      try {
        const ws = this.#workspace();
        const slos = ws?.slos ?? [];
        const statuses = await Promise.all(slos.map((slo) => this.#evaluate(ws!, slo.id, this.#now())));
        this.#statuses.clear();
        for (const s of statuses) if (s) this.#statuses.set(s.id, s);
        // A new SLO (or a Prometheus that just started) has no events yet: look again soon rather than in 30 s.
        const waiting = statuses.some((s) => s !== null && s.error === null && (!s.budget || s.budget.total === 0));
        if (waiting && !this.#closed && this.#retry === null) {
          this.#retry = setTimeout(() => {
            this.#retry = null;
            void this.refresh();
          }, RETRY_MS);
          this.#retry.unref();
        }
      } finally {
        this.#running = null;
      }
    })());
  }

  /** The latest statuses, in the workspace's order. */
  list(): SloStatus[] {
    return (this.#workspace()?.slos ?? []).flatMap((slo) => this.#statuses.get(slo.id) ?? []);
  }

  /** Every SLO evaluated with its window ending at `at` (the weekly review's end of week). */
  async evaluateAll(at: number, options: EvaluateOptions = {}): Promise<SloStatus[]> {
    const ws = this.#workspace();
    if (!ws) return [];
    return (await Promise.all((ws.slos ?? []).map((slo) => this.#evaluate(ws, slo.id, at, options)))).filter((s) => s !== null);
  }

  async #evaluate(ws: Workspace, id: string, at: number, options: EvaluateOptions = {}): Promise<SloStatus | null> {
    const slo = ws.slos?.find((s) => s.id === id);
    const source = ws.sources.find((s) => s.id === slo?.source);
    if (!slo || source?.type !== 'prometheus') return null;
    const absent = Object.hasOwn(this.#absent, source.id) ? this.#absent[source.id] : undefined;
    return evaluateSlo(slo, source, at, { ...options, signal: this.#stopping.signal, ...(absent !== undefined ? { absent } : {}) });
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#stopping.abort();
    clearInterval(this.#timer);
    if (this.#retry) clearTimeout(this.#retry);
    await this.#running;
  }
}
