/**
 * A live plan nobody closes is closed by the hub 6 h after its window ends, as a planner's close
 * would be (listed closed, off the walls, announced to the consoles), with the system as the
 * closer; also when those 6 h ran out while the hub was stopped. Real hub and store, a fake clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AUTO_CLOSED_BY, LIVE_GRACE_MS } from '../../electron/hub/planning/service.ts';
import type { PlanRecord, PlanSummary } from '../../shared/protocol/plans.ts';
import { eventually, startTestHub, type TestHub } from '../support/hub.ts';

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

/** The final kicks off at 19:00 BST (18:00Z) and its window ends at 21:30 BST. */
const KICK_OFF = Date.parse('2026-10-24T18:00:00Z');
const WINDOW_END = Date.parse('2026-10-24T20:30:00Z');
const H = 3_600_000;

let clock = KICK_OFF;
let t: TestHub;
afterEach(async () => t?.close());

const post = (hub: TestHub, path: string, token: string, body: unknown) =>
  hub.http(path, { method: 'POST', token, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const get = async <T>(hub: TestHub, path: string): Promise<T> => (await (await hub.http(path, { token: hub.adminToken })).json()) as T;

/** A hub on the fake clock with a live plan for the final; its id. */
async function liveFinal(dataDir?: string): Promise<string> {
  t = await startTestHub(workspace, dataDir ? { dataDir } : {}, {}, { now: () => clock });
  const created = await post(t, '/api/v1/plans', t.adminToken, { template: 'sports-final', event: { name: 'Cup Final', start: '2026-10-24T19:00' } });
  const { id } = (await created.json()) as PlanRecord;
  for (const state of ['planned', 'ready', 'live']) expect((await post(t, `/api/v1/plans/${id}/state`, t.adminToken, { state, by: '@ops-manager' })).status).toBe(200);
  return id;
}

describe('a live plan nobody closes', () => {
  it('is closed by the hub 6 h after its window ends, listed closed, off the walls, announced', async () => {
    clock = KICK_OFF + 10 * 60_000;
    const id = await liveFinal();
    expect(LIVE_GRACE_MS).toBe(6 * H);
    const socket = await t.connect(t.adminToken);
    const changed: string[] = [];
    socket.on('plan:changed', ({ planId }) => changed.push(planId));

    // Extra time and the wrap-up: still live, still on the walls, a minute before the grace ends.
    clock = WINDOW_END + 6 * H - 60_000;
    await new Promise((r) => setTimeout(r, 5_500)); // a trigger tick (every 5 s) sees it
    expect((await get<PlanRecord>(t, `/api/v1/plans/${id}`)).plan.event.state).toBe('live');
    expect((await get<{ plans: { id: string }[] }>(t, '/api/v1/live-plans')).plans.map((p) => p.id)).toEqual([id]);

    clock = WINDOW_END + 6 * H + 60_000;
    const closed = await eventually('the plan closed', async () => {
      const record = await get<PlanRecord>(t, `/api/v1/plans/${id}`);
      return record.plan.event.state === 'closed' ? record : null;
    });
    expect(closed.updatedBy).toBe('system (auto-closed 6 h after the window ended)');
    expect(closed.updatedBy).toBe(AUTO_CLOSED_BY);
    expect(closed).toMatchObject({ closedBy: AUTO_CLOSED_BY, closedAt: WINDOW_END + 6 * H + 60_000 });
    expect((await get<{ plans: PlanSummary[] }>(t, '/api/v1/plans')).plans.map((p) => [p.id, p.state])).toEqual([[id, 'closed']]);
    expect((await get<{ plans: unknown[] }>(t, '/api/v1/live-plans')).plans).toEqual([]);
    await eventually('the consoles told', () => changed.includes(id));
    // Closed means closed: no more edits, and the report is there to read.
    expect((await post(t, `/api/v1/plans/${id}`, t.adminToken, closed.plan)).status).toBe(409);
    expect(await (await t.http(`/api/v1/plans/${id}/report.md`, { token: t.adminToken })).text()).toContain('# Post-event report: Cup Final');
  });

  it('is closed on startup when its 6 h ran out while the hub was stopped', async () => {
    clock = KICK_OFF + 10 * 60_000;
    const id = await liveFinal();
    const dataDir = `${t.dir}/data`;
    await t.hub.close();

    clock = WINDOW_END + 7 * H;
    const again = await startTestHub(workspace, { dataDir }, {}, { now: () => clock });
    try {
      // At once, before any trigger tick.
      const record = await get<PlanRecord>(again, `/api/v1/plans/${id}`);
      expect(record.plan.event.state).toBe('closed');
      expect(record.updatedBy).toBe(AUTO_CLOSED_BY);
      expect((await get<{ plans: unknown[] }>(again, '/api/v1/live-plans')).plans).toEqual([]);
    } finally {
      await again.close();
    }
  });

  it('a live plan still within its 6 h stays live across a restart', async () => {
    clock = KICK_OFF + 10 * 60_000;
    const id = await liveFinal();
    const dataDir = `${t.dir}/data`;
    await t.hub.close();

    clock = WINDOW_END + 5 * H;
    const again = await startTestHub(workspace, { dataDir }, {}, { now: () => clock });
    try {
      expect((await get<PlanRecord>(again, `/api/v1/plans/${id}`)).plan.event.state).toBe('live');
    } finally {
      await again.close();
    }
  });
});
