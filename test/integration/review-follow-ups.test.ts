/**
 * Follow-ups and toil on a real hub: a follow-up closed over REST after its incident closed (a
 * new version of the todo, broadcast to a console), idempotent, refused to someone who may not,
 * reopened; closed from a console socket too; the weekly review counting them by owner and team
 * against their due dates; the postmortem showing their states; a task marked toil in the
 * team's toil share.
 */
import { ulid } from 'ulid';
import { afterEach, describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../shared/model/incident.ts';
import type { WeeklyReviewData } from '../../shared/protocol/review.ts';
import { eventually, startTestHub, type TestHub } from '../support/hub.ts';

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
  - { id: identity, timezone: Europe/London, services: [login] }
incidents:
  followUpDays: 14
`;

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
// Week 2026-W07 runs Monday 9 to Sunday 15 February (London is on UTC then).
const TUESDAY = Date.parse('2026-02-10T09:00:00Z');

let t: TestHub;
afterEach(async () => t?.close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  t.http(path, { method: 'POST', token: t.adminToken, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

async function entry(incidentId: string, body: Record<string, unknown>): Promise<TimelineEntry> {
  const res = await post(`/api/v1/incidents/${incidentId}/entries`, { author: 'ann', ...body }, { 'idempotency-key': ulid() });
  const reply = (await res.json()) as { entry: TimelineEntry; message?: string };
  expect(res.status, reply.message).toBe(200);
  return reply.entry;
}

describe('follow-ups and toil in the weekly review', () => {
  it('closes follow-ups after the incident closed, counts them against their due dates by owner and team, and counts toil tasks', async () => {
    t = await startTestHub(workspace);
    const console1 = await t.connect(t.adminToken);
    const seen: TimelineEntry[] = [];
    console1.on('incident:entry', (e) => seen.push(e));

    const declared = await post('/api/v1/incidents', { title: 'Login errors', severity: 2, author: 'ann', occurredAt: TUESDAY });
    const { incident } = (await declared.json()) as { incident: { id: string } };
    const id = incident.id;
    await entry(id, { kind: 'bookkeeping', occurredAt: TUESDAY, data: { service: 'login' } });
    // Two tasks: a restart marked toil (30 min given to done), a log check that was not (10 min).
    const restart = await entry(id, { kind: 'task', text: 'restart the session pods', occurredAt: TUESDAY + 5 * MIN, data: { owner: 'bob', timeboxMs: 30 * MIN, dueAt: TUESDAY + 35 * MIN } });
    await entry(id, { kind: 'task', text: 'restart the session pods', supersedes: restart.id, author: 'bob', occurredAt: TUESDAY + 5 * MIN, data: { owner: 'bob', timeboxMs: 30 * MIN, dueAt: TUESDAY + 35 * MIN, done: true, doneAt: TUESDAY + 35 * MIN, toil: true } });
    const check = await entry(id, { kind: 'task', text: 'check the auth logs', occurredAt: TUESDAY + 5 * MIN, data: { owner: 'cy', timeboxMs: 10 * MIN } });
    await entry(id, { kind: 'task', text: 'check the auth logs', supersedes: check.id, author: 'cy', occurredAt: TUESDAY + 5 * MIN, data: { owner: 'cy', timeboxMs: 10 * MIN, done: true, doneAt: TUESDAY + 15 * MIN } });
    // Two follow-ups: bob's due Friday, cy's due Wednesday.
    const runbook = await entry(id, { kind: 'todo', text: 'runbook for session restarts', occurredAt: TUESDAY + HOUR, data: { owner: 'bob', dueAt: TUESDAY + 3 * DAY, type: 'process' } });
    const alert = await entry(id, { kind: 'todo', text: 'alert on login 5xx', occurredAt: TUESDAY + HOUR, data: { owner: 'cy', dueAt: TUESDAY + DAY, type: 'detect' } });
    await entry(id, { kind: 'status', occurredAt: TUESDAY + 2 * HOUR, data: { status: 'resolved' } });
    await entry(id, { kind: 'status', occurredAt: TUESDAY + 3 * HOUR, data: { status: 'closed' } });

    // bob closes his over REST on Thursday, after the incident closed: a new version, broadcast.
    const key = ulid();
    const close = (body: unknown, k?: string) => post(`/api/v1/incidents/${id}/follow-ups/${runbook.id}/close`, body, k ? { 'idempotency-key': k } : {});
    let res = await close({ author: 'bob', closedAt: TUESDAY + 2 * DAY }, key);
    const closed = (await res.json()) as { followUp: { closedAt: number; closedBy: string; entryId: string }; state: string; seq: number; changed: boolean };
    expect(res.status).toBe(200);
    expect(closed).toMatchObject({ followUp: { closedAt: TUESDAY + 2 * DAY, closedBy: 'bob' }, state: 'closed_on_time', changed: true });
    expect(closed.followUp.entryId).toBe(key);
    await eventually('the console to hear of the closure', () => seen.find((e) => e.id === key && e.kind === 'todo' && e.data.closedAt === TUESDAY + 2 * DAY));
    // A retry is answered the same and stores nothing new; closing it again writes nothing.
    res = await close({ author: 'bob', closedAt: TUESDAY + 2 * DAY }, key);
    expect(res.headers.get('idempotent-replayed')).toBe('true');
    expect(((await res.json()) as { seq: number }).seq).toBe(closed.seq);
    res = await close({ author: 'bob' });
    expect(await res.json()).toMatchObject({ changed: false, seq: closed.seq, followUp: { closedAt: TUESDAY + 2 * DAY } });

    // Someone with no part in it may not; an unknown follow-up is 404; a closure in the future is refused.
    res = await post(`/api/v1/incidents/${id}/follow-ups/${alert.id}/close`, { author: 'olga' });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { message: string }).message).toMatch(/^olga may not change ann's entry/);
    expect((await post(`/api/v1/incidents/${id}/follow-ups/${restart.id}/close`, {})).status).toBe(404);
    res = await post(`/api/v1/incidents/${id}/follow-ups/${alert.id}/close`, { author: 'cy', closedAt: Date.now() + DAY });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/^closedAt: /);

    // cy closes hers from a console, on Saturday: three days late.
    const ack = await console1.emitWithAck('incident:command', {
      id: ulid(),
      incidentId: id,
      kind: 'todo',
      text: 'alert on login 5xx',
      occurredAt: TUESDAY + HOUR,
      author: 'cy',
      console: 'laptop',
      supersedes: alert.id,
      data: { owner: 'cy', dueAt: TUESDAY + DAY, type: 'detect', closedAt: TUESDAY + 4 * DAY },
    });
    expect(ack).toMatchObject({ ok: true });

    const week = async () => (await (await t.http('/api/v1/review/weekly.json?week=2026-W07', { token: t.adminToken })).json()) as WeeklyReviewData;
    let data = await week();
    expect(data.followUps).toMatchObject({ total: 2, open: 0, overdue: 0, closedOnTime: 1, closedLate: 1, openedInRange: 2, closedInRange: 2, closedWithinDays: 1, withinDays: 14 });
    expect(data.followUps.byOwner).toMatchObject({ bob: { closedOnTime: 1, closedLate: 0 }, cy: { closedOnTime: 0, closedLate: 1 } });
    expect(data.followUps.byTeam).toMatchObject({ identity: { total: 2, closedOnTime: 1, closedLate: 1 } });
    // 30 toil minutes of 40 worked on the incident's tasks.
    expect(data.toil).toMatchObject([{ team: 'identity', toilMs: 30 * MIN, totalMs: 40 * MIN, share: 0.75, overTarget: true }]);

    const pm = (await (await t.http(`/api/v1/incidents/${id}/postmortem.json`, { token: t.adminToken })).json()) as { actionItems: { text: string; state: string; closedBy: string | null }[] };
    expect(pm.actionItems.map((a) => [a.text, a.state, a.closedBy])).toEqual([
      ['runbook for session restarts', 'closed_on_time', 'bob'],
      ['alert on login 5xx', 'closed_late', 'cy'],
    ]);
    const md = await (await t.http(`/api/v1/incidents/${id}/postmortem.md`, { token: t.adminToken })).text();
    expect(md).toContain('✓ closed late 2026-02-14 09:00:00 UTC by cy');

    // Found wanting months later: reopened, bob's is open again and long past its Friday due date —
    // in this week's review, which still lists an incident's follow-ups long after it closed ...
    res = await post(`/api/v1/incidents/${id}/follow-ups/${runbook.id}/reopen`, { author: 'ann' });
    expect(await res.json()).toMatchObject({ changed: true, followUp: { closedAt: null, closedBy: null } });
    const thisWeek = (await (await t.http('/api/v1/review/weekly.json', { token: t.adminToken })).json()) as WeeklyReviewData;
    expect(thisWeek.followUps).toMatchObject({ total: 2, overdue: 1, closedOnTime: 0, closedLate: 1 });
    expect(thisWeek.followUps.overdueItems).toMatchObject([{ text: 'runbook for session restarts', owner: 'bob', dueAt: TUESDAY + 3 * DAY }]);
    // ... while week 7's review, regenerated, is still as that week ended: both closed.
    data = await week();
    expect(data.followUps).toMatchObject({ overdue: 0, closedOnTime: 1, closedLate: 1, closedInRange: 2 });
  });

  it('judges a past week by the due dates in force then, and says beside each where it stands today', async () => {
    t = await startTestHub(workspace);
    const { incident } = (await (await post('/api/v1/incidents', { title: 'Login errors', severity: 2, author: 'ann', occurredAt: TUESDAY })).json()) as { incident: { id: string } };
    const id = incident.id;
    await entry(id, { kind: 'bookkeeping', occurredAt: TUESDAY, data: { service: 'login' } });
    // Both due on the Wednesday of week 7, both still open when it ended.
    const keys = await entry(id, { kind: 'todo', text: 'rotate the signing keys', occurredAt: TUESDAY + HOUR, data: { owner: 'bob', dueAt: TUESDAY + DAY, type: 'prevent' } });
    const alert = await entry(id, { kind: 'todo', text: 'alert on login 5xx', occurredAt: TUESDAY + HOUR, data: { owner: 'cy', dueAt: TUESDAY + DAY, type: 'detect' } });
    // Since then: bob's due date moved to April (today, long after week 7), cy's closed in March.
    await entry(id, { kind: 'todo', text: 'rotate the signing keys', supersedes: keys.id, occurredAt: TUESDAY + HOUR, data: { owner: 'bob', dueAt: TUESDAY + 60 * DAY, type: 'prevent' } });
    expect((await post(`/api/v1/incidents/${id}/follow-ups/${alert.id}/close`, { author: 'cy', closedAt: TUESDAY + 20 * DAY })).status).toBe(200);

    const data = (await (await t.http('/api/v1/review/weekly.json?week=2026-W07', { token: t.adminToken })).json()) as WeeklyReviewData;
    // Week 7 as it ended: both overdue, against the Wednesday they were due then ...
    expect(data.followUps).toMatchObject({ total: 2, open: 0, overdue: 2 });
    expect(data.followUps.byOwner).toMatchObject({ bob: { overdue: 1 }, cy: { overdue: 1 } });
    // ... and today: bob's still overdue against its new date, cy's closed late.
    expect(data.followUps.overdueItems).toEqual([
      { id: keys.id, text: 'rotate the signing keys', owner: 'bob', dueAt: TUESDAY + DAY, now: { state: 'overdue', dueAt: TUESDAY + 60 * DAY, closedAt: null } },
      { id: alert.id, text: 'alert on login 5xx', owner: 'cy', dueAt: TUESDAY + DAY, now: { state: 'closed_late', dueAt: TUESDAY + DAY, closedAt: TUESDAY + 20 * DAY } },
    ]);
    const md = await (await t.http('/api/v1/review/weekly.md?week=2026-W07', { token: t.adminToken })).text();
    expect(md).toContain('- Open: 2, of which overdue: 2;');
    expect(md).toContain('Overdue as the week ended (and today):');
    expect(md).toContain('- rotate the signing keys (bob, due Wed 11 Feb 2026 09:00; now: still overdue, due date moved to Sat 11 Apr 2026 10:00)');
    expect(md).toContain('- alert on login 5xx (cy, due Wed 11 Feb 2026 09:00; now: closed late Mon 2 Mar 2026 09:00)');

    // This week's review is today's: nothing beside it.
    const thisWeek = (await (await t.http('/api/v1/review/weekly.json', { token: t.adminToken })).json()) as WeeklyReviewData;
    expect(thisWeek.followUps.overdueItems).toEqual([{ id: keys.id, text: 'rotate the signing keys', owner: 'bob', dueAt: TUESDAY + 60 * DAY, now: null }]);
  });
});
