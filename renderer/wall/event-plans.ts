import { forecastRange } from '../../shared/domain/planning/forecast.ts';
import { count } from '../../shared/domain/planning/markdown.ts';
import { planWindow } from '../../shared/domain/planning/timeline.ts';
import { formatDuration } from '../../shared/domain/incidents/durations.ts';
import type { LiveEventSlo, LivePlan, UpcomingPlan } from '../../shared/protocol/plans.ts';
import { formatBudget } from '../panels/slo-view.ts';

/**
 * The next event this wall counts down to: the soonest upcoming plan that runs on it, unless a plan
 * already runs on it (its strip is up then). Null when there is none.
 */
export function nextEventFor(upcoming: readonly UpcomingPlan[], running: readonly LivePlan[], wallId: string): UpcomingPlan | null {
  if (plansForWall(running, wallId).length > 0) return null;
  return upcoming.find((p) => p.walls.length === 0 || p.walls.includes(wallId)) ?? null;
}

/**
 * The running plans that chose this wall (a plan naming no walls runs on all of them). Given `now`,
 * the one the strip shows comes first: a plan whose window contains now, then the nearest start,
 * so a plan made live days early does not take the strip from the event actually running.
 */
export function plansForWall(plans: readonly LivePlan[], wallId: string, now?: number): LivePlan[] {
  const mine = plans.filter((p) => p.plan.event.walls === undefined || p.plan.event.walls.length === 0 || p.plan.event.walls.includes(wallId));
  return now === undefined ? mine : runningFirst(mine, now);
}

/** The plans in the order a strip takes them at `now`: a plan whose window contains now, then the nearest start. */
export function runningFirst(mine: readonly LivePlan[], now: number): LivePlan[] {
  if (mine.length < 2) return [...mine];
  const rank = (p: LivePlan): [number, number] => {
    const w = planWindow(p.plan);
    return [w.startMs <= now && now < w.endMs ? 0 : 1, Math.abs(w.startMs - now)];
  };
  const ranked = mine.map((p) => ({ p, r: rank(p) }));
  ranked.sort((a, b) => a.r[0] - b.r[0] || a.r[1] - b.r[1]);
  return ranked.map((x) => x.p);
}

/**
 * "peak so far 1,500,000 (125%)": the highest actual since the window started, as the hub keeps it
 * (`actual` is only the last four hours), against the forecast peak; null before the first sample.
 */
export function peakSoFarWords(live: LivePlan): string | null {
  const forecast = live.plan.forecast;
  const peak = live.actualPeak ?? null;
  if (!forecast || peak === null) return null;
  return `peak so far ${count(peak[1])} (${Math.round((peak[1] / forecast.peak) * 100)}%)`;
}

/**
 * Whether demand (now, or the peak so far) is above the forecast's range (its peakRange, else
 * +10%), as the post-event report judges it: the forecast peak is a point inside that range, and
 * demand a little over it is as planned, not trouble on the strip.
 */
export function aboveForecast(live: Pick<LivePlan, 'plan' | 'actual' | 'actualPeak'>): boolean {
  const forecast = live.plan.forecast;
  if (!forecast) return false;
  return Math.max(live.actual.at(-1)?.[1] ?? 0, live.actualPeak?.[1] ?? 0) > forecastRange(forecast).high;
}

/**
 * "event budget left 43%", or "event budget: too early" while the hub has too little of the event
 * counted to project the whole event's budget (a figure from a few minutes, "−2441%", would be read
 * as the night's verdict). The burn rate and the alert beside it still judge those minutes.
 */
export function eventBudgetWords(slo: Pick<LiveEventSlo, 'budgetRemaining' | 'budgetTooEarly'>): string {
  return slo.budgetTooEarly ? 'event budget: too early' : `event budget left ${formatBudget(slo.budgetRemaining)}`;
}

/** The tooltip that says why it is too early: "Projected once 15 min of the event are counted (3 min so far)". */
export function eventBudgetTooEarlyWhy(slo: Pick<LiveEventSlo, 'budgetTooEarly'>): string | null {
  const t = slo.budgetTooEarly;
  if (!t) return null;
  return `The event's budget is projected from the request rate so far once ${formatDuration(t.neededMs)} of the event are counted (${formatDuration(t.coveredMs)} so far); the burn rate and alert judge it meanwhile.`;
}
