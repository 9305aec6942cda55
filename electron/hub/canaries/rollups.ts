/**
 * The hourly rollups of a canary's runs: what each run adds to them (the run in its hour, and the
 * time since the previous run as up or down), and those additions merged into one write per batch.
 */
import type { CanaryResult, CanaryState } from '../../../shared/model/canary.ts';
import type { RollupDelta } from '../store/canaries.ts';
import type { CanaryRecord } from './board.ts';

const HOUR_MS = 3_600_000;

/**
 * What a run adds to the hourly rollups: the run itself in its hour, and the time since the
 * previous run as up or down (by the previous run's outcome), cut at the point the canary would
 * have gone stale and left out during maintenance.
 */
export function rollupDeltas(c: CanaryRecord, before: CanaryState, r: CanaryResult, now: number): RollupDelta[] {
  const hourOf = (t: number) => Math.floor(t / HOUR_MS) * HOUR_MS;
  const row = (hour: number): RollupDelta => ({ canaryId: c.id, hour, runs: 0, passes: 0, failures: 0, flaky: 0, latencyMs: null, upMs: 0, downMs: 0 });
  const out: RollupDelta[] = [];
  const own = row(hourOf(now));
  own.runs = 1;
  if (r.outcome === 'pass') own.passes = 1;
  else own.failures = 1;
  if (r.outcome === 'pass' && r.retried) own.flaky = 1;
  own.latencyMs = r.latencyMs ?? null;
  out.push(own);
  const prev = before.lastResult;
  const prevAt = before.lastResultAt;
  const cfg = c.config.state;
  if (prev && prevAt !== null && !prev.maintenance && before.maintenance === null && cfg.expectedIntervalMs !== null) {
    const end = Math.min(now, prevAt + cfg.expectedIntervalMs * cfg.staleGrace);
    const up = prev.outcome === 'pass';
    for (let t = prevAt; t < end; ) {
      const hour = hourOf(t);
      const stop = Math.min(end, hour + HOUR_MS);
      const d = hour === own.hour ? own : row(hour);
      if (up) d.upMs += stop - t;
      else d.downMs += stop - t;
      if (d !== own) out.push(d);
      t = stop;
    }
  }
  return out;
}

/** What a run that only joins the history adds: itself, in the hour it ran (no up or down time). */
export function historyRollup(canaryId: string, r: CanaryResult, at: number): RollupDelta {
  const pass = r.outcome === 'pass';
  return {
    canaryId,
    hour: Math.floor(at / HOUR_MS) * HOUR_MS,
    runs: 1,
    passes: pass ? 1 : 0,
    failures: pass ? 0 : 1,
    flaky: pass && r.retried ? 1 : 0,
    latencyMs: r.latencyMs ?? null,
    upMs: 0,
    downMs: 0,
  };
}

/** The rollup rows of one batch of writes, one per canary and hour where they can be added up. */
export function mergeRollups(deltas: RollupDelta[]): RollupDelta[] {
  const byKey = new Map<string, RollupDelta>();
  const out: RollupDelta[] = [];
  // Latency sums and counts must survive merging, so latency-carrying rows stay separate.
  for (const d of deltas) {
    if (d.latencyMs !== null) {
      out.push(d);
      continue;
    }
    const key = `${d.canaryId}\u0000${d.hour}`;
    const m = byKey.get(key);
    if (!m) byKey.set(key, { ...d });
    else {
      m.runs += d.runs;
      m.passes += d.passes;
      m.failures += d.failures;
      m.flaky += d.flaky;
      m.upMs += d.upMs;
      m.downMs += d.downMs;
    }
  }
  return [...out, ...byKey.values()];
}
