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

describe('enrolment with a code created in Settings', () => {
  it('gives the wall that enters it a viewer token once; used, expired, wrong and wall-shown codes are refused in words', async () => {
    t = await startTestHub(workspace);
    const create = (token: string, name: string) =>
      t!.http('/api/v1/enrolments/codes', { method: 'POST', token, headers: json, body: JSON.stringify({ name }) });
    const redeem = (code: string) => t!.http('/api/v1/enrol/redeem', { method: 'POST', headers: json, body: JSON.stringify({ code }) });
    const message = async (res: Response) => ((await res.json()) as { message: string }).message;

    expect((await create('', 'NOC left')).status).toBe(401);
    const created = await create(t.adminToken, 'NOC left');
    expect(created.status).toBe(200);
    const { code, expiresAt } = (await created.json()) as { code: string; expiresAt: number };
    expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/);
    expect(expiresAt - Date.now()).toBeGreaterThan(14 * 60_000);
    // Not approvable as if a wall showed it.
    const asWallCode = await t.http('/api/v1/enrolments', { method: 'POST', token: t.adminToken, headers: json, body: JSON.stringify({ code, name: 'x' }) });
    expect(asWallCode.status).toBe(404);

    // Typed on the wall with a space and in lower case: the wall gets its own viewer token.
    const redeemed = await redeem(`${code.slice(0, 3).toLowerCase()} ${code.slice(3)}`);
    expect(redeemed.status).toBe(200);
    const { token, name } = (await redeemed.json()) as { token: string; name: string };
    expect(name).toBe('wall: NOC left');
    expect((await t.http('/api/v1/workspace', { token })).status).toBe(200);
    expect((await t.http('/api/v1/tokens', { token })).status).toBe(403); // read-only
    const wall = await t.connect(token);
    expect(await wall.emitWithAck('enrolment:create', { name: 'sneaky' })).toMatchObject({ ok: false });

    // Once only.
    const second = await redeem(code);
    expect(second.status).toBe(404);
    expect(await message(second)).toMatch(/was already used/);

    const wrong = await redeem('ZZZZZZ');
    expect(wrong.status).toBe(404);
    expect(await message(wrong)).toMatch(/no enrolment code ZZZZZZ exists/);
    const malformed = await redeem('12');
    expect(malformed.status).toBe(400);
    expect(await message(malformed)).toMatch(/code: expected the 6-character code created in Settings/);
    // A code a wall shows is entered in Settings, not redeemed by another screen.
    const shown = (await (await t.http('/api/v1/enrol', { method: 'POST' })).json()) as { code: string };
    expect((await redeem(shown.code)).status).toBe(404);

    // Over the socket (Settings uses it); an expired code is refused as expired.
    const admin = await t.connect(t.adminToken);
    const viaSocket = await admin.emitWithAck('enrolment:create', { name: 'NOC right' });
    if (!viaSocket.ok) throw new Error(viaSocket.error.message);
    const db = new DatabaseSync(join(t.dir, 'data', 'mission-control.sqlite'));
    db.prepare('UPDATE wall_enrolments SET expires_at = ? WHERE device_name = ? AND created_by IS NOT NULL').run(Date.now() - 1, 'NOC right');
    db.close();
    const expired = await redeem(viaSocket.code);
    expect(expired.status).toBe(404);
    expect(await message(expired)).toMatch(/expired \(codes last 15 min\)/);

    // The codes are stored hashed.
    await t.hub.close();
    const check = new DatabaseSync(join(t.dir, 'data', 'mission-control.sqlite'));
    const text = JSON.stringify(check.prepare('SELECT * FROM wall_enrolments').all());
    check.close();
    expect(text).not.toContain(code);
    expect(text).not.toContain(viaSocket.code);
  });
});
