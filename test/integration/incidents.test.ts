/**
 * Incidents on a real hub with real socket.io clients and a real SQLite file: who may write, the
 * domain rules enforced on the hub (lifecycle, handoffs, edits, closing), idempotent commands
 * over sockets and REST, changes and deploys, the postmortem, and a restart that rebuilds it all
 * from the log.
 */
import { ulid } from 'ulid';
import { afterEach, describe, expect, it } from 'vitest';
import { parseScribeLine } from '../../shared/domain/incidents/scribe-line.ts';
import { markerLine } from '../../renderer/incidents/scribe.ts';
import { reviseEntry } from '../../shared/domain/incidents/timeline.ts';
import type { TimelineEntry } from '../../shared/model/incident.ts';
import { startHub } from '../../electron/hub/hub.ts';
import type { IncidentCommand, IncidentSummary } from '../../shared/protocol/incidents.ts';
import { useMetricsServer } from '../support/metrics-server.ts';
import { scrapedWorkspaceYaml } from '../support/minimal-workspace.ts';
import { eventually, startTestHub, type ClientSocket, type TestHub } from '../support/hub.ts';

const metricsUrl = useMetricsServer();

const workspace = scrapedWorkspaceYaml('timezone: Europe/Amsterdam\n');

let t: TestHub;
afterEach(async () => t?.close());

const MIN = 60_000;
const json = { 'content-type': 'application/json' };

interface Room {
  admin: ClientSocket;
  responder: ClientSocket;
  responderSecret: string;
  viewer: ClientSocket;
  viewerSecret: string;
}

/** How far the hub's incident clock runs ahead of the real one. */
let skew = 0;

async function room(): Promise<Room> {
  skew = 0;
  t = await startTestHub(workspace, {}, { METRICS_URL: metricsUrl() });
  const admin = await t.connect(t.adminToken);
  const tokens = {} as Record<'responder' | 'viewer', string>;
  for (const role of ['responder', 'viewer'] as const) {
    const created = await admin.emitWithAck('tokens:create', { name: `${role} seat`, role });
    if (!created.ok) throw new Error(created.error.message);
    tokens[role] = created.secret;
  }
  return {
    admin,
    responder: await t.connect(tokens.responder),
    responderSecret: tokens.responder,
    viewer: await t.connect(tokens.viewer),
    viewerSecret: tokens.viewer,
  };
}

/** The test hub's configuration, to start another hub on its data folder. */
const configFor = (hub: TestHub) => ({
  host: '127.0.0.1',
  port: 0,
  dataDir: `${hub.dir}/data`,
  workspaceFile: hub.workspaceFile,
  demo: false,
  demoPort: 0,
  demoSpeed: 1,
  uiDir: null,
  allowedOrigins: [],
  adminTokenSeed: hub.adminToken,
  rateLimitPerSecond: 1000,
  watchWorkspace: false,
});

async function declare(socket: ClientSocket, fields: { title?: string; severity?: 1 | 2 | 3 | 4; author?: string; occurredAt?: number } = {}): Promise<IncidentSummary> {
  const ack = await socket.emitWithAck('incident:declare', {
    id: ulid(),
    title: fields.title ?? '403s on the EU edge',
    severity: fields.severity ?? 1,
    author: fields.author ?? 'ann',
    console: 'console-1',
    ...(fields.occurredAt === undefined ? {} : { occurredAt: fields.occurredAt }),
  });
  if (!ack.ok) throw new Error(ack.error.message);
  return ack.incident;
}

/** A command as a console builds it. */
const command = (incidentId: string, fields: Partial<IncidentCommand> & { kind: IncidentCommand['kind'] }): IncidentCommand =>
  ({ id: ulid(), incidentId, text: '', occurredAt: Date.now(), author: 'ann', console: 'console-1', data: {}, ...fields }) as IncidentCommand;

async function send(socket: ClientSocket, cmd: IncidentCommand): Promise<number> {
  const ack = await socket.emitWithAck('incident:command', cmd);
  if (!ack.ok) throw new Error(`${cmd.kind} refused: ${ack.error.message}`);
  return ack.seq;
}

async function log(socket: ClientSocket, incidentId?: string): Promise<TimelineEntry[]> {
  const ack = await socket.emitWithAck('incident:sync', { afterSeq: 0, ...(incidentId ? { incidentId } : {}) });
  if (!ack.ok) throw new Error(ack.error.message);
  return ack.entries;
}

describe('who may write', () => {
  it('lets a viewer list, sync and watch, but never declare or write, over sockets and REST', async () => {
    const { responder, viewer, viewerSecret } = await room();
    const seen: TimelineEntry[] = [];
    viewer.on('incident:entry', (e) => seen.push(e));
    const incident = await declare(responder);
    expect(incident).toMatchObject({ title: '403s on the EU edge', severity: 1, status: 'declared', commander: 'ann', open: true, openTasks: 0 });
    // The wall sees the declaration: title, declared marker, severity, commander.
    await eventually('the wall to see the declaration', () => seen.length === 4);
    expect(seen.map((e) => e.kind)).toEqual(['bookkeeping', 'marker', 'severity', 'role']);

    const denied = await viewer.emitWithAck('incident:declare', { id: ulid(), title: 'sneaky', severity: 4, author: 'wall', console: 'wall' });
    expect(denied).toEqual({ ok: false, error: { code: 'forbidden', message: 'incident:declare needs the responder role; this token is viewer' } });
    const write = await viewer.emitWithAck('incident:command', command(incident.id, { kind: 'note', text: 'from the wall' }));
    expect(write).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const restDeclare = await t.http('/api/v1/incidents', { method: 'POST', token: viewerSecret, headers: json, body: JSON.stringify({ title: 'x', severity: 2 }) });
    expect(restDeclare.status).toBe(403);
    const restEntry = await t.http(`/api/v1/incidents/${incident.id}/entries`, {
      method: 'POST',
      token: viewerSecret,
      headers: { ...json, 'idempotency-key': ulid() },
      body: JSON.stringify({ kind: 'note', text: 'x' }),
    });
    expect(restEntry.status).toBe(403);

    const listed = await viewer.emitWithAck('incidents:list', {});
    expect(listed.ok && listed.incidents.map((i) => i.id)).toEqual([incident.id]);
    expect(await log(viewer)).toHaveLength(4);
    expect((await t.http('/api/v1/incidents', { token: viewerSecret })).status).toBe(200);
  });

  it('answers an invalid command with a clear error and stores nothing', async () => {
    const { responder } = await room();
    const incident = await declare(responder);
    const raw = responder as unknown as { emitWithAck(event: string, payload: unknown): Promise<unknown> };
    expect(await raw.emitWithAck('incident:command', { ...command(incident.id, { kind: 'status' }), data: { status: 'exploded' } })).toEqual({
      ok: false,
      error: { code: 'invalid', message: expect.stringMatching(/^invalid incident:command payload at data\.status: .*"investigating"/) },
    });
    expect(await raw.emitWithAck('incident:command', { ...command(incident.id, { kind: 'note' }), id: 'not-a-ulid' })).toMatchObject({
      ok: false,
      error: { code: 'invalid', message: expect.stringContaining('at id: expected a ULID') },
    });
    expect(await raw.emitWithAck('incident:command', command(ulid(), { kind: 'note', text: 'nowhere' }))).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringContaining('no incident with id') },
    });
    expect(await log(responder)).toHaveLength(4);
  });
});

describe('the domain rules, enforced on the hub', () => {
  it('refuses a status change the lifecycle forbids, and stores nothing', async () => {
    const { responder } = await room();
    const incident = await declare(responder);
    await send(responder, command(incident.id, { kind: 'status', data: { status: 'mitigated' } }));
    await send(responder, command(incident.id, { kind: 'status', data: { status: 'resolved' } }));
    const before = await log(responder);
    const refused = await responder.emitWithAck('incident:command', command(incident.id, { kind: 'status', data: { status: 'identified' } }));
    expect(refused).toEqual({ ok: false, error: { code: 'invalid', message: 'status "identified" cannot follow "resolved"' } });
    const back = await responder.emitWithAck('incident:command', command(incident.id, { kind: 'status', data: { status: 'declared' } }));
    expect(back).toMatchObject({ ok: false, error: { message: 'status "declared" cannot follow "resolved"' } });
    expect(await log(responder)).toEqual(before);
    // Reopening is allowed: impact came back.
    await send(responder, command(incident.id, { kind: 'status', data: { status: 'investigating' } }));
  });

  it('sets the mitigated and resolved markers from the scribe line’s "!status", so the durations are measured', async () => {
    const { responder, responderSecret } = await room();
    const start = Date.now();
    const incident = await declare(responder, { occurredAt: start });
    const ctx = (status: IncidentSummary['status']) => ({ firstKeystrokeAt: Date.now(), now: Date.now(), timeZone: 'Europe/Amsterdam', currentStatus: status });
    const lineCommand = (line: string, status: IncidentSummary['status']) => {
      const parsed = parseScribeLine(line, ctx(status));
      if (!parsed.ok) throw new Error(parsed.error);
      return command(incident.id, { kind: parsed.kind, text: parsed.text, occurredAt: parsed.occurredAt, data: parsed.data } as Partial<IncidentCommand> & { kind: IncidentCommand['kind'] });
    };
    await send(responder, lineCommand('!mark impact -20m', 'declared'));
    await send(responder, lineCommand('!status mitigated -2m rolled back', 'declared'));
    const durations = async () => {
      const body = (await (await t.http(`/api/v1/incidents/${incident.id}/timeline`, { token: responderSecret })).json()) as {
        projection: { markers: Record<string, number>; durations: Record<string, { ms: number | null; state: string }> };
      };
      return body.projection;
    };
    const mitigated = await durations();
    expect(mitigated.durations.mitigate).toEqual({ ms: expect.any(Number), state: 'ok' });
    expect(mitigated.durations.mitigate!.ms).toBeGreaterThanOrEqual(18 * MIN - 5000);
    expect(mitigated.durations.mitigate!.ms).toBeLessThanOrEqual(18 * MIN + 5000);
    await send(responder, lineCommand('!status resolved', 'mitigated'));
    const resolved = await durations();
    expect(resolved.durations.resolve).toMatchObject({ state: 'ok' });
    expect(resolved.markers.mitigated).toBe(mitigated.markers.mitigated);
    expect((await log(responder)).filter((e) => e.kind === 'marker').map((e) => e.kind === 'marker' && e.data.marker)).toEqual(['declared', 'impact_started', 'mitigated', 'resolved']);
  });

  it('makes a marker a key moment however it is logged, and "mitigated"/"resolved" markers move the status unless it is further along', async () => {
    const { responder, responderSecret, viewer } = await room();
    const summaries: IncidentSummary[] = [];
    viewer.on('incident:summary', (s) => summaries.push(s));
    const incident = await declare(responder, { author: 'bob', occurredAt: Date.now() - 30 * MIN });
    const status = async () => ((await responder.emitWithAck('incidents:list', {})) as { incidents: IncidentSummary[] }).incidents[0]!.status;
    // As Alt+5 logs it, sent without a pin (as a bot or an older console would).
    const alt = (marker: 'mitigated' | 'resolved', typed: string, current: IncidentSummary['status']) => {
      const parsed = parseScribeLine(markerLine(marker, typed), { firstKeystrokeAt: Date.now(), now: Date.now(), timeZone: 'Europe/Amsterdam', currentStatus: current });
      if (!parsed.ok) throw new Error(parsed.error);
      return command(incident.id, { kind: parsed.kind, text: parsed.text, occurredAt: parsed.occurredAt, data: parsed.data, author: 'bob' } as Partial<IncidentCommand> & { kind: IncidentCommand['kind'] });
    };
    await send(responder, command(incident.id, { kind: 'marker', data: { marker: 'impact_started' }, occurredAt: Date.now() - 35 * MIN }));
    const mitigated = alt('mitigated', 'drained traffic to eu-central', 'declared');
    await send(responder, mitigated);

    expect(await status()).toBe('mitigated');
    await eventually('the wall to see it mitigated', () => summaries.at(-1)?.status === 'mitigated');
    const stored = await log(responder, incident.id);
    expect(stored.find((e) => e.id === mitigated.id)).toMatchObject({ pinned: true, text: 'drained traffic to eu-central' });
    expect(stored.filter((e) => e.kind === 'status').map((e) => e.kind === 'status' && [e.data.status, e.data.from, e.author, e.occurredAt])).toEqual([['mitigated', 'declared', 'bob', mitigated.occurredAt]]);
    const pm = async () => (await t.http(`/api/v1/incidents/${incident.id}/postmortem.json`, { token: responderSecret })).json();
    const first = await pm();
    expect(first.incident.status).toBe('mitigated');
    expect(first.keyMoments.map((k: { kind: string; text: string }) => `${k.kind}: ${k.text}`)).toEqual([
      'marker: impact started: impact started',
      'marker: declared: 403s on the EU edge',
      'marker: mitigated: drained traffic to eu-central',
    ]);
    expect(first.durations.find((d: { key: string }) => d.key === 'mitigate')).toMatchObject({ duration: '35 min' });

    // Further along already: a second "mitigated" re-marks the moment and leaves the status alone.
    await send(responder, command(incident.id, { kind: 'status', data: { status: 'monitoring' } }));
    await send(responder, alt('mitigated', 'eu-west drained too', 'monitoring'));
    expect(await status()).toBe('monitoring');
    // Alt+6 resolves it.
    await send(responder, alt('resolved', '', 'monitoring'));
    expect(await status()).toBe('resolved');
    const last = await pm();
    expect(last.keyMoments.map((k: { kind: string }) => k.kind)).toEqual(['marker: impact started', 'marker: declared', 'marker: mitigated', 'marker: mitigated', 'marker: resolved']);
    expect(last.durations.find((d: { key: string }) => d.key === 'resolve')).toMatchObject({ duration: expect.any(String), reason: null });

    // Impact came back: a marker backdated before the reopening does not undo it; one logged after it does mitigate.
    await send(responder, command(incident.id, { kind: 'status', data: { status: 'investigating' } }));
    await send(responder, { ...alt('mitigated', '-2m', 'investigating'), occurredAt: Date.now() - 2 * MIN });
    expect(await status()).toBe('investigating');
    await send(responder, alt('mitigated', 'failed over to eu-central', 'investigating'));
    expect(await status()).toBe('mitigated');
  });

  it('moves a role only on the named receiver’s accept, refusing anyone else and a late accept', async () => {
    const { responder, viewer } = await room();
    const summaries: IncidentSummary[] = [];
    viewer.on('incident:summary', (s) => summaries.push(s));
    const incident = await declare(responder, { author: 'ann' });
    const offer = command(incident.id, { kind: 'handoff', author: 'ann', data: { step: 'offer', role: 'commander', from: 'ann', to: 'bob' } });
    await send(responder, offer);
    const stored = (await log(responder)).find((e) => e.id === offer.id)!;
    // The hub briefed bob, since the offer came without a briefing.
    expect(stored.kind === 'handoff' && stored.data.step === 'offer' && stored.data.briefing).toMatchObject({ status: 'declared', severity: 1, openTasks: [] });

    const before = await log(responder);
    const wrong = await responder.emitWithAck('incident:command', command(incident.id, { kind: 'handoff', author: 'carl', data: { step: 'accept', offerId: offer.id } }));
    expect(wrong).toEqual({ ok: false, error: { code: 'forbidden', message: 'only bob can accept the commander handoff; this accept is from carl' } });
    const decline = await responder.emitWithAck('incident:command', command(incident.id, { kind: 'handoff', author: 'dave', data: { step: 'decline', offerId: offer.id } }));
    expect(decline).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await log(responder)).toEqual(before);
    expect(summaries.at(-1)?.commander ?? 'ann').toBe('ann');

    await send(responder, command(incident.id, { kind: 'handoff', author: 'Bob', data: { step: 'accept', offerId: offer.id } }));
    await eventually('the wall to see bob as commander', () => summaries.at(-1)?.commander === 'bob');
    const again = await responder.emitWithAck('incident:command', command(incident.id, { kind: 'handoff', author: 'bob', data: { step: 'accept', offerId: offer.id } }));
    expect(again).toEqual({ ok: false, error: { code: 'invalid', message: 'the commander handoff to bob was already accepted' } });
    // A held role never moves by assignment.
    const grab = await responder.emitWithAck('incident:command', command(incident.id, { kind: 'role', author: 'carl', data: { role: 'commander', person: 'carl', action: 'assign' } }));
    expect(grab).toEqual({ ok: false, error: { code: 'invalid', message: 'commander is held by bob: hand it over, and it moves when carl accepts' } });
  });

  it('refuses an accept after the offer expired', async () => {
    const { responderSecret } = await room();
    // A second hub on the same data, whose clock the test moves.
    await t.hub.close();
    const hub = await startHub(configFor(t), { log: () => {}, vars: { METRICS_URL: metricsUrl() }, now: () => Date.now() + skew });
    try {
      const post = (body: unknown) =>
        fetch(`${hub.url}/api/v1/incidents/${incidentId}/entries`, {
          method: 'POST',
          headers: { authorization: `Bearer ${responderSecret}`, ...json, 'idempotency-key': ulid() },
          body: JSON.stringify(body),
        });
      const declared = await fetch(`${hub.url}/api/v1/incidents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${responderSecret}`, ...json },
        body: JSON.stringify({ title: 'origin saturated', severity: 2, author: 'ann' }),
      });
      const incidentId = (await declared.json()).incident.id as string;
      const offer = await (await post({ kind: 'handoff', author: 'ann', data: { step: 'offer', role: 'commander', from: 'ann', to: 'bob' } })).json();
      skew = 6 * MIN;
      const late = await post({ kind: 'handoff', author: 'bob', data: { step: 'accept', offerId: offer.entry.id } });
      expect(late.status).toBe(409);
      expect(await late.json()).toEqual({ error: 'conflict', message: 'the commander handoff to bob was already expired' });
    } finally {
      await hub.close();
    }
  });

  it('lets the author, the commander, deputy and scribe edit an entry, anyone pin it, and refuses an observer', async () => {
    const { responder } = await room();
    const incident = await declare(responder, { author: 'ann' });
    for (const [role, person] of [['scribe', 'sam'], ['observer', 'olga']] as const) {
      await send(responder, command(incident.id, { kind: 'role', data: { role, person, action: 'assign' } }));
    }
    const note = command(incident.id, { kind: 'note', author: 'bob', text: 'CDN 403s' });
    await send(responder, note);
    const before = await log(responder);

    const byObserver = await responder.emitWithAck('incident:command', { ...command(incident.id, { kind: 'note', author: 'olga', text: 'CDN fine' }), supersedes: note.id });
    expect(byObserver).toEqual({
      ok: false,
      error: { code: 'forbidden', message: "olga may not change bob's entry: only its author, the commander, the deputy or the scribe can (anyone may pin it)" },
    });
    const deleteByObserver = await responder.emitWithAck('incident:command', { ...command(incident.id, { kind: 'note', author: 'olga', text: 'CDN 403s' }), supersedes: note.id, deleted: true });
    expect(deleteByObserver).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('olga may not delete') } });
    expect(await log(responder)).toEqual(before);

    const stored = (id: string) => log(responder).then((entries) => entries.find((e) => e.id === id)!);
    const byScribe = reviseEntry(await stored(note.id), { text: 'CDN 403s on the EU edge' }, { id: ulid(), author: 'sam', console: 'console-2' });
    await send(responder, byScribe);
    const byAuthor = reviseEntry(await stored(byScribe.id), { text: 'CDN 403s on the EU edge since 20:04' }, { id: ulid(), author: 'bob', console: 'console-3' });
    await send(responder, byAuthor);
    const pin = reviseEntry(await stored(byAuthor.id), { pinned: true }, { id: ulid(), author: 'olga', console: 'console-4' });
    await send(responder, pin);
    const missing = await responder.emitWithAck('incident:command', command(incident.id, { kind: 'note', supersedes: ulid() }));
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });

    const timeline = await (await t.http(`/api/v1/incidents/${incident.id}/timeline`, { token: t.adminToken })).json();
    const visible = timeline.projection.visible as string[];
    expect(visible).toContain(pin.id);
    expect(visible).not.toContain(note.id);
    expect(timeline.projection.pinned).toContain(pin.id);
  });

  it('lets a task’s owner acknowledge it, and keeps an incident open while a follow-up has no owner and due date', async () => {
    const { responder } = await room();
    const incident = await declare(responder);
    const task = command(incident.id, { kind: 'task', text: 'check CDN logs', data: { owner: 'maria', timeboxMs: 10 * MIN, dueAt: Date.now() + 10 * MIN } });
    await send(responder, task);
    const stored = (await log(responder)).find((e) => e.id === task.id)!;
    if (stored.kind !== 'task') throw new Error('not a task');
    const ack = reviseEntry(stored, { data: { ...stored.data, acknowledgedAt: Date.now() } }, { id: ulid(), author: 'maria', console: 'console-2' });
    await send(responder, ack);
    const rewrite = await responder.emitWithAck('incident:command', { ...ack, id: ulid(), supersedes: ack.id, text: 'do nothing' } as IncidentCommand);
    expect(rewrite).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const todo = command(incident.id, { kind: 'todo', text: 'alert on the 403 rate per edge' });
    await send(responder, todo);
    await send(responder, command(incident.id, { kind: 'status', data: { status: 'resolved' } }));
    const close = await responder.emitWithAck('incident:command', command(incident.id, { kind: 'status', data: { status: 'closed' } }));
    expect(close).toEqual({
      ok: false,
      error: { code: 'invalid', message: 'the incident cannot be closed while a follow-up has no owner and due date: "alert on the 403 rate per edge"' },
    });
    await send(responder, command(incident.id, { kind: 'todo', text: 'alert on the 403 rate per edge', supersedes: todo.id, data: { owner: 'bob', dueAt: Date.now() + 7 * 24 * 60 * MIN, type: 'detect' } }));
    await send(responder, command(incident.id, { kind: 'status', data: { status: 'closed' } }));
    const [summary] = ((await responder.emitWithAck('incidents:list', {})) as { incidents: IncidentSummary[] }).incidents;
    expect(summary).toMatchObject({ status: 'closed', open: false });
  });
});

describe('each command is stored once', () => {
  it('answers a repeated command id with the same seq and stores it once', async () => {
    const { responder, viewer } = await room();
    const incident = await declare(responder);
    const seen: TimelineEntry[] = [];
    viewer.on('incident:entry', (e) => seen.push(e));
    const note = command(incident.id, { kind: 'note', text: 'sent twice by a flaky network' });
    const first = await responder.emitWithAck('incident:command', note);
    const second = await responder.emitWithAck('incident:command', note);
    expect(first).toEqual({ ok: true, seq: 5 });
    expect(second).toEqual({ ok: true, seq: 5, duplicate: true });
    const declareAgain = await responder.emitWithAck('incident:declare', { id: incident.id, title: 'again', severity: 2, author: 'ann', console: 'c' });
    expect(declareAgain).toMatchObject({ ok: true, seq: 1, duplicate: true, incident: { id: incident.id, title: '403s on the EU edge' } });
    const entries = await log(responder);
    expect(entries.filter((e) => e.id === note.id)).toHaveLength(1);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    await new Promise((r) => setTimeout(r, 100));
    expect(seen.filter((e) => e.seq > 4).map((e) => e.id)).toEqual([note.id]);
  });

  it('replays a REST entry by its Idempotency-Key, and refuses a missing key or a bad body naming each field', async () => {
    const { responderSecret } = await room();
    const declared = await t.http('/api/v1/incidents', { method: 'POST', token: responderSecret, headers: json, body: JSON.stringify({ title: 'DRM licence errors', severity: 2, priority: 'P1' }) });
    expect(declared.status).toBe(200);
    const { incident } = await declared.json();
    expect(incident).toMatchObject({ title: 'DRM licence errors', severity: 2, priority: 'P1', commander: 'responder seat' });

    const key = ulid();
    const post = (body: unknown, headers: Record<string, string> = { 'idempotency-key': key }) =>
      t.http(`/api/v1/incidents/${incident.id}/entries`, { method: 'POST', token: responderSecret, headers: { ...json, ...headers }, body: JSON.stringify(body) });
    const first = await post({ kind: 'action', text: 'failed over to the backup licence server', author: 'deploybot' });
    expect(first.status).toBe(200);
    const firstBody = await first.json();
    expect(firstBody).toMatchObject({ seq: 5, entry: { id: key, kind: 'action', author: 'deploybot', console: 'api', seq: 5 } });
    const replay = await post({ kind: 'action', text: 'failed over to the backup licence server', author: 'deploybot' });
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.json()).toEqual(firstBody);

    const noKey = await post({ kind: 'note', text: 'x' }, {});
    expect(noKey.status).toBe(400);
    expect((await noKey.json()).message).toMatch(/Idempotency-Key/);
    const badKey = await post({ kind: 'note', text: 'x' }, { 'idempotency-key': 'retry-1' });
    expect(badKey.status).toBe(400);
    const bad = await post({ kind: 'marker', text: 'x', occurredAt: -5, pinned: 'yes' }, { 'idempotency-key': ulid() });
    expect(bad.status).toBe(400);
    const message = (await bad.json()).message as string;
    expect(message).toContain('occurredAt');
    expect(message).toContain('pinned');
    const badData = await post({ kind: 'marker', data: { marker: 'exploded' } }, { 'idempotency-key': ulid() });
    expect(badData.status).toBe(400);
    expect((await badData.json()).message).toMatch(/data\.marker/);
    const conflict = await post({ kind: 'status', data: { status: 'closed' } }, { 'idempotency-key': ulid() });
    expect(conflict.status).toBe(409);

    const timeline = await (await t.http(`/api/v1/incidents/${incident.id}/timeline`, { token: responderSecret })).json();
    expect(timeline.entries.map((e: TimelineEntry) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(timeline.record).toMatchObject({ title: 'DRM licence errors', priority: 'P1', status: 'declared' });
  });
});

describe('changes and deploys', () => {
  it('adds a change to every open incident’s timeline, not to closed ones, once per id', async () => {
    const { responder, responderSecret, viewer, viewerSecret } = await room();
    const open = await declare(responder, { title: 'open one' });
    const done = await declare(responder, { title: 'finished one' });
    await send(responder, command(done.id, { kind: 'status', data: { status: 'resolved' } }));
    await send(responder, command(done.id, { kind: 'status', data: { status: 'closed' } }));
    const recorded: unknown[] = [];
    viewer.on('change:recorded', (c) => recorded.push(c));

    const ingest = (body: unknown) => t.http('/api/v1/ingest/changes', { method: 'POST', token: responderSecret, headers: json, body: JSON.stringify(body) });
    const change = { id: 'deploy-4711', service: 'cdn-edge', description: 'CDN config v42 rolled out', author: 'deploybot', at: '2025-06-14T19:02:00Z', kind: 'deploy', url: 'https://ci.example.com/4711' };
    const first = await ingest(change);
    expect(first.status).toBe(200);
    const body = await first.json();
    expect(body.change).toMatchObject({ id: 'deploy-4711', at: Date.UTC(2025, 5, 14, 19, 2), incidentIds: [open.id] });
    const again = await ingest(change);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(body);

    const openLog = await log(responder, open.id);
    expect(openLog.filter((e) => e.kind === 'change')).toEqual([
      expect.objectContaining({ text: 'CDN config v42 rolled out', author: 'deploybot', console: 'ingest', occurredAt: Date.UTC(2025, 5, 14, 19, 2), data: { service: 'cdn-edge', source: 'deploy', ref: 'deploy-4711', url: 'https://ci.example.com/4711' } }),
    ]);
    expect((await log(responder, done.id)).some((e) => e.kind === 'change')).toBe(false);
    await eventually('the walls to hear of the change', () => recorded.length === 1);

    const bad = await ingest({ service: '', description: 'x', kind: 'reboot', url: 'ftp://x', extra: 1 });
    expect(bad.status).toBe(400);
    const message = (await bad.json()).message as string;
    for (const field of ['service', 'kind', 'url', 'extra']) expect(message).toContain(field);

    const listed = await (await t.http(`/api/v1/changes?since=${Date.UTC(2025, 5, 14)}`, { token: viewerSecret })).json();
    expect(listed.changes.map((c: { id: string }) => c.id)).toEqual(['deploy-4711']);
    expect((await t.http('/api/v1/changes?since=yesterday', { token: viewerSecret })).status).toBe(400);
  });
});

describe('last time this happened', () => {
  it('lists past incidents with the same service or title words, over sockets and REST', async () => {
    const { responder, viewer, viewerSecret } = await room();
    const old = await declare(responder, { title: 'Cache misses after a config push', occurredAt: Date.now() - 3 * 86_400_000 });
    await send(responder, command(old.id, { kind: 'bookkeeping', data: { service: 'cdn-edge', rootCauseCategory: 'config change' } }));
    await send(responder, command(old.id, { kind: 'status', data: { status: 'resolved' } }));
    const similar = await declare(responder, { title: 'EU edge returns 403s for signed URLs', occurredAt: Date.now() - 86_400_000 });
    await declare(responder, { title: 'Login latency in us-east', occurredAt: Date.now() - 2 * 86_400_000 });
    const now = await declare(responder, { title: '403s on the EU edge' });
    await send(responder, command(now.id, { kind: 'bookkeeping', data: { service: 'CDN-Edge' } }));

    const ack = await viewer.emitWithAck('incident:related', { id: now.id });
    if (!ack.ok) throw new Error(ack.error.message);
    expect(ack.related.map((r) => [r.title, r.reasons])).toEqual([
      ['Cache misses after a config push', ['same service "cdn-edge"']],
      ['EU edge returns 403s for signed URLs', ['title shares "edge", "403s"']],
    ]);
    expect(ack.related[1]!.id).toBe(similar.id);
    const rest = await t.http(`/api/v1/incidents/${now.id}/related`, { token: viewerSecret });
    expect(((await rest.json()) as { related: unknown[] }).related).toEqual(ack.related);
    expect((await t.http(`/api/v1/incidents/${ulid()}/related`, { token: viewerSecret })).status).toBe(404);
    // The oldest has nothing before it.
    expect(await viewer.emitWithAck('incident:related', { id: old.id })).toEqual({ ok: true, related: [] });
  });
});

describe('a wall’s catch-up', () => {
  it('can ask for the entries of open incidents only', async () => {
    const { responder, viewer } = await room();
    const old = await declare(responder, { title: 'last week' });
    await send(responder, command(old.id, { kind: 'note', text: 'old news' }));
    await send(responder, command(old.id, { kind: 'status', data: { status: 'resolved' } }));
    const now = await declare(responder, { title: 'right now' });
    await send(responder, command(now.id, { kind: 'note', text: 'fresh' }));
    const ack = await viewer.emitWithAck('incident:sync', { afterSeq: 0, open: true });
    if (!ack.ok) throw new Error(ack.error.message);
    expect(new Set(ack.entries.map((e) => e.incidentId))).toEqual(new Set([now.id]));
    expect(ack.entries.map((e) => e.text)).toContain('fresh');
    expect(ack.entries.map((e) => e.seq)).toEqual([...ack.entries.map((e) => e.seq)].sort((a, b) => a - b));
    expect(ack.headSeq).toBe(ack.entries.at(-1)!.seq);
    // Everything, when not asked to limit it.
    expect((await log(viewer)).some((e) => e.text === 'old news')).toBe(true);
  });
});

describe('the postmortem', () => {
  it('has the key moments in occurrence order and the whole timeline in the order it happened, in UTC and the room’s time, with the durations, and escapes user text', async () => {
    const { responder, responderSecret } = await room();
    const T = Date.UTC(2025, 5, 14, 19, 0); // 21:00 in Amsterdam (CEST)
    const incident = await declare(responder, { title: '# hi <script>alert(1)</script>', occurredAt: T + 12 * MIN });
    const at = (min: number) => T + min * MIN;
    const entries: IncidentCommand[] = [
      command(incident.id, { kind: 'marker', data: { marker: 'impact_started' }, occurredAt: at(0), pinned: true }),
      command(incident.id, { kind: 'decision', text: 'roll back the CDN config', occurredAt: at(20), pinned: true }),
      command(incident.id, { kind: 'marker', data: { marker: 'detected' }, occurredAt: at(4), pinned: true }),
      command(incident.id, { kind: 'note', text: 'noise, not pinned', occurredAt: at(5) }),
      command(incident.id, { kind: 'marker', data: { marker: 'mitigated' }, occurredAt: at(31), pinned: true }),
      command(incident.id, { kind: 'finding', text: '| table | breaker\n## not a heading', occurredAt: at(8), pinned: true }),
      command(incident.id, { kind: 'marker', data: { marker: 'resolved' }, occurredAt: at(50) }),
      command(incident.id, { kind: 'note', text: 'Why did the edge drop auth?\nBecause the config omitted the header', data: { section: 'five_whys' } }),
      command(incident.id, { kind: 'note', text: 'Config pushed without a canary', data: { section: 'root_causes' } }),
      command(incident.id, { kind: 'note', text: 'rollback took 2 minutes', data: { section: 'went_well' } }),
      command(incident.id, { kind: 'todo', text: 'canary CDN config changes', data: { owner: 'bob', dueAt: Date.UTC(2025, 5, 21), type: 'prevent' } }),
      command(incident.id, {
        kind: 'status_update',
        text: 'Playback failing for some EU viewers',
        data: { audience: 'external', conditions: '403s on the EU edge', actions: 'rolling back', needs: '', sentAt: at(16) },
      }),
      command(incident.id, { kind: 'bookkeeping', data: { impact: '12% of EU streams failed to start', service: 'cdn-edge', region: 'eu-west', rootCauseCategory: 'config change' } }),
    ];
    for (const entry of entries) await send(responder, entry);

    const res = await t.http(`/api/v1/incidents/${incident.id}/postmortem.md`, { token: responderSecret });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/markdown/);
    const md = await res.text();

    // The title cannot break the document: one H1, no live HTML.
    expect(md.split('\n')[0]).toBe('# Postmortem: \\# hi \\<script\\>alert(1)\\</script\\>');
    expect(md).not.toContain('<script>');
    expect(md.split('\n').filter((l) => /^# /.test(l))).toHaveLength(1);
    expect(md).not.toMatch(/^## not a heading/m);
    expect(md).toContain('\\| table \\| breaker \\#\\# not a heading');

    // The pinned timeline, sorted by when things happened, in UTC and Amsterdam time.
    const timeline = md.slice(md.indexOf('## Key moments'), md.indexOf('## Timeline'));
    const rows = timeline.split('\n').filter((l) => l.startsWith('| 2025'));
    expect(rows.map((r) => r.split(' | ').slice(0, 2).join(' | '))).toEqual([
      '| 2025-06-14 19:00:00 UTC | 2025-06-14 21:00:00 Europe/Amsterdam',
      '| 2025-06-14 19:04:00 UTC | 2025-06-14 21:04:00 Europe/Amsterdam',
      '| 2025-06-14 19:08:00 UTC | 2025-06-14 21:08:00 Europe/Amsterdam',
      '| 2025-06-14 19:12:00 UTC | 2025-06-14 21:12:00 Europe/Amsterdam',
      '| 2025-06-14 19:20:00 UTC | 2025-06-14 21:20:00 Europe/Amsterdam',
      '| 2025-06-14 19:31:00 UTC | 2025-06-14 21:31:00 Europe/Amsterdam',
      '| 2025-06-14 19:50:00 UTC | 2025-06-14 21:50:00 Europe/Amsterdam',
    ]);
    expect(rows[0]).toContain('impact started');
    expect(rows[3]).toContain('marker: declared');
    expect(rows[4]).toContain('roll back the CDN config');
    // A marker is a key moment even when logged without a pin.
    expect(rows[6]).toContain('marker: resolved');
    expect(timeline).not.toContain('noise, not pinned');
    // The whole log follows in the order things happened (# is the hub's order), pinned rows starred, unpinned ones too.
    const whole = md.slice(md.indexOf('## Timeline'), md.indexOf('## Tasks'));
    const logged = whole.split('\n').filter((l) => /^\| \d+ \|/.test(l));
    const seqs = logged.map((l) => Number(l.slice(2, l.indexOf(' |', 2))));
    const times = logged.map((l) => l.split(' | ')[1]!);
    expect(times).toEqual([...times].sort());
    expect(seqs).not.toEqual([...seqs].sort((a, b) => a - b)); // backdated entries sit where they happened
    // The mitigated and resolved markers also set those statuses: one status entry each.
    expect(logged.length).toBe(4 + entries.length + 2);
    expect(whole).toContain('status set to mitigated');
    expect(whole).toContain('noise, not pinned');
    expect(whole).toContain('★ **roll back the CDN config**');

    expect(md).toContain('| Time to detect | impact started | detected | 4 min |');
    expect(md).toContain('| Time to declare | detected | declared | 8 min |');
    expect(md).toContain('| Time to mitigate | impact started | mitigated | 31 min |');
    expect(md).toContain('| Time to resolve | impact started | resolved | 50 min |');
    expect(md).toMatch(/\| Time to acknowledge \| detected \| acknowledged \| — \(no "acknowledged" marker\) \|/);
    expect(md).toContain('| Impact | 12% of EU streams failed to start |');
    expect(md).toContain('| Duration | 50 min |');
    expect(md).toContain('1. Why did the edge drop auth?\n   Because the config omitted the header');
    expect(md).toContain('## Root causes\n\n- Config pushed without a canary');
    expect(md).toContain('| canary CDN config changes | bob | 2025-06-21 00:00:00 UTC | ▲ overdue | prevent |');
    expect(md).toContain('### 2025-06-14 19:16:00 UTC · external · ann');
    expect(md).toMatch(/\| commander \| ann \| 2025-06-14 19:12:00 UTC \| still holds it \| assigned \|/);

    const pm = await (await t.http(`/api/v1/incidents/${incident.id}/postmortem.json?tz=America/New_York`, { token: responderSecret })).json();
    expect(pm.timeZone).toBe('America/New_York');
    expect(pm.keyMoments[0].at).toEqual({ utc: '2025-06-14T19:00:00Z', local: '2025-06-14T15:00:00-04:00' });
    expect(pm.timeline.map((e: { seq: number }) => e.seq)).toEqual(seqs);
    expect(pm.durations.find((d: { key: string }) => d.key === 'mitigate')).toMatchObject({ ms: 31 * MIN, duration: '31 min' });
    expect(pm.sections.five_whys).toHaveLength(1);
    expect((await t.http(`/api/v1/incidents/${incident.id}/postmortem.md?tz=Mars/Olympus`, { token: responderSecret })).status).toBe(400);
    expect((await t.http(`/api/v1/incidents/${ulid()}/postmortem.md`, { token: responderSecret })).status).toBe(404);
  });
});

describe('a task’s progress', () => {
  it('records an acknowledgement as who acknowledged it, not as an edit, on the console’s projection and in the postmortem', async () => {
    const { responder, responderSecret } = await room();
    const incident = await declare(responder, { author: 'ann' });
    const task = command(incident.id, { kind: 'task', text: 'restart the eu-west packagers', data: { owner: 'maria', timeboxMs: 5 * MIN, dueAt: Date.now() + 5 * MIN } });
    await send(responder, task);
    const latest = async (root: string) => (await log(responder, incident.id)).findLast((e) => e.id === root || e.supersedes === root)!;
    const step = async (by: string, data: Record<string, unknown>) => {
      const previous = await latest(task.id);
      if (previous.kind !== 'task') throw new Error('not a task');
      await send(responder, reviseEntry(previous, { data: { ...previous.data, ...data } }, { id: ulid(), author: by, console: `console-${by}` }));
    };
    const ackAt = Date.now();
    // maria holds no role: her own task's acknowledgement and check-in ("+10 min") are hers to log.
    await step('maria', { acknowledgedAt: ackAt });
    await step('maria', { dueAt: Date.now() + 10 * MIN, acknowledgedAt: ackAt });

    const timeline = await (await t.http(`/api/v1/incidents/${incident.id}/timeline`, { token: responderSecret })).json();
    expect(timeline.projection.openTasks).toEqual([expect.objectContaining({ owner: 'maria', acknowledgedAt: ackAt, acknowledgedBy: 'maria' })]);
    const pm = await (await t.http(`/api/v1/incidents/${incident.id}/postmortem.json`, { token: responderSecret })).json();
    const row = pm.timeline.find((e: { id: string }) => e.id === task.id);
    expect(row).toMatchObject({ author: 'ann', text: 'restart the eu-west packagers', edited: false });
    expect(row.progress.map((p: { step: string; by: string }) => `${p.step} by ${p.by}`)).toEqual(['acknowledged by maria', 'more time by maria']);
    expect(pm.tasks[0]).toMatchObject({ acknowledgedBy: 'maria' });
    const md = await (await t.http(`/api/v1/incidents/${incident.id}/postmortem.md`, { token: responderSecret })).text();
    expect(md).not.toContain('### Edits and deletions');
    expect(md).toMatch(/restart the eu-west packagers _\(acknowledged by maria \d{4}-\d\d-\d\d [\d:]+ UTC; more time by maria /);
    expect(md).not.toContain('restart the eu-west packagers _(edited)_');

    // Rewording it is an edit, listed as one, its progress said as such beside it.
    const previous = await latest(task.id);
    await send(responder, reviseEntry(previous, { text: 'restart the eu-west packagers, one at a time' }, { id: ulid(), author: 'ann', console: 'console-1' }));
    const edited = await (await t.http(`/api/v1/incidents/${incident.id}/postmortem.md`, { token: responderSecret })).text();
    const edits = edited.slice(edited.indexOf('### Edits and deletions'));
    expect(edits).toContain('by maria: _acknowledged_');
    expect(edits).toContain('by ann: restart the eu-west packagers, one at a time');
  });
});

describe('a restart', () => {
  it('rebuilds every incident from the log and continues the seq', async () => {
    const { responder } = await room();
    const incident = await declare(responder);
    await send(responder, command(incident.id, { kind: 'status', data: { status: 'mitigated' } }));
    await send(responder, command(incident.id, { kind: 'task', text: 'watch canaries', data: { owner: 'bob', dueAt: Date.now() + 10 * MIN } }));
    const [before] = ((await responder.emitWithAck('incidents:list', {})) as { incidents: IncidentSummary[] }).incidents;
    const entries = await log(responder);

    await t.hub.close();
    const second = await startHub(configFor(t), { log: () => {}, vars: { METRICS_URL: metricsUrl() } });
    try {
      const res = await fetch(`${second.url}/api/v1/incidents`, { headers: { authorization: `Bearer ${t.adminToken}` } });
      expect((await res.json()).incidents).toEqual([before]);
      const tl = await (await fetch(`${second.url}/api/v1/incidents/${incident.id}/timeline`, { headers: { authorization: `Bearer ${t.adminToken}` } })).json();
      expect(tl.entries).toEqual(entries);
      const next = await fetch(`${second.url}/api/v1/incidents/${incident.id}/entries`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t.adminToken}`, ...json, 'idempotency-key': ulid() },
        body: JSON.stringify({ kind: 'note', text: 'after the restart' }),
      });
      expect((await next.json()).seq).toBe(entries.length + 1);
    } finally {
      await second.close();
    }
  });
});
