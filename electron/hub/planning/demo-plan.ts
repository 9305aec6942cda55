/**
 * The demo's event plan, so event mode (the event strip, countdown, key moments, triggers) shows in
 * the demo without anyone making one: the shipped sports-final template, whose T-offsets follow the
 * demo's match night (kick-off T+20m, second half T+80m, final whistle T+125m), with T0 at the
 * night's minute 0 — so the event is live through the outage (minute 95). Made through the plan
 * service like any plan (validated the same), under a fixed id: once per data folder; a restart
 * finds it and adds nothing.
 */
import { wallClockAt } from '../../../shared/domain/incidents/zoned-time.ts';
import type { PlanService } from './service.ts';

export const DEMO_PLAN_ID = 'demo-match-night';
const TEMPLATE = 'sports-final';
/** The demo workspace's venue (its venueTimezone): the plan's times read as the venue's. */
const VENUE_TIMEZONE = 'Europe/London';
const BY = '@demo';

const two = (n: number) => String(n).padStart(2, '0');

/** "2026-12-07T19:40": the minute `ms` falls in, on the wall clock of `timeZone`. */
export function localMinute(ms: number, timeZone: string): string {
  const w = wallClockAt(ms, timeZone);
  return `${w.year}-${two(w.month)}-${two(w.day)}T${two(w.hour)}:${two(w.minute)}`;
}

/**
 * @param t0Ms when the demo's night began (or would have: now − start-at ÷ speed).
 * @returns what was done, in words, for the hub's log.
 */
export function seedDemoPlan(plans: Pick<PlanService, 'list' | 'create' | 'transition'>, t0Ms: number): string {
  if (plans.list().some((p) => p.id === DEMO_PLAN_ID)) return `demo plan: ${DEMO_PLAN_ID} exists already (made on an earlier start)`;
  plans.create({ template: TEMPLATE, id: DEMO_PLAN_ID, event: { name: 'Cup Final (demo)', start: localMinute(t0Ms, VENUE_TIMEZONE), timezone: VENUE_TIMEZONE } }, BY);
  // The stream opened at T0 (now or before): the event runs.
  for (const state of ['planned', 'ready', 'live'] as const) plans.transition(DEMO_PLAN_ID, state, BY);
  return `demo plan: ${DEMO_PLAN_ID} from the ${TEMPLATE} template, live from ${new Date(t0Ms).toISOString()}`;
}
