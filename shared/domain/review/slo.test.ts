import { describe, expect, it } from 'vitest';
import {
  budgetMinutes,
  budgetOverTime,
  burnRate,
  burnRateThreshold,
  countsBetween,
  deriveBurnAlerts,
  errorBudget,
  evaluateBurnAlerts,
  seriesIncreases,
  sumOperand,
  timeToExhaustionMs,
  workbookAlertRules,
  type CountBucket,
} from './slo.ts';

const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;

describe('burn-rate thresholds, from the formula', () => {
  it('reproduces the SRE Workbook’s 14.4, 6 and 1 for a 30-day SLO', () => {
    expect(burnRateThreshold(0.02, 30 * DAY, H)).toBeCloseTo(14.4, 10);
    expect(burnRateThreshold(0.05, 30 * DAY, 6 * H)).toBeCloseTo(6, 10);
    expect(burnRateThreshold(0.1, 30 * DAY, 3 * DAY)).toBeCloseTo(1, 10);
    const derived = deriveBurnAlerts(workbookAlertRules, 30 * DAY);
    expect(derived.map((a) => [a.severity, Number(a.threshold.toFixed(9)), a.longWindowMs / MIN, a.shortWindowMs / MIN])).toEqual([
      ['page', 14.4, 60, 5],
      ['page', 6, 360, 30],
      ['ticket', 1, 4320, 360],
    ]);
  });

  it('scales with the SLO window (28 days: 13.44, 5.6, 0.93)', () => {
    expect(deriveBurnAlerts(workbookAlertRules, 28 * DAY).map((a) => Number(a.threshold.toFixed(4)))).toEqual([13.44, 5.6, 0.9333]);
  });

  it('defaults the short window to 1/12 of the long', () => {
    expect(deriveBurnAlerts([{ severity: 'page', budgetFraction: 0.02, longWindowMs: H }], 30 * DAY)[0]!.shortWindowMs).toBe(5 * MIN);
  });

  it('says how long a burn rate takes to spend the budget', () => {
    expect(timeToExhaustionMs(14.4, 30 * DAY) / DAY).toBeCloseTo(2.083, 3);
    expect(timeToExhaustionMs(6, 30 * DAY)).toBe(5 * DAY);
    expect(timeToExhaustionMs(0, 30 * DAY)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('error-budget arithmetic', () => {
  it('computes availability, budget, consumption and burn rate', () => {
    const b = errorBudget({ good: 999_400, total: 1_000_000 }, 0.999);
    expect(b.availability).toBeCloseTo(0.9994);
    expect(b.bad).toBe(600);
    expect(b.allowedBad).toBeCloseTo(1000);
    expect(b.consumed).toBeCloseTo(0.6);
    expect(b.remaining).toBeCloseTo(0.4);
    expect(b.burnRate).toBeCloseTo(0.6); // error rate 0.06% ÷ 0.1%
  });

  it('goes negative when overspent, and has no answer without traffic', () => {
    const over = errorBudget({ good: 990, total: 1000 }, 0.995);
    expect(over.consumed).toBeCloseTo(2);
    expect(over.remaining).toBeCloseTo(-1);
    expect(over.burnRate).toBeCloseTo(2);
    expect(errorBudget({ good: 0, total: 0 }, 0.999)).toMatchObject({ availability: null, consumed: null, remaining: null, burnRate: null });
    expect(() => errorBudget({ good: 1, total: 1 }, 1)).toThrow(RangeError);
  });

  it('gives the budget in minutes: 99.9% over 30 days is 43.2', () => {
    expect(budgetMinutes(0.999, 30 * DAY)).toBeCloseTo(43.2);
    expect(budgetMinutes(0.9995, 28 * DAY)).toBeCloseTo(20.16);
  });

  it('sums buckets by their start inside [from, to)', () => {
    const buckets: CountBucket[] = [
      { t: 0, good: 90, total: 100 },
      { t: MIN, good: 100, total: 100 },
      { t: 2 * MIN, good: 50, total: 100 },
    ];
    expect(countsBetween(buckets, 0, 2 * MIN)).toEqual({ good: 190, total: 200 });
    expect(countsBetween(buckets, MIN, 3 * MIN)).toEqual({ good: 150, total: 200 });
    expect(burnRate(countsBetween(buckets, 0, 3 * MIN), 0.99)).toBeCloseTo(20);
  });

  it('counts a reset per series: one pod restarting is its new value, not the other pods\' totals', () => {
    const podA = { points: [[0, 1_000_000], [MIN, 1_000_100], [2 * MIN, 1_000_200]] as [number, number][] };
    const podB = { points: [[0, 5000], [MIN, 40], [2 * MIN, 140]] as [number, number][] }; // restarted
    expect([...seriesIncreases([podA, podB])]).toEqual([
      [0, 140],
      [MIN, 200],
    ]);
    // differencing the sum instead would read the drop as a reset of the whole sum: 1,000,140 new events
    expect(seriesIncreases([]).size).toBe(0);
  });

  it('finds the series a sum adds up', () => {
    expect(sumOperand('sum(http_requests_total{code!~"5.."})')).toBe('http_requests_total{code!~"5.."}');
    expect(sumOperand(' sum by (job) (rate(x[5m])) ')).toBe('rate(x[5m])');
    expect(sumOperand('sum(x) by (job)')).toBe('x');
    expect(sumOperand('sum(x{path=")"})')).toBe('x{path=")"}');
    expect(sumOperand('sum(x) / sum(y)')).toBeNull();
    expect(sumOperand('x')).toBeNull();
    expect(sumOperand('summary_total')).toBeNull();
  });

  it('draws the window’s budget spent over the window, ending on the budget left', () => {
    const buckets: CountBucket[] = [0, 1, 2, 3].map((i) => ({ t: i * H, good: i === 2 ? 980 : 1000, total: 1000 }));
    // 4000 events may have 40 bad: 20 in the third hour spend half.
    expect(budgetOverTime(buckets, 0.99, 0, 4 * H).map(([t, r]) => [t / H, Number(r!.toFixed(3))])).toEqual([
      [0, 1],
      [1, 1],
      [2, 0.5],
      [3, 0.5],
    ]);
    // The same 4 hours as half an 8-hour window: its budget is twice theirs.
    expect(budgetOverTime(buckets, 0.99, 0, 4 * H, 0.5).at(-1)![1]).toBeCloseTo(0.75);
  });

  it('spends the whole window’s budget when only part of it has data (a Prometheus younger than the window)', () => {
    // 3 days of data of a 28-day window, 10 000 requests a minute; an hour at 5% errors.
    const minutes = 3 * 24 * 60;
    const counts = { total: minutes * 10_000, good: minutes * 10_000 - 60 * 500 };
    const budget = errorBudget(counts, 0.999, 3 / 28);
    expect(budget.coverage).toBeCloseTo(3 / 28);
    expect(budget.expectedTotal).toBeCloseTo(28 * 24 * 60 * 10_000);
    // 30 000 bad of the 403 200 the window may have: 7.4% spent, not 69% (the 3 days' own budget) ...
    expect(budget.consumed).toBeCloseTo(30_000 / 403_200, 6);
    expect(errorBudget(counts, 0.999).consumed).toBeCloseTo(30_000 / 43_200, 6);
    // ... which is the Workbook's burn rate × the share of the window it lasted.
    expect(budget.consumed).toBeCloseTo(budget.burnRate! * (3 / 28), 10);
    expect(budget.remaining).toBeCloseTo(1 - 30_000 / 403_200, 6);
  });
});

describe('multi-window, multi-burn-rate alerts', () => {
  const target = 0.999;
  const alerts = deriveBurnAlerts(workbookAlertRules, 30 * DAY);
  /** One bucket a minute for `minutes`, 10 000 requests each, failing at `errorRate(i)`. */
  const traffic = (minutes: number, errorRate: (i: number) => number): CountBucket[] =>
    Array.from({ length: minutes }, (_, i) => ({ t: i * MIN, total: 10_000, good: Math.round(10_000 * (1 - errorRate(i))) }));

  it('pages when both the hour and the last 5 minutes burn faster than 14.4', () => {
    // 2% errors for the whole last hour: burn rate 20.
    const buckets = traffic(4 * 60, (i) => (i >= 3 * 60 ? 0.02 : 0));
    const state = evaluateBurnAlerts(buckets, target, alerts, 4 * H);
    expect(state.state).toBe('page');
    expect(state.alerts[0]).toMatchObject({ firing: true });
    expect(state.alerts[0]!.longBurn).toBeCloseTo(20);
    expect(state.alerts[0]!.shortBurn).toBeCloseTo(20);
  });

  it('stops paging soon after the burning stops (the short window resets it)', () => {
    // 3% errors for 50 minutes, then clean for 10: the hour still burns at 25, the last 5 minutes at 0.
    const buckets = traffic(4 * 60, (i) => (i >= 3 * 60 && i < 3 * 60 + 50 ? 0.03 : 0));
    const state = evaluateBurnAlerts(buckets, target, alerts, 4 * H);
    expect(state.alerts[0]!.longBurn).toBeCloseTo(25);
    expect(state.alerts[0]!.shortBurn).toBe(0);
    expect(state.alerts[0]!.firing).toBe(false);
  });

  it('does not page on a short spike the hour does not confirm', () => {
    // After three clean days, 10 minutes at 5% errors: the last 5 minutes burn at 50, the hour at
    // 8.3, the 3 days at 0.1 (the ticket's 6-hour short window, at 1.4, alone does not fire it).
    const minutes = 3 * 24 * 60;
    const buckets = traffic(minutes, (i) => (i >= minutes - 10 ? 0.05 : 0));
    const state = evaluateBurnAlerts(buckets, target, alerts, 3 * DAY);
    expect(state.alerts[0]!.shortBurn).toBeCloseTo(50);
    expect(state.alerts[0]!.longBurn).toBeCloseTo(8.333, 2);
    expect(state.alerts.map((a) => a.firing)).toEqual([false, false, false]);
    expect(state.state).toBe('ok');
  });

  it('pages on the 6-hour window and files a ticket on the 3-day one', () => {
    // 0.7% errors for 7 hours: burn 7 — above 6, below 14.4.
    const slow = evaluateBurnAlerts(traffic(7 * 60, () => 0.007), target, alerts, 7 * H);
    expect(slow.alerts.map((a) => a.firing)).toEqual([false, true, true]);
    expect(slow.state).toBe('page');
    // 0.15% for 3 days: burn 1.5 — only the ticket.
    const slower = evaluateBurnAlerts(traffic(3 * 24 * 60, () => 0.0015), target, alerts, 3 * DAY);
    expect(slower.alerts.map((a) => a.firing)).toEqual([false, false, true]);
    expect(slower.state).toBe('ticket');
  });

  it('does not judge a window with too few events', () => {
    const quiet: CountBucket[] = [{ t: 3 * H + 58 * MIN, good: 1, total: 2 }];
    const state = evaluateBurnAlerts(quiet, target, alerts, 4 * H, 100);
    expect(state.alerts[0]).toMatchObject({ firing: false, tooFewEvents: true });
    expect(evaluateBurnAlerts(quiet, target, alerts, 4 * H).alerts[0]!.firing).toBe(true);
  });
});
