/**
 * Changes during a plan's change freeze, on a real hub with a real SQLite file: a deploy recorded
 * inside the freeze (over REST) and one before it (on the socket, as a console logs it); the plan
 * lists only the first, the walls are told and count it, and the post-event report lists it with
 * its hostile summary kept as text. More changes than a page lists come a page at a time.
 */
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatLocal } from '../../shared/domain/planning/markdown.ts';
import type { Plan } from '../../shared/model/plan.ts';
import type { FreezeChangesReply, LivePlansReply, PlanRecord } from '../../shared/protocol/plans.ts';
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

const MIN = 60_000;
let t: TestHub;
afterEach(async () => t?.close());

const json = async <T>(res: Response): Promise<T> => {
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return (await res.json()) as T;
};

async function token(role: string): Promise<string> {
  const res = await t.http('/api/v1/tokens', { method: 'POST', token: t.adminToken, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: `${role} 1`, role }) });
  return (await json<{ secret: string }>(res)).secret;
}

/**
 * The sports final, kicked off ten minutes ago on UTC, ready (so it runs on the walls), its freeze
 * from an hour before to two after.
 */
async function runningFinal(planner: string): Promise<{ id: string; startMs: number }> {
  const plan = parse(await readFile(new URL('../../assets/templates/sports-final.yaml', import.meta.url), 'utf8')) as Plan;
  const startMs = Math.floor((Date.now() - 10 * MIN) / MIN) * MIN;
  const local = (ms: number) => new Date(ms).toISOString().slice(0, 16);
  delete plan.template;
  plan.event = { ...plan.event, name: 'Cup Final', timezone: 'UTC', start: local(startMs), end: local(startMs + 3 * 60 * MIN), state: 'ready' };
  plan.freeze = { ...plan.freeze!, from: 'T-1h', to: 'T+2h' };
  // Nothing else tells the walls this plan changed (no trigger states, no SLO statuses): only a change.
  plan.risks = [];
  plan.slos = [];
  const res = await t.http('/api/v1/plans', { method: 'POST', token: planner, headers: { 'content-type': 'application/json' }, body: JSON.stringify(plan) });
  return { id: (await json<PlanRecord>(res)).id, startMs };
}

describe('changes during the freeze', () => {
  it('are listed for the plan, counted for the walls and reported, and a change before the freeze is not', async () => {
    t = await startTestHub(workspace);
    const [planner, responder, viewer] = [await token('planner'), await token('responder'), await token('viewer')];
    const { id, startMs } = await runningFinal(planner);
    const wall = await t.connect(viewer);
    const told: string[] = [];
    wall.on('plan:changed', ({ planId }: { planId: string }) => told.push(planId));

    const hostile = '# Hotfix | *now* <script>alert(1)</script>';
    const inside = await json<{ change: { id: string } }>(
      await t.http('/api/v1/ingest/changes', {
        method: 'POST',
        token: responder,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: 'deploy-inside', service: 'entitlement', description: hostile, author: '@ann', kind: 'deploy', at: startMs + 5 * MIN }),
      }),
    );
    expect(inside.change.id).toBe('deploy-inside');
    await eventually('the walls to be told the plan changed', () => told.includes(id));

    // A console logs a deploy that happened before the freeze began (T-1h).
    const scribe = await t.connect(responder);
    const before = await scribe.emitWithAck('changes:ingest', { id: 'deploy-before', service: 'cdn', description: 'Rotate origin certificates', kind: 'config', at: startMs - 2 * 60 * MIN });
    expect(before.ok).toBe(true);

    // A later deploy inside the freeze, from a console: the walls' latest is the newest one.
    const later = await scribe.emitWithAck('changes:ingest', { id: 'deploy-later', service: 'playback', description: 'Player 4.2', kind: 'deploy', at: startMs + 30 * MIN });
    expect(later.ok).toBe(true);

    const listed = await json<FreezeChangesReply>(await t.http(`/api/v1/plans/${id}/freeze-changes`, { token: viewer }));
    expect(listed.freeze).toMatchObject({ fromMs: startMs - 60 * MIN, toMs: startMs + 120 * MIN, exceptionApprover: '@ops-manager' });
    expect(listed.changes.map((c) => [c.id, c.service])).toEqual([
      ['deploy-inside', 'entitlement'],
      ['deploy-later', 'playback'],
    ]);
    expect(listed.changes[0]!.author).toBe('@ann');

    const live = await json<LivePlansReply>(await t.http('/api/v1/live-plans', { token: viewer }));
    const running = live.plans.find((p) => p.id === id)!;
    expect(running.freezeChanges).toMatchObject({ count: 2, latest: { id: 'deploy-later', description: 'Player 4.2' } });

    const md = await (await t.http(`/api/v1/plans/${id}/report.md`, { token: viewer })).text();
    const section = md.split('## Changes during the freeze')[1]!.split('\n## ')[0]!;
    expect(section).toContain('**2 changes recorded during the freeze.**');
    expect(section).toContain(`| ${formatLocal(startMs + 5 * MIN, 'UTC')} | entitlement | deploy | \\# Hotfix \\| \\*now\\* \\<script\\>alert(1)\\</script\\> | @ann |`);
    expect(md).not.toContain('Rotate origin certificates');
  });
});

describe('a busy freeze listed a page at a time', () => {
  it('returns every change once across the pages, oldest first, and says on each page whether more remain', async () => {
    t = await startTestHub(workspace);
    const [planner, responder, viewer] = [await token('planner'), await token('responder'), await token('viewer')];
    const { id, startMs } = await runningFinal(planner);
    const record = async (change: { id: string; at: number }) =>
      json(
        await t.http('/api/v1/ingest/changes', {
          method: 'POST',
          token: responder,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...change, service: 'playback', description: `Deploy ${change.id}`, kind: 'deploy' }),
        }),
      );
    // Recorded out of order; b1 and b2 share a millisecond and the first page ends between them,
    // so the next page may not start from a time alone.
    for (const change of [
      { id: 'deploy-c', at: startMs + 20 * MIN },
      { id: 'deploy-a', at: startMs - 30 * MIN },
      { id: 'deploy-b1', at: startMs + 5 * MIN },
      { id: 'deploy-b2', at: startMs + 5 * MIN },
      { id: 'deploy-e', at: startMs + 90 * MIN },
      { id: 'deploy-d', at: startMs + 45 * MIN },
      { id: 'deploy-outside', at: startMs + 3 * 60 * MIN },
    ]) {
      await record(change);
    }

    const pages: FreezeChangesReply[] = [];
    let after: string | null = null;
    do {
      const query: string = after === null ? '?limit=2' : `?limit=2&after=${encodeURIComponent(after)}`;
      const page: FreezeChangesReply = await json<FreezeChangesReply>(await t.http(`/api/v1/plans/${id}/freeze-changes${query}`, { token: viewer }));
      pages.push(page);
      after = page.next;
    } while (after !== null && pages.length < 10);

    expect(pages.map((p) => p.changes.map((c) => c.id))).toEqual([['deploy-a', 'deploy-b1'], ['deploy-b2', 'deploy-c'], ['deploy-d', 'deploy-e']]);
    expect(pages.map((p) => p.next === null)).toEqual([false, false, true]);
    // Without ?limit=, one page holds them all.
    const all = await json<FreezeChangesReply>(await t.http(`/api/v1/plans/${id}/freeze-changes`, { token: viewer }));
    expect(all.changes.map((c) => c.id)).toEqual(pages.flatMap((p) => p.changes.map((c) => c.id)));
    expect(all.next).toBeNull();

    for (const bad of ['?limit=0', '?limit=5001', '?limit=two', '?after=deploy-c']) {
      expect((await t.http(`/api/v1/plans/${id}/freeze-changes${bad}`, { token: viewer })).status, bad).toBe(400);
    }
  });
});
