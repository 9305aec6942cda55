/**
 * The demo's event plan, so event mode (the event strip, countdown, key moments, triggers) shows in
 * the demo without anyone making one: the shipped sports-final template, whose T-offsets follow the
 * demo's match night (kick-off T+20m, second half T+80m, final whistle T+125m), with T0 at the
 * night's minute 0 — so the event is live through the outage (minute 95). Made through the plan
 * service like any plan (validated the same), under a fixed id: once per data folder; a restart
 * finds it and adds nothing.
 */
import { wallClockAt } from '../../../shared/domain/incidents/zoned-time.ts';
import { planCheckIns, type CheckInSlot } from '../../../shared/domain/planning/check-ins.ts';
import { planWindow } from '../../../shared/domain/planning/timeline.ts';
import { whenMs } from '../../../shared/domain/planning/t-minus.ts';
import type { CheckIn, Plan } from '../../../shared/model/plan.ts';
import { OUTAGE_WINDOW } from '../../demo/phases.ts';
import type { PlanService } from './service.ts';

export const DEMO_PLAN_ID = 'demo-match-night';
const TEMPLATE = 'sports-final';
/** The demo workspace's venue (its venueTimezone): the plan's times read as the venue's. */
const VENUE_TIMEZONE = 'Europe/London';
const BY = '@demo';

const two = (n: number) => String(n).padStart(2, '0');

/**
 * The demo's readiness as its people left it before the night: every item done by its due time,
 * its evidence verified then (a live event whose checklist read "11 red" would only be noise).
 */
function readinessDone(plan: Plan): Plan['readiness'] {
  const w = planWindow(plan);
  return plan.readiness.map((item) => ({
    ...item,
    status: 'done' as const,
    evidence: `https://runbooks.example.com/cup-final/${item.id}`,
    verifiedAt: new Date(Math.min(whenMs(item.due, w), w.startMs)).toISOString(),
  }));
}

/** "2026-12-07T19:40": the minute `ms` falls in, on the wall clock of `timeZone`. */
export function localMinute(ms: number, timeZone: string): string {
  const w = wallClockAt(ms, timeZone);
  return `${w.year}-${two(w.month)}-${two(w.day)}T${two(w.hour)}:${two(w.minute)}`;
}

/**
 * @param t0Ms when the demo's night began (or would have: now − start-at ÷ speed).
 * @returns what was done, in words, for the hub's log.
 */
export function seedDemoPlan(plans: Pick<PlanService, 'list' | 'create' | 'replace' | 'transition'>, t0Ms: number): string {
  if (plans.list().some((p) => p.id === DEMO_PLAN_ID)) return `demo plan: ${DEMO_PLAN_ID} exists already (made on an earlier start)`;
  const { plan } = plans.create({ template: TEMPLATE, id: DEMO_PLAN_ID, event: { name: 'Cup Final (demo)', start: localMinute(t0Ms, VENUE_TIMEZONE), timezone: VENUE_TIMEZONE } }, BY);
  plans.replace(DEMO_PLAN_ID, { ...plan, readiness: readinessDone(plan) }, BY);
  // The stream opened at T0 (now or before): the event runs.
  for (const state of ['planned', 'ready', 'live'] as const) plans.transition(DEMO_PLAN_ID, state, BY);
  return `demo plan: ${DEMO_PLAN_ID} from the ${TEMPLATE} template, live from ${new Date(t0Ms).toISOString()}`;
}

const MINUTE_MS = 60_000;

/**
 * What the demo's person answers at a check-in slot, and when (T0: the plan's start, the night's
 * minute 0): a minute after it falls due, green; but the entitlement lead, busy with the 403s,
 * answers the slot the outage falls in only after it (late, red), so the walls show a check-in
 * overdue through the outage; and the care lead's first one after it reports the complaints it left.
 */
export function demoCheckIn(slot: CheckInSlot, t0Ms: number): Pick<CheckIn, 'at' | 'status' | 'note'> {
  const outage = { startMs: t0Ms + OUTAGE_WINDOW.startMs, endMs: t0Ms + OUTAGE_WINDOW.endMs };
  if (slot.service === 'entitlement' && outage.startMs >= slot.opensAt && outage.startMs < slot.closesAt) {
    return { at: outage.endMs + MINUTE_MS, status: 'red', note: `403s on entitlement from minute ${OUTAGE_WINDOW.startMs / MINUTE_MS} to ${OUTAGE_WINDOW.endMs / MINUTE_MS}; recovered, watching` };
  }
  if (slot.service === 'care' && slot.dueAt > outage.endMs && slot.dueAt <= outage.endMs + 30 * MINUTE_MS) {
    return { at: slot.dueAt + MINUTE_MS, status: 'amber', note: 'Contacts up after the 403s (can\'t start the match); falling' };
  }
  return { at: slot.dueAt + MINUTE_MS, status: 'green', note: `${slot.reports}: normal` };
}

/**
 * The demo's people keep their check-ins while the demo plan is live: each slot whose answer is
 * due by `now` (`demoCheckIn`) and has none gets it, at the time it was made, so the slots before
 * the hub started read kept, not missed. Called on each of the plan service's ticks.
 * @returns how many check-ins it recorded.
 */
export function keepDemoCheckIns(plans: Pick<PlanService, 'list' | 'get' | 'checkIns' | 'checkIn'>, now: number): number {
  if (!plans.list().some((p) => p.id === DEMO_PLAN_ID && p.state === 'live')) return 0;
  const { plan } = plans.get(DEMO_PLAN_ID);
  const t0Ms = planWindow(plan).startMs;
  let recorded = 0;
  for (const slot of planCheckIns(plan, plans.checkIns(DEMO_PLAN_ID), now).slots) {
    if (slot.checkIn) continue;
    const answer = demoCheckIn(slot, t0Ms);
    if (answer.at > now || answer.at >= slot.closesAt) continue;
    plans.checkIn(DEMO_PLAN_ID, { scheduleId: slot.scheduleId, by: slot.who, service: slot.service ?? slot.scheduleId, status: answer.status, note: answer.note }, null, answer.at);
    recorded++;
  }
  return recorded;
}
