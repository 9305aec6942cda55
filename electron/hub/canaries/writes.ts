/**
 * The canaries' writes, batched: runs, their hourly rollups (merged) and the keys of ingested JUnit
 * reports wait here and go to the store together, in one transaction; and canaries' states are
 * saved as snapshots (what a restart rebuilds them from, with the runs stored after).
 */
import type { CanaryRunRecord } from '../../../shared/protocol/canaries.ts';
import type { CanaryRepository, IngestedReport, RollupDelta, StateRow } from '../store/canaries.ts';
import type { CanaryRecord } from './board.ts';
import { mergeRollups } from './rollups.ts';

/** A canary's state as saved. */
export function stateRow(c: CanaryRecord, now: number): StateRow {
  return { canaryId: c.id, kind: c.config.kind, state: c.state, extra: c.extra as unknown as Record<string, unknown>, updatedAt: now };
}

export class CanaryWrites {
  readonly #repo: Pick<CanaryRepository, 'write' | 'saveStates'>;
  readonly #log: (message: string) => void;
  #results: CanaryRunRecord[] = [];
  #rollups: RollupDelta[] = [];
  #ingested: IngestedReport[] = [];

  constructor(repo: Pick<CanaryRepository, 'write' | 'saveStates'>, log: (message: string) => void) {
    this.#repo = repo;
    this.#log = log;
  }

  queueResult(result: CanaryRunRecord): void {
    this.#results.push(result);
  }

  queueRollups(rollups: readonly RollupDelta[]): void {
    this.#rollups.push(...rollups);
  }

  queueIngested(report: IngestedReport): void {
    this.#ingested.push(report);
  }

  /** How many runs wait to be written. */
  get queuedResults(): number {
    return this.#results.length;
  }

  /** Everything waiting, in one transaction. */
  flush(): void {
    if (this.#results.length === 0 && this.#rollups.length === 0 && this.#ingested.length === 0) return;
    const results = this.#results;
    const rollups = mergeRollups(this.#rollups);
    const ingested = this.#ingested;
    this.#results = [];
    this.#rollups = [];
    this.#ingested = [];
    try {
      this.#repo.write(results, rollups, [], ingested);
    } catch (error) {
      this.#log(`canaries: could not store ${results.length} runs: ${(error as Error).message}`);
      throw error;
    }
  }

  /** The states of these canaries (all, or only those changed since the last), after the writes waiting. */
  snapshot(canaries: Iterable<CanaryRecord & { dirty: boolean }>, all: boolean, now: number): void {
    const list = [...canaries];
    this.flush();
    const rows = list.filter((c) => all || c.dirty).map((c) => stateRow(c, now));
    if (rows.length > 0) this.#repo.saveStates(rows);
    for (const c of list) c.dirty = false;
  }
}
