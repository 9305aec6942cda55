/**
 * The andon prompts still outstanding are part of what a console gets when it connects: one that
 * connects (or reconnects, or reloads, or finds the hub restarted) after a critical check's failure
 * was confirmed is prompted too, for as long as nobody has acted on it. Once someone acknowledges
 * it (declaring from the prompt does) or the check recovers, it is withdrawn on every console.
 *
 * An incident declared from a canary's prompt (or one a person links the failure to) is that
 * failure's: it starts with what the canary knew (the affected service, impact started = failing
 * since, detected = confirmed, the failed check and its error in the timeline), and while it is
 * open the check's recovery and later failures are written to it instead of asking "Declare an
 * incident?" again — across a hub restart too. Once it is resolved, the next failure asks again.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { ulid } from 'ulid';
import { afterEach, describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../shared/model/incident.ts';
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
    - { id: entitlement, name: Entitlement, service: entitlement, critical: true, runbook: "https://wiki.example.com/runbooks/entitlement", request: { url: "\${API}/entitlement" }, assert: [{ status: 200 }] }
    - { id: manifest, name: Manifest, service: manifest, critical: true, request: { url: "\${API}/manifest" }, assert: [{ status: 200 }] }
`;

/** A console as the app makes one: its listeners are on before it connects, so it misses nothing the hub says. */
interface Console {
  socket: ClientSocket;
  /** Every `canary:andons` received, in order: the first is the one sent on connecting. */
  outstanding: CanaryAndon[][];
  /** Every `canary:andon` received (raised, recovered). */
  raised: CanaryAndon[];
}

function connectConsole(t: TestHub): Promise<Console> {
  const socket: ClientSocket = io(t.hub.url, { auth: { token: t.adminToken }, transports: ['websocket'], reconnection: false, forceNew: true, autoConnect: false });
  cleanups.push(() => void socket.close());
  const outstanding: CanaryAndon[][] = [];
  const raised: CanaryAndon[] = [];
  socket.on('canary:andons', (list) => outstanding.push(list));
  socket.on('canary:andon', (a) => raised.push(a));
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve({ socket, outstanding, raised }));
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

async function timeline(socket: ClientSocket, incidentId: string): Promise<TimelineEntry[]> {
  const ack = await socket.emitWithAck('incident:sync', { afterSeq: 0, incidentId });
  if (!ack.ok) throw new Error(ack.error.message);
  return ack.entries;
}

const notes = (entries: TimelineEntry[]) => entries.filter((e) => e.kind === 'note').map((e) => e.text);
const markerAt = (entries: TimelineEntry[], marker: string) => entries.find((e) => e.kind === 'marker' && e.data.marker === marker)?.occurredAt;

async function resolve(t: TestHub, incidentId: string): Promise<void> {
  for (const to of ['mitigated', 'resolved']) {
    const res = await t.http(`/api/v1/incidents/${incidentId}/entries`, {
      method: 'POST',
      token: t.adminToken,
      headers: { 'content-type': 'application/json', 'idempotency-key': ulid() },
      body: JSON.stringify({ kind: 'status', text: '', occurredAt: Date.now(), data: { status: to } }),
    });
    expect(res.status).toBe(200);
  }
}

describe('an incident declared from a canary prompt', () => {
  it('records the failure, and keeps the check with it while open: no prompt again, its results in the timeline, after a restart too', async () => {
    const status: Record<string, number> = { '/entitlement': 200, '/manifest': 200 };
    const api = await serve((req, res) => json(res, status[req.url ?? ''] ?? 404, {}));
    cleanups.push(() => api.close());
    const dataRoot = await mkdtemp(join(tmpdir(), 'mc-andon-incident-'));
    cleanups.push(() => rm(dataRoot, { recursive: true, force: true }));
    const dataDir = join(dataRoot, 'data');
    let t = await startTestHub(workspace, { dataDir }, { API: api.url });
    cleanups.push(() => t.close());
    let room = await connectConsole(t);
    await eventually('passing', () => t.hub.canaries.entry('entitlement').status === 'passing');

    status['/entitlement'] = 503;
    const prompt = await eventually('the prompt', () => room.raised.find((a) => a.id === 'entitlement' && a.kind === 'failure'));
    const failingSince = prompt.failingSince!;
    expect(failingSince).toBeLessThan(prompt.at);

    // Declared from the prompt, as the console does: the incident is the canary's.
    const id = ulid();
    const declared = await room.socket.emitWithAck('incident:declare', { id, title: 'Entitlement failing', severity: 2, author: 'Ana', console: 'test', canary: 'entitlement' });
    if (!declared.ok) throw new Error(declared.error.message);
    expect(declared.incident.impactStartedAt).toBe(failingSince);
    const first = await timeline(room.socket, id);
    expect(first.find((e) => e.kind === 'bookkeeping')?.data).toMatchObject({ service: 'entitlement' });
    expect(markerAt(first, 'impact_started')).toBe(failingSince);
    expect(markerAt(first, 'detected')).toBe(prompt.at);
    expect(notes(first)).toEqual([expect.stringMatching(/^Canary Entitlement \(entitlement\) confirmed failing: 2 consecutive failed runs \(.*503/)]);
    await eventually('the prompt withdrawn', () => latest(room)?.length === 0);
    expect(t.hub.canaries.entry('entitlement').ack?.by).toBe('Ana');

    // It recovers, then fails again a moment later: no prompt, both written to the incident.
    status['/entitlement'] = 200;
    await eventually('recovered', () => t.hub.canaries.entry('entitlement').status === 'passing');
    const raisedBefore = room.raised.filter((a) => a.kind === 'failure').length;
    status['/entitlement'] = 500;
    await eventually('failing again, in the incident', async () => notes(await timeline(room.socket, id)).some((n) => /^Entitlement failing again: confirmed failing/.test(n)));
    expect(notes(await timeline(room.socket, id))).toContainEqual(expect.stringMatching(/^Entitlement recovered after /));
    // Acted on already: acknowledged for its incident (walls do not hold for it).
    await eventually('acknowledged for the incident', () => t.hub.canaries.entry('entitlement').ack?.by === 'canaries');
    expect(room.raised.filter((a) => a.kind === 'failure')).toHaveLength(raisedBefore);
    expect(latest(room)).toEqual([]);

    // A restart in the middle of that failure asks nothing either.
    await t.close();
    t = await startTestHub(workspace, { dataDir }, { API: api.url });
    room = await connectConsole(t);
    await eventually('told what is outstanding', () => latest(room) !== undefined);
    await eventually('still failing, acknowledged, after the restart', () => t.hub.canaries.entry('entitlement').status === 'acknowledged');
    await new Promise((r) => setTimeout(r, 1000));
    expect(latest(room)).toEqual([]);
    expect(room.raised.filter((a) => a.kind === 'failure')).toEqual([]);

    // Another check failing, linked by a person to the open incident: its prompt goes too.
    status['/manifest'] = 503;
    await eventually('the manifest prompt', () => latest(room)?.includes('manifest:failure'));
    const linked = await room.socket.emitWithAck('canary:link', { id: 'manifest', incidentId: id, note: 'same outage', by: 'Ben' });
    if (!linked.ok) throw new Error(linked.error.message);
    await eventually('the manifest prompt withdrawn', () => latest(room)?.length === 0);
    expect(notes(await timeline(room.socket, id))).toContainEqual(expect.stringMatching(/^Canary Manifest \(manifest\) confirmed failing: .*, added by Ben$/));
    status['/manifest'] = 200;
    await eventually('manifest recovered', () => t.hub.canaries.entry('manifest').status === 'passing');
    status['/manifest'] = 503;
    await eventually('manifest failing again, in the incident', async () => notes(await timeline(room.socket, id)).some((n) => n.startsWith('Manifest failing again')));
    expect(latest(room)).toEqual([]);

    // Resolved: the next failure is a new one, and the room is asked again.
    await resolve(t, id);
    status['/entitlement'] = 200;
    await eventually('recovered once more', () => t.hub.canaries.entry('entitlement').status === 'passing');
    status['/entitlement'] = 503;
    await eventually('asked again once the incident is resolved', () => latest(room)?.includes('entitlement:failure'));
  }, 60_000);

  it('two consoles declaring on the same prompt: the second incident is kept, flagged as a possible duplicate of the first', async () => {
    const status: Record<string, number> = { '/entitlement': 200, '/manifest': 200 };
    const api = await serve((req, res) => json(res, status[req.url ?? ''] ?? 404, {}));
    cleanups.push(() => api.close());
    const t = await startTestHub(workspace, {}, { API: api.url });
    cleanups.push(() => t.close());
    const [ana, ben] = [await connectConsole(t), await connectConsole(t)];
    await eventually('passing', () => t.hub.canaries.entry('entitlement').status === 'passing');
    status['/entitlement'] = 503;
    await eventually('both prompted', () => ana.raised.some((a) => a.kind === 'failure') && ben.raised.some((a) => a.kind === 'failure'));

    const [first, second] = [ulid(), ulid()];
    const declare = (c: Console, id: string, author: string) =>
      c.socket.emitWithAck('incident:declare', { id, title: 'Entitlement failing', severity: 2, author, console: author, canary: 'entitlement' });
    const replies = await Promise.all([declare(ana, first, 'Ana'), declare(ben, second, 'Ben')]);
    expect(replies.map((r) => r.ok)).toEqual([true, true]);
    expect(notes(await timeline(ana.socket, first)).some((n) => n.startsWith('Possible duplicate'))).toBe(false);
    expect(notes(await timeline(ben.socket, second))).toContainEqual(`Possible duplicate: this failure of Entitlement is already incident "Entitlement failing" (${first}), declared first`);
    // The failure stays with the first incident.
    status['/entitlement'] = 200;
    await eventually('recovered, in the first incident', async () => notes(await timeline(ana.socket, first)).some((n) => n.startsWith('Entitlement recovered')));
    expect(notes(await timeline(ben.socket, second)).some((n) => n.startsWith('Entitlement recovered'))).toBe(false);
  }, 30_000);
});
