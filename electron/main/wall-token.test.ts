import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../../test/support/hub.ts';
import { ensureWallToken, WALL_TOKEN_NAME } from './wall-token.ts';

let t: TestHub | undefined;
let dir: string | undefined;
afterEach(async () => {
  await t?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  t = undefined;
});

const workspace = `
version: 1
title: W
sources: [{ id: ops, type: push }]
walls: [{ id: main, title: Main, panels: [{ id: a, title: A, type: stat, gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: ops, query: { series: a } }] }]
`;

describe('desktop walls use a viewer token of their own', () => {
  it('creates a viewer token once, keeps it owner-only, reuses it, and replaces it when revoked', async () => {
    t = await startTestHub(workspace);
    dir = await mkdtemp(join(tmpdir(), 'mc-walltoken-'));
    const file = join(dir, 'wall-token');
    const first = await ensureWallToken(t.hub.url, t.adminToken, file);
    expect(first).toMatch(/^mc_/);
    expect((await readFile(file, 'utf8')).trim()).toBe(first);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o077).toBe(0);

    const tokens = async () => ((await (await t!.http('/api/v1/tokens', { token: t!.adminToken })).json()) as { tokens: { id: string; name: string; role: string; revokedAt: number | null }[] }).tokens;
    const mine = (await tokens()).filter((x) => x.name === WALL_TOKEN_NAME);
    expect(mine.map((x) => x.role)).toEqual(['viewer']);
    // A wall with it cannot administer.
    expect((await t.http('/api/v1/tokens', { token: first! })).status).toBe(403);

    expect(await ensureWallToken(t.hub.url, t.adminToken, file)).toBe(first);
    expect((await tokens()).filter((x) => x.name === WALL_TOKEN_NAME)).toHaveLength(1);

    await t.http(`/api/v1/tokens/${mine[0]!.id}`, { method: 'DELETE', token: t.adminToken });
    const second = await ensureWallToken(t.hub.url, t.adminToken, file);
    expect(second).not.toBe(first);
    expect((await t.http('/api/v1/workspace', { token: second! })).status).toBe(200);
    // A token that cannot create tokens gets null (the caller keeps the one it has).
    expect(await ensureWallToken(t.hub.url, second!, join(dir, 'other'))).toBeNull();
  });
});
