import { describe, expect, it } from 'vitest';
import { compareRisks, defaultRiskBands, evaluateTrigger, expectedBadMinutes, riskBand, riskPriority, riskScore } from './risk.ts';

describe('risk scoring', () => {
  it('scores likelihood × impact', () => {
    expect(riskScore({ likelihood: 3, impact: 5 })).toBe(15);
    expect(riskScore({ likelihood: 5, impact: 5 })).toBe(25);
    expect(riskScore({ likelihood: 1, impact: 1 })).toBe(1);
  });

  it('bands 1–4 low, 5–9 medium, 10–16 high, 20–25 critical', () => {
    const cells: Record<string, number[]> = { low: [], medium: [], high: [], critical: [] };
    for (let l = 1; l <= 5; l++) for (let i = 1; i <= 5; i++) cells[riskBand(l * i)]!.push(l * i);
    const distinct = (xs: number[]) => [...new Set(xs)].sort((a, b) => a - b);
    expect(distinct(cells.low!)).toEqual([1, 2, 3, 4]);
    expect(distinct(cells.medium!)).toEqual([5, 6, 8, 9]);
    expect(distinct(cells.high!)).toEqual([10, 12, 15, 16]);
    expect(distinct(cells.critical!)).toEqual([20, 25]);
    // How many of the 25 cells fall in each band.
    expect(Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, v.length]))).toEqual({ low: 8, medium: 7, high: 7, critical: 3 });
  });

  it('takes other bands, e.g. the research proposal where 16 is critical', () => {
    expect(riskBand(16)).toBe('high');
    expect(riskBand(16, { ...defaultRiskBands, high: 15 })).toBe('critical');
  });

  it('ranks by score, then the cheaper fix first', () => {
    const risks = [
      { id: 'a', likelihood: 2, impact: 5, effort: 4 },
      { id: 'b', likelihood: 5, impact: 2, effort: 1 },
      { id: 'c', likelihood: 4, impact: 4, effort: 5 },
      { id: 'd', likelihood: 2, impact: 5, effort: 2 },
    ];
    expect([...risks].sort(compareRisks).map((r) => r.id)).toEqual(['c', 'b', 'd', 'a']);
    expect(riskPriority(risks[1]!)).toBe(10);
  });

  it('estimates bad minutes the CRE way', () => {
    // (ETTD + ETTR) × users affected × probability
    expect(expectedBadMinutes({ ettdMin: 2, ettrMin: 10, usersAffected: 0.4, probability: 0.25 })).toBeCloseTo(1.2);
  });
});

describe('contingency triggers', () => {
  const S = 1000;
  const trigger = { op: '>' as const, value: 50, for: 60 * S };

  it('fires once the condition has held for its duration', () => {
    const samples: [number, number][] = [
      [0, 10],
      [15 * S, 60],
      [30 * S, 70],
      [45 * S, 80],
      [75 * S, 90],
    ];
    expect(evaluateTrigger(trigger, samples, 30 * S)).toEqual({ state: 'pending', since: 15 * S, value: 70 });
    expect(evaluateTrigger(trigger, samples, 74 * S).state).toBe('pending');
    expect(evaluateTrigger(trigger, samples, 75 * S)).toEqual({ state: 'fired', since: 15 * S, value: 90 });
  });

  it('starts again after a break, and clears when the value drops', () => {
    const samples: [number, number][] = [
      [0, 60],
      [30 * S, 40],
      [60 * S, 70],
      [100 * S, 70],
      [130 * S, 20],
    ];
    expect(evaluateTrigger(trigger, samples, 100 * S)).toMatchObject({ state: 'pending', since: 60 * S });
    expect(evaluateTrigger(trigger, samples, 130 * S)).toEqual({ state: 'clear', since: null, value: 20 });
  });

  it('fires at once without a duration, handles <, and treats silence as no data', () => {
    expect(evaluateTrigger({ op: '<', value: 0.95 }, [[0, 0.9]], 0).state).toBe('fired');
    expect(evaluateTrigger({ op: '<=', value: 0.95 }, [[0, 0.95]], 0).state).toBe('fired');
    expect(evaluateTrigger({ op: '>=', value: 1 }, [[0, 0.5]], 0).state).toBe('clear');
    expect(evaluateTrigger(trigger, [], 0).state).toBe('no_data');
    expect(evaluateTrigger(trigger, [[0, 90]], 10 * 60 * S, 60 * S)).toEqual({ state: 'no_data', since: null, value: 90 });
    expect(evaluateTrigger(trigger, [[10 * S, 90]], 0).state).toBe('no_data'); // only future samples
    expect(evaluateTrigger(trigger, [[0, 90], [S, Number.NaN]], S).state).toBe('clear');
  });
});
