import { describe, expect, it } from 'vitest';
import { sloSteps } from './slo-evaluator.ts';

const S = 1000;
const H = 3600 * S;
const D = 24 * H;

describe('SLO query steps', () => {
  it('keeps a 28-day window within Prometheus’s points per series, and the alert windows at a minute or finer', () => {
    const steps = sloSteps(28 * D);
    expect(steps).toEqual({ coarseMs: 484 * S, fineMs: 52 * S, fineRangeMs: 3 * D });
    expect((28 * D) / steps.coarseMs).toBeLessThan(11_000);
    expect(steps.fineRangeMs / steps.fineMs).toBeLessThan(11_000);
    // 5 minutes (the shortest alert window) is several fine steps.
    expect((5 * 60 * S) / steps.fineMs).toBeGreaterThan(5);
  });
  it('reads a short window at 1 s steps', () => {
    expect(sloSteps(H)).toEqual({ coarseMs: S, fineMs: S, fineRangeMs: H });
  });
});
