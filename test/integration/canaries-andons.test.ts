/**
 * The andon prompts still outstanding are part of what a console gets when it connects: one that
 * connects (or reconnects, or reloads, or finds the hub restarted) after a critical check's failure
 * was confirmed is prompted too, for as long as nobody has acted on it. Once someone acknowledges
 * it (declaring from the prompt does) or the check recovers, it is withdrawn on every console.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { CanaryAndon } from '../../shared/protocol/canaries.ts';
import { json, serve } from '../support/canaries.ts';
import { eventually, startTestHub, type ClientSocket, type TestHub } from '../support/hub.ts';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const workspace = `
version: 1
title: Andons
sources:
  - { id: local, type: scrape, url: "\${API}/metrics", interval: 5s, timeout: 1s }
walls:
  - id: main
    title: Main
    panels:
      - { id: up, title: Up, type: stat, gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: local, query: { metric: up } }
canaries:
  defaults: { interval: 300ms, timeout: 250ms, retries: { count: 0 }, confirm: { consecutive: 2 }, recoverAfter: 1 }
  checks:
    - { id: entitlement, name: Entitlement, critical: true, runbook: "https://wiki.example.com/runbooks/entitlement", request: { url: "\${API}/entitlement" }, assert: [{ status: 200 }] }
    - { id: manifest, name: Manifest, critical: true, request: { url: "\${API}/manifest" }, assert: [{ status: 200 }] }
`;

/** A console as the app makes one: its listeners are on before it connects, so it misses nothing the hub says. */
interface Console {
  socket: ClientSocket;
  /** Every `canary:andons` received, in order: the first is the one sent on connecting. */
  outstanding: CanaryAndon[][];
}

function connectConsole(t: TestHub): Promise<Console> {
  const socket: ClientSocket = io(t.hub.url, { auth: { token: t.adminToken }, transports: ['websocket'], reconnection: false, forceNew: true, autoConnect: false });
  cleanups.push(() => void socket.close());
  const outstanding: CanaryAndon[][] = [];
  socket.on('canary:andons', (list) => outstanding.push(list));
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve({ socket, outstanding }));
    socket.once('connect_error', reject);
    socket.connect();
  });
}

const latest = (c: Console) => c.outstanding.at(-1)?.map((a) => `${a.id}:${a.kind}`).sort();

describe('andon prompts for consoles that connect late', () => {
  it('are sent on connecting until acted on or recovered, then withdrawn everywhere; a restart keeps them', async () => {
    const status: Record<string, number> = { '/entitlement': 200, '/manifest': 200 };
    const api = await serve((req, res) => json(res, status[req.url ?? ''] ?? 404, {}));
    cleanups.push(() => api.close());
    const dataRoot = await mkdtemp(join(tmpdir(), 'mc-andons-'));
    cleanups.push(() => rm(dataRoot, { recursive: true, force: true }));
    const dataDir = join(dataRoot, 'data');
    let t = await startTestHub(workspace, { dataDir }, { API: api.url });
    cleanups.push(() => t.close());

    const early = await connectConsole(t);
    await eventually('the first console told nothing is outstanding', () => early.outstanding.length > 0);
    expect(latest(early)).toEqual([]);
    await eventually('passing', () => t.hub.canaries.entry('entitlement').status === 'passing' && t.hub.canaries.entry('manifest').status === 'passing');

    status['/entitlement'] = 503;
    status['/manifest'] = 503;
    await eventually('both prompts raised', () => latest(early)?.length === 2 && latest(early));
    expect(latest(early)).toEqual(['entitlement:failure', 'manifest:failure']);

    // A console that was not there, and one reloaded: prompted on connecting, with the check's words.
    const late = await connectConsole(t);
    await eventually('the late console prompted', () => late.outstanding.length > 0);
    expect(late.outstanding[0]!.map((a) => a.id).sort()).toEqual(['entitlement', 'manifest']);
    expect(late.outstanding[0]!.find((a) => a.id === 'entitlement')).toMatchObject({ name: 'Entitlement', kind: 'failure', failingSince: expect.any(Number), message: expect.stringMatching(/^confirmed failing/) });
    // The prompt carries the check's runbook, one click from the console; a check without one has none.
    expect(late.outstanding[0]!.find((a) => a.id === 'entitlement')!.runbook).toBe('https://wiki.example.com/runbooks/entitlement');
    expect(late.outstanding[0]!.find((a) => a.id === 'manifest')!.runbook).toBeUndefined();

    // Someone acts on one (declaring from the prompt acknowledges it): withdrawn on every console.
    const ack = await late.socket.emitWithAck('canary:ack', { id: 'entitlement', note: 'incident declared: Entitlement failing' });
    expect(ack.ok).toBe(true);
    await eventually('withdrawn on the early console', () => latest(early)?.join() === 'manifest:failure');
    await eventually('withdrawn on the late console', () => latest(late)?.join() === 'manifest:failure');
    const afterAck = await connectConsole(t);
    await eventually('a new console prompted only for the other', () => afterAck.outstanding.length > 0);
    expect(latest(afterAck)).toEqual(['manifest:failure']);

    // The hub restarts while the manifest check still fails, unacknowledged: still outstanding.
    await t.close();
    t = await startTestHub(workspace, { dataDir }, { API: api.url });
    const afterRestart = await connectConsole(t);
    await eventually('prompted after the restart', () => afterRestart.outstanding.length > 0);
    expect(latest(afterRestart)).toEqual(['manifest:failure']);

    // The check recovers: withdrawn everywhere, and nobody connecting later is prompted.
    status['/manifest'] = 200;
    await eventually('withdrawn on recovery', () => latest(afterRestart)?.length === 0, 10_000);
    const afterRecovery = await connectConsole(t);
    await eventually('a new console told nothing is outstanding', () => afterRecovery.outstanding.length > 0);
    expect(latest(afterRecovery)).toEqual([]);
  }, 60_000);
});
