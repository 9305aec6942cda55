/**
 * The Friday weekend-readiness and Monday weekend reports on a real hub fill their pager load
 * from the review's pages (per team and ISO week, de-duplicated beside the raw count, banded,
 * incidents declared in the app counted) and their fixes since last weekend: incident follow-ups
 * closed since then and the changes ingested for services that had an incident.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import type { PlanRecord } from '../../shared/protocol/plans.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';

const workspace = `
version: 1
title: War room
timezone: Africa/Johannesburg
sources:
  - { id: local, type: scrape, url: "http://127.0.0.1:9/metrics", interval: 5s, timeout: 1s }
walls:
  - id: main
    title: Main
    panels:
      - { id: up, title: Up, type: stat, gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: local, query: { metric: up } }
teams:
  - { id: identity, timezone: Africa/Johannesburg, services: [entitlement, login] }
  - { id: sre, timezone: Africa/Johannesburg, services: [playback, cdn] }
`;

const FRIDAY = Date.parse('2026-06-05T10:00:00Z');
let clock = FRIDAY;
let t: TestHub;
afterEach(async () => t?.close());

const post = (path: string, token: string, body: unknown, headers: Record<string, string> = {}) =>
  t.http(path, { method: 'POST', token, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const secret = async (body: unknown) => ((await (await post('/api/v1/tokens', t.adminToken, body)).json()) as { secret: string }).secret;
const text = async (path: string) => (await t.http(path, { token: t.adminToken })).text();

describe('weekend reports', () => {
  it('Friday lists the week\'s pager load and the fixes since last weekend; Monday the weekend\'s pager load', async () => {
    clock = FRIDAY;
    t = await startTestHub(workspace, {}, {}, { now: () => clock });
    const pager = await secret({ name: 'pager bridge', role: 'viewer', scopes: ['pages'] });
    const responder = await secret({ name: 'responder', role: 'responder' });
    const planner = await secret({ name: 'planner', role: 'planner' });

    // Monday of the week: an incident on cdn (declared in the app: one page for sre).
    const declared = (await (await post('/api/v1/incidents', responder, { title: 'CDN 5xx', severity: 2, occurredAt: Date.parse('2026-06-01T12:00:00Z') })).json()) as { incident: { id: string } };
    const bookkeeping = await post(`/api/v1/incidents/${declared.incident.id}/entries`, responder, { kind: 'bookkeeping', data: { service: 'cdn', startedAt: Date.parse('2026-06-01T11:50:00Z') } }, { 'idempotency-key': ulid() });
    expect(bookkeeping.status).toBe(200);
    // Its follow-ups: one closed on Wednesday (a fix), one still open.
    const todo = async (text: string) =>
      ((await (await post(`/api/v1/incidents/${declared.incident.id}/entries`, responder, { kind: 'todo', text, author: 'bo', occurredAt: Date.parse('2026-06-01T13:00:00Z'), data: { owner: 'bo' } }, { 'idempotency-key': ulid() })).json()) as { entry: { id: string } }).entry.id;
    const shield = await todo('alert on origin shield errors');
    await todo('runbook for CDN failover');
    const closed = await post(`/api/v1/incidents/${declared.incident.id}/follow-ups/${shield}/close`, responder, { author: 'bo', closedAt: Date.parse('2026-06-03T08:00:00Z') });
    expect(closed.status).toBe(200);
    // Three pages for login within 30 minutes (one page event), one for entitlement later on.
    const pages = [
      { id: 'a1', at: '2026-06-02T01:00:00Z', team: 'identity', service: 'login' },
      { id: 'a2', at: '2026-06-02T01:10:00Z', team: 'identity', service: 'login' },
      { id: 'a3', at: '2026-06-02T01:20:00Z', team: 'identity', service: 'login' },
      { id: 'b1', at: '2026-06-03T09:00:00Z', team: 'identity', service: 'entitlement' },
    ];
    expect((await post('/api/v1/ingest/pages', pager, { pages })).status).toBe(200);
    // Changes since last weekend: one to the service that had the incident (a fix), one elsewhere.
    const change = (body: object) => post('/api/v1/ingest/changes', responder, body);
    expect((await change({ id: 'fix-1', service: 'cdn', kind: 'config', description: 'origin shield timeouts raised', at: '2026-06-02T08:00:00Z', author: 'ann' })).status).toBe(200);
    expect((await change({ id: 'other', service: 'login', kind: 'deploy', description: 'new login page', at: '2026-06-02T09:00:00Z' })).status).toBe(200);

    const { id } = (await (await post('/api/v1/plans', planner, { template: 'weekend', event: { start: '2026-06-05T18:00', end: '2026-06-08T08:00', timezone: 'Africa/Johannesburg' } })).json()) as PlanRecord;

    const friday = await text(`/api/v1/plans/${id}/weekend-readiness.md`);
    expect(friday).toContain('Fixes since last weekend: 2.');
    expect(friday).toMatch(/## Fixes since last weekend[\s\S]*config: origin shield timeouts raised \| cdn \| ann \|/);
    expect(friday).toMatch(/## Fixes since last weekend[\s\S]*alert on origin shield errors \| cdn \| bo \|/);
    expect(friday).not.toContain('runbook for CDN failover');
    expect(friday).not.toContain('new login page');
    expect(friday).toMatch(/## Pager load this week[\s\S]*\| identity \| 2026-W23 \| 2 \| 4 \| walking the edge \| 1 \|/);
    expect(friday).toMatch(/\| sre \| 2026-W23 \| 1 \| 1 \| healthy \| 0 \|/);

    // Monday: three pages over the weekend night, two of them duplicates; Monday morning's in W24.
    const weekend = [
      { id: 'w1', at: '2026-06-06T23:00:00Z', team: 'sre', service: 'playback', dedupKey: 'PlaybackErrors' },
      { id: 'w2', at: '2026-06-06T23:05:00Z', team: 'sre', service: 'playback', dedupKey: 'PlaybackErrors' },
      { id: 'w3', at: '2026-06-06T23:09:00Z', team: 'sre', service: 'playback', dedupKey: 'PlaybackErrors' },
      { id: 'w4', at: '2026-06-08T03:00:00Z', team: 'sre', service: 'cdn' },
    ];
    expect((await post('/api/v1/ingest/pages', pager, { pages: weekend })).status).toBe(200);
    clock = Date.parse('2026-06-08T07:00:00Z');
    const monday = await text(`/api/v1/plans/${id}/weekend-report.md`);
    expect(monday).toMatch(/## Pager load[\s\S]*\| sre \| 2026-W23 \| 2 \| 4 \| walking the edge \|/);
    expect(monday).toMatch(/\| sre \| 2026-W24 \| 1 \| 1 \| healthy \| 1 \|/);
    expect(monday).toMatch(/\| identity \| 2026-W24 \| 0 \| 0 \| healthy \| 0 \|/);
    expect(monday).toContain('Pager load: busiest team identity with 2 page event(s), walking the edge.');
  });

  it('Friday says how the platform enters the weekend: a SEV2 still open, a critical canary failing, a follow-up overdue', async () => {
    clock = FRIDAY;
    // A critical login check against a port nothing listens on: it fails, and two failures confirm it.
    const withCanary = `${workspace}
canaries:
  defaults: { interval: 300ms, timeout: 250ms, retries: { count: 0 }, confirm: { consecutive: 2 } }
  checks:
    - { id: login, name: Login journey, critical: true, request: { url: "http://127.0.0.1:9/login" }, assert: [{ status: 200 }] }
`;
    t = await startTestHub(withCanary, {}, {}, { now: () => clock });
    const responder = await secret({ name: 'responder', role: 'responder' });
    const planner = await secret({ name: 'planner', role: 'planner' });
    const declared = (await (await post('/api/v1/incidents', responder, { title: 'Entitlement 403s', severity: 2, occurredAt: FRIDAY - 3_600_000 })).json()) as { incident: { id: string } };
    const todo = await post(
      `/api/v1/incidents/${declared.incident.id}/entries`,
      responder,
      { kind: 'todo', text: 'raise the entitlement pool', author: 'bo', occurredAt: FRIDAY - 3_600_000, data: { owner: 'bo', dueAt: FRIDAY - 60_000 } },
      { 'idempotency-key': ulid() },
    );
    expect(todo.status).toBe(200);
    await expect
      .poll(async () => ((await (await t.http('/api/v1/canaries', { token: t.adminToken })).json()) as { entries: { id: string; health: string }[] }).entries[0]?.health, { timeout: 10_000 })
      .toBe('failing-confirmed');
    const { id } = (await (await post('/api/v1/plans', planner, { template: 'weekend', event: { start: '2026-06-05T18:00', end: '2026-06-08T08:00', timezone: 'Africa/Johannesburg' } })).json()) as PlanRecord;

    const friday = await text(`/api/v1/plans/${id}/weekend-readiness.md`);
    expect(friday).toMatch(/## Verdict: (NOT READY|READY WITH GAPS)/);
    expect(friday).toContain('## Platform entering the weekend');
    expect(friday).toContain('- Open incidents: 1.');
    expect(friday).toContain('- Canaries: 0 of 1 passing or not yet due.');
    expect(friday).toContain('- Follow-ups overdue: 1.');
    expect(friday).toContain('Bars READY: SEV2 open: Entitlement 403s; critical canary failing: Login journey.');
    expect(friday).toMatch(/\| Login journey \| failing-confirmed \| yes \|/);
    // A link back into the app, at the address the report was asked from.
    expect(friday).toContain(`[Open the plan in Mission Control](<${t.hub.url}/#/plans/${id}>)`);
  });
});
