/**
 * Who writes an incident's cause and impact, on a real hub: the commander, deputy or scribe (as
 * the console's "acting as" names them), or any admin token; another responder is refused in
 * words that say who may and what to do instead, over the socket and REST alike, while the rest
 * of the record stays open to them. Handing the commander role on moves the right with it.
 */
import { ulid } from 'ulid';
import { afterEach, describe, expect, it } from 'vitest';
import type { IncidentCommand } from '../../shared/protocol/incidents.ts';
import { minimalWorkspaceYaml } from '../support/minimal-workspace.ts';
import { startTestHub, type ClientSocket, type TestHub } from '../support/hub.ts';

let t: TestHub;
afterEach(async () => t?.close());

const command = (incidentId: string, author: string, fields: Partial<IncidentCommand> & { kind: IncidentCommand['kind'] }): IncidentCommand =>
  ({ id: ulid(), incidentId, text: '', occurredAt: Date.now(), author, console: `${author}-console`, data: {}, ...fields }) as IncidentCommand;

async function send(socket: ClientSocket, cmd: IncidentCommand): Promise<{ ok: true } | { ok: false; code: string; message: string }> {
  const ack = await socket.emitWithAck('incident:command', cmd);
  return ack.ok ? { ok: true } : { ok: false, code: ack.error.code, message: ack.error.message };
}

async function seats(): Promise<{ admin: ClientSocket; responder: ClientSocket; responderSecret: string; incidentId: string }> {
  t = await startTestHub(minimalWorkspaceYaml('Record keepers'));
  const admin = await t.connect(t.adminToken);
  const created = await admin.emitWithAck('tokens:create', { name: 'responder seat', role: 'responder' });
  if (!created.ok) throw new Error(created.error.message);
  const responder = await t.connect(created.secret);
  // ann declares from a responder's console: she is the commander
  const declared = await responder.emitWithAck('incident:declare', { id: ulid(), title: 'EU playback 403s', severity: 2, author: 'ann', console: 'ann-console' });
  if (!declared.ok) throw new Error(declared.error.message);
  return { admin, responder, responderSecret: created.secret, incidentId: declared.incident.id };
}

describe("the record's cause and impact", () => {
  it('are written by the commander; another responder is refused, saying who may and what to do instead', async () => {
    const { responder, incidentId } = await seats();
    const refused = await send(responder, command(incidentId, 'bob', { kind: 'bookkeeping', data: { rootCauseCategory: 'change', region: 'eu-west' } }));
    expect(refused).toMatchObject({ ok: false, code: 'forbidden' });
    if (refused.ok) return;
    expect(refused.message).toBe('bob may not set the root cause category: the commander (ann), the deputy or the scribe records it, or an admin; propose yours with a note or a follow-up');
    // the same for impact, and for an edit of the commander's entry
    expect(await send(responder, command(incidentId, 'bob', { kind: 'bookkeeping', data: { impact: 'all EU viewers' } }))).toMatchObject({ ok: false, code: 'forbidden' });

    // the rest of the record is anyone's
    expect(await send(responder, command(incidentId, 'bob', { kind: 'bookkeeping', data: { region: 'eu-west', service: 'cdn' } }))).toEqual({ ok: true });
    // a proposal is a note
    expect(await send(responder, command(incidentId, 'bob', { kind: 'note', text: 'cause: looks like the CDN config push' }))).toEqual({ ok: true });
    // the commander writes it
    expect(await send(responder, command(incidentId, 'Ann', { kind: 'bookkeeping', data: { rootCauseCategory: 'config change', impact: 'EU viewers could not start playback' } }))).toEqual({ ok: true });

    const timeline = (await (await t.http(`/api/v1/incidents/${incidentId}/timeline`, { token: t.adminToken })).json()) as { record: { rootCauseCategory: string; region: string } };
    expect(timeline.record).toMatchObject({ rootCauseCategory: 'config change', region: 'eu-west' });
  });

  it('may be written by the scribe, and by the new commander once the role is handed on', async () => {
    const { responder, incidentId } = await seats();
    expect(await send(responder, command(incidentId, 'ann', { kind: 'role', data: { role: 'scribe', person: 'cy', action: 'assign' } }))).toEqual({ ok: true });
    expect(await send(responder, command(incidentId, 'cy', { kind: 'bookkeeping', data: { rootCauseCategory: 'capacity' } }))).toEqual({ ok: true });

    // bob is refused until ann hands him the commander role and he accepts it; then ann is refused
    expect(await send(responder, command(incidentId, 'bob', { kind: 'bookkeeping', data: { impact: 'EU viewers' } }))).toMatchObject({ ok: false, code: 'forbidden' });
    const offer = command(incidentId, 'ann', { kind: 'handoff', data: { step: 'offer', role: 'commander', from: 'ann', to: 'bob' } });
    expect(await send(responder, offer)).toEqual({ ok: true });
    expect(await send(responder, command(incidentId, 'bob', { kind: 'handoff', data: { step: 'accept', offerId: offer.id } }))).toEqual({ ok: true });
    expect(await send(responder, command(incidentId, 'bob', { kind: 'bookkeeping', data: { impact: 'EU viewers' } }))).toEqual({ ok: true });
    const refused = await send(responder, command(incidentId, 'ann', { kind: 'bookkeeping', data: { impact: 'all viewers' } }));
    expect(refused).toMatchObject({ ok: false, code: 'forbidden', message: expect.stringContaining('the commander (bob), the deputy or the scribe (cy)') });
  });

  it('may always be written with an admin token, and are refused over REST to a responder as over the socket', async () => {
    const { admin, responderSecret, incidentId } = await seats();
    expect(await send(admin, command(incidentId, 'dan', { kind: 'bookkeeping', data: { rootCauseCategory: 'change' } }))).toEqual({ ok: true });
    const post = (token: string, author: string) =>
      t.http(`/api/v1/incidents/${incidentId}/entries`, {
        method: 'POST',
        token,
        headers: { 'content-type': 'application/json', 'idempotency-key': ulid() },
        body: JSON.stringify({ kind: 'bookkeeping', author, occurredAt: Date.now(), data: { rootCauseCategory: 'dependency' } }),
      });
    const res = await post(responderSecret, 'bob');
    expect(res.status).toBe(403);
    expect(((await res.json()) as { message: string }).message).toContain('bob may not set the root cause category: the commander (ann)');
    expect((await post(t.adminToken, 'dan')).status).toBe(200);
  });
});
