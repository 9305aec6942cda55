import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcChannels } from '../../shared/bridge.ts';
import { fake, ipcEvent } from './testing/fake-electron.ts';
import type { FakeBrowserWindow, FakeDisplay } from './testing/fake-electron.ts';

vi.mock('electron', async () => (await import('./testing/fake-electron.ts')).electronModule);

const { registerIpcHandlers } = await import('./ipc.ts');
const { createWindow } = await import('./window-factory.ts');
const { isAwakeHeld } = await import('./keep-awake.ts');
const { startWalls } = await import('./walls.ts');
const { loadSettings } = await import('./settings.ts');

const HUB = { url: 'http://127.0.0.1:4820', token: 'secret' };
const APP = 'app://mission-control/#/console';

describe('IPC handlers', () => {
  let win: FakeBrowserWindow;
  const invoke = (channel: string, event: unknown, ...args: unknown[]) => fake.ipcMain.invoke(channel, event, ...args);
  const fromApp = () => ipcEvent(win.webContents, APP);

  beforeEach(() => {
    fake.reset();
    registerIpcHandlers({ hubConnection: () => HUB });
    win = createWindow({}) as unknown as FakeBrowserWindow;
  });

  it('registers exactly the bridge channels', () => {
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(Object.values(ipcChannels).sort());
  });

  it('answers the app’s own top frame', async () => {
    expect(await invoke(ipcChannels.hubConnection, fromApp())).toEqual(HUB);
  });

  it('gives wall windows the walls’ viewer token, and the console the console’s', async () => {
    fake.reset();
    const WALLS = { url: HUB.url, token: 'viewer-secret' };
    registerIpcHandlers({ hubConnection: () => HUB, wallConnection: async () => WALLS });
    const consoleWin = createWindow({}) as unknown as FakeBrowserWindow;
    fake.screen.displays = [{ id: 7, label: 'wall', bounds: { x: 0, y: 0, width: 1920, height: 1080 }, primary: true } as never];
    const walls = startWalls([{ wallId: 'main', displayId: 7 }]);
    try {
      const wallWin = fake.BrowserWindow.instances.find((w) => w.loadedUrl?.includes('/wall/main')) as FakeBrowserWindow;
      expect(await invoke(ipcChannels.hubConnection, ipcEvent(wallWin.webContents, 'app://mission-control/#/wall/main'))).toEqual(WALLS);
      expect(await invoke(ipcChannels.hubConnection, ipcEvent(consoleWin.webContents, APP))).toEqual(HUB);
    } finally {
      walls.stop();
    }
  });

  describe('refuses untrusted senders on every channel', () => {
    const senders: [string, () => unknown][] = [
      ['a top frame at https://evil.example', () => ipcEvent(win.webContents, 'https://evil.example/')],
      ['a look-alike host', () => ipcEvent(win.webContents, 'app://mission-control.evil.example/')],
      ['a file: page', () => ipcEvent(win.webContents, 'file:///tmp/x.html')],
      ['an iframe inside our page', () => ipcEvent(win.webContents, APP, APP)],
      ['a dashboard iframe inside our page', () => ipcEvent(win.webContents, 'https://grafana.example/', APP)],
      ['a frame that is gone (senderFrame null)', () => ({ sender: win.webContents, senderFrame: null })],
      ['our origin in a window we did not make', () => ipcEvent(new fake.BrowserWindow().webContents, APP)],
    ];
    for (const [name, event] of senders) {
      it(name, async () => {
        for (const channel of Object.values(ipcChannels)) {
          await expect(invoke(channel, event(), 'https://example.com/')).rejects.toThrow(/^refused: .* untrusted sender$/);
        }
        expect(fake.shell.opened).toEqual([]);
      });
    }
  });

  it.each([
    [ipcChannels.keepAwake, ['yes']],
    [ipcChannels.keepAwake, []],
    [ipcChannels.notify, ['', 'body']],
    [ipcChannels.notify, ['t'.repeat(201), 'body']],
    [ipcChannels.notify, ['title', 42]],
    [ipcChannels.openExternal, [{ href: 'https://example.com' }]],
    [ipcChannels.openExternal, ['https://example.com/' + 'a'.repeat(3000)]],
    [ipcChannels.hubConnection, ['extra']],
  ])('refuses %s with arguments %j', async (channel, args) => {
    await expect(invoke(channel, fromApp(), ...args)).rejects.toThrow(/^refused: .* invalid arguments$/);
  });

  it('lists displays as DisplayInfo', async () => {
    fake.screen.displays = [
      { id: 10, label: 'DELL U2720Q', bounds: { x: 0, y: 0, width: 3840, height: 2160 } },
      { id: 11, label: '', bounds: { x: 3840, y: 0, width: 1920, height: 1080 } },
    ];
    fake.screen.primaryId = 10;
    expect(await invoke(ipcChannels.displays, fromApp())).toEqual([
      { id: 10, label: 'DELL U2720Q', bounds: { x: 0, y: 0, width: 3840, height: 2160 }, primary: true },
      { id: 11, label: 'Display 2', bounds: { x: 3840, y: 0, width: 1920, height: 1080 }, primary: false },
    ]);
  });

  it('keeps the display awake on request, and lets go when the window goes', async () => {
    expect(await invoke(ipcChannels.keepAwake, fromApp(), true)).toBe(true);
    expect([...fake.powerSaveBlocker.running.values()]).toEqual(['prevent-display-sleep']);
    expect(await invoke(ipcChannels.keepAwake, fromApp(), true)).toBe(true);
    expect(fake.powerSaveBlocker.running.size).toBe(1); // one blocker, however often asked
    expect(await invoke(ipcChannels.keepAwake, fromApp(), false)).toBe(false);
    expect(fake.powerSaveBlocker.running.size).toBe(0);

    await invoke(ipcChannels.keepAwake, fromApp(), true);
    win.webContents.emit('destroyed');
    expect(isAwakeHeld()).toBe(false);
  });

  it('shows native notifications', async () => {
    await invoke(ipcChannels.notify, fromApp(), 'SEV1 declared', 'Playback errors in EU');
    expect(fake.Notification.shown).toEqual([{ title: 'SEV1 declared', body: 'Playback errors in EU' }]);
  });

  it('opens only http(s) URLs externally', async () => {
    expect(await invoke(ipcChannels.openExternal, fromApp(), 'https://status.example.com/')).toBe(true);
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'junk']) {
      expect(await invoke(ipcChannels.openExternal, fromApp(), url)).toBe(false);
    }
    expect(fake.shell.opened).toEqual(['https://status.example.com/']);
  });

  it('prints to a PDF the user saves, or returns null when cancelled', async () => {
    fake.dialog.saveResult = { canceled: true, filePath: '' };
    expect(await invoke(ipcChannels.printToPdf, fromApp())).toBeNull();

    const dir = mkdtempSync(join(tmpdir(), 'mc-pdf-'));
    try {
      const target = join(dir, 'review.pdf');
      fake.dialog.saveResult = { canceled: false, filePath: target };
      expect(await invoke(ipcChannels.printToPdf, fromApp())).toBe(target);
      expect(readFileSync(target, 'utf8')).toBe('%PDF-1.7 fake');
      // The dialog is attached to the asking window.
      expect(fake.dialog.saveCalls.at(-1)?.[0]).toBe(win);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('wall assignments (the console’s Displays card)', () => {
  const left: FakeDisplay = { id: 2, label: 'Left TV', bounds: { x: 1920, y: 0, width: 3840, height: 2160 } };
  const right: FakeDisplay = { id: 3, label: 'Right TV', bounds: { x: 5760, y: 0, width: 3840, height: 2160 } };
  const laptop: FakeDisplay = { id: 1, label: 'Built-in', bounds: { x: 0, y: 0, width: 1920, height: 1080 } };
  let dir: string;
  let file: string;
  let walls: ReturnType<typeof startWalls>;
  let wallIds: readonly string[] | null;
  let consoleWin: FakeBrowserWindow;
  const fromConsole = () => ipcEvent(consoleWin.webContents, APP);
  const save = (event: unknown, ...args: unknown[]) => fake.ipcMain.invoke(ipcChannels.wallAssignmentsSet, event, ...args);
  const wallWindows = () =>
    fake.BrowserWindow.instances.filter((w) => !w.destroyed && w.loadedUrl?.includes('#/wall/')).map((w) => ({ url: w.loadedUrl, bounds: w.bounds }));
  const onDisk = () => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

  beforeEach(() => {
    fake.reset();
    dir = mkdtempSync(join(tmpdir(), 'mc-assign-'));
    file = join(dir, 'settings.json');
    wallIds = ['main', 'cdn', 'pulse'];
    fake.screen.displays = [laptop, left, right];
    fake.screen.primaryId = 1;
    const hub = { mode: 'remote', url: 'https://hub.example.com', token: 'room-token' };
    writeFileSync(file, JSON.stringify({ hub, walls: [{ wallId: 'main', displayId: 2 }] }));
    walls = startWalls(loadSettings(file).walls);
    registerIpcHandlers({ hubConnection: () => HUB, wallAssignments: { file, walls: () => walls, wallIds: async () => wallIds } });
    consoleWin = createWindow({}) as unknown as FakeBrowserWindow;
  });
  afterEach(() => {
    walls.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the saved assignments, the displays and the open walls', async () => {
    expect(await fake.ipcMain.invoke(ipcChannels.wallAssignments, fromConsole())).toEqual({
      assignments: [{ wallId: 'main', displayId: 2 }],
      displays: [
        { id: 1, label: 'Built-in', bounds: laptop.bounds, primary: true },
        { id: 2, label: 'Left TV', bounds: left.bounds, primary: false },
        { id: 3, label: 'Right TV', bounds: right.bounds, primary: false },
      ],
      open: [{ wallId: 'main', displayId: 2 }],
      file,
    });
  });

  it('saves the assignments (other settings kept, written whole) and re-places the wall windows at once', async () => {
    const mainWindow = fake.BrowserWindow.instances.find((w) => w.loadedUrl?.endsWith('#/wall/main?kiosk'))!;
    // main moves from the left TV to the right one, cdn takes the left one, pulse waits for display 9.
    const next = [
      { wallId: 'cdn', displayId: 2 },
      { wallId: 'main', displayId: 3 },
      { wallId: 'pulse', displayId: 9 },
    ];
    const result = await save(fromConsole(), next);
    expect(result).toEqual({
      ok: true,
      note: null,
      state: { assignments: next, displays: expect.any(Array), open: [{ wallId: 'cdn', displayId: 2 }, { wallId: 'main', displayId: 3 }], file },
    });
    expect(onDisk()).toEqual({ hub: { mode: 'remote', url: 'https://hub.example.com', token: 'room-token' }, walls: next });
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o077).toBe(0);
    expect(readdirSync(dir)).toEqual(['settings.json']); // no temporary file left behind
    expect(mainWindow.destroyed).toBe(true); // the left TV's window showed another wall: replaced
    expect(wallWindows()).toEqual([
      { url: 'app://mission-control/#/wall/cdn?kiosk', bounds: left.bounds },
      { url: 'app://mission-control/#/wall/main?kiosk', bounds: right.bounds },
    ]);
    // What was saved is what a restart reads.
    expect(loadSettings(file).walls).toEqual(next);

    // The display that was not connected comes back: its wall opens (walls.ts re-plans on display-added).
    vi.useFakeTimers();
    try {
      fake.screen.displays = [laptop, left, right, { id: 9, label: 'Projector', bounds: { x: 0, y: 1080, width: 1280, height: 720 } }];
      fake.screen.emit('display-added', {}, fake.screen.displays[3]);
      vi.advanceTimersByTime(500);
    } finally {
      vi.useRealTimers();
    }
    expect(wallWindows().map((w) => w.url)).toContain('app://mission-control/#/wall/pulse?kiosk');

    // Nothing assigned: every wall window closes.
    expect(await save(fromConsole(), [])).toMatchObject({ ok: true, state: { assignments: [], open: [] } });
    expect(wallWindows()).toEqual([]);
    expect(onDisk()).toMatchObject({ walls: [] });
  });

  it('refuses a wall window, even our own, on both channels', async () => {
    const wallWin = fake.BrowserWindow.instances.find((w) => w.loadedUrl?.endsWith('#/wall/main?kiosk'))!;
    const fromWall = () => ipcEvent(wallWin.webContents, 'app://mission-control/#/wall/main?kiosk');
    await expect(fake.ipcMain.invoke(ipcChannels.wallAssignments, fromWall())).rejects.toThrow(/^refused: mc:wall-assignments from a wall window$/);
    await expect(save(fromWall(), [])).rejects.toThrow(/^refused: mc:wall-assignments-set from a wall window$/);
    expect(onDisk()).toMatchObject({ walls: [{ wallId: 'main', displayId: 2 }] });
    expect(wallWindows()).toHaveLength(1);
  });

  it.each([
    ['no list', []],
    ['not a list', [{ wallId: 'main', displayId: 2 }]],
    ['a display id that is not a whole number', [[{ wallId: 'main', displayId: 2.5 }]]],
    ['a display name for an id', [[{ wallId: 'main', displayId: 'HDMI-1' }]]],
    ['a wall id that is a path', [[{ wallId: '../../etc', displayId: 2 }]]],
    ['an extra field', [[{ wallId: 'main', displayId: 2, fullscreen: false }]]],
    ['33 assignments', [Array.from({ length: 33 }, (_, i) => ({ wallId: 'main', displayId: i }))]],
    ['a second argument', [[], 'extra']],
  ])('refuses invalid arguments: %s', async (_name, args) => {
    await expect(save(fromConsole(), ...args)).rejects.toThrow(/^refused: mc:wall-assignments-set with invalid arguments$/);
    expect(onDisk()).toMatchObject({ walls: [{ wallId: 'main', displayId: 2 }] });
  });

  it('refuses a wall the workspace does not have, saying which, and changes nothing', async () => {
    const result = await save(fromConsole(), [{ wallId: 'main', displayId: 2 }, { wallId: 'nope', displayId: 3 }]);
    expect(result).toEqual({ ok: false, error: 'the workspace has no wall "nope" (its walls: main, cdn, pulse); nothing was saved' });
    expect(onDisk()).toMatchObject({ walls: [{ wallId: 'main', displayId: 2 }] });
    expect(wallWindows().map((w) => w.url)).toEqual(['app://mission-control/#/wall/main?kiosk']);
  });

  it('keeps an assignment saved before whose wall has left the workspace since, but takes no new one', async () => {
    wallIds = ['cdn'];
    expect(await save(fromConsole(), [{ wallId: 'main', displayId: 2 }, { wallId: 'cdn', displayId: 3 }])).toMatchObject({ ok: true });
    expect(await save(fromConsole(), [{ wallId: 'main', displayId: 3 }])).toMatchObject({ ok: false, error: expect.stringContaining('no wall "main"') });
  });

  it('refuses two walls on one display', async () => {
    expect(await save(fromConsole(), [{ wallId: 'main', displayId: 2 }, { wallId: 'cdn', displayId: 2 }])).toEqual({
      ok: false,
      error: 'display 2 is given two walls ("main" and "cdn"): one wall per display',
    });
  });

  it('saves unchecked, saying so, when the hub cannot say which walls there are', async () => {
    wallIds = null;
    expect(await save(fromConsole(), [{ wallId: 'anything', displayId: 3 }])).toMatchObject({
      ok: true,
      note: 'the hub could not be asked which walls the workspace has: saved without checking the wall names',
    });
    expect(onDisk()).toMatchObject({ walls: [{ wallId: 'anything', displayId: 3 }] });
  });

  it('does not overwrite a settings file that does not parse, and says why', async () => {
    writeFileSync(file, '{ "hub": { "mode": "remote", ');
    const result = await save(fromConsole(), [{ wallId: 'cdn', displayId: 3 }]);
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining(`${file} is not valid JSON`) });
    expect(readFileSync(file, 'utf8')).toBe('{ "hub": { "mode": "remote", ');
    expect(wallWindows().map((w) => w.url)).toEqual(['app://mission-control/#/wall/main?kiosk']); // nothing re-placed either
  });

  it('applies saves one at a time, in the order asked', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    fake.reset();
    fake.screen.displays = [laptop, left, right];
    walls.stop();
    walls = startWalls([]);
    registerIpcHandlers({
      hubConnection: () => HUB,
      wallAssignments: { file, walls: () => walls, wallIds: async () => (++calls === 1 ? (await gate, ['main', 'cdn']) : ['main', 'cdn']) },
    });
    consoleWin = createWindow({}) as unknown as FakeBrowserWindow;
    const first = save(fromConsole(), [{ wallId: 'main', displayId: 2 }]);
    const second = save(fromConsole(), [{ wallId: 'cdn', displayId: 2 }]);
    release();
    await Promise.all([first, second]);
    expect(onDisk()).toMatchObject({ walls: [{ wallId: 'cdn', displayId: 2 }] });
    expect(wallWindows().map((w) => w.url)).toEqual(['app://mission-control/#/wall/cdn?kiosk']);
  });
});
