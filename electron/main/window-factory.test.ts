import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake } from './testing/fake-electron.ts';
import type { FakeBrowserWindow } from './testing/fake-electron.ts';

vi.mock('electron', async () => (await import('./testing/fake-electron.ts')).electronModule);

const { WEB_PREFERENCES, PRELOAD_PATH, createWindow, isOurWebContents } = await import('./window-factory.ts');

const asFake = (win: unknown) => win as FakeBrowserWindow;

describe('window factory', () => {
  beforeEach(() => fake.reset());

  it('has one hardened, frozen webPreferences preset', () => {
    expect(WEB_PREFERENCES).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      preload: PRELOAD_PATH,
    });
    expect(PRELOAD_PATH).toBe(join('/fake/app', 'dist', 'electron', 'preload.cjs'));
    expect(Object.isFrozen(WEB_PREFERENCES)).toBe(true);
    // ES modules are strict: writing to a frozen object throws.
    expect(() => {
      (WEB_PREFERENCES as { nodeIntegration: boolean }).nodeIntegration = true;
    }).toThrow(TypeError);
    expect(WEB_PREFERENCES.nodeIntegration).toBe(false);
  });

  it('gives every window the preset, whatever the caller passes', () => {
    const plain = asFake(createWindow({ width: 100, height: 100 }));
    const sneaky = asFake(
      createWindow({ width: 100, webPreferences: { nodeIntegration: true, sandbox: false, contextIsolation: false } } as never),
    );
    for (const win of [plain, sneaky]) {
      expect(win.options.webPreferences).toEqual({ ...WEB_PREFERENCES });
      // A copy: Electron never holds (or writes to) the frozen preset itself.
      expect(win.options.webPreferences).not.toBe(WEB_PREFERENCES);
    }
    expect(plain.options.width).toBe(100);
  });

  it('marks its windows as ours (IPC answers only those)', () => {
    const win = asFake(createWindow({}));
    expect(isOurWebContents(win.webContents as never)).toBe(true);
    expect(isOurWebContents(new fake.BrowserWindow().webContents as never)).toBe(false);
  });

  it('hardens every window it makes: no window.open, no navigation away, no <webview>', () => {
    const { webContents } = asFake(createWindow({}));
    expect(webContents.openWindow('https://example.com/docs')).toEqual({ action: 'deny' });
    expect(webContents.attempt('will-navigate', 'https://evil.example/')).toBe(true);
    expect(webContents.attempt('will-navigate', 'app://mission-control/#/settings')).toBe(false);
    expect(webContents.attempt('will-attach-webview', 'https://evil.example/')).toBe(true);
  });
});

describe('source rules', () => {
  // Cheap static checks that the single choke points stay single (security-reliability SEC-01/06/08).
  const dir = import.meta.dirname;
  const sources = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => ({ file: f, text: readFileSync(join(dir, f), 'utf8') }));
  const filesMatching = (pattern: RegExp) => sources.filter((s) => pattern.test(s.text)).map((s) => s.file);

  it('constructs windows only in window-factory.ts', () => {
    expect(filesMatching(/new\s+(BrowserWindow|BrowserView|WebContentsView)\b/)).toEqual(['window-factory.ts']);
  });
  it('calls shell.openExternal only in security.ts', () => {
    expect(filesMatching(/shell\.openExternal\(/)).toEqual(['security.ts']);
  });
  it('registers IPC handlers only in ipc.ts', () => {
    expect(filesMatching(/ipcMain\.(handle|on|once)\(/)).toEqual(['ipc.ts']);
  });
});
