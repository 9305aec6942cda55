/**
 * A fired trigger's firing episode (LiveTrigger.firedAt), which a wall's `r` release lasts for:
 * a real plan service and SQLite store on a fake clock, the entitlement trigger ("403s above 50/s
 * for 1 minute") driven through its metric. The stamp stays through no data, a hub restart and
 * pending again, and a firing after the trigger was seen clear gets a new one, so a wall that
 * missed the clear holds for it again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { PlanService } from '../../electron/hub/planning/service.ts';
import { openStore, type Store } from '../../electron/hub/store/store.ts';
import type { TriggerFired } from '../../shared/protocol/plans.ts';
import { firedTriggerAlerts } from '../../renderer/wall/pages.ts';

const SEC = 1_000;
const MIN = 60 * SEC;
/** Kick-off of the cup final, in its window. */
const KICK_OFF = Date.parse('2026-06-12T19:00:00Z');

let dir: string | undefined;
let store: Store | undefined;
let service: PlanService | undefined;
afterEach(() => {
  service?.close();
  store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = store = service = undefined;
});

it('a firing keeps its stamp through no data, a hub restart and pending again; the next firing after a clear gets a new one', () => {
  dir = mkdtempSync(join(tmpdir(), 'mc-trigger-episode-'));
  let clock = KICK_OFF;
  /** The entitlement 403s panel's samples, one a tick while the metric reports. */
  let samples: [number, number][] = [];
  const announced: TriggerFired[] = [];
  const start = () => {
    store = openStore(dir!);
    return new PlanService(store.plans, {
      now: () => clock,
      templatesDir: join(import.meta.dirname, '../../assets/templates'),
      incidents: () => [],
      watched: (panelId) => (panelId === 'entitlement-403' ? { points: samples, maxAgeMs: 2 * MIN } : null),
      events: { changed: () => {}, trigger: (f) => announced.push(f) },
      tickMs: 3_600_000,
      log: () => {},
    });
  };
  /** The metric reports `value` (null: nothing) for `ms`, the hub looking every 15 s. */
  const run = (value: number | null, ms: number) => {
    for (const end = clock + ms; clock < end; ) {
      clock += 15 * SEC;
      if (value !== null) samples.push([clock, value]);
      service!.tick();
    }
  };
  const entitlement = () => service!.live()[0]!.triggers.find((t) => t.riskId === 'entitlement-saturation')!;
  /** The wall's hold for the trigger (its id is what `r` releases). */
  const wallAlert = () => firedTriggerAlerts({ counted: new Set(['event']), plans: { running: service!.live() } }, clock).find((a) => a.id.startsWith('trigger:cup-final-2026-06-12:entitlement-saturation:'))?.id;

  service = start();
  const { id } = service.create({ template: 'sports-final', event: { name: 'Cup final', start: '2026-06-12T19:00', end: '2026-06-12T21:30', timezone: 'UTC' } }, '@planner');
  expect(id).toBe('cup-final-2026-06-12');
  for (const state of ['planned', 'ready', 'live'] as const) service.transition(id, state, '@planner');

  run(10, 2 * MIN);
  expect(entitlement()).toMatchObject({ state: 'clear', firedAt: null });
  // Above the line: pending for its minute (no firing yet), then fired, stamped when recorded.
  run(80, 30 * SEC);
  expect(entitlement()).toMatchObject({ state: 'pending', firedAt: null });
  run(80, 45 * SEC);
  expect(announced).toHaveLength(1);
  const first = announced[0]!.at;
  expect(announced[0]!.trigger).toMatchObject({ state: 'fired', firedAt: first });
  expect(entitlement()).toMatchObject({ state: 'fired', firedAt: first });
  const firstHold = wallAlert();
  expect(firstHold).toBeDefined();

  // The metric stops reporting: no data, the same firing.
  run(null, 3 * MIN);
  expect(entitlement()).toMatchObject({ state: 'no_data', firedAt: first });

  // The hub restarts meanwhile: the firing's stamp is read back from the store.
  service.close();
  store!.close();
  service = start();
  expect(entitlement()).toMatchObject({ state: 'no_data', firedAt: first });
  // The metric reports again (its exporter restarted, no history): pending, then fired, still the first firing.
  samples = [];
  run(80, 30 * SEC);
  expect(entitlement()).toMatchObject({ state: 'pending', firedAt: first });
  run(80, 45 * SEC);
  expect(entitlement()).toMatchObject({ state: 'fired', firedAt: first });
  expect(announced).toHaveLength(1);
  expect(wallAlert()).toBe(firstHold);

  // Seen clear (by the hub; a wall that was away never hears it), then a new firing with a new stamp.
  run(10, 30 * SEC);
  expect(entitlement()).toMatchObject({ state: 'clear', firedAt: null });
  run(80, 75 * SEC);
  expect(announced).toHaveLength(2);
  const second = announced[1]!.at;
  expect(second).toBeGreaterThan(first);
  expect(entitlement()).toMatchObject({ state: 'fired', firedAt: second });
  expect(wallAlert()).toBeDefined();
  expect(wallAlert()).not.toBe(firstHold);

  // Someone declared the first firing from the prompt, and the link arrives after the second began:
  // it goes to the firing they saw, not the latest.
  service.linkIncident(id, 'entitlement-saturation', '01JZ0000000000000000000001', first);
  expect(store!.plans.firedTriggers(id).map((f) => [f.at, f.incidentId])).toEqual([
    [first, '01JZ0000000000000000000001'],
    [second, null],
  ]);
  expect(entitlement().incidentId ?? null).toBeNull();
  // Without a stamp (an older console), the latest firing.
  service.linkIncident(id, 'entitlement-saturation', '01JZ0000000000000000000002');
  expect(entitlement().incidentId).toBe('01JZ0000000000000000000002');
  expect(() => service!.linkIncident(id, 'entitlement-saturation', '01JZ0000000000000000000003', first + 1)).toThrow(/has no firing at/);
});
