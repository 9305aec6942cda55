import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcChannels } from '../../shared/bridge.ts';
import { fake, ipcEvent } from './testing/fake-electron.ts';
import type { FakeBrowserWindow } from './testing/fake-electron.ts';

vi.mock('electron', async () => (await import('./testing/fake-electron.ts')).electronModule);

const { registerIpcHandlers } = await import('./ipc.ts');
const { createWindow } = await import('./window-factory.ts');
const { isAwakeHeld } = await import('./keep-awake.ts');
const { startWalls } = await import('./walls.ts');

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
