/**
 * `autoDeclare` on a check: when its failure is confirmed the hub declares an incident by itself
 * (the incident service's declare: listed, broadcast, with the check in its title), once per
 * failure: more failed runs and a hub restart in the middle of the failure declare nothing more;
 * failing again while its incident is still open (flapping) is that incident; once the incident is
 * resolved, the next confirmed failure is a new incident. The andon prompt names it. The incident
 * starts with what the check knew (service, impact start, detected, the failed check), and a
 * failure again while it is open is written to its timeline.
 */
import { createServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ulid } from 'ulid';
import { afterEach, describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../shared/model/incident.ts';
import type { CanaryAndon } from '../../shared/protocol/canaries.ts';
import type { IncidentSummary } from '../../shared/protocol/incidents.ts';
import { eventually, startTestHub, type ClientSocket, type TestHub } from '../support/hub.ts';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const workspace = `
version: 1
title: Auto-declare
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
    - id: entitlement
      name: Entitlement
      service: entitlement
      critical: true
      autoDeclare: { severity: 2 }
      request: { url: "\${API}/entitlement" }
      assert: [{ status: 200 }]
    - id: quiet
      name: Quiet one
      request: { url: "\${API}/entitlement" }
      assert: [{ status: 200 }]
`;

async function incidents(socket: ClientSocket): Promise<IncidentSummary[]> {
  const reply = await socket.emitWithAck('incidents:list', {});
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.incidents;
}

async function timeline(socket: ClientSocket, incidentId: string): Promise<TimelineEntry[]> {
  const ack = await socket.emitWithAck('incident:sync', { afterSeq: 0, incidentId });
  if (!ack.ok) throw new Error(ack.error.message);
  return ack.entries;
}

describe('canaries that declare incidents', () => {
  it('declares once per confirmed failure, not again after a restart, and again after a recovery', async () => {
    let status = 200;
    const api = createServer((_req, res) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end('{}');
    });
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', () => r()));
    cleanups.push(() => new Promise<void>((r) => api.close(() => r())));
    const vars = { API: `http://127.0.0.1:${(api.address() as { port: number }).port}` };
    const dataRoot = await mkdtemp(join(tmpdir(), 'mc-autodeclare-'));
    cleanups.push(() => rm(dataRoot, { recursive: true, force: true }));
    const dataDir = join(dataRoot, 'data');

    let t: TestHub = await startTestHub(workspace, { dataDir }, vars);
    cleanups.push(() => t.close());
    let socket = await t.connect(t.adminToken);
    const andons: CanaryAndon[] = [];
    socket.on('canary:andon', (a) => andons.push(a));
    await eventually('passing', () => t.hub.canaries.entry('entitlement').status === 'passing');
    expect(await incidents(socket)).toHaveLength(0);

    status = 503;
    const [first] = await eventually('an incident', async () => {
      const list = await incidents(socket);
      return list.length > 0 && list;
    });
    expect(first!.title).toMatch(/^Entitlement failing: /);
    expect(first!.severity).toBe(2);
    expect(first!.open).toBe(true);
    // It starts with what the canary knew, as one declared from the prompt does.
    const declaredLog = await timeline(socket, first!.id);
    expect(declaredLog.find((e) => e.kind === 'bookkeeping')?.data).toMatchObject({ service: 'entitlement' });
    expect(first!.impactStartedAt).toEqual(expect.any(Number));
    expect(declaredLog.some((e) => e.kind === 'marker' && e.data.marker === 'detected')).toBe(true);
    expect(declaredLog.some((e) => e.kind === 'note' && /^Canary Entitlement \(entitlement\) confirmed failing/.test(e.text))).toBe(true);
    const failure = await eventually('the andon', () => andons.find((a) => a.kind === 'failure'));
    expect(failure.declaredIncidentId).toBe(first!.id);

    // More failed runs, then a restart in the middle of the same failure: nothing more.
    const runs = t.hub.canaries.entry('entitlement').history.runs.length;
    await eventually('more failed runs', () => t.hub.canaries.entry('entitlement').history.runs.length >= runs + 3);
    await t.close();
    t = await startTestHub(workspace, { dataDir }, vars);
    socket = await t.connect(t.adminToken);
    await eventually('failing-confirmed after the restart', () => t.hub.canaries.entry('entitlement').status === 'failing-confirmed');
    const before = t.hub.canaries.entry('entitlement').history.runs.length;
    await eventually('runs after the restart', () => t.hub.canaries.entry('entitlement').history.runs.length >= Math.min(before + 3, 30) && t.hub.canaries.entry('entitlement').lastResultAt! > Date.now() - 1000);
    expect((await incidents(socket)).map((i) => i.id)).toEqual([first!.id]);
    // The check without autoDeclare never declared anything.
    expect(t.hub.canaries.entry('quiet').status).toBe('failing-confirmed');

    // Flapping: a recovery, then a new failure while the incident is still open: the same
    // incident, told in its timeline, with no prompt on the consoles.
    socket.on('canary:andon', (a) => andons.push(a));
    status = 200;
    await eventually('recovered', () => t.hub.canaries.entry('entitlement').status === 'passing');
    const failuresBefore = andons.filter((a) => a.kind === 'failure').length;
    status = 500;
    await eventually('failing again, in the incident', async () => (await timeline(socket, first!.id)).some((e) => e.kind === 'note' && e.text.startsWith('Entitlement failing again')));
    expect(andons.filter((a) => a.kind === 'failure')).toHaveLength(failuresBefore);
    expect((await incidents(socket)).map((i) => i.id)).toEqual([first!.id]);

    // The incident resolved, a recovery, then a new failure: a new incident.
    for (const to of ['mitigated', 'resolved']) {
      const res = await t.http(`/api/v1/incidents/${first!.id}/entries`, {
        method: 'POST',
        token: t.adminToken,
        headers: { 'content-type': 'application/json', 'idempotency-key': ulid() },
        body: JSON.stringify({ kind: 'status', text: '', occurredAt: Date.now(), data: { status: to } }),
      });
      expect(res.status).toBe(200);
    }
    status = 200;
    await eventually('recovered again', () => t.hub.canaries.entry('entitlement').status === 'passing');
    status = 500;
    const list = await eventually('a second incident', async () => {
      const l = await incidents(socket);
      return l.length === 2 && l;
    });
    expect(list.map((i) => i.id)).toContain(first!.id);
  }, 60_000);

  it('names the declared incident again when a snooze on its failure ends, instead of asking to declare another', async () => {
    const api = createServer((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end('{}');
    });
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', () => r()));
    cleanups.push(() => new Promise<void>((r) => api.close(() => r())));
    const t = await startTestHub(workspace, {}, { API: `http://127.0.0.1:${(api.address() as { port: number }).port}` });
    cleanups.push(() => t.close());
    const socket = await t.connect(t.adminToken);
    const andons: CanaryAndon[] = [];
    socket.on('canary:andon', (a) => andons.push(a));
    const failure = await eventually('the failure declared', () => andons.find((a) => a.id === 'entitlement' && a.kind === 'failure'));
    expect(failure.declaredIncidentId).toEqual(expect.any(String));

    const snooze = await socket.emitWithAck('canary:snooze', { id: 'entitlement', until: Date.now() + 1000 });
    expect(snooze.ok).toBe(true);
    const reminder = await eventually('the reminder', () => andons.find((a) => a.id === 'entitlement' && a.kind === 'reminder'));
    expect(reminder.declaredIncidentId).toBe(failure.declaredIncidentId);
    expect(await incidents(socket)).toHaveLength(1);
  }, 30_000);
});
