// Settings → Hub over IPC: the fake electron for the windows, a real hub and real servers on
// loopback for the check, real files in a temporary folder.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcChannels } from '../../shared/bridge.ts';
import type { HubInUse } from '../../shared/bridge.ts';
import { minimalWorkspaceYaml } from '../../test/support/minimal-workspace.ts';
import { startTestHub, type TestHub } from '../../test/support/hub.ts';
import { fake, ipcEvent } from './testing/fake-electron.ts';
import type { FakeBrowserWindow } from './testing/fake-electron.ts';

vi.mock('electron', async () => (await import('./testing/fake-electron.ts')).electronModule);

const { registerIpcHandlers } = await import('./ipc.ts');
const { createWindow } = await import('./window-factory.ts');
const { startWalls } = await import('./walls.ts');
const { loadSettings } = await import('./settings.ts');

const APP = 'app://mission-control/#/settings';
const EMBEDDED: HubInUse = { mode: 'embedded', url: 'http://127.0.0.1:45678', workspace: null, demo: true };
const WALLS = [{ wallId: 'main', displayId: 2 }];

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub(minimalWorkspaceYaml());
});
afterAll(() => t.close());

describe('hub settings (the console’s Hub card)', () => {
  let dir: string;
  let file: string;
  let restarts: number;
  let inUse: HubInUse;
  let logged: string[];
  let consoleWin: FakeBrowserWindow;
  const fromConsole = () => ipcEvent(consoleWin.webContents, APP);
  const choose = (...args: unknown[]) => fake.ipcMain.invoke(ipcChannels.hubSettingsSet, fromConsole(), ...args);
  const onDisk = () => JSON.parse(readFileSync(file, 'utf8')) as unknown;
  /** Everything the app wrote to its log: its own lines and anything on the console. */
  const allLogs = () => [...logged, ...vi.mocked(console.log).mock.calls.flat(), ...vi.mocked(console.error).mock.calls.flat()].map(String).join('\n');

  beforeEach(() => {
    fake.reset();
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    dir = mkdtempSync(join(tmpdir(), 'mc-hub-settings-'));
    file = join(dir, 'settings.json');
    writeFileSync(file, JSON.stringify({ hub: { mode: 'embedded', demo: true }, walls: WALLS }));
    restarts = 0;
    logged = [];
    inUse = EMBEDDED;
    registerIpcHandlers({
      hubConnection: () => ({ url: EMBEDDED.url, token: 'mc_console' }),
      hubSettings: { file, wallTokenFile: join(dir, 'wall-token'), inUse: () => inUse, restart: () => restarts++, log: (line) => logged.push(line), checkTimeoutMs: 1000 },
    });
    consoleWin = createWindow({}) as unknown as FakeBrowserWindow;
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says which hub the app uses and where the choice is saved', async () => {
    expect(await fake.ipcMain.invoke(ipcChannels.hubSettings, fromConsole())).toEqual({ inUse: EMBEDDED, file });
  });

  it('joins a hub that answers and takes the token: saved (walls kept), then the app restarts; the token is never logged', async () => {
    // The walls' viewer token from the hub being left: it must never be offered to the new hub.
    writeFileSync(join(dir, 'wall-token'), 'mc_wall-token-of-the-old-hub-000000000\n');
    const result = await choose({ mode: 'remote', url: `${t.hub.url}/`, token: t.adminToken });
    expect(existsSync(join(dir, 'wall-token'))).toBe(false);
    expect(result).toEqual({ ok: true, message: expect.stringMatching(new RegExp(`^The hub at ${t.hub.url} \\(version [^)]+\\) took the token: saved; the app restarts now to join it\\.$`)) });
    // The embedded hub's settings are kept beside it, for the way back.
    expect(onDisk()).toEqual({ hub: { mode: 'remote', url: t.hub.url, token: t.adminToken, embedded: { demo: true } }, walls: WALLS });
    expect(loadSettings(file, () => expect.unreachable()).hub).toEqual({ mode: 'remote', url: t.hub.url, token: t.adminToken, embedded: { demo: true } });
    expect(restarts).toBe(0); // not before the answer is on its way to the page
    await vi.waitFor(() => expect(restarts).toBe(1));
    expect(allLogs()).toContain(`joining the hub at ${t.hub.url}`);
    expect(allLogs()).not.toContain(t.adminToken);
    // A second choice while restarting is refused, not saved.
    expect(await choose({ mode: 'remote', url: t.hub.url, token: t.adminToken })).toEqual({ ok: false, error: 'the app is already restarting onto the hub chosen a moment ago' });
    expect(onDisk()).toMatchObject({ hub: { mode: 'remote' } });
  });

  it('refuses a token the hub does not take, saying so, and changes nothing', async () => {
    const token = 'mc_wrong-token-0123456789abcdef';
    writeFileSync(join(dir, 'wall-token'), 'mc_wall-token-of-this-hub-0000000000000\n');
    expect(await choose({ mode: 'remote', url: t.hub.url, token })).toEqual({
      ok: false,
      error: `the hub at ${t.hub.url} refused the token: it is not one of its tokens, or it was revoked`,
    });
    expect(onDisk()).toEqual({ hub: { mode: 'embedded', demo: true }, walls: WALLS });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(restarts).toBe(0);
    expect(allLogs()).not.toContain(token);
    expect(existsSync(join(dir, 'wall-token'))).toBe(true); // the walls keep theirs: nothing changed
  });

  it('refuses an unreachable hub, saying nothing answers there', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await new Promise((resolve) => server.close(resolve));
    expect(await choose({ mode: 'remote', url, token: 'mc_room-token' })).toEqual({ ok: false, error: `cannot reach ${url}: nothing is listening there (connection refused)` });
    expect(onDisk()).toMatchObject({ hub: { mode: 'embedded' } });
  });

  it('refuses plain http to another machine, and a token that is not one, in words', async () => {
    const http = await choose({ mode: 'remote', url: 'http://hub.example.com', token: 'mc_room-token' });
    expect(http).toMatchObject({ ok: false, error: expect.stringMatching(/^hub\.example\.com is not this computer, so the hub must be reached over https:\/\//) });
    expect(await choose({ mode: 'remote', url: t.hub.url, token: 'password' })).toEqual({ ok: false, error: 'a Mission Control token starts with "mc_": paste the whole token' });
    expect(onDisk()).toMatchObject({ hub: { mode: 'embedded' } });
    expect(restarts).toBe(0);
  });

  it('leaves the embedded hub’s settings alone when it is already in use', async () => {
    expect(await choose({ mode: 'embedded' })).toEqual({ ok: false, error: 'the app already uses the hub inside it: nothing to change' });
    expect(onDisk()).toEqual({ hub: { mode: 'embedded', demo: true }, walls: WALLS });
  });

  it('goes back to the embedded hub: saved (walls kept), then the app restarts', async () => {
    inUse = { mode: 'remote', url: 'https://hub.example.com', tokenSaved: true };
    writeFileSync(file, JSON.stringify({ hub: { mode: 'remote', url: 'https://hub.example.com', token: 'mc_room' }, walls: WALLS }));
    expect(await choose({ mode: 'embedded' })).toEqual({ ok: true, message: 'Saved: the app restarts now with the hub inside it.' });
    expect(onDisk()).toEqual({ hub: { mode: 'embedded' }, walls: WALLS });
    await vi.waitFor(() => expect(restarts).toBe(1));
  });

  it('joining a shared hub and going back restores the embedded hub’s workspace, as saved before the join', async () => {
    const before = { mode: 'embedded', workspace: '/rooms/match-night.yaml', demo: false };
    writeFileSync(file, JSON.stringify({ hub: before, walls: WALLS }));
    expect(await choose({ mode: 'remote', url: t.hub.url, token: t.adminToken })).toMatchObject({ ok: true });
    expect(loadSettings(file, () => expect.unreachable()).hub).toMatchObject({ mode: 'remote', url: t.hub.url });

    // The next start: the app runs on the shared hub, and its page asks to go back.
    fake.reset();
    registerIpcHandlers({
      hubConnection: () => ({ url: t.hub.url, token: t.adminToken }),
      hubSettings: { file, inUse: () => ({ mode: 'remote', url: t.hub.url, tokenSaved: true }), restart: () => restarts++, log: (line) => logged.push(line) },
    });
    consoleWin = createWindow({}) as unknown as FakeBrowserWindow;
    // The page can say where the way back leads.
    expect(await fake.ipcMain.invoke(ipcChannels.hubSettings, fromConsole())).toMatchObject({ embedded: { workspace: '/rooms/match-night.yaml' } });
    expect(await choose({ mode: 'embedded' })).toMatchObject({ ok: true });
    expect(onDisk()).toEqual({ hub: before, walls: WALLS });
    expect(loadSettings(file, () => expect.unreachable()).hub).toEqual(before);
    await vi.waitFor(() => expect(restarts).toBe(2)); // both restarts, before the next test
  });

  it('says what a viewer token cannot do before joining with it, and joins once told to', async () => {
    const res = await t.http('/api/v1/tokens', { method: 'POST', token: t.adminToken, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'laptop', role: 'viewer' }) });
    const { secret } = (await res.json()) as { secret: string };
    const first = await choose({ mode: 'remote', url: t.hub.url, token: secret });
    expect(first).toEqual({ ok: false, limited: expect.stringMatching(/^This is a viewer token: it can show walls .*, but it cannot log incidents or act on canaries/) });
    expect(onDisk()).toEqual({ hub: { mode: 'embedded', demo: true }, walls: WALLS }); // nothing saved yet
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(restarts).toBe(0);

    expect(await choose({ mode: 'remote', url: t.hub.url, token: secret, limitedOk: true })).toMatchObject({ ok: true });
    expect(onDisk()).toMatchObject({ hub: { mode: 'remote', url: t.hub.url, token: secret } });
    await vi.waitFor(() => expect(restarts).toBe(1));
    expect(allLogs()).toContain('a viewer token');
    expect(allLogs()).not.toContain(secret);
  });

  it('refuses wall windows on both channels', async () => {
    fake.screen.displays = [{ id: 2, label: 'TV', bounds: { x: 0, y: 0, width: 1920, height: 1080 } }];
    const walls = startWalls(WALLS);
    try {
      const wallWin = fake.BrowserWindow.instances.find((w) => w.loadedUrl?.includes('#/wall/main'))!;
      const fromWall = ipcEvent(wallWin.webContents, 'app://mission-control/#/wall/main?kiosk');
      await expect(fake.ipcMain.invoke(ipcChannels.hubSettings, fromWall)).rejects.toThrow(/^refused: mc:hub-settings from a wall window$/);
      await expect(fake.ipcMain.invoke(ipcChannels.hubSettingsSet, fromWall, { mode: 'embedded' })).rejects.toThrow(/^refused: mc:hub-settings-set from a wall window$/);
    } finally {
      walls.stop();
    }
  });

  it.each([
    ['no choice', []],
    ['a bare URL', ['https://hub.example.com']],
    ['no token', [{ mode: 'remote', url: 'https://hub.example.com' }]],
    ['a token that is not text', [{ mode: 'remote', url: 'https://hub.example.com', token: 42 }]],
    ['a token too long', [{ mode: 'remote', url: 'https://hub.example.com', token: `mc_${'x'.repeat(1100)}` }]],
    ['a URL too long', [{ mode: 'remote', url: `https://hub.example.com/${'a'.repeat(3000)}`, token: 'mc_x' }]],
    ['an unknown mode', [{ mode: 'cloud' }]],
    ['an embedded hub with a workspace (not settable from the page)', [{ mode: 'embedded', workspace: '/etc/passwd' }]],
    ['a second argument', [{ mode: 'embedded' }, 'extra']],
    ['a limitedOk that is not true', [{ mode: 'remote', url: 'https://hub.example.com', token: 'mc_x', limitedOk: 'yes' }]],
  ])('refuses invalid arguments: %s', async (_name, args) => {
    await expect(choose(...args)).rejects.toThrow(/^refused: mc:hub-settings-set with invalid arguments$/);
    expect(onDisk()).toEqual({ hub: { mode: 'embedded', demo: true }, walls: WALLS });
  });

  it('refuses an argument to the read', async () => {
    await expect(fake.ipcMain.invoke(ipcChannels.hubSettings, fromConsole(), 'token')).rejects.toThrow(/^refused: mc:hub-settings with invalid arguments$/);
  });
});
