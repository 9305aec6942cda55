/**
 * The incident record as the weekly review reads it, on a real hub: causes spelled differently
 * (case, spacing, hyphens) are one bucket in the workspace's spelling, the consoles learn the
 * causes used so far, a review made again after new entries shows them (its per-incident cache
 * follows the log), and every table says whose week it counted.
 */
import { writeFile } from 'node:fs/promises';
import { ulid } from 'ulid';
import { afterEach, describe, expect, it } from 'vitest';
import { formatIsoWeek, isoWeekAt, weekCalendarLabel } from '../../shared/domain/review/iso-week.ts';
import type { WeeklyReviewData } from '../../shared/protocol/review.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { minimalWorkspaceYaml } from '../support/minimal-workspace.ts';

// A room east of its team: Johannesburg is already in Monday on London's Sunday evening.
const workspace = `${minimalWorkspaceYaml('War room')}timezone: Africa/Johannesburg
incidents:
  causes: [Change, Config change, Capacity]
teams:
  - { id: identity, timezone: Europe/London, services: [entitlement] }
`;

let t: TestHub;
afterEach(async () => t?.close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  t.http(path, { method: 'POST', token: t.adminToken, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

async function declare(title: string): Promise<string> {
  const res = await post('/api/v1/incidents', { title, severity: 2 });
  expect(res.status).toBe(200);
  return ((await res.json()) as { incident: { id: string } }).incident.id;
}

async function log(incidentId: string, kind: string, data: Record<string, unknown>, text = ''): Promise<void> {
  const res = await post(`/api/v1/incidents/${incidentId}/entries`, { kind, text, occurredAt: Date.now(), data }, { 'idempotency-key': ulid() });
  expect(res.status).toBe(200);
}

const weekly = async (): Promise<WeeklyReviewData> => (await (await t.http('/api/v1/review/weekly.json', { token: t.adminToken })).json()) as WeeklyReviewData;

describe('causes in the weekly review', () => {
  it("count spellings that differ in case, spacing or hyphens as one, in the workspace's spelling", async () => {
    t = await startTestHub(workspace);
    for (const [n, cause] of ['config change', 'Config-change', 'CONFIG_CHANGE ', 'change', 'vendor outage'].entries()) {
      await log(await declare(`Incident ${n}`), 'bookkeeping', { service: 'entitlement', rootCauseCategory: cause });
    }
    const data = await weekly();
    expect(data.trends.byCause).toEqual({ 'Config change': 3, Change: 1, 'vendor outage': 1 });
    expect(data.incidents.map((i) => i.cause).sort()).toEqual(['Change', 'Config change', 'Config change', 'Config change', 'vendor outage']);
    const md = await (await t.http('/api/v1/review/weekly.md', { token: t.adminToken })).text();
    expect(md).toContain('Config change 3');
    expect(md).not.toMatch(/Config-change|CONFIG_CHANGE|config change/);
  });

  it('are in the incident list the consoles hold, so the Record card can offer those used before', async () => {
    t = await startTestHub(workspace);
    const id = await declare('CDN origin 403s');
    await log(id, 'bookkeeping', { rootCauseCategory: 'vendor outage' });
    const socket = await t.connect(t.adminToken);
    const listed = await new Promise<unknown>((resolve) => socket.emit('incidents:list', {}, resolve));
    expect((listed as { incidents: { id: string; rootCauseCategory?: string | null }[] }).incidents.find((i) => i.id === id)?.rootCauseCategory).toBe('vendor outage');
  });
});

describe('the review made again', () => {
  it('shows what was logged since the last one (a new cause, a new follow-up, a resolution) and what the workspace says now', async () => {
    t = await startTestHub(workspace);
    const id = await declare('Login 403s');
    await log(id, 'bookkeeping', { service: 'entitlement', rootCauseCategory: 'change' });
    let data = await weekly();
    expect(data.incidents).toMatchObject([{ id, cause: 'Change', resolveMs: null }]);
    const opened = data.followUps.openedInRange ?? 0;

    await log(id, 'bookkeeping', { rootCauseCategory: 'capacity' });
    await log(id, 'todo', { owner: 'bob' }, 'alert on the 403 rate');
    await log(id, 'marker', { marker: 'impact_started' });
    await log(id, 'marker', { marker: 'resolved' });
    data = await weekly();
    expect(data.incidents).toMatchObject([{ id, cause: 'Capacity' }]);
    expect(data.incidents[0]!.resolveMs).not.toBeNull();
    expect(data.followUps.openedInRange).toBe(opened + 1);
    expect(data.followUps.byOwner).toHaveProperty('bob');

    // and what the workspace says: the service moved to another team
    await writeFile(t.workspaceFile, workspace.replace('- { id: identity, timezone: Europe/London, services: [entitlement] }', '- { id: identity, timezone: Europe/London, services: [] }\n  - { id: sre, timezone: Europe/London, services: [entitlement] }'));
    await t.hub.reloadWorkspace();
    data = await weekly();
    expect(data.incidents).toMatchObject([{ id, team: 'sre' }]);
    expect(data.followUps.byTeam).toHaveProperty('sre');
  });
});

describe('calendars', () => {
  it("say on every table whose week it is: the room's, and each team's own on pager load", async () => {
    t = await startTestHub(workspace);
    await declare('Something broke');
    const week = formatIsoWeek(isoWeekAt(Date.now(), 'Africa/Johannesburg'));
    const md = await (await t.http(`/api/v1/review/weekly.md?week=${week}`, { token: t.adminToken })).text();
    const section = (name: string) => md.split(`## ${name}\n`)[1]!.split('\n## ')[0]!;
    const room = weekCalendarLabel(week, 'Africa/Johannesburg');
    expect(room).toMatch(/^Mon \d+ \w+( \d{4})? – Sun \d+ \w+ \d{4}, Africa\/Johannesburg$/);
    for (const name of ['Incidents', 'SLOs and error budgets', 'Follow-up actions']) expect(section(name)).toContain(`_The room's week: ${room}._`);
    // identity counts its pages on London's clock: its row says so
    expect(section('Pager load')).toMatch(new RegExp(`\\| identity \\|.*\\| ${weekCalendarLabel(week, 'Europe/London')} \\|`));
    expect(section('Pager load')).toContain(`in the room's week (${room})`);
  });
});
