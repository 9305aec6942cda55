/**
 * Event plans against a real hub: templates shipped and versioned, plans created from a template,
 * a copy or a full YAML plan, refused as a whole with each field named, moved through their
 * states, check-ins from a responder, the reports and the calendar, and a risk trigger watched
 * against a live metric that fires and is announced on the socket.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { Plan } from '../../shared/model/plan.ts';
import type { PlanRecord, TriggerFired } from '../../shared/protocol/plans.ts';
import { eventually, startTestHub, type TestHub } from '../support/hub.ts';

/** A metrics endpoint whose value the test sets. */
let metrics: Server;
let metricsUrl: string;
let errors = 1;
beforeAll(async () => {
  metrics = createServer((_req, res) => res.end(`# TYPE playback_errors gauge\nplayback_errors ${errors}\n`));
  await new Promise<void>((r) => metrics.listen(0, '127.0.0.1', r));
  metricsUrl = `http://127.0.0.1:${(metrics.address() as AddressInfo).port}/metrics`;
});
afterAll(() => new Promise<void>((r) => metrics.close(() => r())));

const workspace = `
version: 1
title: Plans room
sources:
  - { id: local, type: scrape, url: "\${METRICS_URL}", interval: 200ms, timeout: 150ms }
walls:
  - id: main
    title: Main
    panels:
      - { id: playback-errors, title: Playback errors, type: timeseries, gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: local, query: { metric: playback_errors } }
`;

let t: TestHub;
afterEach(async () => t?.close());

async function hub() {
  t = await startTestHub(workspace, {}, { METRICS_URL: metricsUrl });
  const token = async (role: string) => {
    const res = await t.http('/api/v1/tokens', { method: 'POST', token: t.adminToken, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: `${role} 1`, role }) });
    return ((await res.json()) as { secret: string }).secret;
  };
  return { planner: await token('planner'), responder: await token('responder'), viewer: await token('viewer') };
}

const post = (path: string, token: string, body: unknown, type = 'application/json') =>
  t.http(path, { method: 'POST', token, headers: { 'content-type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) });
const json = async <T = Record<string, unknown>>(res: Response): Promise<T> => (await res.json()) as T;
const sportsFinal = async () => readFile(new URL('../../assets/templates/sports-final.yaml', import.meta.url), 'utf8');
/** The plan's window around now (kick-off ten minutes ago, on UTC), so it runs on the walls. */
const happeningNow = (plan: Plan): void => {
  const local = (ms: number) => new Date(ms).toISOString().slice(0, 16);
  plan.event = { ...plan.event, timezone: 'UTC', start: local(Date.now() - 10 * 60_000), end: local(Date.now() + 3 * 3_600_000) };
};

describe('plans over REST', () => {
  it('lists the shipped templates and creates a plan from one, moving its whole timeline', async () => {
    const { planner, viewer } = await hub();
    const templates = await json<{ templates: { id: string; version: number }[] }>(await t.http('/api/v1/plan-templates', { token: viewer }));
    expect(templates.templates.map((x) => `${x.id}@${x.version}`)).toEqual(['premiere@1', 'sports-final@1', 'weekend@1']);

    const res = await post('/api/v1/plans', planner, { template: 'sports-final', event: { name: 'Rugby Final 2027', start: '2027-06-05T18:00' } });
    expect(res.status).toBe(201);
    const created = await json<PlanRecord>(res);
    expect(created.id).toBe('rugby-final-2027-2027-06-05');
    expect(created.plan.basedOn).toEqual({ template: 'sports-final', version: 1 });
    expect(created.plan.event).toMatchObject({ state: 'draft', start: '2027-06-05T18:00', end: '2027-06-05T20:30', timezone: 'Europe/London' });
    expect(created.plan.template).toBeUndefined();

    // The viewer can read but not write.
    expect((await post('/api/v1/plans', viewer, { template: 'sports-final' })).status).toBe(403);
    const list = await json<{ plans: { id: string; state: string }[] }>(await t.http('/api/v1/plans', { token: viewer }));
    expect(list.plans).toEqual([expect.objectContaining({ id: created.id, state: 'draft' })]);

    // A copy of a past plan starts with nothing verified.
    const copy = await json<PlanRecord>(await post('/api/v1/plans', planner, { copyOf: created.id, event: { name: 'Rugby Final 2028', start: '2028-06-03T18:00' } }));
    expect(copy.plan.event.name).toBe('Rugby Final 2028');
    expect(copy.plan.readiness.every((r) => r.verifiedAt === undefined && (r.status === 'todo' || r.status === 'n_a'))).toBe(true);
  });

  it('refuses a malformed plan naming each bad field, and stores nothing', async () => {
    const { planner, viewer } = await hub();
    const plan = parse(await sportsFinal()) as Plan;
    (plan.event as { tier: number }).tier = 7;
    plan.readiness[0]!.evidence = 'javascript:alert(1)';
    plan.keyMoments[1]!.at = 'half past seven';
    const res = await post('/api/v1/plans', planner, stringify(plan), 'application/yaml');
    expect(res.status).toBe(400);
    const body = await json<{ message: string; issues: { field: string; line: number | null }[] }>(res);
    expect(body.issues.map((i) => i.field)).toEqual(expect.arrayContaining(['event.tier', 'readiness[0].evidence', 'keyMoments[1].at']));
    expect(body.issues.every((i) => typeof i.line === 'number')).toBe(true);
    expect(body.message).toContain('event.tier');

    const broken = await post('/api/v1/plans', planner, 'version: 1\nevent: [unclosed\n', 'application/yaml');
    expect(broken.status).toBe(400);
    expect((await json<{ message: string }>(broken)).message).toMatch(/line \d+/);

    // A plan without its version is still read as a plan, and told what is missing.
    const unversioned = await post('/api/v1/plans', planner, (await sportsFinal()).replace(/^version: 1$/m, ''), 'application/yaml');
    expect(unversioned.status).toBe(400);
    expect((await json<{ issues: { field: string }[] }>(unversioned)).issues.map((i) => i.field)).toContain('version');

    const bad = await post('/api/v1/plans', planner, { template: 'no-such' });
    expect(bad.status).toBe(404);
    // An export of a closed plan imported as it is would come back closed and uneditable: refused in words.
    const closedPlan = parse(await sportsFinal()) as Plan;
    closedPlan.event.state = 'closed';
    const closed = await post('/api/v1/plans', planner, closedPlan);
    expect(closed.status).toBe(400);
    expect((await json<{ message: string }>(closed)).message).toBe('event.state: a new plan cannot arrive closed; import it as draft, then move it on');
    expect((await json<{ plans: unknown[] }>(await t.http('/api/v1/plans', { token: viewer }))).plans).toEqual([]);

    // A full plan as YAML is stored as it is.
    const ok = await post('/api/v1/plans', planner, await sportsFinal(), 'application/yaml');
    expect(ok.status).toBe(201);
  });

  it('moves a plan through its states, takes check-ins and decisions, and reports them', async () => {
    const { planner, responder, viewer } = await hub();
    // Kick-off in an hour (UTC): near enough to go live.
    const soon = new Date(Date.now() + 3_600_000).toISOString().slice(0, 16);
    const { id } = await json<PlanRecord>(await post('/api/v1/plans', planner, { template: 'sports-final', event: { start: soon, timezone: 'UTC' } }));
    const state = (s: string) => post(`/api/v1/plans/${id}/state`, planner, { state: s, by: '@ops-manager' });
    const skipped = await state('live');
    expect(skipped.status).toBe(409);
    expect((await json<{ message: string }>(skipped)).message).toBe('a draft plan cannot become live');
    for (const s of ['planned', 'ready']) expect((await state(s)).status).toBe(200);

    // Nothing signed off: "go" only as an override with its reason (test/integration/plans-gates.test.ts).
    const decided = await json<PlanRecord>(await post(`/api/v1/plans/${id}/decision`, planner, { outcome: 'go', by: '@ops-manager', override: 'rehearsal' }));
    expect(decided.plan.goNoGo?.decision?.outcome).toBe('go');
    expect((await json<PlanRecord>(await state('live'))).plan.event.state).toBe('live');

    // Content edits keep the state; a state change by replacement is refused.
    const current = await json<PlanRecord>(await t.http(`/api/v1/plans/${id}`, { token: viewer }));
    const edited = structuredClone(current.plan);
    edited.readiness[0]!.status = 'done';
    edited.readiness[0]!.evidence = 'https://grafana.example.com/d/load-test';
    edited.readiness[0]!.verifiedAt = new Date().toISOString();
    const replaced = await post(`/api/v1/plans/${id}?revision=${current.revision}`, planner, edited);
    expect(replaced.status).toBe(200);
    expect((await post(`/api/v1/plans/${id}?revision=${current.revision}`, planner, edited)).status).toBe(409);
    edited.event.state = 'closed';
    expect((await post(`/api/v1/plans/${id}`, planner, edited)).status).toBe(400);

    const checkIn = await post(`/api/v1/plans/${id}/check-ins`, responder, { scheduleId: 'cdn', by: '@cdn-lead', service: 'cdn', status: 'amber', note: 'steering 60/40 <b>fine</b>' });
    expect(checkIn.status).toBe(200);
    expect((await post(`/api/v1/plans/${id}/check-ins`, responder, { scheduleId: 'nope', by: '@x', service: 'cdn', status: 'green' })).status).toBe(400);
    expect((await post(`/api/v1/plans/${id}/check-ins`, viewer, { scheduleId: 'cdn', by: '@x', service: 'cdn', status: 'green' })).status).toBe(403);
    const checkIns = await json<{ checkIns: { by: string; status: string }[] }>(await t.http(`/api/v1/plans/${id}/check-ins`, { token: viewer }));
    expect(checkIns.checkIns).toEqual([expect.objectContaining({ by: '@cdn-lead', status: 'amber' })]);

    const report = await t.http(`/api/v1/plans/${id}/report.md`, { token: viewer });
    expect(report.headers.get('content-type')).toContain('text/markdown');
    const md = await report.text();
    expect(md).toContain('# Post-event report: Cup Final');
    expect(md).toContain('## Check-ins');
    const calendar = await t.http(`/api/v1/plans/${id}/calendar.ics`, { token: viewer });
    expect(calendar.headers.get('content-type')).toContain('text/calendar');
    const ics = await calendar.text();
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics).toContain('Kick-off');
    const friday = await (await t.http(`/api/v1/plans/${id}/weekend-readiness.md`, { token: viewer })).text();
    expect(friday).toContain('## Verdict:');
    const monday = await (await t.http(`/api/v1/plans/${id}/weekend-report.md`, { token: viewer })).text();
    expect(monday).toContain('# Weekend report: Cup Final');
    expect((await t.http(`/api/v1/plans/${id}/plan.yaml`, { token: viewer })).status).toBe(200);
    expect((await t.http('/api/v1/plans/missing/report.md', { token: viewer })).status).toBe(404);
  });

  it('pushes lessons back into a new template version', async () => {
    const { planner, viewer } = await hub();
    const created = await json<PlanRecord>(await post('/api/v1/plans', planner, { template: 'weekend' }));
    const plan = structuredClone(created.plan);
    plan.actionItems = [{ id: 'drm-keys', text: 'Rotate DRM keys before the weekend, not during it', owner: '@sre-lead', status: 'open', toTemplate: true }];
    expect((await post(`/api/v1/plans/${created.id}`, planner, plan)).status).toBe(200);
    const pushed = await json(await post(`/api/v1/plans/${created.id}/lessons`, planner, { by: '@ops-manager' }));
    expect(pushed).toEqual({ template: 'weekend', version: 2, added: ['lesson-drm-keys'] });
    expect((await post(`/api/v1/plans/${created.id}/lessons`, planner, { by: '@ops-manager' })).status).toBe(400);
    const templates = await json<{ templates: { id: string; version: number }[] }>(await t.http('/api/v1/plan-templates', { token: viewer }));
    expect(templates.templates.find((x) => x.id === 'weekend')?.version).toBe(2);
    const next = await json<PlanRecord>(await post('/api/v1/plans', planner, { template: 'weekend', id: 'next-weekend' }));
    expect(next.plan.basedOn).toEqual({ template: 'weekend', version: 2 });
    expect(next.plan.readiness.find((r) => r.id === 'lesson-drm-keys')?.provenance).toContain(created.id);
  });
});

describe('who closed a plan', () => {
  it('is kept apart from its last editor: lessons pushed after the close do not make their pusher the closer', async () => {
    const { planner } = await hub();
    const created = await json<PlanRecord>(await post('/api/v1/plans', planner, { template: 'weekend' }));
    expect(created).toMatchObject({ closedBy: null, closedAt: null });
    const plan = structuredClone(created.plan);
    plan.actionItems = [{ id: 'pager', text: 'Page the secondary after 10 minutes, not 20', owner: '@sre-lead', status: 'open', toTemplate: true }];
    expect((await post(`/api/v1/plans/${created.id}`, planner, plan)).status).toBe(200);
    const closed = await json<PlanRecord>(await post(`/api/v1/plans/${created.id}/state`, planner, { state: 'closed', by: '@duty-manager' }));
    expect(closed).toMatchObject({ updatedBy: '@duty-manager', closedBy: '@duty-manager' });
    expect(closed.closedAt).toBe(closed.updatedAt);
    expect((await post(`/api/v1/plans/${created.id}/lessons`, planner, { by: '@sre-lead' })).status).toBe(200);
    const after = await json<PlanRecord>(await t.http(`/api/v1/plans/${created.id}`, { token: planner }));
    expect(after).toMatchObject({ updatedBy: '@sre-lead', closedBy: '@duty-manager', closedAt: closed.closedAt });
  });
});

describe('who changed a plan last', () => {
  it('is the person a save or a creation names (?by=), else the token\'s name; a bad name is refused and nothing saved', async () => {
    const { planner } = await hub();
    // The planner names who acts, as a state move's body does: the header then reads the same after a save and a move.
    const created = await json<PlanRecord>(await post('/api/v1/plans?by=%40olivia', planner, { template: 'weekend' }));
    expect(created.updatedBy).toBe('@olivia');
    const plan = structuredClone(created.plan);
    plan.event.name = 'Weekend (renamed)';
    const saved = await json<PlanRecord>(await post(`/api/v1/plans/${created.id}?revision=${created.revision}&by=%40olivia`, planner, plan));
    expect(saved).toMatchObject({ updatedBy: '@olivia', revision: created.revision + 1 });
    const yaml = await json<PlanRecord>(await post(`/api/v1/plans/${created.id}?by=%40sam`, planner, stringify(plan), 'application/yaml'));
    expect(yaml.updatedBy).toBe('@sam');

    // An API client that names nobody: the token's name, as before.
    expect((await json<PlanRecord>(await post(`/api/v1/plans/${created.id}`, planner, plan))).updatedBy).toBe('planner 1');

    const blank = await post(`/api/v1/plans/${created.id}?by=%20`, planner, { ...plan, event: { ...plan.event, name: 'Not saved' } });
    expect(blank.status).toBe(400);
    expect((await json<{ message: string }>(blank)).message).toContain('?by=');
    expect((await json<PlanRecord>(await t.http(`/api/v1/plans/${created.id}`, { token: planner }))).plan.event.name).toBe('Weekend (renamed)');
  });
});

describe('plans on disk', () => {
  it('keeps plans, check-ins and template versions across a restart, and ships each template once', async () => {
    const { planner, responder } = await hub();
    const dataDir = `${t.dir}/data`;
    const { id } = await json<PlanRecord>(await post('/api/v1/plans', planner, { template: 'sports-final' }));
    await post(`/api/v1/plans/${id}/check-ins`, responder, { scheduleId: 'care', by: '@care-lead', service: 'care', status: 'green', note: 'quiet' });
    await t.hub.close();

    const again = await startTestHub(workspace, { dataDir }, { METRICS_URL: metricsUrl });
    try {
      const plan = await json<PlanRecord>(await again.http(`/api/v1/plans/${id}`, { token: again.adminToken }));
      expect(plan.plan.event.name).toBe('Cup Final');
      const checkIns = await json<{ checkIns: { note: string }[] }>(await again.http(`/api/v1/plans/${id}/check-ins`, { token: again.adminToken }));
      expect(checkIns.checkIns.map((c) => c.note)).toEqual(['quiet']);
      const templates = await json<{ templates: { id: string; version: number }[] }>(await again.http('/api/v1/plan-templates', { token: again.adminToken }));
      expect(templates.templates).toHaveLength(3);
    } finally {
      await again.close();
    }
  });
});

describe('event mode on the hub', () => {
  it('watches a live plan\'s risk trigger against the live metric and announces it when it fires', async () => {
    errors = 1;
    const { planner, responder, viewer } = await hub();
    const socket = await t.connect(viewer);
    const fired: TriggerFired[] = [];
    socket.on('plan:trigger', (f) => fired.push(f));

    const plan = parse(await sportsFinal()) as Plan;
    plan.event.state = 'ready';
    happeningNow(plan);
    plan.risks = plan.risks.filter((r) => r.contingency?.trigger.panel === 'playback-errors');
    expect(plan.risks).toHaveLength(1);
    delete plan.risks[0]!.contingency!.trigger.for;
    // Forecast vs actual from the same panel, sampled by the hub while the plan runs.
    plan.forecast!.actualPanel = 'playback-errors';
    const { id } = await json<PlanRecord>(await post('/api/v1/plans', planner, plan));
    await post(`/api/v1/plans/${id}/state`, planner, { state: 'live', by: '@ops-manager' });

    type Live = { plans: { id: string; triggers: { state: string; value: number | null }[]; actual: [number, number][] }[] };
    await eventually('the trigger watched and clear', async () => (await json<Live>(await t.http('/api/v1/live-plans', { token: viewer }))).plans[0]?.triggers[0]?.state === 'clear', 20_000);
    errors = 250;
    await eventually('the trigger announced', () => fired.length > 0, 20_000);
    expect(fired[0]).toMatchObject({ planId: id, trigger: { state: 'fired', value: 250 } });
    const live = await json<Live>(await t.http('/api/v1/live-plans', { token: viewer }));
    expect(live.plans[0]!.triggers[0]!.state).toBe('fired');
    expect(live.plans[0]!.actual.length).toBeGreaterThan(0);
    // Declared as an incident from a console: the report names it with the risk.
    const incidentId = '01JCDEFGHJKMNPQRSTVWXYZ012';
    expect((await post(`/api/v1/plans/${id}/fired/drm-latency/incident`, planner, { incidentId })).status).toBe(403);
    expect((await post(`/api/v1/plans/${id}/fired/no-such-risk/incident`, responder, { incidentId })).status).toBe(404);
    expect((await post(`/api/v1/plans/${id}/fired/drm-latency/incident`, responder, { incidentId: 'not-a-ulid' })).status).toBe(400);
    expect((await post(`/api/v1/plans/${id}/fired/drm-latency/incident`, responder, { incidentId })).status).toBe(200);
    const linked = await json<{ plans: { triggers: { incidentId?: string | null }[] }[] }>(await t.http('/api/v1/live-plans', { token: viewer }));
    expect(linked.plans[0]!.triggers[0]!.incidentId).toBe(incidentId);
    const md = await (await t.http(`/api/v1/plans/${id}/report.md`, { token: viewer })).text();
    expect(md).toContain('Playback errors above 100/s');
    expect(md).toContain(`declared as incident ${incidentId}`);
    expect(md).not.toContain('No contingency trigger fired.');
    expect(md).toMatch(/## Forecast vs actual: concurrent streams[\s\S]*\| Peak \| 1,200,000 \| \d/);
    expect(md).not.toContain('No actual figures were recorded.');
  });
});

describe('risk triggers across a hub restart', () => {
  it('records a trigger that is still firing after a restart once, and a new firing after it cleared again', async () => {
    errors = 250;
    const { planner, viewer } = await hub();
    const dataDir = `${t.dir}/data`;
    const socket = await t.connect(viewer);
    const fired: TriggerFired[] = [];
    socket.on('plan:trigger', (f) => fired.push(f));
    const plan = parse(await sportsFinal()) as Plan;
    plan.event.state = 'ready';
    happeningNow(plan);
    plan.risks = plan.risks.filter((r) => r.contingency?.trigger.panel === 'playback-errors');
    delete plan.risks[0]!.contingency!.trigger.for;
    const { id } = await json<PlanRecord>(await post('/api/v1/plans', planner, plan));
    await post(`/api/v1/plans/${id}/state`, planner, { state: 'live', by: '@ops-manager' });
    await eventually('the trigger fired', () => fired.length === 1, 20_000);
    const firedCount = async (h: TestHub) => /Contingency triggers fired: (\d+)\./.exec(await (await h.http(`/api/v1/plans/${id}/weekend-report.md`, { token: h.adminToken })).text())?.[1];
    expect(await firedCount(t)).toBe('1');
    await t.hub.close();

    // Restarted while the metric is still above the threshold: the same firing, not a new one.
    const again = await startTestHub(workspace, { dataDir }, { METRICS_URL: metricsUrl });
    try {
      const s2 = await again.connect(viewer);
      const firedAgain: TriggerFired[] = [];
      s2.on('plan:trigger', (f) => firedAgain.push(f));
      type Live = { plans: { triggers: { state: string }[] }[] };
      const state = async () => (await json<Live>(await again.http('/api/v1/live-plans', { token: viewer }))).plans[0]?.triggers[0]?.state;
      await eventually('the trigger watched again', async () => (await state()) === 'fired', 20_000);
      // Two trigger ticks (every 5 s) see it firing.
      await new Promise((r) => setTimeout(r, 11_000));
      expect(firedAgain).toHaveLength(0);
      expect(await firedCount(again)).toBe('1');

      errors = 1;
      await eventually('the trigger clear', async () => (await state()) === 'clear', 20_000);
      errors = 250;
      await eventually('a new firing announced', () => firedAgain.length === 1, 20_000);
      expect(await firedCount(again)).toBe('2');
    } finally {
      await again.close();
    }
  }, 90_000);
});
