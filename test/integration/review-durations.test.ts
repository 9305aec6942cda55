/**
 * Times to detect, mitigate and resolve in the weekly review, as the postmortem measures them: from
 * when impact started, and not at all when nobody recorded that (the review showed "detected in
 * 0 s" for such an incident, measuring from its declaration, while its postmortem said unknown).
 */
import { ulid } from 'ulid';
import { afterEach, describe, expect, it } from 'vitest';
import type { WeeklyReviewData } from '../../shared/protocol/review.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { minimalWorkspaceYaml } from '../support/minimal-workspace.ts';

const workspace = minimalWorkspaceYaml('War room');
const MIN = 60_000;

let t: TestHub;
afterEach(async () => t?.close());

const post = async (path: string, body: unknown) => {
  const res = await t.http(path, { method: 'POST', token: t.adminToken, headers: { 'content-type': 'application/json', 'idempotency-key': ulid() }, body: JSON.stringify(body) });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { incident: { id: string } };
};
const marker = (id: string, name: string, at: number) => post(`/api/v1/incidents/${id}/entries`, { kind: 'marker', author: 'ann', occurredAt: at, data: { marker: name } });

describe('incident durations in the weekly review', () => {
  it('measures from the recorded impact start, and leaves them unknown without one', async () => {
    t = await startTestHub(workspace);
    const now = Date.now();
    const timed = (await post('/api/v1/incidents', { title: 'Login errors', severity: 2, author: 'ann', occurredAt: now - 20 * MIN })).incident.id;
    await marker(timed, 'impact_started', now - 30 * MIN);
    await marker(timed, 'mitigated', now - 10 * MIN);
    const untimed = (await post('/api/v1/incidents', { title: 'Thumbnails slow', severity: 3, author: 'ann', occurredAt: now - 20 * MIN })).incident.id;
    await marker(untimed, 'mitigated', now - 10 * MIN); // no impact start to measure it from

    const data = (await (await t.http('/api/v1/review/weekly.json', { token: t.adminToken })).json()) as WeeklyReviewData;
    const byTitle = Object.fromEntries(data.incidents.map((i) => [i.title, i]));
    // Detected when declared, 10 minutes after impact started; mitigated 20 minutes after it.
    expect(byTitle['Login errors']).toMatchObject({ detectMs: 10 * MIN, mitigateMs: 20 * MIN });
    expect(byTitle['Thumbnails slow']).toMatchObject({ detectMs: null, mitigateMs: null, resolveMs: null });
  });
});
