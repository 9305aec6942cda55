/**
 * Pages on a real hub: the documented shape, Alertmanager's and PagerDuty's webhook payloads
 * (fixtures in their real formats), idempotent redelivery, 400s that name the field, the ingest
 * scope, incidents declared in the app counted as pages, and the weekly review built from them.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { ulid } from 'ulid';
import { afterEach, describe, expect, it } from 'vitest';
import type { IngestPagesReply } from '../../shared/protocol/pages.ts';
import { addIsoWeeks, formatIsoWeek, isoWeekAt, isoWeekRange, parseIsoWeek } from '../../shared/domain/review/iso-week.ts';
import type { WeeklyReviewData } from '../../shared/protocol/review.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';

const workspace = `
version: 1
title: War room
timezone: Europe/London
sources:
  - { id: local, type: scrape, url: "http://127.0.0.1:9/metrics", interval: 5s, timeout: 1s }
walls:
  - id: main
    title: Main
    panels:
      - { id: up, title: Up, type: stat, gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: local, query: { metric: up } }
teams:
  - { id: identity, name: Identity and Access, timezone: Europe/London, services: [entitlement, login] }
  - { id: sre, timezone: America/New_York, services: [playback, cdn] }
`;

const fixture = async (name: string): Promise<unknown> => JSON.parse(await readFile(new URL(`../fixtures/pages/${name}`, import.meta.url), 'utf8'));

let t: TestHub;
afterEach(async () => t?.close());

async function pagesToken(): Promise<string> {
  const res = await t.http('/api/v1/tokens', { method: 'POST', token: t.adminToken, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'pager bridge', role: 'viewer', scopes: ['pages'] }) });
  return ((await res.json()) as { secret: string }).secret;
}

const post = (path: string, token: string, body: unknown) =>
  t.http(path, { method: 'POST', token, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('pages', () => {
  it('takes the documented shape once per id, and names the fields it refuses', async () => {
    t = await startTestHub(workspace);
    const token = await pagesToken();
    const page = { id: 'p-1', at: '2026-02-11T09:00:00Z', team: 'identity', service: 'login', severity: 'critical', title: 'Login errors' };
    let res = await post('/api/v1/ingest/pages', token, page);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ stored: 1, duplicates: 0, pages: [{ id: 'p-1', at: Date.parse('2026-02-11T09:00:00Z'), team: 'identity', source: 'api' }] });
    res = await post('/api/v1/ingest/pages', token, { pages: [page, { ...page, id: 'p-2', at: Date.parse('2026-02-11T14:00:00Z'), service: 'entitlement' }] });
    expect(await res.json()).toMatchObject({ stored: 1, duplicates: 1 });

    res = await post('/api/v1/ingest/pages', token, { pages: [{ id: 'x', at: '11 Feb 2026', service: 'login' }] });
    expect(res.status).toBe(400);
    const { message } = (await res.json()) as { message: string };
    expect(message).toContain('pages[0].team');
    expect(message).toContain('pages[0].at');

    // A viewer without the pages scope may not post.
    const viewer = ((await (await post('/api/v1/tokens', t.adminToken, { name: 'wall', role: 'viewer' })).json()) as { secret: string }).secret;
    expect((await post('/api/v1/ingest/pages', viewer, { ...page, id: 'p-3' })).status).toBe(403);
    const listed = (await (await t.http(`/api/v1/pages?from=${Date.parse('2026-02-09T00:00:00Z')}&to=${Date.parse('2026-02-16T00:00:00Z')}`, { token: viewer })).json()) as { pages: { id: string; wokeSomeone: boolean }[] };
    // 09:00 and 14:00 on a Wednesday in London: working hours.
    expect(listed.pages.map((p) => [p.id, p.wokeSomeone])).toEqual([
      ['p-1', false],
      ['p-2', false],
    ]);
    await post('/api/v1/ingest/pages', token, { ...page, id: 'p-night', at: '2026-02-11T02:30:00Z' });
    const night = (await (await t.http(`/api/v1/pages?from=${Date.parse('2026-02-11T02:00:00Z')}&to=${Date.parse('2026-02-11T03:00:00Z')}`, { token: viewer })).json()) as { pages: { id: string; wokeSomeone: boolean }[] };
    expect(night.pages).toMatchObject([{ id: 'p-night', wokeSomeone: true }]);
  });

  it('reads Alertmanager and PagerDuty webhooks: firing and triggered are pages, repeats are duplicates', async () => {
    t = await startTestHub(workspace);
    const token = await pagesToken();
    const am = await fixture('alertmanager-firing.json');
    let reply = (await (await post('/api/v1/ingest/pages/alertmanager', token, am)).json()) as IngestPagesReply;
    expect(reply).toMatchObject({ stored: 2, duplicates: 0 });
    expect(reply.ignored).toEqual(['alerts[2] (EntitlementLatencyHigh) is resolved: not a page']);
    expect(reply.pages.map((p) => [p.team, p.service, p.severity, p.source])).toEqual([
      ['identity', 'entitlement', 'page', 'alertmanager'],
      ['identity', 'entitlement', 'page', 'alertmanager'],
    ]);
    // Alertmanager's repeat notification of the same alerts.
    reply = (await (await post('/api/v1/ingest/pages/alertmanager', token, am)).json()) as IngestPagesReply;
    expect(reply).toMatchObject({ stored: 0, duplicates: 2 });

    reply = (await (await post('/api/v1/ingest/pages/pagerduty', token, await fixture('pagerduty-incident-triggered.json'))).json()) as IngestPagesReply;
    expect(reply).toMatchObject({ stored: 1, pages: [{ id: 'pd:Q2KDXQ8X1YJV3H', team: 'sre', service: 'playback', severity: 'P1', source: 'pagerduty' }] });
    reply = (await (await post('/api/v1/ingest/pages/pagerduty', token, await fixture('pagerduty-incident-resolved.json'))).json()) as IngestPagesReply;
    expect(reply).toMatchObject({ stored: 0, ignored: ['event 01DEN4JX7Z4C8Y3KQ0S1WV2T9N is incident.resolved: not a page'] });

    // Not the payload it says: named by field.
    const bad = await post('/api/v1/ingest/pages/pagerduty', token, { event: { id: 'e', event_type: 'incident.triggered' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/event\.occurred_at/);
    const noTeam = await post('/api/v1/ingest/pages/alertmanager', token, { groupKey: 'g', alerts: [{ status: 'firing', labels: { alertname: 'X' }, startsAt: '2026-02-10T01:00:00Z' }] });
    expect(((await noTeam.json()) as { message: string }).message).toBe('alerts[0].labels.team: missing, and no ?team= on the URL');

    // Three more page events for identity, one named as a pager names teams (its display name, any
    // case): 5 events from 6 pages, walking the edge; the 03:12 one woke someone.
    await post('/api/v1/ingest/pages', token, {
      pages: [
        { id: 'a', at: '2026-02-12T10:00:00Z', team: 'identity', service: 'login' },
        { id: 'b', at: '2026-02-13T10:00:00Z', team: 'identity', service: 'login' },
        { id: 'c', at: '2026-02-14T10:00:00Z', team: 'identity', service: 'entitlement' },
        { id: 'd', at: '2026-02-11T10:00:00Z', team: 'IDENTITY AND ACCESS', service: 'login' },
      ],
    });
    const data = (await (await t.http('/api/v1/review/weekly.json?week=2026-W07', { token })).json()) as WeeklyReviewData & { error?: string };
    expect(data.pagerLoad.map((r) => [r.team, r.pages, r.rawPages, r.band, r.offHours])).toEqual([
      ['identity', 5, 6, 'edge', 2], // Saturday 14 Feb is off hours too
      ['sre', 1, 1, 'healthy', 0], // 17:45 in New York
    ]);
    const md = await (await t.http('/api/v1/review/weekly.md?week=2026-W07&team=identity', { token })).text();
    expect(md).toContain('# Weekly operational review: 2026-W07 (identity)');
    expect(md).toMatch(/\| identity \| +5 \| +6 \| walking the edge \| +2 \|/);
    expect(md).not.toContain('| sre');
    expect((await t.http('/api/v1/review/weekly.md?week=2026-W99', { token })).status).toBe(400);
    expect(((await (await t.http('/api/v1/review/weekly.json?team=nobody', { token })).json()) as { message: string }).message).toMatch(/^team: expected one of identity, sre, unassigned/);
  });

  it('ranks the risk backlog and gives each team its toil share from the work it logged', async () => {
    t = await startTestHub(workspace);
    const risk = (id: string, likelihood: number, impact: number, extra: object = {}) =>
      post('/api/v1/risks', t.adminToken, { id, title: `Risk ${id}`, category: 'operational', likelihood, impact, effort: 2, owner: '@ann', mitigation: 'a plan', team: 'identity', ...extra });
    expect((await risk('db-failover', 4, 5)).status).toBe(200);
    await risk('cert-expiry', 3, 4, { category: 'security', mitigation: null });
    await risk('old', 5, 5, { status: 'mitigated' });
    const bad = await risk('x', 6, 1);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain('likelihood');

    const log = (id: string, team: string, hours: number, toil: boolean) =>
      post('/api/v1/work-logs', t.adminToken, { id, team, person: '@ann', at: Date.parse('2026-02-10T10:00:00Z'), duration: `${hours}h`, toil });
    await log('w1', 'identity', 3, true);
    await log('w2', 'identity', 7, false);
    expect(await (await log('w1', 'identity', 3, true)).json()).toMatchObject({ duplicate: true });
    await log('w3', 'sre', 1, false);

    const data = (await (await t.http('/api/v1/review/weekly.json?week=2026-W07', { token: t.adminToken })).json()) as WeeklyReviewData;
    expect(data.risks.top.map((r) => [r.risk.id, r.score, r.hasPlan])).toEqual([
      ['db-failover', 20, true],
      ['cert-expiry', 12, false],
    ]);
    expect(data.toil.map((r) => [r.team, r.share, r.overTarget])).toEqual([
      ['identity', 0.3, true],
      ['sre', 0, false],
    ]);
    const md = await (await t.http('/api/v1/review/weekly.md?week=2026-W07', { token: t.adminToken })).text();
    expect(md).toContain('## Top risks');
    expect(md).toContain('**no plan**');
    expect(md).toMatch(/\| identity \| +30% \| +25% \| \*\*yes\*\* +\|/);
  });

  it('counts an incident declared in the app as a page', async () => {
    t = await startTestHub(workspace);
    const res = await post('/api/v1/incidents', t.adminToken, { title: 'Checkout down', severity: 1 });
    expect(res.status).toBe(200);
    const data = (await (await t.http('/api/v1/review/weekly.json', { token: t.adminToken })).json()) as WeeklyReviewData;
    expect(data.pagerLoad.find((r) => r.team === 'unassigned')).toMatchObject({ pages: 1, rawPages: 1 });
    expect(data.incidents.map((i) => [i.title, i.severity])).toEqual([['Checkout down', 1]]);
    expect(data.trends.weeks.map((w) => [w.week, w.count])).toEqual([[data.week, 1]]);
    const md = await (await t.http('/api/v1/review/weekly.md', { token: t.adminToken })).text();
    expect(md).toContain('### Incident trends');
    expect(md).toContain('Checkout down');
  });

  it('counts an incident declared in the app for an alert that already paged its team as the same page event', async () => {
    t = await startTestHub(workspace);
    const token = await pagesToken();
    // Alertmanager pages identity at 03:12 for entitlement (two alerts of one group: one event) ...
    expect(await (await post('/api/v1/ingest/pages/alertmanager', token, await fixture('alertmanager-firing.json'))).json()).toMatchObject({ stored: 2 });
    // ... whoever was woken declares the incident at 03:25 (impact since 03:05) ...
    const declare = async (title: string, occurredAt: number, data: Record<string, unknown>) => {
      const { incident } = (await (await post('/api/v1/incidents', t.adminToken, { title, severity: 2, occurredAt })).json()) as { incident: { id: string } };
      const entry = await t.http(`/api/v1/incidents/${incident.id}/entries`, {
        method: 'POST',
        token: t.adminToken,
        headers: { 'content-type': 'application/json', 'idempotency-key': ulid() },
        body: JSON.stringify({ kind: 'bookkeeping', occurredAt, data }),
      });
      expect(entry.status).toBe(200);
    };
    await declare('Entitlement burning', Date.parse('2026-02-10T03:25:00Z'), { service: 'entitlement', startedAt: Date.parse('2026-02-10T03:05:00Z') });
    // ... and an incident nobody was paged for is an interruption of its own.
    await declare('Login slow', Date.parse('2026-02-12T14:00:00Z'), { service: 'login' });
    const data = (await (await t.http('/api/v1/review/weekly.json?week=2026-W07', { token: t.adminToken })).json()) as WeeklyReviewData;
    expect(data.pagerLoad.find((r) => r.team === 'identity')).toMatchObject({ pages: 2, rawPages: 4, offHours: 1, band: 'edge', byService: { entitlement: 1, login: 1 } });
  });

  it('files an incident declared later under the week its impact started', async () => {
    t = await startTestHub(workspace);
    // Impact started at 23:40 on the Sunday that ended last week (London), declared now.
    const lastWeek = formatIsoWeek(addIsoWeeks(isoWeekAt(Date.now(), 'Europe/London'), -1));
    const sundayLate = isoWeekRange(parseIsoWeek(lastWeek)!, 'Europe/London').endMs - 20 * 60_000;
    const { incident } = (await (await post('/api/v1/incidents', t.adminToken, { title: 'Late Sunday 403s', severity: 2 })).json()) as { incident: { id: string } };
    const entry = await t.http(`/api/v1/incidents/${incident.id}/entries`, {
      method: 'POST',
      token: t.adminToken,
      headers: { 'content-type': 'application/json', 'idempotency-key': ulid() },
      body: JSON.stringify({ kind: 'bookkeeping', occurredAt: Date.now(), data: { startedAt: sundayLate, service: 'login' } }),
    });
    expect(entry.status).toBe(200);
    const then = (await (await t.http(`/api/v1/review/weekly.json?week=${lastWeek}`, { token: t.adminToken })).json()) as WeeklyReviewData;
    expect(then.incidents.map((i) => i.id)).toEqual([incident.id]);
    const now = (await (await t.http('/api/v1/review/weekly.json', { token: t.adminToken })).json()) as WeeklyReviewData;
    expect(now.incidents.map((i) => i.id)).toEqual([]);
  });

  it('lists in the team\'s weekly.md the incidents the review page shows for that team', async () => {
    t = await startTestHub(workspace);
    const declare = async (title: string, data: Record<string, unknown>) => {
      const { incident } = (await (await post('/api/v1/incidents', t.adminToken, { title, severity: 2 })).json()) as { incident: { id: string } };
      const entry = await t.http(`/api/v1/incidents/${incident.id}/entries`, {
        method: 'POST',
        token: t.adminToken,
        headers: { 'content-type': 'application/json', 'idempotency-key': ulid() },
        body: JSON.stringify({ kind: 'bookkeeping', occurredAt: Date.now(), data }),
      });
      expect(entry.status).toBe(200);
    };
    // Login's impact started late on the Sunday that ended last week, declared now (its page is
    // this week's, so last week identity had no page from login); another with no service at all.
    const lastWeek = formatIsoWeek(addIsoWeeks(isoWeekAt(Date.now(), 'Europe/London'), -1));
    const sundayLate = isoWeekRange(parseIsoWeek(lastWeek)!, 'Europe/London').endMs - 20 * 60_000;
    await declare('Late Sunday login 403s', { startedAt: sundayLate, service: 'login' });
    await declare('Something broke somewhere', {});
    for (const [week, team, title] of [
      [lastWeek, 'identity', 'Late Sunday login 403s'],
      [formatIsoWeek(isoWeekAt(Date.now(), 'Europe/London')), 'unassigned', 'Something broke somewhere'],
    ] as const) {
      const query = `week=${week}&team=${team}`;
      const page = (await (await t.http(`/api/v1/review/weekly.json?${query}`, { token: t.adminToken })).json()) as WeeklyReviewData;
      expect(page.incidents.map((i) => i.title)).toEqual([title]);
      const md = await (await t.http(`/api/v1/review/weekly.md?${query}`, { token: t.adminToken })).text();
      const section = md.split('## Incidents')[1]!.split('\n## ')[0]!;
      expect(section).toContain(title);
      expect(section).not.toContain('No incidents.');
    }
  });

  it('counts causes and services typed with different case or spacing as one, in the spelling most used or the workspace\'s', async () => {
    t = await startTestHub(workspace);
    const typed = [
      ['Entitlement', 'change'],
      ['entitlement ', 'Change '],
      ['ENTITLEMENT', 'change'],
    ];
    for (const [n, [service, cause]] of typed.entries()) {
      const { incident } = (await (await post('/api/v1/incidents', t.adminToken, { title: `403s ${n}`, severity: 2 })).json()) as { incident: { id: string } };
      const entry = await t.http(`/api/v1/incidents/${incident.id}/entries`, {
        method: 'POST',
        token: t.adminToken,
        headers: { 'content-type': 'application/json', 'idempotency-key': ulid() },
        body: JSON.stringify({ kind: 'bookkeeping', occurredAt: Date.now(), data: { service, rootCauseCategory: cause } }),
      });
      expect(entry.status).toBe(200);
    }
    const data = (await (await t.http('/api/v1/review/weekly.json', { token: t.adminToken })).json()) as WeeklyReviewData;
    expect(data.trends.byCause).toEqual({ change: 3 });
    expect(data.trends.byService).toEqual({ entitlement: 3 });
    expect(data.incidents.map((i) => [i.service, i.cause])).toEqual(Array(3).fill(['entitlement', 'change']));
    // one service and cause: the later two repeat the first, and all three page the team owning it
    expect(data.incidents.filter((i) => i.repeatOf !== null)).toHaveLength(2);
    expect(data.pagerLoad.find((r) => r.team === 'identity')).toMatchObject({ rawPages: 3 });
    expect(data.pagerLoad.find((r) => r.team === 'unassigned')).toBeUndefined();
  });
});

describe('SLOs whose Prometheus never answers', () => {
  it('do not hold up the hub stopping, and say what went wrong in the review', async () => {
    // Accepts connections and never answers.
    const held: Socket[] = [];
    const silent = createServer((socket) => held.push(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    try {
      const yaml =
        workspace.replace('sources:\n', `sources:\n  - { id: prom, type: prometheus, url: "http://127.0.0.1:${port}", interval: 10s, timeout: 4500ms }\n`) +
        `slos:\n  - { id: checkout, name: Checkout, team: sre, source: prom, objective: { kind: availability, good: 'sum(ok_total)', total: 'sum(all_total)' }, target: 0.999 }\n`;
      // The hub evaluates its SLOs as it starts: stopping it then aborts the queries (they would wait 4.5 s).
      t = await startTestHub(yaml);
      const started = Date.now();
      await t.close();
      expect(Date.now() - started).toBeLessThan(3_000);

      t = await startTestHub(yaml);
      const data = (await (await t.http('/api/v1/review/weekly.json', { token: t.adminToken })).json()) as WeeklyReviewData;
      expect(data.slos.map((s) => [s.id, s.alert, s.error])).toEqual([['checkout', null, expect.stringMatching(/no answer|aborted|timeout/i)]]);
      const md = await (await t.http('/api/v1/review/weekly.md', { token: t.adminToken })).text();
      expect(md).toMatch(/\| Checkout \| 99\.90% \| 28 d \| no data \|/);
    } finally {
      for (const s of held) s.destroy();
      silent.close();
    }
  }, 60_000);
});
