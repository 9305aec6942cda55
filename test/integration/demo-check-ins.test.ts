/**
 * The demo's people keep their check-ins (planning/demo-plan.ts), on a real plan service and
 * SQLite store with the clock moved through the night: a hub started mid-event shows the slots
 * before it kept, not missed; the entitlement lead's check-in goes overdue through the outage and
 * comes late and red after it; the care lead's next one is amber; nothing is missed all night.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { MINUTE_MS, OUTAGE_WINDOW } from '../../electron/demo/phases.ts';
import { DEMO_PLAN_ID, keepDemoCheckIns, seedDemoPlan } from '../../electron/hub/planning/demo-plan.ts';
import { PlanService } from '../../electron/hub/planning/service.ts';
import { openStore, type Store } from '../../electron/hub/store/store.ts';
import { planCheckIns } from '../../shared/domain/planning/check-ins.ts';
import { planWindow } from '../../shared/domain/planning/timeline.ts';

// On a whole minute, so the plan's T0 (planned in minutes) is the night's minute 0.
const NIGHT = Date.UTC(2026, 11, 12, 19, 0);

let dir: string | undefined;
let store: Store | undefined;
let plans: PlanService | undefined;
afterEach(() => {
  plans?.close();
  store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = store = plans = undefined;
});

function demoPlans(clock: { now: number }): PlanService {
  dir = mkdtempSync(join(tmpdir(), 'mc-demo-check-ins-'));
  store = openStore(dir);
  return new PlanService(store.plans, {
    now: () => clock.now,
    templatesDir: join(import.meta.dirname, '../../assets/templates'),
    incidents: () => [],
    watched: () => null,
    events: { changed: () => {}, trigger: () => {} },
    tickMs: 3_600_000,
    ticked: (now) => keepDemoCheckIns(plans!, now),
    log: () => {},
  });
}

const slotsAt = (service: PlanService, now: number) => planCheckIns(service.get(DEMO_PLAN_ID).plan, service.checkIns(DEMO_PLAN_ID), now);
const minute = (m: number) => NIGHT + m * MINUTE_MS;

it('a hub started at minute 80 shows the check-ins before it kept, at the time each was made, and none missed', () => {
  const clock = { now: minute(80) };
  plans = demoPlans(clock);
  seedDemoPlan(plans, NIGHT);
  expect(planWindow(plans.get(DEMO_PLAN_ID).plan).startMs).toBe(NIGHT);
  // Before the demo's people: every slot so far missed, and the four of minute 60 overdue.
  expect(slotsAt(plans, clock.now).counts).toMatchObject({ kept: 0, missed: 15, overdue: 4 });

  expect(keepDemoCheckIns(plans, clock.now)).toBe(19);
  const status = slotsAt(plans, clock.now);
  // Three leads from T-1h and care from T-30m, every 30 minutes: T-60 … T+60.
  expect(status.counts).toMatchObject({ kept: 19, missed: 0, late: 0, overdue: 0 });
  for (const slot of status.slots.filter((s) => s.checkIn)) {
    expect(slot.checkIn).toMatchObject({ at: slot.dueAt + MINUTE_MS, by: slot.who, status: 'green' });
  }
  // Once each: a second pass records nothing.
  expect(keepDemoCheckIns(plans, clock.now)).toBe(0);
});

it('through the night: the entitlement lead is overdue in the outage, then late and red; care is amber after it; nothing is missed', () => {
  const clock = { now: minute(0) };
  plans = demoPlans(clock);
  seedDemoPlan(plans, NIGHT);
  const entitlementAt90 = () => slotsAt(plans!, clock.now).slots.find((s) => s.service === 'entitlement' && s.dueAt === minute(90))!;
  const seen: string[] = [];
  for (; clock.now <= minute(150); clock.now += 30_000) {
    plans.tick();
    const state = entitlementAt90().state;
    if (seen.at(-1) !== state) seen.push(state);
  }
  // Overdue from the end of its grace (minute 95, the outage's start) until the lead answers after it.
  expect(seen).toEqual(['upcoming', 'due', 'overdue', 'late']);
  const late = entitlementAt90().checkIn!;
  expect(late).toMatchObject({ at: minute(OUTAGE_WINDOW.endMs / MINUTE_MS + 1), status: 'red' });
  expect(late.note).toMatch(/403s on entitlement from minute 95 to 103/);

  const status = slotsAt(plans, clock.now);
  expect(status.counts.missed).toBe(0);
  expect(status.counts.late).toBe(1);
  const care = status.slots.filter((s) => s.service === 'care').map((s) => [(s.dueAt - NIGHT) / MINUTE_MS, s.checkIn?.status]);
  expect(care).toContainEqual([120, 'amber']);
  expect(care.filter(([, status]) => status === 'amber')).toHaveLength(1);
});

it('keeps nothing once the demo plan is no longer live', () => {
  const clock = { now: minute(10) };
  plans = demoPlans(clock);
  seedDemoPlan(plans, NIGHT);
  plans.transition(DEMO_PLAN_ID, 'closed', '@ops-manager');
  expect(keepDemoCheckIns(plans, clock.now)).toBe(0);
  expect(plans.checkIns(DEMO_PLAN_ID)).toEqual([]);
});
