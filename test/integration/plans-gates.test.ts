/**
 * The gates of an event plan over REST, real hub and SQLite on a fake clock: a wrong time zone is
 * a 400 naming the field (not a 500); "go" needs every criterion signed off or an override with a
 * reason, "go with conditions" names what is open, and the Friday report flags a Go beside NOT
 * READY; a plan goes live only near its window, and a mistake can be undone, with the history kept.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Plan } from '../../shared/model/plan.ts';
import type { PlanRecord, TemplateSummary } from '../../shared/protocol/plans.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';

const workspace = `
version: 1
title: War room
sources:
  - { id: local, type: scrape, url: "http://127.0.0.1:9/metrics", interval: 5s, timeout: 1s }
walls:
  - id: main
    title: Main
    panels:
      - { id: up, title: Up, type: stat, gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: local, query: { metric: up } }
`;

const H = 3_600_000;
/** Kick-off Saturday 12 Dec 2026 19:45 in London (GMT). */
const START = Date.parse('2026-12-12T19:45:00Z');
let clock = START - 5 * 24 * H;
let t: TestHub;
beforeEach(() => void (clock = START - 5 * 24 * H));
afterEach(async () => t?.close());

const post = (path: string, body: unknown) => t.http(path, { method: 'POST', token: t.adminToken, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;

async function finalPlan(): Promise<string> {
  t = await startTestHub(workspace, {}, {}, { now: () => clock });
  const res = await post('/api/v1/plans', { template: 'sports-final', event: { name: 'Cup Final', start: '2026-12-12T19:45' } });
  expect(res.status).toBe(201);
  return (await json<PlanRecord>(res)).id;
}

describe('creating a plan', () => {
  it('refuses a time zone that does not exist with a 400 naming the field, from a template or a copy', async () => {
    const id = await finalPlan();
    const templates = await json<{ templates: TemplateSummary[] }>(await t.http('/api/v1/plan-templates', { token: t.adminToken }));
    expect(templates.templates.find((x) => x.id === 'sports-final')?.timezone).toBe('Europe/London');
    for (const body of [{ template: 'sports-final' }, { copyOf: id }]) {
      const res = await post('/api/v1/plans', { ...body, event: { name: 'Typo', start: '2027-01-16T19:45', timezone: 'Europe/Londn' } });
      expect(res.status).toBe(400);
      expect((await json<{ message: string }>(res)).message).toMatch(/event\.timezone: expected an IANA time zone/);
    }
    const ok = await post('/api/v1/plans', { template: 'sports-final', event: { name: 'Lisbon', start: '2027-01-16T19:45', timezone: 'Europe/Lisbon' } });
    expect((await json<PlanRecord>(ok)).plan.event.timezone).toBe('Europe/Lisbon');
  });
});

describe('a refused plan', () => {
  it('echoes a 200 000-character name cut short, in a small reply', async () => {
    const id = await finalPlan();
    const record = await json<PlanRecord>(await t.http(`/api/v1/plans/${id}`, { token: t.adminToken }));
    const plan = structuredClone(record.plan);
    plan.event.name = 'Y'.repeat(200_000);
    const res = await post(`/api/v1/plans/${id}`, plan);
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text.length).toBeLessThan(2_000);
    const body = JSON.parse(text) as { issues: { field: string; message: string }[] };
    expect(body.issues).toEqual([{ field: 'event.name', message: `expected at most 200 character(s), got "${'Y'.repeat(79)}… (200000 characters)` }]);
  });
});

describe('go / no-go', () => {
  it('needs every criterion signed off for "go", or an override with its reason; the Friday report flags a Go beside NOT READY', async () => {
    const id = await finalPlan();
    clock = START - 26 * H; // the decision is due at T-1d; readiness items due before are red
    const refused = await post(`/api/v1/plans/${id}/decision`, { outcome: 'go', by: '@ops-manager' });
    expect(refused.status).toBe(409);
    const why = (await json<{ message: string }>(refused)).message;
    expect(why).toContain('not signed off: No red readiness items');
    expect(why).toContain('readiness red:');
    expect((await json<PlanRecord>(await t.http(`/api/v1/plans/${id}`, { token: t.adminToken }))).plan.goNoGo?.decision).toBeUndefined();

    const conditional = await json<PlanRecord>(await post(`/api/v1/plans/${id}/decision`, { outcome: 'go_with_conditions', by: '@ops-manager' }));
    expect(conditional.plan.goNoGo?.decision?.conditions).toContain('not signed off: Pre-scale plan agreed with every component owner');

    const overridden = await json<PlanRecord>(await post(`/api/v1/plans/${id}/decision`, { outcome: 'go', by: '@ops-manager', override: 'the board accepts the CDN risk' }));
    expect(overridden.plan.goNoGo?.decision).toMatchObject({ outcome: 'go', override: 'the board accepts the CDN risk' });
    expect(overridden.plan.goNoGo?.decision?.open?.length).toBeGreaterThan(4);

    const friday = await (await t.http(`/api/v1/plans/${id}/weekend-readiness.md`, { token: t.adminToken })).text();
    expect(friday).toContain('## Verdict: NOT READY');
    expect(friday).toMatch(/⚠ \*\*Go was recorded\*\* by @ops-manager on Fri 11 Dec 2026 17:45 Europe\/London \(17:45 UTC\) although the verdict is NOT READY; override: the board accepts the CDN risk/);
    expect(friday).toContain('**Override** (recorded although not everything was signed off): the board accepts the CDN risk.');

    // Everything signed off and nothing red: a clean "go".
    const current = await json<PlanRecord>(await t.http(`/api/v1/plans/${id}`, { token: t.adminToken }));
    const plan: Plan = structuredClone(current.plan);
    for (const c of plan.goNoGo!.criteria) c.met = true;
    for (const r of plan.readiness) r.status = 'n_a';
    expect((await post(`/api/v1/plans/${id}`, plan)).status).toBe(200);
    const clean = await json<PlanRecord>(await post(`/api/v1/plans/${id}/decision`, { outcome: 'go', by: '@ops-manager' }));
    expect(clean.plan.goNoGo?.decision?.outcome).toBe('go');
    expect(clean.plan.goNoGo?.decision?.override).toBeUndefined();
  });
});

describe('going live', () => {
  it('is refused days early, naming when it may; ready goes back to planned, live back to ready before the window, with the history kept', async () => {
    const id = await finalPlan();
    const state = (s: string) => post(`/api/v1/plans/${id}/state`, { state: s, by: '@ops-manager' });
    for (const s of ['planned', 'ready']) expect((await state(s)).status).toBe(200);
    const early = await state('live');
    expect(early.status).toBe(409);
    expect((await json<{ message: string }>(early)).message).toBe(
      'Cup Final may go live from Sat 12 Dec 2026 16:45 (Europe/London), 3 h before its start at Sat 12 Dec 2026 19:45; that is in 4 d 21 h. Set event.liveFrom to allow it earlier.',
    );
    expect((await state('planned')).status).toBe(200);
    expect((await state('ready')).status).toBe(200);

    clock = START - 2 * H;
    expect((await state('live')).status).toBe(200);
    expect((await json<PlanRecord>(await state('ready'))).plan.event.state).toBe('ready');
    expect((await state('live')).status).toBe(200);

    clock = START + 10 * 60_000;
    const late = await state('ready');
    expect(late.status).toBe(409);
    expect((await json<{ message: string }>(late)).message).toContain('cannot go back to ready once its window has started');

    // A plan whose window is over cannot go live either.
    const past = await json<PlanRecord>(await post('/api/v1/plans', { template: 'sports-final', event: { name: 'Semi-final', start: '2026-12-09T19:45' } }));
    for (const s of ['planned', 'ready']) expect((await post(`/api/v1/plans/${past.id}/state`, { state: s, by: '@ops-manager' })).status).toBe(200);
    const over = await post(`/api/v1/plans/${past.id}/state`, { state: 'live', by: '@ops-manager' });
    expect(over.status).toBe(409);
    expect((await json<{ message: string }>(over)).message).toBe('Semi-final ended at Wed 9 Dec 2026 22:15 (Europe/London); a plan whose window is over cannot go live (move its start, or copy it to plan again)');

    const record = await json<PlanRecord>(await t.http(`/api/v1/plans/${id}`, { token: t.adminToken }));
    expect(record.plan.stateHistory?.map((h) => `${h.from}→${h.to}`)).toEqual(['draft→planned', 'planned→ready', 'ready→planned', 'planned→ready', 'ready→live', 'live→ready', 'ready→live']);
    // A save from the editor cannot rewrite the history.
    const edited: Plan = { ...structuredClone(record.plan), stateHistory: [] };
    expect((await json<PlanRecord>(await post(`/api/v1/plans/${id}`, edited))).plan.stateHistory).toHaveLength(7);
  });
});
