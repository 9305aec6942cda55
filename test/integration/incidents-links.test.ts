/**
 * Linking incidents on a real hub with real socket.io clients and a real SQLite file: a link is
 * an append-only, idempotent command that shows on both incidents (timeline, related list and
 * postmortem), is refused in words for a missing or the same incident, and can be undone.
 */
import { ulid } from 'ulid';
import { afterEach, describe, expect, it } from 'vitest';
import { reviseEntry } from '../../shared/domain/incidents/timeline.ts';
import type { TimelineEntry } from '../../shared/model/incident.ts';
import type { IncidentCommand, IncidentSummary } from '../../shared/protocol/incidents.ts';
import { useMetricsServer } from '../support/metrics-server.ts';
import { scrapedWorkspaceYaml } from '../support/minimal-workspace.ts';
import { eventually, startTestHub, type ClientSocket, type TestHub } from '../support/hub.ts';

const metricsUrl = useMetricsServer();

const workspace = scrapedWorkspaceYaml();

let t: TestHub;
afterEach(async () => t?.close());

async function room(): Promise<{ responder: ClientSocket; viewer: ClientSocket; viewerSecret: string }> {
  t = await startTestHub(workspace, {}, { METRICS_URL: metricsUrl() });
  const admin = await t.connect(t.adminToken);
  const secrets = {} as Record<'responder' | 'viewer', string>;
  for (const role of ['responder', 'viewer'] as const) {
    const created = await admin.emitWithAck('tokens:create', { name: `${role} seat`, role });
    if (!created.ok) throw new Error(created.error.message);
    secrets[role] = created.secret;
  }
  admin.close();
  return { responder: await t.connect(secrets.responder), viewer: await t.connect(secrets.viewer), viewerSecret: secrets.viewer };
}

async function declare(socket: ClientSocket, title: string, daysAgo = 0): Promise<IncidentSummary> {
  const ack = await socket.emitWithAck('incident:declare', { id: ulid(), title, severity: 2, author: 'ann', console: 'console-1', occurredAt: Date.now() - daysAgo * 86_400_000 });
  if (!ack.ok) throw new Error(ack.error.message);
  return ack.incident;
}

const link = (incidentId: string, other: string, action: 'link' | 'unlink', text = '', author = 'ann'): IncidentCommand =>
  ({ id: ulid(), incidentId, kind: 'link', text, occurredAt: Date.now(), author, console: 'console-1', data: { other, action } }) as IncidentCommand;

async function related(socket: ClientSocket, id: string) {
  const ack = await socket.emitWithAck('incident:related', { id });
  if (!ack.ok) throw new Error(ack.error.message);
  return ack.related;
}

async function links(socket: ClientSocket, incidentId: string): Promise<TimelineEntry[]> {
  const ack = await socket.emitWithAck('incident:sync', { afterSeq: 0, incidentId });
  if (!ack.ok) throw new Error(ack.error.message);
  return ack.entries.filter((e) => e.kind === 'link');
}

describe('linking incidents', () => {
  it('links two incidents once, shows the link on both, and lists linked ones first', async () => {
    const { responder, viewer } = await room();
    const past = await declare(responder, 'Cache misses after a config push', 3);
    const lookalike = await declare(responder, 'EU edge returns 403s for signed URLs', 1);
    const now = await declare(responder, '403s on the EU edge');
    const seen: TimelineEntry[] = [];
    viewer.on('incident:entry', (e) => e.kind === 'link' && seen.push(e));

    const cmd = link(now.id, past.id, 'link', 'same CDN origin', 'bob');
    const first = await responder.emitWithAck('incident:command', cmd);
    expect(first).toMatchObject({ ok: true });
    // A retry (the ack was lost) writes nothing new.
    const retry = await responder.emitWithAck('incident:command', cmd);
    expect(retry).toEqual({ ...first, duplicate: true });
    await eventually('the wall to see both sides of the link', () => seen.length === 2);
    expect(seen.map((e) => [e.incidentId, e.kind])).toEqual([
      [now.id, 'link'],
      [past.id, 'link'],
    ]);

    // Both sides hold one link entry naming the other, with its title and the note.
    const here = await links(viewer, now.id);
    const there = await links(viewer, past.id);
    expect(here.map((e) => [e.text, e.author, e.data])).toEqual([['same CDN origin', 'bob', { other: past.id, action: 'link', title: 'Cache misses after a config push' }]]);
    expect(there.map((e) => [e.text, e.author, e.data])).toEqual([['same CDN origin', 'bob', { other: now.id, action: 'link', title: '403s on the EU edge', mirrorOf: cmd.id }]]);

    // The linked incident comes first, though only the title lookalike would have been suggested.
    const list = await related(viewer, now.id);
    expect(list.map((r) => [r.id, r.reasons[0], r.linked?.by ?? null])).toEqual([
      [past.id, 'linked by bob: "same CDN origin"', 'bob'],
      [lookalike.id, 'title shares "edge", "403s"', null],
    ]);
    // The older incident sees the newer one it is linked to, though nothing after it is ever suggested.
    expect((await related(viewer, past.id)).map((r) => [r.id, r.linked?.note])).toEqual([[now.id, 'same CDN origin']]);
  });

  it('refuses in words a link to a missing incident, to itself, a second link and an unlink of nothing', async () => {
    const { responder } = await room();
    const a = await declare(responder, 'Checkout errors');
    const b = await declare(responder, 'Payment gateway timeouts');
    const missing = ulid();
    expect(await responder.emitWithAck('incident:command', link(a.id, missing, 'link'))).toEqual({
      ok: false,
      error: { code: 'not_found', message: `no incident with id ${missing} to link (data.other)` },
    });
    expect(await responder.emitWithAck('incident:command', link(a.id, a.id, 'link'))).toMatchObject({ ok: false, error: { message: 'an incident cannot be linked to itself' } });
    expect(await responder.emitWithAck('incident:command', link(a.id, b.id, 'unlink'))).toMatchObject({
      ok: false,
      error: { message: 'this incident is not linked to "Payment gateway timeouts"' },
    });
    expect(await responder.emitWithAck('incident:command', link(a.id, b.id, 'link'))).toMatchObject({ ok: true });
    // Linked from the other side already: the same pair is not linked twice.
    expect(await responder.emitWithAck('incident:command', link(b.id, a.id, 'link'))).toMatchObject({
      ok: false,
      error: { message: 'this incident is already linked to "Checkout errors"' },
    });
    // Nothing refused was written.
    expect((await links(responder, a.id)).length).toBe(1);
    expect((await links(responder, b.id)).length).toBe(1);
  });

  it('unlinks from either side, on both, and keeps the history', async () => {
    const { responder } = await room();
    const a = await declare(responder, 'Checkout errors', 1);
    const b = await declare(responder, 'Payment gateway timeouts');
    expect(await responder.emitWithAck('incident:command', link(b.id, a.id, 'link'))).toMatchObject({ ok: true });
    expect(await responder.emitWithAck('incident:command', link(a.id, b.id, 'unlink'))).toMatchObject({ ok: true });
    expect((await related(responder, b.id)).some((r) => r.linked)).toBe(false);
    expect((await related(responder, a.id)).some((r) => r.linked)).toBe(false);
    expect((await links(responder, b.id)).map((e) => e.data)).toMatchObject([{ action: 'link' }, { action: 'unlink' }]);
  });

  it('lets a link be pinned, but not edited or deleted on one side only', async () => {
    const { responder } = await room();
    const a = await declare(responder, 'Checkout errors', 1);
    const b = await declare(responder, 'Payment gateway timeouts');
    expect(await responder.emitWithAck('incident:command', link(b.id, a.id, 'link', 'same PSP'))).toMatchObject({ ok: true });
    const [entry] = await links(responder, b.id);
    const meta = { id: ulid(), author: 'ann', console: 'console-1' };
    expect(await responder.emitWithAck('incident:command', reviseEntry(entry!, { pinned: true }, meta))).toMatchObject({ ok: true });
    for (const change of [{ deleted: true }, { text: 'something else' }]) {
      expect(await responder.emitWithAck('incident:command', reviseEntry(entry!, change, { ...meta, id: ulid() }))).toMatchObject({
        ok: false,
        error: { message: 'a link cannot be edited or deleted: unlink the incident instead (pinning it is fine)' },
      });
    }
    // Still linked on both sides, and nothing mirrored for the pin.
    expect((await related(responder, b.id))[0]).toMatchObject({ id: a.id, linked: { note: 'same PSP' } });
    expect((await links(responder, a.id)).length).toBe(1);
  });

  it('lists linked incidents with their titles in the postmortem, Markdown and JSON', async () => {
    const { responder, viewerSecret } = await room();
    const past = await declare(responder, 'Cache misses after a config push', 3);
    const now = await declare(responder, '403s on the EU edge');
    expect(await responder.emitWithAck('incident:command', link(now.id, past.id, 'link', 'same CDN origin'))).toMatchObject({ ok: true });

    const pm = await (await t.http(`/api/v1/incidents/${now.id}/postmortem.json`, { token: viewerSecret })).json();
    expect(pm.linkedIncidents).toMatchObject([{ id: past.id, title: 'Cache misses after a config push', note: 'same CDN origin', linkedBy: 'ann' }]);
    const md = await (await t.http(`/api/v1/incidents/${past.id}/postmortem.md`, { token: viewerSecret })).text();
    expect(md).toContain('## Linked incidents');
    expect(md).toMatch(/\| 403s on the EU edge \| same CDN origin \| ann \|/);
  });
});
