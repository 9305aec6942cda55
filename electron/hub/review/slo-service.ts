/**
 * Keeps every SLO of the workspace evaluated: all of them every `intervalMs` (default 30 s), one
 * evaluation at a time, the latest status of each kept for the REST endpoint and the slo panels.
 */
import type { Workspace } from '../../../shared/model/workspace.ts';
import type { SloStatus } from '../../../shared/protocol/review.ts';
import { evaluateSlo, type EvaluateOptions } from './slo-evaluator.ts';

export class SloService {
  readonly #workspace: () => Workspace | null;
  readonly #now: () => number;
  readonly #statuses = new Map<string, SloStatus>();
  readonly #timer: ReturnType<typeof setInterval>;
  #running: Promise<void> | null = null;
  #closed = false;

  constructor(workspace: () => Workspace | null, options: { intervalMs?: number; now?: () => number } = {}) {
    this.#workspace = workspace;
    this.#now = options.now ?? Date.now;
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
    return evaluateSlo(slo, source, at, options);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#timer);
    await this.#running;
  }
}
