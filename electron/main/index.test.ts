import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcChannels } from '../../shared/bridge.ts';
import { minimalWorkspaceYaml } from '../../test/support/minimal-workspace.ts';
import { startTestHub } from '../../test/support/hub.ts';
import { fake, ipcEvent } from './testing/fake-electron.ts';
import type { FakeUtilityProcess } from './testing/fake-electron.ts';

vi.mock('electron', async () => (await import('./testing/fake-electron.ts')).electronModule);

/** Import index.ts afresh (it runs the lifecycle on import), then let `ready` happen. */
async function launch(): Promise<void> {
  vi.resetModules();
  await import('./index.ts');
  fake.app.makeReady();
  await vi.waitFor(() => {
    if (fake.BrowserWindow.instances.length === 0 && fake.dialog.errors.length === 0) throw new Error('not started yet');
  });
}

const hubReady = (child: FakeUtilityProcess) =>
  setTimeout(() => child.emit('message', { type: 'ready', url: 'http://127.0.0.1:45678' }), 1);

describe('app lifecycle', () => {
  let base: string;
  let userData: string;
  let appDir: string;

  beforeEach(() => {
    fake.reset();
    base = mkdtempSync(join(tmpdir(), 'mc-app-'));
    userData = join(base, 'userData');
    appDir = join(base, 'app');
    mkdirSync(userData);
    mkdirSync(join(appDir, 'dist', 'renderer'), { recursive: true });
    writeFileSync(join(appDir, 'dist', 'renderer', 'index.html'), '<!doctype html><title>MC</title>');
    fake.app.appPath = appDir;
    fake.app.setPath('userData', userData);
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    // Quit like a user would, so walls' timers stop and the hub is asked to stop.
    if (fake.app.isReady() && !fake.app.quitted) fake.app.quit();
    await vi.waitFor(() => expect(fake.app.quitted || !fake.app.isReady()).toBe(true));
    vi.restoreAllMocks();
    rmSync(base, { recursive: true, force: true });
  });

  it('quits at once when another instance is running', async () => {
    fake.app.singleInstance = false;
    vi.resetModules();
    await import('./index.ts');
    expect(fake.app.quitCalls).toBe(1);
    expect(fake.app.listenerCount('second-instance')).toBe(0);
  });

  it('before ready: enables the sandbox and registers app:// as privileged', async () => {
    vi.resetModules();
    await import('./index.ts');
    expect(fake.app.sandboxEnabled).toBe(true);
    expect(fake.protocol.privilegedBeforeReady).toBe(true);
    expect(fake.utilityProcess.forks).toEqual([]); // nothing forks before ready
  });

  it('on ready: starts the embedded hub, serves the UI and opens the console', async () => {
    fake.utilityProcess.onFork = hubReady;
    await launch();

    const [fork] = fake.utilityProcess.forks;
    expect(fork?.modulePath).toBe(join(appDir, 'dist', 'electron', 'hub.mjs'));
    const token = readFileSync(join(userData, 'console-token'), 'utf8').trim();
    expect(fork?.options.env).toMatchObject({
      MC_HOST: '127.0.0.1',
      MC_PORT: '0',
      MC_DATA_DIR: join(userData, 'hub-demo'),
      MC_UI_DIR: join(appDir, 'dist', 'renderer'),
      MC_DEMO: '1', // no workspace configured: the demo, with its workspace from the unpacked assets
      MC_WORKSPACE: join(appDir, 'assets', 'demo', 'workspace.yaml'),
      MC_ALLOWED_ORIGINS: 'app://mission-control',
      MISSION_CONTROL_ADMIN_TOKEN: token,
    });

    expect(fake.session.defaultSession.permissionRequestHandler).not.toBeNull();
    expect(fake.protocol.handlers.has('app')).toBe(true);
    const [consoleWindow] = fake.BrowserWindow.instances;
    expect(consoleWindow?.loadedUrl).toBe('app://mission-control/#/console');
    expect(consoleWindow?.options.webPreferences).toMatchObject({ preload: join(appDir, 'dist', 'electron', 'preload.cjs') });

    // The console gets the embedded hub's URL and the admin token through the bridge.
    const connection = await fake.ipcMain.invoke(
      ipcChannels.hubConnection,
      ipcEvent(consoleWindow!.webContents, consoleWindow!.loadedUrl!),
    );
    expect(connection).toEqual({ url: 'http://127.0.0.1:45678', token });

    // The CSP lets the page reach that hub.
    const page = await fake.protocol.handlers.get('app')!(new Request('app://mission-control/'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain(
      "connect-src 'self' http://127.0.0.1:45678 ws://127.0.0.1:45678;",
    );
  });

  it("keeps the demo's data apart from the room's own workspace", async () => {
    const workspace = join(userData, 'room', 'workspace.yaml');
    mkdirSync(dirname(workspace), { recursive: true });
    writeFileSync(workspace, minimalWorkspaceYaml());
    writeFileSync(join(userData, 'settings.json'), JSON.stringify({ hub: { mode: 'embedded', workspace } }));
    fake.utilityProcess.onFork = hubReady;
    await launch();
    expect(fake.utilityProcess.forks[0]?.options.env).toMatchObject({ MC_DATA_DIR: join(userData, 'hub'), MC_WORKSPACE: workspace });
    expect(fake.utilityProcess.forks[0]?.options.env).not.toHaveProperty('MC_DEMO');
  });

  it('joins a remote hub from settings without forking anything', async () => {
    writeFileSync(
      join(userData, 'settings.json'),
      JSON.stringify({ hub: { mode: 'remote', url: 'https://hub.example.com/', token: 'room-token' }, walls: [{ wallId: 'main', displayId: 1 }] }),
    );
    await launch();
    expect(fake.utilityProcess.forks).toEqual([]);
    const [consoleWindow] = fake.BrowserWindow.instances;
    expect(await fake.ipcMain.invoke(ipcChannels.hubConnection, ipcEvent(consoleWindow!.webContents, 'app://mission-control/'))).toEqual({
      url: 'https://hub.example.com',
      token: 'room-token',
    });
    // settings put wall "main" on display 1
    expect(fake.BrowserWindow.instances.map((w) => w.loadedUrl)).toContain('app://mission-control/#/wall/main?kiosk');
  });

  it('saves wall assignments from the console into settings.json and opens the wall at once', async () => {
    writeFileSync(join(userData, 'settings.json'), JSON.stringify({ hub: { mode: 'embedded', demo: true } }));
    fake.utilityProcess.onFork = hubReady;
    await launch();
    const [consoleWindow] = fake.BrowserWindow.instances;
    const fromConsole = ipcEvent(consoleWindow!.webContents, 'app://mission-control/#/settings');
    expect(await fake.ipcMain.invoke(ipcChannels.wallAssignments, fromConsole)).toMatchObject({ assignments: [], open: [], file: join(userData, 'settings.json') });
    // The fake hub does not answer REST: the wall names are saved unchecked, saying so.
    const result = await fake.ipcMain.invoke(ipcChannels.wallAssignmentsSet, fromConsole, [{ wallId: 'main', displayId: 1 }]);
    expect(result).toMatchObject({ ok: true, note: expect.stringContaining('saved without checking'), state: { open: [{ wallId: 'main', displayId: 1 }] } });
    expect(JSON.parse(readFileSync(join(userData, 'settings.json'), 'utf8'))).toEqual({
      hub: { mode: 'embedded', demo: true },
      walls: [{ wallId: 'main', displayId: 1 }],
    });
    expect(fake.BrowserWindow.instances.map((w) => w.loadedUrl)).toContain('app://mission-control/#/wall/main?kiosk');
  });

  it('joins a shared hub from Settings → Hub: checks it, saves settings.json, then restarts (the embedded hub stopped first)', async () => {
    const room = await startTestHub(minimalWorkspaceYaml('Room'));
    try {
      writeFileSync(join(userData, 'settings.json'), JSON.stringify({ walls: [{ wallId: 'main', displayId: 1 }] }));
      fake.utilityProcess.onFork = hubReady;
      await launch();
      const [consoleWindow] = fake.BrowserWindow.instances;
      const fromConsole = ipcEvent(consoleWindow!.webContents, 'app://mission-control/#/settings');
      expect(await fake.ipcMain.invoke(ipcChannels.hubSettings, fromConsole)).toEqual({
        inUse: { mode: 'embedded', url: 'http://127.0.0.1:45678', workspace: null, demo: true },
        file: join(userData, 'settings.json'),
      });

      const result = await fake.ipcMain.invoke(ipcChannels.hubSettingsSet, fromConsole, { mode: 'remote', url: room.hub.url, token: room.adminToken });
      expect(result).toMatchObject({ ok: true });
      expect(JSON.parse(readFileSync(join(userData, 'settings.json'), 'utf8'))).toEqual({
        hub: { mode: 'remote', url: room.hub.url, token: room.adminToken },
        walls: [{ wallId: 'main', displayId: 1 }],
      });
      // A relaunch, then a normal quit: the embedded hub is asked to stop and finishes its writes.
      await vi.waitFor(() => expect(fake.app.relaunchCalls).toBe(1));
      expect(fake.utilityProcess.forks[0]!.child.posted).toEqual([{ type: 'stop' }]);
      await vi.waitFor(() => expect(fake.app.quitted).toBe(true));
      expect(fake.dialog.errors).toEqual([]);
      const logs = [...vi.mocked(console.log).mock.calls, ...vi.mocked(console.error).mock.calls].flat().map(String).join('\n');
      expect(logs).toContain(`joining the hub at ${room.hub.url}`);
      expect(logs).not.toContain(room.adminToken);
    } finally {
      await room.close();
    }
  });

  it('shows a clear error and quits when the hub cannot start', async () => {
    fake.utilityProcess.onFork = (child) => setTimeout(() => child.emit('message', { type: 'error', message: 'port in use' }), 1);
    await launch();
    expect(fake.dialog.errors).toEqual([{ title: 'Mission Control', content: 'The embedded hub failed to start: port in use' }]);
    expect(fake.app.quitted).toBe(true);
  });

  it('stops the hub before quitting: asks, waits, then quits for real', async () => {
    fake.utilityProcess.onFork = hubReady;
    await launch();
    const child = fake.utilityProcess.forks[0]!.child;

    fake.app.quit();
    expect(fake.app.quitted).toBe(false); // held back while the hub stops
    expect(child.posted).toEqual([{ type: 'stop' }]);
    await vi.waitFor(() => expect(fake.app.quitted).toBe(true));
    expect(child.killed).toBe(false);
    expect(fake.dialog.errors).toEqual([]); // a requested stop is not a crash
  });

  it('reports a hub that dies while the app runs', async () => {
    fake.utilityProcess.onFork = hubReady;
    await launch();
    fake.utilityProcess.forks[0]!.child.exit(9);
    await vi.waitFor(() => expect(fake.dialog.errors).toHaveLength(1));
    expect(fake.dialog.errors[0]?.content).toBe('The embedded hub stopped unexpectedly (exit code 9).');
  });

  it('focuses the existing console when a second instance starts', async () => {
    fake.utilityProcess.onFork = hubReady;
    await launch();
    fake.app.emit('second-instance');
    expect(fake.BrowserWindow.instances).toHaveLength(1);
    expect(fake.BrowserWindow.instances[0]?.calls).toContain('focus');
  });
});
