/**
 * The walls count down to the next event days ahead: GET /api/v1/live-plans lists the plans
 * planned or ready whose event starts within 14 days and is not running yet, soonest first, with
 * the walls each will run on (none named: every wall); a draft, a plan further out and a running one are not among them.
 * Real hub and store, a fake clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LivePlansReply, PlanRecord } from '../../shared/protocol/plans.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { minimalWorkspaceYaml } from '../support/minimal-workspace.ts';

const workspace = minimalWorkspaceYaml('War room');
const MONDAY = Date.parse('2026-10-19T09:00:00Z');
let clock = MONDAY;
let t: TestHub;
afterEach(async () => t?.close());

const post = async (path: string, body: unknown) => {
  const res = await t.http(path, { method: 'POST', token: t.adminToken, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status, (await res.clone().text()).slice(0, 300)).toBeLessThan(300);
  return (await res.json()) as PlanRecord;
};
const plan = async (name: string, start: string, states: string[]) => {
  const { id } = await post('/api/v1/plans', { template: 'sports-final', event: { name, start, timezone: 'Europe/London' } });
  for (const state of states) await post(`/api/v1/plans/${id}/state`, { state, by: '@ops-manager' });
  return id;
};
const reply = async () => (await (await t.http('/api/v1/live-plans', { token: t.adminToken })).json()) as LivePlansReply;

describe('the next events, for the walls to count down to', () => {
  it('lists those planned or ready within 14 days and not yet running, soonest first', async () => {
    t = await startTestHub(workspace, {}, {}, { now: () => clock });
    const final = await plan('Cup Final', '2026-10-24T19:00', ['planned']);
    const semi = await plan('Semi-final', '2026-10-21T19:00', ['planned', 'ready']);
    await plan('Draft derby', '2026-10-20T19:00', []);
    await plan('Next season opener', '2026-11-20T19:00', ['planned']);

    expect((await reply()).upcoming).toEqual([
      { id: semi, name: 'Semi-final', startMs: Date.parse('2026-10-21T18:00:00Z'), timeZone: 'Europe/London', walls: [] },
      { id: final, name: 'Cup Final', startMs: Date.parse('2026-10-24T18:00:00Z'), timeZone: 'Europe/London', walls: [] },
    ]);

    // Within the hour before its start the semi runs on the walls: its strip, not a countdown.
    clock = Date.parse('2026-10-21T17:30:00Z');
    const then = await reply();
    expect(then.plans.map((p) => p.id)).toEqual([semi]);
    expect(then.upcoming.map((p) => p.id)).toEqual([final]);
  });
});
