import { count } from '../../shared/domain/planning/markdown.ts';
import type { LivePlan, UpcomingPlan } from '../../shared/protocol/plans.ts';

/**
 * The next event this wall counts down to: the soonest upcoming plan that runs on it, unless a plan
 * already runs on it (its strip is up then). Null when there is none.
 */
export function nextEventFor(upcoming: readonly UpcomingPlan[], running: readonly LivePlan[], wallId: string): UpcomingPlan | null {
  if (plansForWall(running, wallId).length > 0) return null;
  return upcoming.find((p) => p.walls.length === 0 || p.walls.includes(wallId)) ?? null;
}

/** The running plans that chose this wall (a plan naming no walls runs on all of them). */
export function plansForWall(plans: readonly LivePlan[], wallId: string): LivePlan[] {
  return plans.filter((p) => p.plan.event.walls === undefined || p.plan.event.walls.length === 0 || p.plan.event.walls.includes(wallId));
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
