/**
 * The weekly operational review in Chromium against a real hub (`--demo`) started through its
 * CLI: pages posted over REST (an Alertmanager-style storm of 7 for one alert, a quiet one) and an
 * incident declared in the app for last week with an overdue follow-up; the review page shows the identity team walking
 * the edge with 2 page events from 9 pages (the declared incident one with the storm it was declared for), the incident with its cause, filters by team, and the
 * weekly document downloads with the same figures.
 *
 * Then a demo match night through its entitlement outage, scraped by a real Prometheus: the slo
 * panel on the wall and the review page show the budget the outage burned and the page alert,
 * beside the incident and the pages it caused.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ulid } from 'ulid';
import { addIsoWeeks, formatIsoWeek, isoWeekAt, isoWeekRange, weekCalendarLabel } from '../../shared/domain/review/iso-week.ts';
import { startPrometheus } from '../support/prometheus.ts';
import { ADMIN_TOKEN, freePort, startDemo, startHub } from './support/processes.ts';

const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;

test('pages posted over REST and an incident show on the review page with band and counts; weekly.md downloads', async ({ browser }) => {
  const hub = await startHub(['--demo', '--demo-port', '0', '--speed', '20']);
  try {
    const api = (path: string, init: RequestInit & { token?: string } = {}) =>
      fetch(`${hub.url}${path}`, { ...init, headers: { 'content-type': 'application/json', authorization: `Bearer ${init.token ?? ADMIN_TOKEN}`, ...(init.headers as Record<string, string>) } });

    // Last week, on the room's calendar (Johannesburg); Wednesday 05:00 there is 03:00 in London.
    const week = addIsoWeeks(isoWeekAt(Date.now(), 'Africa/Johannesburg'), -1);
    const weekText = formatIsoWeek(week);
    const monday = isoWeekRange(week, 'Africa/Johannesburg').startMs;
    const storm = monday + 2 * DAY + 5 * H;

    const token = ((await (await api('/api/v1/tokens', { method: 'POST', body: JSON.stringify({ name: 'alert bridge', role: 'viewer', scopes: ['pages'] }) })).json()) as { secret: string }).secret;
    const pages = [
      ...Array.from({ length: 7 }, (_, i) => ({ id: `am-${i}`, at: storm + i * MIN, team: 'identity', service: 'entitlement', severity: 'page', dedupKey: 'EntitlementErrorBudgetBurn', title: 'Entitlement burning its budget' })),
      { id: 'login-1', at: monday + 3 * DAY + 12 * H, team: 'identity', service: 'login', severity: 'ticket', title: 'Login latency' },
    ];
    const posted = await api('/api/v1/ingest/pages', { method: 'POST', token, body: JSON.stringify({ pages }) });
    expect(await posted.json()).toMatchObject({ stored: 8, duplicates: 0 });

    // The incident those pages were about, declared in the app: a raw page, but the storm's event (one interruption).
    const declared = await api('/api/v1/incidents', { method: 'POST', body: JSON.stringify({ title: 'Entitlement denying paying viewers', severity: 1, occurredAt: storm + 2 * MIN, author: 'ann' }) });
    const { incident } = (await declared.json()) as { incident: { id: string } };
    const entry = await api(`/api/v1/incidents/${incident.id}/entries`, {
      method: 'POST',
      headers: { 'idempotency-key': ulid() },
      body: JSON.stringify({ kind: 'bookkeeping', occurredAt: storm + 3 * MIN, data: { service: 'entitlement', rootCauseCategory: 'change' } }),
    });
    expect(entry.status).toBe(200);
    // A follow-up from it, due on the Friday: overdue by now.
    const todo = await api(`/api/v1/incidents/${incident.id}/entries`, {
      method: 'POST',
      headers: { 'idempotency-key': ulid() },
      body: JSON.stringify({ kind: 'todo', text: 'Canary the entitlement config', occurredAt: storm + 30 * MIN, data: { owner: '@ann', dueAt: monday + 4 * DAY } }),
    });
    expect(todo.status).toBe(200);

    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${hub.url}/#/login?token=${ADMIN_TOKEN}`);
    await page.goto(`${hub.url}/#/review?week=${weekText}`);
    await expect(page.getByTestId('review')).toContainText(`Weekly operational review: ${weekText}`);
    await expect(page.getByTestId('pager-band-identity')).toHaveText(/walking the edge/);
    await expect(page.getByTestId('pager-band-identity')).toHaveAttribute('data-state', 'warning');
    await expect(page.getByTestId('pager-events-identity')).toHaveText('2');
    await expect(page.getByTestId('pager-raw-identity')).toHaveText('9');
    await expect(page.getByTestId('pager-band-streaming')).toHaveText(/healthy/);
    // identity works from London, the room from Johannesburg: the table says whose week it counted
    const days = weekCalendarLabel(weekText, 'UTC').replace(/, UTC$/, '');
    await expect(page.getByTestId('pager-calendar-identity')).toHaveText(`${days}, Europe/London`);
    await expect(page.getByTestId('pager-calendar-streaming')).toHaveText(`${days}, Africa/Johannesburg`);
    await expect(page.getByTestId('pager-calendar-note')).toContainText(`the room's week (${days}, Africa/Johannesburg)`);
    // the other tables say they follow the room's week
    for (const section of ['slo', 'incidents', 'follow-ups', 'toil', 'changes']) {
      await expect(page.getByTestId(`review-calendar-${section}`)).toHaveText(`The room's week: ${days}, Africa/Johannesburg.`);
    }
    await expect(page.getByTestId(`review-incident-${incident.id}`)).toContainText('Entitlement denying paying viewers');
    await expect(page.getByTestId(`review-incident-${incident.id}`)).toContainText('change');
    await expect(page.getByTestId('review-week')).toHaveValue(weekText);
    await expect(page.getByTestId('follow-ups-by-owner')).toContainText('@ann');
    await expect(page.getByTestId('follow-ups-by-owner')).toContainText('▲ 1');

    // One team, for its own meeting.
    await page.getByTestId('review-team').selectOption('identity');
    await expect(page.getByTestId('pager-row-streaming')).toHaveCount(0);
    await expect(page.getByTestId('pager-row-identity')).toBeVisible();
    expect(page.url()).toContain(`team=identity`);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('review-download').click()]);
    expect(download.suggestedFilename()).toBe(`weekly-review-${weekText}-identity.md`);
    const saved = join(await mkdtemp(join(tmpdir(), 'mc-review-')), download.suggestedFilename());
    await download.saveAs(saved);
    const md = await readFile(saved, 'utf8');
    expect(md).toContain(`# Weekly operational review: ${weekText} (identity)`);
    expect(md).toMatch(/\| identity \| +2 \| +9 \| walking the edge \| +1 \| Mon [^|]*, Europe\/London +\|/);
    expect(md).toContain('Entitlement denying paying viewers');
    expect(md).toContain('Canary the entitlement config (@ann, due');
    expect(md).toContain(`#/review/pager?week=${weekText}&team=identity`);

    // ann, the incident's commander, closes the overdue follow-up from the console this week: late.
    await page.goto(`${hub.url}/#/incidents`);
    await page.getByTestId('identity-input').fill('ann');
    await page.getByTestId('identity-input').press('Enter');
    await expect(page.getByTestId('identity-name')).toHaveText('@ann');
    await page.goto(`${hub.url}/#/incidents/${incident.id}`);
    const followUp = page.getByTestId('follow-up');
    await expect(followUp).toHaveAttribute('data-state', 'overdue');
    await expect(followUp.getByTestId('follow-up-state')).toHaveText(/▲ overdue/);
    await followUp.getByTestId('follow-up-close').click();
    await expect(followUp).toHaveAttribute('data-state', 'closed_late', { timeout: 15_000 });
    await expect(followUp).toContainText('by @ann');
    await expect(followUp.getByTestId('follow-up-reopen')).toBeVisible();
    const pm = (await (await api(`/api/v1/incidents/${incident.id}/postmortem.json`)).json()) as { actionItems: { state: string; closedBy: string }[] };
    expect(pm.actionItems).toMatchObject([{ state: 'closed_late', closedBy: 'ann' }]);
    // This week's review counts it closed, after its due date, for ann and for the identity team.
    const thisWeek = formatIsoWeek(isoWeekAt(Date.now(), 'Africa/Johannesburg'));
    await page.goto(`${hub.url}/#/review?week=${thisWeek}`);
    await expect(page.getByTestId('follow-ups-closed')).toContainText('Closed by their due date: 0 of 1');
    await expect(page.getByTestId('follow-ups-by-team')).toContainText('identity');
    await context.close();
  } finally {
    await hub.stop();
  }
});

const sloWorkspace = (promUrl: string) => `
version: 1
title: Match night review
timezone: Africa/Johannesburg
sources:
  - { id: prom, type: prometheus, url: "${promUrl}", interval: 5s, timeout: 2s }
walls:
  - id: slo
    title: SLOs
    panels:
      - { id: entitlement-slo, title: Entitlement availability, type: slo, slo: entitlement-availability, gridPos: { x: 0, y: 0, w: 12, h: 8 } }
teams:
  - { id: identity, timezone: Africa/Johannesburg, services: [entitlement, login] }
slos:
  - id: entitlement-availability
    name: Entitlement availability
    team: identity
    service: entitlement
    source: prom
    objective:
      kind: availability
      good: 'sum(mc_http_requests_total{service="entitlement",code="200"})'
      total: 'sum(mc_http_requests_total{service="entitlement"})'
    target: 0.99
    window: 1h
`;

test('a demo match night with its outage: the budget it burned on the wall and in the review, with the incident and its pages', async ({ browser }) => {
  const demoPort = await freePort();
  // Scenario minute 93 at 20× speed: the entitlement outage (minutes 95–103) starts ~6 s in.
  const demo = await startDemo(demoPort, 20, 93);
  const prometheus = await startPrometheus([`127.0.0.1:${demoPort}`]);
  const dir = await mkdtemp(join(tmpdir(), 'mc-review-ws-'));
  const file = join(dir, 'workspace.yaml');
  await writeFile(file, sloWorkspace(prometheus.url));
  const hub = await startHub(['--workspace', file]);
  try {
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${hub.url}${path}`, { ...init, headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}`, ...(init.headers as Record<string, string>) } });

    // Wait for Prometheus to have scraped the outage for a while.
    await expect
      .poll(async () => Number((await prometheus.query('sum_over_time(mc_scenario_outage[1m])', Date.now() / 1000))[0]?.value[1] ?? 0), { timeout: 40_000 })
      .toBeGreaterThanOrEqual(8);
    const now = Date.now();
    const declared = await api('/api/v1/incidents', { method: 'POST', body: JSON.stringify({ title: 'Paying viewers denied playback', severity: 1, occurredAt: now - 5_000 }) });
    const { incident } = (await declared.json()) as { incident: { id: string } };
    await api(`/api/v1/incidents/${incident.id}/entries`, { method: 'POST', headers: { 'idempotency-key': ulid() }, body: JSON.stringify({ kind: 'bookkeeping', data: { service: 'entitlement', rootCauseCategory: 'change' } }) });
    const alerts = Array.from({ length: 4 }, (_, i) => ({ status: 'firing', labels: { alertname: 'EntitlementDenials', team: 'identity', service: 'entitlement', severity: 'page', region: `r${i}` }, startsAt: new Date(now - 8_000 + i * 1000).toISOString(), fingerprint: `fp${i}` }));
    const am = await api('/api/v1/ingest/pages/alertmanager', { method: 'POST', body: JSON.stringify({ version: '4', groupKey: '{}:{alertname="EntitlementDenials"}', status: 'firing', alerts }) });
    expect(await am.json()).toMatchObject({ stored: 4 });

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${hub.url}/#/login?token=${ADMIN_TOKEN}`);

    // The wall: budget left, burning, the alert in colour and word, and how little of the hour has data.
    await page.goto(`${hub.url}/#/wall/slo`);
    await expect(page.getByTestId('slo-alert-entitlement-slo')).toHaveText(/PAGE/, { timeout: 45_000 });
    await expect(page.getByTestId('slo-alert-entitlement-slo')).toHaveAttribute('data-state', 'critical');
    await expect(page.getByTestId('slo-burn-entitlement-slo')).toHaveText(/^×\d/);
    await expect(page.getByTestId('slo-budget-entitlement-slo')).toHaveText(/%$/);
    await expect(page.getByTestId('slo-coverage-entitlement-slo')).toContainText(/with data, of 1 h/);

    // The review: the incident, the pages it caused (4 alerts and the incident declared for them: 1 event from 5 pages), the budget burned.
    // The week the pages fell in, on the room's and the team's calendar (the same here: pager load is
    // counted on each team's calendar, and London's Sunday evening is already Monday in Johannesburg).
    // Asked for by name, so that a run crossing midnight on Sunday does not look at the next week.
    const pagesWeek = formatIsoWeek(isoWeekAt(now, 'Africa/Johannesburg'));
    await page.goto(`${hub.url}/#/review?team=identity&week=${pagesWeek}`);
    await expect(page.getByTestId(`review-incident-${incident.id}`)).toContainText('Paying viewers denied playback');
    await expect(page.getByTestId('pager-events-identity')).toHaveText('1');
    // the team's calendar is the room's: nothing to say about calendars
    await expect(page.getByTestId('pager-calendar-note')).toHaveCount(0);
    await expect(page.getByTestId('pager-raw-identity')).toHaveText('5');
    const slo = page.getByTestId('slo-row-entitlement-availability');
    await expect(slo).toContainText('PAGE');
    // A Prometheus started minutes ago: the budget is the hour's, and says it has data for part of it.
    await expect(page.getByTestId('slo-coverage-entitlement-availability')).toContainText(/over the \d+ (s|min) with data, of 1 h/);
    await context.close();
  } finally {
    await hub.stop();
    await prometheus.close();
    await demo.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
