/**
 * A hub whose system clock steps back an hour (an NTP correction, a VM resumed) keeps running its
 * checks on plan and keeps moving their state: a check that starts failing is confirmed failing
 * within a few runs, not once the clock has caught up; the board's scheduler figures keep coming.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CanaryBoard, CanaryDelta } from '../../shared/protocol/canaries.ts';
import { json, serve } from '../support/canaries.ts';
import { eventually, startTestHub } from '../support/hub.ts';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const workspace = `
version: 1
title: Clock
sources:
  - { id: local, type: scrape, url: "\${API}/metrics", interval: 5s, timeout: 1s }
walls:
  - id: main
    title: Main
    panels:
      - { id: up, title: Up, type: stat, gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: local, query: { metric: up } }
canaries:
  defaults: { interval: 300ms, timeout: 250ms, retries: { count: 0 }, confirm: { consecutive: 2 } }
  checks:
    - { id: login, name: Login, request: { url: "\${API}/login" }, assert: [{ status: 200 }] }
`;

describe('canaries when the system clock steps back', () => {
  it('keep running and changing state, and the board keeps its scheduler figures', async () => {
    let status = 200;
    const api = await serve((_req, res) => json(res, status, {}));
    cleanups.push(() => api.close());
    let stepped = 0;
    const wall = () => Date.now() + stepped;
    const t = await startTestHub(workspace, {}, { API: api.url }, { canaries: { now: wall, flushMs: 50 } });
    cleanups.push(() => t.close());
    const socket = await t.connect(t.adminToken);
    const deltas: CanaryDelta[] = [];
    socket.on('canaries:delta', (d) => deltas.push(d));
    const board = await socket.emitWithAck('canaries:board', {});
    expect((board as { ok: boolean }).ok).toBe(true);
    await eventually('passing', () => t.hub.canaries.entry('login').status === 'passing');
    await eventually('scheduler figures on the board', () => deltas.some((d) => d.scheduler !== undefined));

    stepped = -3_600_000;
    const hitsAtStep = api.hits();
    status = 503;
    await eventually('confirmed failing after the clock stepped back', () => t.hub.canaries.entry('login').status === 'failing-confirmed', 5000);
    expect(api.hits()).toBeGreaterThanOrEqual(hitsAtStep + 2);
    const sinceStep = deltas.length;
    await eventually('scheduler figures again', () => deltas.slice(sinceStep).some((d) => d.scheduler !== undefined), 8000);
    const reply = (await socket.emitWithAck('canaries:board', {})) as { ok: true; board: CanaryBoard };
    expect(reply.board.scheduler.runs).toBeGreaterThan(0);
  }, 30_000);
});
