import { afterEach, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../../test/support/hub.ts';
import { workspaceWallIds } from './workspace-walls.ts';

let t: TestHub | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const panel = (id: string) => `{ id: ${id}, title: ${id}, type: stat, gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: ops, query: { series: a } }`;
const workspace = `
version: 1
title: W
sources: [{ id: ops, type: push }]
walls:
  - { id: main, title: Main, panels: [${panel('a')}] }
  - { id: cdn, title: CDN, panels: [${panel('b')}] }
`;

describe('workspaceWallIds', () => {
  it('lists the walls of the workspace in force, and null when the hub cannot say', async () => {
    t = await startTestHub(workspace);
    expect(await workspaceWallIds(t.hub.url, t.adminToken)).toEqual(['main', 'cdn']);
    expect(await workspaceWallIds(t.hub.url, 'mc_not-a-token-0123456789abcdef')).toBeNull();
    await t.close();
    const url = t.hub.url;
    t = undefined;
    expect(await workspaceWallIds(url, 'mc_x')).toBeNull();
  });
});
