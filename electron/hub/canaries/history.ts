/**
 * A canary's runs as its history: each run's row queued for the next batched write; a run that
 * only joins the history (a report older than what its suite already shows) counted in the hour
 * it ran; and a stored run read back as a result (the runs replayed onto a state at start).
 */
import type { CanaryResult } from '../../../shared/model/canary.ts';
import type { CanaryRunDetail, CanaryRunRecord, CertInfo, JUnitRunDetail } from '../../../shared/protocol/canaries.ts';
import type { CanaryRecord } from './board.ts';
import { historyRollup } from './rollups.ts';
import type { CheckRun } from './run.ts';
import type { CanaryWrites } from './writes.ts';

/** A run as it is recorded: its result and what the board and the history keep of it. */
export interface RecordInput {
  result: CanaryResult;
  detail: CanaryRunDetail | null;
  attempts: number;
  timings: CheckRun['timings'];
  failed: CheckRun['failed'];
  certs: CertInfo[];
  lagMs: number | null;
  junit: JUnitRunDetail | null;
}

/** A run's result, queued for the next write. */
export function queueResult(writes: Pick<CanaryWrites, 'queueResult'>, c: CanaryRecord, input: RecordInput, now: number, maintenance: boolean): void {
  const r = input.result;
  writes.queueResult({
    canaryId: c.id,
    at: r.at ?? now,
    receivedAt: now,
    outcome: r.outcome,
    classification: r.classification ?? null,
    message: r.message ?? null,
    latencyMs: r.latencyMs ?? null,
    attempts: input.attempts,
    retried: r.retried === true,
    maintenance,
    detail: input.detail,
  });
}

/**
 * A run that only joins the history (a report older than what the suite already knows): stored
 * and counted in the hour it ran, the state — the tile, alerts, incidents — left as it is.
 */
export function recordHistoryOnly(writes: Pick<CanaryWrites, 'queueResult' | 'queueRollups'>, c: CanaryRecord, input: RecordInput, now: number): void {
  const r = input.result;
  const at = r.at ?? now;
  queueResult(writes, c, input, now, false);
  writes.queueRollups([historyRollup(c.id, r, at)]);
}

/** A stored run as the result it was (replayed onto a state rebuilt at start). */
export function resultOf(r: CanaryRunRecord): CanaryResult {
  const result: CanaryResult = { type: 'result', outcome: r.outcome, at: r.at, attempts: Math.max(1, Math.min(100, r.attempts)) };
  if (r.classification !== null) result.classification = r.classification;
  if (r.latencyMs !== null) result.latencyMs = r.latencyMs;
  if (r.retried) result.retried = true;
  if (r.message !== null) result.message = r.message.slice(0, 1000);
  return result;
}
