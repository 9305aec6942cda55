/**
 * A hub whose system clock steps back an hour (an NTP correction, a VM resumed) keeps running its
 * checks on plan and keeps moving their state: a check that starts failing is confirmed failing
 * within a few runs, not once the clock has caught up; the board's scheduler figures keep coming.
 * Staleness and snoozes count the time that really passed: a suite goes stale and a snooze ends
 * on time, not an hour late.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { applyCanaryDelta, type CanaryBoard, type CanaryDelta } from '../../shared/protocol/canaries.ts';
import { json, serve } from '../support/canaries.ts';
import type { CanaryAlertNotice } from '../../shared/protocol/canaries.ts';
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
  suites:
    - { id: heartbeat, expectEvery: 1s, staleAfter: 1500ms }
`;

/**
 * A hub whose checks' API answers `status`, with the fault: the wall clock the hub reads can step
 * back an hour (`stepBack`); the monotonic one does not.
 */
async function steppableHub(status: number) {
  const api = await serve((_req, res) => json(res, status, {}));
  cleanups.push(() => api.close());
  let stepped = 0;
  const wall = () => Date.now() + stepped;
  const t = await startTestHub(workspace, {}, { API: api.url }, { canaries: { now: wall, monotonic: () => performance.now(), flushMs: 50 } });
  cleanups.push(() => t.close());
  return { t, wall, stepBack: () => void (stepped = -3_600_000) };
}

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

describe('staleness and snoozes when the system clock steps back', () => {
  it('count the time that really passed: a silent suite goes stale and a snooze ends on time', async () => {
    const { t, wall, stepBack } = await steppableHub(503);
    const socket = await t.connect(t.adminToken);
    const alerts: CanaryAlertNotice[] = [];
    socket.on('canaries:delta', (d) => alerts.push(...d.alerts));
    expect((await socket.emitWithAck('canaries:board', {})).ok).toBe(true);
    const r = await socket.emitWithAck('tokens:create', { name: 'ci', role: 'responder' });
    if (!r.ok) throw new Error('token');
    const status = (id: string) => t.hub.canaries.entry(id).status;

    await eventually('login confirmed failing', () => status('login') === 'failing-confirmed');
    const snoozed = await socket.emitWithAck('canary:snooze', { id: 'login', until: wall() + 2500 });
    expect(snoozed.ok).toBe(true);
    const beat = await t.http('/api/v1/ingest/junit?suite=heartbeat', {
      method: 'POST',
      token: r.secret,
      headers: { 'content-type': 'application/xml' },
      body: '<testsuite name="heartbeat" tests="1"><testcase name="alive"/></testsuite>',
    });
    expect(beat.status).toBe(200);
    expect(status('heartbeat')).toBe('passing');
    expect(status('login')).toBe('acknowledged');

    stepBack();
    const steppedAt = Date.now();
    await eventually('the silent suite stale', () => status('heartbeat') === 'stale', 5000);
    await eventually('the snooze over', () => status('login') === 'failing-confirmed', 5000);
    expect(Date.now() - steppedAt).toBeLessThan(5000);
    await eventually('the reminder', () => alerts.some((a) => a.id === 'login' && a.kind === 'reminder'));
    // Times still read sensibly on the new clock: failing since before now, not an hour ahead.
    const login = t.hub.canaries.entry('login');
    expect(login.failingSince).not.toBeNull();
    expect(login.failingSince!).toBeLessThanOrEqual(wall());
    expect(login.failingSince!).toBeGreaterThan(wall() - 60_000);
  }, 30_000);
});

describe('a check run in progress when the system clock steps back', () => {
  it('is dated on the new clock: its history entry is not an hour in the future', async () => {
    let stepped = 0;
    let stepOnNextRun = false;
    const wall = () => Date.now() + stepped;
    // The step happens while the hub waits for this answer.
    const api = await serve((_req, res) => {
      if (stepOnNextRun) {
        stepOnNextRun = false;
        stepped = -3_600_000;
      }
      setTimeout(() => json(res, 200, {}), 200);
    });
    cleanups.push(() => api.close());
    const slow = `
version: 1
title: Clock
sources:
  - { id: local, type: scrape, url: "\${API}/metrics", interval: 5s, timeout: 1s }
walls:
  - { id: main, title: Main, panels: [{ id: up, title: Up, type: stat, gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: local, query: { metric: up } }] }
canaries:
  checks:
    - { id: login, name: Login, interval: 1s, timeout: 800ms, retries: { count: 0 }, request: { url: "\${API}/login" }, assert: [{ status: 200 }] }
`;
    const t = await startTestHub(slow, {}, { API: api.url }, { canaries: { now: wall, monotonic: () => performance.now(), flushMs: 50 } });
    cleanups.push(() => t.close());
    await eventually('a first run', () => t.hub.canaries.entry('login').last !== null);
    const before = t.hub.canaries.entry('login').history.runs.length;
    stepOnNextRun = true;
    await eventually('the run across the step recorded', () => stepped !== 0 && t.hub.canaries.entry('login').history.runs.length > before, 5000);
    const entry = t.hub.canaries.entry('login');
    const now = wall();
    // Its start moved back with the clock: a moment ago, not an hour ahead.
    expect(entry.last!.at).toBeLessThanOrEqual(now);
    expect(entry.last!.at).toBeGreaterThan(now - 5000);
    expect(entry.history.end).toBe(entry.last!.at);
    // Every run on the strip is in order, the newest last.
    const offsets = entry.history.runs.map(([ago]) => ago);
    expect(offsets).toEqual([...offsets].sort((a, b) => b - a));
    // Stored at that time too (the runs before the step keep the old clock's times: they ran then).
    const res = await t.http('/api/v1/canaries/login/results', { token: t.adminToken });
    const { results } = (await res.json()) as { results: { at: number }[] };
    expect(results.some((r) => r.at === entry.last!.at)).toBe(true);
  }, 20_000);
});

describe('a board followed across a step back of the system clock', () => {
  it('keeps drawing the runs: the tiles come whole with their times moved back, and no envelope draws nothing', async () => {
    const { t, wall, stepBack } = await steppableHub(200);
    const socket = await t.connect(t.adminToken);
    const reply = await socket.emitWithAck('canaries:board', {});
    if (!reply.ok) throw new Error(reply.error.message);
    let board = reply.board;
    const empty: CanaryDelta[] = [];
    socket.on('canaries:delta', (d) => {
      const next = applyCanaryDelta(board, d);
      if (next === null) throw new Error(`delta ${d.seq} does not follow board ${board.seq}`);
      if (d.alerts.length + d.notices.length + d.removed.length === 0 && next.entries.every((e, i) => JSON.stringify(e) === JSON.stringify(board.entries[i]))) empty.push(d);
      board = next;
    });
    const login = () => board.entries.find((e) => e.id === 'login')!;
    await eventually('passing, a few runs on the strip', () => login().status === 'passing' && login().history.runs.length >= 3);

    stepBack();
    const steppedAt = wall();
    await new Promise((r) => setTimeout(r, 2000));
    expect(empty.map((d) => ({ seq: d.seq, runs: d.runs.length, changed: d.changed.length }))).toEqual([]);
    // The strip shows the runs since the step, dated on the new clock.
    expect(login().history.end).toBeGreaterThanOrEqual(steppedAt);
    expect(login().history.end).toBeLessThanOrEqual(wall());
    const fresh = await socket.emitWithAck('canaries:board', {});
    if (!fresh.ok) throw new Error(fresh.error.message);
    await eventually('the view at the fresh board', () => board.seq >= fresh.board.seq);
    expect(login().history.end).toBeGreaterThanOrEqual(fresh.board.entries.find((e) => e.id === 'login')!.history.end);
  }, 20_000);
});
