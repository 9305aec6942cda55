/**
 * Wall devices against a real hub: a wall with no token gets a one-time code, an admin enters it,
 * the wall claims a viewer token of its own (once) that reads but cannot administer and can be
 * revoked; codes and claim secrets are stored hashed. Walls' heartbeats are listed for admins.
 */
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, startTestHub, type TestHub } from '../support/hub.ts';

let t: TestHub | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const workspace = `
version: 1
title: Walls
sources:
  - { id: ops, type: push }
walls:
  - id: main
    title: Main
    panels:
      - { id: a, title: A, type: stat, gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: ops, query: { series: a } }
`;
const json = { 'content-type': 'application/json' };

describe('wall enrolment', () => {
  it('gives a wall its own viewer token once an admin enters its code, and only once', async () => {
    t = await startTestHub(workspace);
    const started = await t.http('/api/v1/enrol', { method: 'POST' });
    expect(started.status).toBe(200);
    const { code, claimSecret } = (await started.json()) as { code: string; claimSecret: string };
    expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/);

    const claim = async () => (await (await t!.http('/api/v1/enrol/claim', { method: 'POST', headers: json, body: JSON.stringify({ claimSecret }) })).json()) as { status: string; token?: string };
    expect(await claim()).toEqual({ status: 'pending' });

    // Only an admin can approve; the code may be typed in lower case with a dash.
    const approve = (token: string | undefined, body: unknown) => t!.http('/api/v1/enrolments', { method: 'POST', token, headers: json, body: JSON.stringify(body) });
    expect((await approve(undefined, { code, name: 'NOC left' })).status).toBe(401);
    const wrong = await approve(t.adminToken, { code: 'ZZZZZZ', name: 'NOC left' });
    expect(wrong.status).toBe(404);
    expect(((await wrong.json()) as { message: string }).message).toMatch(/no wall is waiting with the code ZZZZZZ/);
    const bad = await approve(t.adminToken, { code: '12', name: '' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/code: expected the 6-character code.*name/);
    // Over the socket too (Settings uses it): an admin only, the code forgiven its case and dash.
    const typed = `${code.slice(0, 3).toLowerCase()}-${code.slice(3)}`;
    const responder = await t.connect(t.adminToken);
    const approved = await responder.emitWithAck('enrolment:approve', { code: typed, name: 'NOC left' });
    expect(approved).toMatchObject({ ok: true, name: 'NOC left' });
    const again = await responder.emitWithAck('enrolment:approve', { code: typed, name: 'NOC left' });
    expect(again.ok ? '' : again.error.message).toMatch(/no wall is waiting with the code/);

    const got = await claim();
    expect(got.status).toBe('approved');
    expect(await claim()).toEqual({ status: 'expired' }); // given once

    // The wall's token reads, but is a viewer: no token admin.
    const wall = await t.connect(got.token!);
    const listed = await wall.emitWithAck('tokens:list', {});
    expect(listed.ok).toBe(false);
    const tokens = (await (await t.http('/api/v1/tokens', { token: t.adminToken })).json()) as { tokens: { id: string; name: string; role: string }[] };
    const device = tokens.tokens.find((x) => x.name === 'wall: NOC left')!;
    expect(device.role).toBe('viewer');

    // Heartbeats are listed for admins, with the wall's token name.
    const beat = await wall.emitWithAck('wall:heartbeat', { wallId: 'main', page: 'Overview', errors: 1, heapMb: 42.5, fps: 58, worstAgeMs: 1200 });
    expect(beat.ok).toBe(true);
    const admin = await t.connect(t.adminToken);
    const health = await admin.emitWithAck('walls:health', {});
    if (!health.ok) throw new Error(health.error.message);
    expect(health.walls).toEqual([expect.objectContaining({ tokenName: 'wall: NOC left', wallId: 'main', page: 'Overview', errors: 1, connected: true })]);
    expect((await wall.emitWithAck('walls:health', {})).ok).toBe(false);

    // Revoked: the wall is disconnected, and shown as gone in the list.
    expect((await t.http(`/api/v1/tokens/${device.id}`, { method: 'DELETE', token: t.adminToken })).status).toBe(200);
    await eventually('the wall to be cut off', () => !wall.connected);
    await eventually('the list to show it gone', async () => {
      const h = (await (await t!.http('/api/v1/walls/health', { token: t!.adminToken })).json()) as { walls: { connected: boolean }[] };
      return h.walls[0]?.connected === false;
    });

    // A script can approve over REST as well.
    const other = (await (await t.http('/api/v1/enrol', { method: 'POST' })).json()) as { code: string };
    const viaRest = await approve(t.adminToken, { code: other.code, name: 'NOC right' });
    expect(viaRest.status).toBe(200);
    expect(await viaRest.json()).toMatchObject({ name: 'NOC right' });

    // Nothing secret is stored in the clear.
    await t.hub.close();
    const db = new DatabaseSync(join(t.dir, 'data', 'mission-control.sqlite'));
    const rows = db.prepare('SELECT * FROM wall_enrolments').all() as Record<string, unknown>[];
    db.close();
    expect(rows).toHaveLength(2);
    const text = JSON.stringify(rows);
    expect(text).not.toContain(code);
    expect(text).not.toContain(other.code);
    expect(text).not.toContain(claimSecret);
    expect(rows.find((r) => r.device_name === 'NOC left')).toMatchObject({ token_id: device.id });
  });
});
