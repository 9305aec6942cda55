/**
 * Event-scoped SLOs (research/event-planning.md §3.1, "event-window adaptation"): a 3-hour final
 * barely registers against a 30-day budget, so an event SLO's window is the event itself, W_e =
 * end − start, and the alert thresholds come from the same formula as the Workbook's:
 *
 *   threshold = budgetFraction × W_e ÷ long window       (short window: long ÷ 12)
 *
 * Default event policy (when an SLO lists no alerts of its own):
 * - page when 10% of the event's budget burns within 10 minutes (a 4-hour event: 2.4);
 * - page when 25% burns within an hour (a 4-hour event: 1.0, i.e. on course to spend it all).
 * An alert whose long window is longer than the event is dropped: it could never see a full
 * window of the event. Early in the event an alert's windows reach back before its start: that
 * part counts as burning nothing (evaluateBurnAlerts' dataFrom), so the hour's alert waits for a
 * quarter of the budget spent rather than firing on the first minutes' rate.
 *
 * The budget is the whole event's: (1 − objective) × the requests of the planned event, taken as
 * the request rate so far kept up until the end (errorBudget's coverage = the share of the event
 * its counted buckets span: from the first one's start until now, not from the event's start, or
 * a bucket's alignment would sway the rate by a step's worth, ±12% a minute in). Against the
 * requests so far, a handful of errors in the first minutes would read as the budget spent
 * several times over while the alerts, rightly, stay calm.
 *
 * The projection needs enough of the event counted to stand for it (projectionSpanMs): until then
 * the budget is "too early" (no figure), while the alerts, which project nothing, judge as ever.
 */
import type { EventSlo, Plan } from '../../model/plan.ts';
import { countsBetween, deriveBurnAlerts, errorBudget, evaluateBurnAlerts, type AlertState, type BurnAlertRule, type CountBucket, type DerivedBurnAlert, type ErrorBudget } from '../review/slo.ts';
import { planWindow } from './timeline.ts';

const MIN = 60_000;

export const defaultEventAlertRules: readonly BurnAlertRule[] = [
  { severity: 'page', budgetFraction: 0.1, longWindowMs: 10 * MIN },
  { severity: 'page', budgetFraction: 0.25, longWindowMs: 60 * MIN },
];

/** The SLO's alert rules with thresholds derived for an event window of `eventWindowMs`. */
export function eventBurnAlerts(slo: Pick<EventSlo, 'alerts'>, eventWindowMs: number): DerivedBurnAlert[] {
  const rules: BurnAlertRule[] = slo.alerts
    ? slo.alerts.map((a) => ({
        severity: a.severity,
        budgetFraction: a.budgetFraction,
        longWindowMs: a.longWindow,
        ...(a.shortWindow === undefined ? {} : { shortWindowMs: a.shortWindow }),
      }))
    : [...defaultEventAlertRules];
  return deriveBurnAlerts(
    rules.filter((r) => r.longWindowMs <= eventWindowMs),
    eventWindowMs,
  );
}

/**
 * How much of the event must be counted before its budget is projected: a tenth of it, at least
 * 15 minutes, at most an hour (or the whole event, if shorter). The projection holds the request rate so far for the whole
 * event, and an event's traffic is not flat (the demo night swings 2–3× between pre-match,
 * kick-off and half-time): a few minutes are one phase, often one incident, and their rate stands
 * for hours it says little about (a Prometheus started at the demo's outage read its playback
 * budget 22% left where the whole night's data reads −3%). A quarter hour is longer than the
 * default page's 10-minute window and than most incidents' first phase; a tenth keeps a long
 * event's first minutes from speaking for a day, and the hour's cap a weekend plan's strip from
 * saying "too early" for six hours. The alerts need no projection and judge earlier.
 */
export function projectionSpanMs(eventWindowMs: number): number {
  return Math.min(eventWindowMs, 60 * MIN, Math.max(15 * MIN, eventWindowMs / 10));
}

export interface EventSloStatus {
  readonly slo: EventSlo;
  readonly windowMs: number;
  /** The events of [start, min(now, end)) against the budget of the whole planned event. */
  readonly budget: ErrorBudget;
  /** The span of the event its counted buckets cover (from the first one's start): what the budget is projected from. */
  readonly coveredMs: number;
  /** The span the projection needs (projectionSpanMs). */
  readonly neededMs: number;
  /** Events counted, but too few minutes of the event to project its budget: show no budget figure. */
  readonly tooEarly: boolean;
  readonly alerts: AlertState;
}

/** An event SLO at `now`: the event's budget burned since the start, and the multi-window alert state. */
export function eventSloStatus(plan: Plan, slo: EventSlo, buckets: readonly CountBucket[], now: number, minEvents = 1): EventSloStatus {
  const w = planWindow(plan);
  const windowMs = w.endMs - w.startMs;
  const until = Math.min(now, w.endMs);
  const soFar = countsBetween(buckets, w.startMs, until);
  const inEvent = buckets.filter((b) => b.t >= w.startMs && b.t < w.endMs);
  const firstCounted = inEvent.find((b) => b.t < until)?.t ?? w.startMs;
  const coveredMs = Math.max(0, until - firstCounted);
  const neededMs = projectionSpanMs(windowMs);
  return {
    slo,
    windowMs,
    budget: errorBudget(soFar, slo.objective, coveredMs / windowMs),
    coveredMs,
    neededMs,
    tooEarly: soFar.total > 0 && coveredMs < neededMs,
    alerts: evaluateBurnAlerts(inEvent, slo.objective, eventBurnAlerts(slo, windowMs), until, minEvents, w.startMs),
  };
}
