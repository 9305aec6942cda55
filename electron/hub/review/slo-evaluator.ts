/**
 * SLOs evaluated on the hub against their Prometheus source: the good and total counters are
 * fetched as range queries (Prometheus's own samples, no extrapolation), turned into buckets of
 * increases (counter resets handled per series, see counterIncreases) and run through the pure arithmetic of
 * shared/domain/review/slo.ts: budget over the window, burn rates over the alert windows, the
 * multi-window multi-burn-rate alert state with thresholds derived from the SLO window.
 *
 * The budget is the whole window's even when Prometheus has data for part of it only (its
 * coverage, in the status's budget): see slo.ts.
 *
 * Two queries per counter: the whole window at a coarse step (budget, budget over time) and the
 * most recent alert windows at a fine one (burn rates, alerts), so a 28-day SLO stays within
 * Prometheus's 11,000 points per series.
 */
import type { SloConfig } from '../../../shared/model/review.ts';
import { sloQueries } from '../../../shared/model/review.ts';
import type { SourceConfig } from '../../../shared/model/workspace.ts';
import { budgetOverTime, countsBetween, deriveBurnAlerts, errorBudget, evaluateBurnAlerts, seriesIncreases, sumOperand, workbookAlertRules, type CountBucket } from '../../../shared/domain/review/slo.ts';
import type { SloStatus } from '../../../shared/protocol/review.ts';
import { PrometheusAdapter } from '../sources/prometheus/adapter.ts';

type PrometheusConfig = Extract<SourceConfig, { type: 'prometheus' }>;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const MAX_CHART_POINTS = 240;
/** With no event counted for this long, the alert state is "no data". */
const QUIET_MS = 10 * MINUTE;

const ceilTo = (ms: number, unit: number) => Math.ceil(ms / unit) * unit;

/** Steps for a window: coarse for the whole window (≤ ~5,000 points), fine (≤ 1 min) for the alert windows. */
export function sloSteps(windowMs: number): { coarseMs: number; fineMs: number; fineRangeMs: number } {
  const alerts = deriveBurnAlerts(workbookAlertRules, windowMs);
  const fineRangeMs = Math.min(windowMs, Math.max(...alerts.map((a) => a.longWindowMs)));
  const fineMs = Math.min(MINUTE, Math.max(SECOND, ceilTo(fineRangeMs / 5000, SECOND)));
  const coarseMs = Math.max(fineMs, ceilTo(windowMs / 5000, SECOND));
  return { coarseMs, fineMs, fineRangeMs };
}

/**
 * A counter expression's increases between samples `stepMs` apart, and whether it matched any
 * series. A `sum(…)` is queried as the series it adds up and each is differenced on its own, so
 * one pod's restart counts as that pod's reset only (differencing the sum would count the other
 * pods' lifetime traffic as new). Any other expression must return one series.
 */
async function counterIncreases(prom: PrometheusAdapter, expr: string, from: number, to: number, stepMs: number, signal: AbortSignal): Promise<{ increases: Map<number, number>; matched: boolean }> {
  const operand = sumOperand(expr);
  const series = await prom.range(operand ?? expr, from, to, stepMs, { signal, now: Date.now });
  if (operand === null && series.length > 1) throw new Error(`"${expr}" returns ${series.length} series; wrap it in sum() so it returns one`);
  return { increases: seriesIncreases(series), matched: series.length > 0 };
}

/** The increases of a good and a total counter between samples `stepMs` apart over [from, to]. */
export async function countBuckets(prom: PrometheusAdapter, q: { good: string; total: string }, from: number, to: number, stepMs: number, signal: AbortSignal): Promise<CountBucket[]> {
  const [good, total] = await Promise.all([counterIncreases(prom, q.good, from, to, stepMs, signal), counterIncreases(prom, q.total, from, to, stepMs, signal)]);
  // Nothing good while the total counts events is a query that matches nothing (a typo, a
  // renamed metric or label value), not a total outage: say so rather than page.
  if (!good.matched && [...total.increases.values()].some((n) => n > 0)) {
    throw new Error(`the good query "${q.good}" matches no series while the total counts events: check its metric name and labels`);
  }
  const buckets: CountBucket[] = [];
  for (const [t, n] of total.increases) buckets.push({ t, total: n, good: Math.min(good.increases.get(t) ?? 0, n) });
  return buckets.sort((a, b) => a.t - b.t);
}

function thin<T>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return [...points];
  const every = Math.ceil(points.length / max);
  return points.filter((_, i) => i % every === 0 || i === points.length - 1);
}

export interface EvaluateOptions {
  /** Also say how much of the window's budget the events of [from, to) burned. */
  readonly range?: { readonly from: number; readonly to: number };
  readonly timeoutMs?: number;
  /** Aborts the queries (the hub stopping). */
  readonly signal?: AbortSignal;
  /** With no event counted for this long the alert state is "no data" (default 10 min). */
  readonly quietMs?: number;
  /** Its Prometheus is not run here on purpose: this, in words, instead of asking it. */
  readonly absent?: string;
}

/** Evaluate one SLO with the window ending at `at`. Never throws: a failure is the status's error. */
export async function evaluateSlo(slo: SloConfig, source: PrometheusConfig, at: number, options: EvaluateOptions = {}): Promise<SloStatus> {
  const base = { id: slo.id, name: slo.name, team: slo.team ?? null, service: slo.service ?? null, target: slo.target, windowMs: slo.window, at };
  const failed = (error: string) => ({ ...base, error, budget: null, burnRateNow: null, alert: null, alerts: [], budgetOverTime: [], burnedInRange: null });
  if (options.absent !== undefined) return { ...failed(options.absent), absent: true };
  const prom = new PrometheusAdapter(source);
  const timeout = AbortSignal.timeout(options.timeoutMs ?? Math.max(source.timeout * 2, 10_000));
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  try {
    const { coarseMs, fineMs, fineRangeMs } = sloSteps(slo.window);
    const from = at - slo.window;
    const split = at - fineRangeMs;
    // The window in two parts that meet at `split`: coarse before it, fine after (the recent
    // part at a fine step, so a series younger than a coarse step still counts). Each range
    // ends exactly on its last sample (Prometheus steps from the start).
    const [coarse, fine] = await Promise.all([
      split > from ? countBuckets(prom, sloQueries(slo), split - Math.ceil((split - from) / coarseMs + 1) * coarseMs, split, coarseMs, signal) : Promise.resolve([]),
      countBuckets(prom, sloQueries(slo), at - Math.ceil(fineRangeMs / fineMs + 1) * fineMs, at, fineMs, signal),
    ]);
    const coarsePart = coarse.filter((b) => b.t >= from && b.t < split);
    const finePart = fine.filter((b) => b.t >= split);
    const windowCounts = [...coarsePart, ...finePart];
    // How much of the window Prometheus has data for (younger than the window, a shorter
    // retention, a gap): the budget is the whole window's (see slo.ts). A bucket is a step of data;
    // the window's ends fall between steps, so short of it by less than a step each is all of it.
    const dataMs = coarsePart.length * coarseMs + finePart.length * fineMs;
    const coverage = slo.window - dataMs < coarseMs + fineMs ? 1 : dataMs / slo.window;
    const budget = errorBudget(countsBetween(windowCounts, from, at), slo.target, coverage);
    const alertState = evaluateBurnAlerts(fine, slo.target, deriveBurnAlerts(workbookAlertRules, slo.window), at);
    const burnRateNow = errorBudget(countsBetween(fine, at - Math.min(HOUR, fineRangeMs), at), slo.target).burnRate;
    let burnedInRange: number | null = null;
    if (options.range) {
      const week = countsBetween(windowCounts, options.range.from, options.range.to);
      burnedInRange = budget.allowedBad > 0 ? Math.max(0, week.total - week.good) / budget.allowedBad : null;
    }
    // No events lately is no verdict: a service (or its exporter) that stopped answering must not
    // read as healthy because its short alert windows are empty.
    const recent = countsBetween(fine, at - (options.quietMs ?? QUIET_MS), at);
    return {
      ...base,
      error: null,
      budget,
      burnRateNow,
      // No events in the window, or none lately, is no data, not "OK" (as for event SLOs).
      alert: budget.total > 0 && recent.total > 0 ? alertState.state : null,
      alerts: alertState.alerts,
      budgetOverTime: thin(budgetOverTime(windowCounts, slo.target, from, at, coverage), MAX_CHART_POINTS),
      burnedInRange,
    };
  } catch (error) {
    return failed((error as Error).message);
  } finally {
    prom.close();
  }
}
