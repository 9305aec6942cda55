/**
 * Console presence with a real hub and real socket.io clients: consoles report their outboxes, a
 * wall lists and watches the board, a console that goes away stays listed as offline with what it
 * held, and a report is checked like any command.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { summarisePresence } from '../../shared/domain/incidents/presence.ts';
import type { PresenceBoard } from '../../shared/protocol/presence.ts';
import { useMetricsServer } from '../support/metrics-server.ts';
import { scrapedWorkspaceYaml } from '../support/minimal-workspace.ts';
import { eventually, startTestHub, type ClientSocket, type TestHub } from '../support/hub.ts';

const metricsUrl = useMetricsServer();

const workspace = scrapedWorkspaceYaml();

let t: TestHub;
afterEach(async () => t?.close());

async function tokens(): Promise<Record<'responder' | 'viewer', string>> {
  t = await startTestHub(workspace, {}, { METRICS_URL: metricsUrl() });
  const admin = await t.connect(t.adminToken);
  const out = {} as Record<'responder' | 'viewer', string>;
  for (const role of ['responder', 'viewer'] as const) {
    const created = await admin.emitWithAck('tokens:create', { name: `${role} seat`, role });
    if (!created.ok) throw new Error(created.error.message);
    out[role] = created.secret;
  }
  admin.close();
  return out;
}

async function report(socket: ClientSocket, console: string, pending: number, person: string | null = null): Promise<void> {
  const ack = await socket.emitWithAck('console:presence', { console, person, pending, refused: 0, oldestPendingAt: pending ? Date.now() : null });
  if (!ack.ok) throw new Error(ack.error.message);
}

async function board(socket: ClientSocket): Promise<PresenceBoard> {
  const ack = await socket.emitWithAck('consoles:list', {});
  if (!ack.ok) throw new Error(ack.error.message);
  return ack.board;
}

describe('console presence', () => {
  it('shows the wall which consoles are connected and which still hold entries, and who left holding some', async () => {
    const { responder, viewer } = await tokens();
    const wall = await t.connect(viewer);
    const heard: PresenceBoard[] = [];
    wall.on('consoles:presence', (b) => heard.push(b));
    const ann = await t.connect(responder);
    const bob = await t.connect(responder);
    await report(ann, 'console-ann', 0, 'ann');
    await report(bob, 'console-bob', 3, 'bob');

    const latest = () => heard.at(-1);
    await eventually('the wall to hear both consoles', () => latest()?.consoles.length === 2);
    expect(summarisePresence(latest()!.consoles).words).toBe('2 consoles, 1 with 3 unsent entries');
    expect(latest()!.consoles.map((c) => [c.console, c.person, c.pending, c.connected, c.tokenName])).toEqual([
      ['console-ann', 'ann', 0, true, 'responder seat'],
      ['console-bob', 'bob', 3, true, 'responder seat'],
    ]);
    // A wall that connects later asks for the board.
    const lateWall = await t.connect(viewer);
    expect(summarisePresence((await board(lateWall)).consoles).words).toBe('2 consoles, 1 with 3 unsent entries');

    // Bob's outbox drains: the wall hears it.
    for (const pending of [2, 1, 0]) await report(bob, 'console-bob', pending, 'bob');
    await eventually('the wall to hear the drained outbox', () => latest()?.consoles.every((c) => c.pending === 0));
    expect(summarisePresence(latest()!.consoles).words).toBe('2 consoles, all sent');

    // Ann goes away holding two entries: she stays on the board, offline, with what she held.
    await report(ann, 'console-ann', 2, 'ann');
    ann.close();
    await eventually('the wall to see ann offline', () => latest()?.consoles.find((c) => c.console === 'console-ann' && !c.connected));
    expect(summarisePresence(latest()!.consoles).words).toBe('1 console, all sent · 1 console offline with 2 unsent entries');

    // She comes back on a new socket: one row again, connected.
    const annAgain = await t.connect(responder);
    await report(annAgain, 'console-ann', 0, 'ann');
    await eventually('ann back online', () => latest()?.consoles.filter((c) => c.console === 'console-ann').length === 1 && latest()?.consoles.every((c) => c.connected));
  });

  it('refuses a report from a wall token and a malformed report, naming the field', async () => {
    const { responder, viewer } = await tokens();
    const wall = await t.connect(viewer);
    expect(await wall.emitWithAck('console:presence', { console: 'wall', person: null, pending: 0, refused: 0, oldestPendingAt: null })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'console:presence needs the responder role; this token is viewer' },
    });
    const seat = await t.connect(responder);
    const raw = seat as unknown as { emitWithAck(event: string, payload: unknown): Promise<unknown> };
    expect(await raw.emitWithAck('console:presence', { console: 'c', person: null, pending: -1, refused: 0, oldestPendingAt: null })).toMatchObject({
      ok: false,
      error: { code: 'invalid', message: expect.stringContaining('at pending') },
    });
    expect((await board(wall)).consoles).toEqual([]);
  });
});
