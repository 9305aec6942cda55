/**
 * The built UI as a real hub serves it: the page, its assets, any other path as the app (it
 * routes by hash), and after a rebuild under the running hub the new build whole (new asset names
 * included), named in the hello so the walls reload onto it.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { HubHello } from '../../shared/protocol/events.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { minimalWorkspaceYaml } from '../support/minimal-workspace.ts';

const workspace = minimalWorkspaceYaml('UI');
const index = (entry: string) => `<!doctype html><html><head><script type="module" crossorigin src="./assets/${entry}"></script></head><body><div id="root"></div></body></html>`;

let t: TestHub | undefined;
let uiDir: string | undefined;
afterEach(async () => {
  await t?.close();
  if (uiDir) await rm(uiDir, { recursive: true, force: true });
  t = undefined;
  uiDir = undefined;
});

/** The hello a new connection gets (listened for before connecting: it comes at once). */
const helloOf = (hub: TestHub): Promise<HubHello> =>
  new Promise((resolve, reject) => {
    const socket = io(hub.hub.url, { auth: { token: hub.adminToken }, transports: ['websocket'], reconnection: false, forceNew: true });
    socket.once('hub:hello', (hello: HubHello) => {
      socket.close();
      resolve(hello);
    });
    socket.once('connect_error', reject);
  });

describe('the built UI on the hub', () => {
  it('serves the page, its assets and the app for any other path; after a rebuild, the new build whole, named in the hello', async () => {
    uiDir = await mkdtemp(join(tmpdir(), 'mc-ui-'));
    await mkdir(join(uiDir, 'assets'));
    await writeFile(join(uiDir, 'index.html'), index('index-old.js'));
    await writeFile(join(uiDir, 'assets', 'index-old.js'), 'console.log("old")');
    t = await startTestHub(workspace, { uiDir });

    const page = await t.http('/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('index-old.js');
    expect((await t.http('/assets/index-old.js')).headers.get('content-type')).toMatch(/javascript/);
    const enrol = await t.http('/enrol');
    expect(enrol.headers.get('content-type')).toMatch(/text\/html/);
    expect(await enrol.text()).toContain('<div id="root">');
    expect((await t.http('/api/v1/nothing-here', { token: t.adminToken })).status).toBe(404);
    // A stray secret in the folder is never served (files are looked up per request).
    await writeFile(join(uiDir, '.env'), 'SECRET=hunter2');
    expect(await (await t.http('/.env')).text()).not.toContain('hunter2');
    expect((await helloOf(t)).uiBuild).toBe('index-old.js');

    // A rebuild while the hub runs: new names, a new index.html (a later mtime, as a build writes it).
    await writeFile(join(uiDir, 'assets', 'index-new.js'), 'console.log("new")');
    await new Promise((r) => setTimeout(r, 20));
    await writeFile(join(uiDir, 'index.html'), index('index-new.js'));
    const asset = await t.http('/assets/index-new.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(await asset.text()).toContain('new');
    expect((await helloOf(t)).uiBuild).toBe('index-new.js');
  });
});
