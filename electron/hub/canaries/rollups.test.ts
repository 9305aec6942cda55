import { describe, expect, it } from 'vitest';
import { canariesSchema } from '../../../shared/model/canary-checks.ts';
import type { CanaryResult } from '../../../shared/model/canary.ts';
import { createCanaryState, nextCanaryState } from '../../../shared/domain/canaries/state.ts';
import type { RollupDelta } from '../store/canaries.ts';
import { emptyExtra, type CanaryRecord } from './board.ts';
import { mergeRollups, rollupDeltas } from './rollups.ts';

const HOUR = 3_600_000;
const MIN = 60_000;
const t0 = Date.UTC(2026, 0, 5, 10, 0);

function check(interval: string): CanaryRecord {
  const config = canariesSchema.parse({ checks: [{ id: 'api', interval, timeout: '2s', request: { url: 'http://127.0.0.1/' } }] }).checks[0]!;
  return { id: 'api', config, configured: true, state: createCanaryState(t0), extra: emptyExtra() };
}

const result = (outcome: 'pass' | 'fail', at: number, latencyMs?: number): CanaryResult => ({ type: 'result', outcome, at, ...(latencyMs !== undefined ? { latencyMs } : {}) });

describe('hourly rollups', () => {
  it('count the time since the previous run as up, split at the hour, in the hours it passed', () => {
    const c = check('10m');
    const before = nextCanaryState(c.state, result('pass', t0 + 50 * MIN), c.config.state, t0 + 50 * MIN).state;
    const rows = rollupDeltas(c, before, result('fail', t0 + 65 * MIN, 120), t0 + 65 * MIN);
    expect(rows).toEqual([
      { canaryId: 'api', hour: t0 + HOUR, runs: 1, passes: 0, failures: 1, flaky: 0, latencyMs: 120, upMs: 5 * MIN, downMs: 0 },
      { canaryId: 'api', hour: t0, runs: 0, passes: 0, failures: 0, flaky: 0, latencyMs: null, upMs: 10 * MIN, downMs: 0 },
    ]);
  });

  it('stop counting where the canary would have gone stale', () => {
    const c = check('1m');
    const before = nextCanaryState(c.state, result('fail', t0), c.config.state, t0).state;
    const [own] = rollupDeltas(c, before, result('pass', t0 + 30 * MIN), t0 + 30 * MIN);
    expect(own!.downMs).toBe(c.config.state.expectedIntervalMs! * c.config.state.staleGrace);
  });

  it('add up one batch per canary and hour, keeping the rows with a latency apart (their sums and counts)', () => {
    const row = (runs: number, latencyMs: number | null, upMs: number): RollupDelta => ({ canaryId: 'api', hour: t0, runs, passes: runs, failures: 0, flaky: 0, latencyMs, upMs, downMs: 0 });
    const merged = mergeRollups([row(1, 80, 0), row(0, null, 1000), row(1, 90, 0), row(0, null, 2000)]);
    expect(merged).toEqual([row(1, 80, 0), row(1, 90, 0), row(0, null, 3000)]);
  });
});
