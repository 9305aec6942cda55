/**
 * The gates of the night (research/event-planning.md, IEM practice): a "Go" needs every go/no-go
 * criterion signed off and no red readiness item, or is recorded as an override with its reason;
 * and a plan goes live only near its window, so a plan cannot run on the walls days early.
 */
import type { Plan } from '../../model/plan.ts';
import { formatDuration } from '../incidents/durations.ts';
import { formatLocal } from './markdown.ts';
import { readinessSummary } from './readiness.ts';
import { planWindow } from './timeline.ts';

/** How long before its start a plan may go live unless it says (`event.liveFrom`). */
export const DEFAULT_LIVE_FROM_MS = 3 * 3_600_000;

/** What stands between the plan and a clean "Go" at `now`, in words: unmet criteria, then red readiness items. */
export function openForGo(plan: Plan, now: number): string[] {
  const criteria = (plan.goNoGo?.criteria ?? []).filter((c) => c.met !== true).map((c) => `not signed off: ${c.text}`);
  const red = readinessSummary(plan, now)
    .items.filter((a) => a.state === 'red')
    .map((a) => `readiness red: ${a.item.item}${a.reason ? ` (${a.reason})` : ''}`);
  return [...criteria, ...red];
}

/** The earliest time the plan may go live. */
export function liveFromMs(plan: Plan): number {
  return planWindow(plan).startMs - (plan.event.liveFrom ?? DEFAULT_LIVE_FROM_MS);
}

/** Why the plan may not go live at `now` (null: it may), naming when it may. */
export function goLiveRefusal(plan: Plan, now: number): string | null {
  const from = liveFromMs(plan);
  const w = planWindow(plan);
  if (now > w.endMs) return `${plan.event.name} ended at ${formatLocal(w.endMs, w.timeZone)} (${w.timeZone}); a plan whose window is over cannot go live (move its start, or copy it to plan again)`;
  if (now >= from) return null;
  return `${plan.event.name} may go live from ${formatLocal(from, w.timeZone)} (${w.timeZone}), ${formatDuration(w.startMs - from)} before its start at ${formatLocal(w.startMs, w.timeZone)}; that is in ${formatDuration(from - now)}. Set event.liveFrom to allow it earlier.`;
}

/** Why a live plan may not go back to ready at `now` (null: it may): only before its window starts. */
export function backToReadyRefusal(plan: Plan, now: number): string | null {
  const w = planWindow(plan);
  if (now < w.startMs) return null;
  return `${plan.event.name} started at ${formatLocal(w.startMs, w.timeZone)}; a plan cannot go back to ready once its window has started (close it instead)`;
}
