/**
 * SLOs and error budgets, as in the SRE Workbook's "Alerting on SLOs" (research/event-planning.md
 * §3.1).
 *
 * - availability = good ÷ total; error rate = 1 − availability;
 * - error budget = (1 − target) × the window's events: the bad events the window may have;
 * - budget consumed = bad ÷ budget (above 1 when overspent); remaining = 1 − consumed;
 * - burn rate = error rate ÷ (1 − target): 1 spends the budget exactly over the window;
 * - when only part of the window has data (a Prometheus younger than the window, or with a
 *   shorter retention), the window's events are those counted scaled up to the whole window at
 *   the rate they came: budget consumed = bad ÷ ((1 − target) × total ÷ coverage) = burn rate ×
 *   coverage. The Workbook's own measure: a burn rate kept up for a part of the window spends that
 *   part of the budget (the same arithmetic as its thresholds below). Dividing by the events of the
 *   covered part alone would make 3 days of data carry a 28-day budget's worth of failures (an
 *   hour's outage reading as the budget spent several times over). The coverage is shown beside it,
 *   as the figure assumes the rest of the window at the same traffic and without failures;
 * - an alert threshold is derived, never typed in: a burn rate that, kept up for the alert's long
 *   window, spends `budgetFraction` of the budget:
 *
 *     threshold = budgetFraction × SLO window ÷ long window
 *
 *   so over 30 days: 2% in 1 h → 14.4, 5% in 6 h → 6, 10% in 3 d → 1.
 * - Multi-window: an alert fires only when the burn rate is above the threshold over both its long
 *   window and its short window (1/12 of the long one, as the Workbook suggests), so it stops soon
 *   after the burning stops.
 *
 * Events arrive as buckets: the good and total events counted in an interval starting at `t`. A
 * bucket belongs to a window when its start is inside it, so use buckets no longer than the
 * shortest window (a minute is plenty). `seriesIncreases` turns cumulative counters (what
 * Prometheus scrapes) into increases per step.
 */
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export interface EventCounts {
  readonly good: number;
  readonly total: number;
}

/** good and total events counted in [t, next bucket's t). */
export interface CountBucket extends EventCounts {
  readonly t: number;
}

/** The events of buckets starting in [from, to). */
export function countsBetween(buckets: readonly CountBucket[], from: number, to: number): EventCounts {
  let good = 0;
  let total = 0;
  for (const b of buckets) {
    if (b.t >= from && b.t < to) {
      good += b.good;
      total += b.total;
    }
  }
  return { good, total };
}

/**
 * The increases of several cumulative counters (one per pod, say) between consecutive samples,
 * each series on its own so one pod's restart is one reset: its new value, not the other pods'
 * lifetime totals (which is what differencing their sum would count). Summed per step, keyed by
 * the earlier sample's time. A counter that went down was reset (a restart): the increase is then
 * the new value, as Prometheus's `increase()` assumes.
 */
export function seriesIncreases(series: readonly { readonly points?: readonly (readonly [number, number])[] }[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const s of series) {
    const points = [...(s.points ?? [])].filter(([, v]) => Number.isFinite(v)).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < points.length; i++) {
      const [t, before] = points[i - 1]!;
      const now = points[i]![1];
      out.set(t, (out.get(t) ?? 0) + (now >= before ? now - before : now));
    }
  }
  return out;
}

/**
 * `sum(X)`, `sum by (…) (X)` or `sum without (…) (X)` → X, the series the sum adds up; null for
 * any other expression (a sum that is only part of it, a rate, one series).
 */
export function sumOperand(expr: string): string | null {
  const m = /^\s*sum\s*(?:(?:by|without)\s*\([^()]*\)\s*)?\(/i.exec(expr);
  if (!m) return null;
  const open = m[0].length - 1;
  let depth = 0;
  for (let i = open; i < expr.length; i++) {
    const c = expr[i];
    if (c === '"' || c === "'" || c === '`') {
      // skip a string literal ({code=~"5.."})
      const close = expr.indexOf(c, i + 1);
      if (close < 0) return null;
      i = close;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) {
      const rest = expr.slice(i + 1).trim();
      // "sum(X) by (…)" is still the sum of X; anything else (sum(X) / 2) is not a plain sum
      if (rest !== '' && !/^(?:by|without)\s*\([^()]*\)$/i.test(rest)) return null;
      return expr.slice(open + 1, i).trim();
    }
  }
  return null;
}

export interface ErrorBudget extends EventCounts {
  readonly target: number;
  readonly bad: number;
  /** good ÷ total; null with no events. */
  readonly availability: number | null;
  readonly errorRate: number | null;
  /** Share of the window the counts cover (1: all of it). */
  readonly coverage: number;
  /** The events the whole window is expected to have: total ÷ coverage. */
  readonly expectedTotal: number;
  /** Bad events the window may have: (1 − target) × expectedTotal. */
  readonly allowedBad: number;
  /** Share of the budget spent (can exceed 1); null with no events. */
  readonly consumed: number | null;
  /** 1 − consumed (negative when overspent); null with no events. */
  readonly remaining: number | null;
  /** errorRate ÷ (1 − target); null with no events. */
  readonly burnRate: number | null;
}

/**
 * The error budget of a window's events against a target such as 0.999, the events counted over
 * `coverage` of the window (default all of it; see the top of this file).
 */
export function errorBudget(counts: EventCounts, target: number, coverage = 1): ErrorBudget {
  if (!(target > 0 && target < 1)) throw new RangeError(`SLO target must be between 0 and 1, got ${target}`);
  const { good, total } = counts;
  const share = coverage > 0 ? Math.min(1, coverage) : 1;
  const bad = Math.max(0, total - good);
  const expectedTotal = total / share;
  const allowedBad = (1 - target) * expectedTotal;
  if (total <= 0) {
    return { good, total, target, bad, availability: null, errorRate: null, coverage: share, expectedTotal, allowedBad, consumed: null, remaining: null, burnRate: null };
  }
  const errorRate = bad / total;
  const consumed = bad / allowedBad;
  return { good, total, target, bad, availability: good / total, errorRate, coverage: share, expectedTotal, allowedBad, consumed, remaining: 1 - consumed, burnRate: errorRate / (1 - target) };
}

/** Burn rate = error rate ÷ (1 − target); null with no events. */
export function burnRate(counts: EventCounts, target: number): number | null {
  return errorBudget(counts, target).burnRate;
}

/** A time-based budget for people: the minutes of full outage the window allows (99.9% of 30 d: 43.2 min). */
export const budgetMinutes = (target: number, windowMs: number): number => ((1 - target) * windowMs) / MIN;

// ---- thresholds and multi-window alerts -----------------------------------------------------

/** threshold = budgetFraction × SLO window ÷ alert (long) window. */
export function burnRateThreshold(budgetFraction: number, sloWindowMs: number, alertWindowMs: number): number {
  return (budgetFraction * sloWindowMs) / alertWindowMs;
}

/** How long a constant burn rate takes to spend the whole budget: window ÷ rate. */
export const timeToExhaustionMs = (rate: number, sloWindowMs: number): number => (rate <= 0 ? Number.POSITIVE_INFINITY : sloWindowMs / rate);

export type AlertSeverity = 'page' | 'ticket';

export interface BurnAlertRule {
  readonly severity: AlertSeverity;
  /** Share of the budget that may burn within the long window before this alert fires. */
  readonly budgetFraction: number;
  readonly longWindowMs: number;
  /** Default: long ÷ 12. */
  readonly shortWindowMs?: number;
}

export interface DerivedBurnAlert extends Required<BurnAlertRule> {
  readonly threshold: number;
}

/** The SRE Workbook's recommended set (Table 5-8): the thresholds come from the formula. */
export const workbookAlertRules: readonly BurnAlertRule[] = [
  { severity: 'page', budgetFraction: 0.02, longWindowMs: HOUR, shortWindowMs: 5 * MIN },
  { severity: 'page', budgetFraction: 0.05, longWindowMs: 6 * HOUR, shortWindowMs: 30 * MIN },
  { severity: 'ticket', budgetFraction: 0.1, longWindowMs: 3 * DAY, shortWindowMs: 6 * HOUR },
];

/** The rules with their thresholds for an SLO window. */
export function deriveBurnAlerts(rules: readonly BurnAlertRule[], sloWindowMs: number): DerivedBurnAlert[] {
  return rules.map((r) => ({
    severity: r.severity,
    budgetFraction: r.budgetFraction,
    longWindowMs: r.longWindowMs,
    shortWindowMs: r.shortWindowMs ?? r.longWindowMs / 12,
    threshold: burnRateThreshold(r.budgetFraction, sloWindowMs, r.longWindowMs),
  }));
}

export interface AlertEvaluation extends DerivedBurnAlert {
  /** The burn rates over the windows' data, as shown (a wall's "burn ×N"). */
  readonly longBurn: number | null;
  readonly shortBurn: number | null;
  readonly firing: boolean;
  /** True when a window had fewer events than `minEvents`: too few to judge, so not firing. */
  readonly tooFewEvents: boolean;
}

export interface AlertState {
  /** The most severe firing alert's severity, or ok. */
  readonly state: AlertSeverity | 'ok';
  readonly alerts: AlertEvaluation[];
}

/**
 * Which alerts fire at `now`: burn rate above the threshold over [now − long, now) and over
 * [now − short, now). `minEvents` guards low-traffic services, where a handful of requests make
 * the burn rate noisy.
 *
 * `dataFrom`: where the SLO's window begins (an event's start), so no event before it counts. A
 * window reaching back past it burns at the rate of its part after it × that part's share of the
 * window: the part before spends nothing, as a window later on counts quiet minutes. Otherwise a
 * 60-minute alert judged on the event's first 5 minutes would fire on a rate that spends a twelfth
 * of what the alert is for (its threshold assumes the rate kept up for the whole hour).
 */
export function evaluateBurnAlerts(
  buckets: readonly CountBucket[],
  target: number,
  alerts: readonly DerivedBurnAlert[],
  now: number,
  minEvents = 1,
  dataFrom = Number.NEGATIVE_INFINITY,
): AlertState {
  const covered = (windowMs: number): number => Math.min(1, Math.max(0, now - dataFrom) / windowMs);
  const scaled = (burn: number | null, windowMs: number): number | null => (burn === null ? null : burn * covered(windowMs));
  const evaluated = alerts.map((a) => {
    const long = countsBetween(buckets, now - a.longWindowMs, now);
    const short = countsBetween(buckets, now - a.shortWindowMs, now);
    const longBurn = burnRate(long, target);
    const shortBurn = burnRate(short, target);
    // Judged on the windows' spend (scaled); shown as the rate it burns at (a kick-off burning at
    // 20× reads 20×, not the 2× its first minute spends of the hour's window).
    const longSpend = scaled(longBurn, a.longWindowMs);
    const shortSpend = scaled(shortBurn, a.shortWindowMs);
    const tooFewEvents = long.total < minEvents || short.total < minEvents;
    const firing = !tooFewEvents && longSpend !== null && shortSpend !== null && longSpend > a.threshold && shortSpend > a.threshold;
    return { ...a, longBurn, shortBurn, firing, tooFewEvents };
  });
  const state = evaluated.some((a) => a.firing && a.severity === 'page') ? 'page' : evaluated.some((a) => a.firing) ? 'ticket' : 'ok';
  return { state, alerts: evaluated };
}

/**
 * Budget remaining over time across a window: for each bucket in [from, to) (keyed by its start),
 * the share of the window's budget (its events over `coverage` of it, as errorBudget) left once the
 * bad events up to that bucket are spent, so the line ends on the budget left. (Against the budget
 * of the events so far instead, a bad minute early in the window would read as the budget spent
 * many times over.) For the "budget over time" line on the wall.
 */
export function budgetOverTime(buckets: readonly CountBucket[], target: number, from: number, to: number, coverage = 1): [number, number | null][] {
  const inWindow = buckets.filter((b) => b.t >= from && b.t < to).sort((a, b) => a.t - b.t);
  const { allowedBad, total } = errorBudget(countsBetween(inWindow, from, to), target, coverage);
  let bad = 0;
  return inWindow.map((b) => {
    bad += Math.max(0, b.total - b.good);
    return [b.t, total > 0 ? 1 - bad / allowedBad : null];
  });
}
