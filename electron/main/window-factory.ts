/**
 * The one place that constructs BrowserWindows, with one frozen webPreferences preset that callers
 * cannot change (a test checks that no other module says `new BrowserWindow`).
 */
import { app, BrowserWindow, WebContentsView } from 'electron';
import type { BrowserWindowConstructorOptions, WebContents } from 'electron';
import { join } from 'node:path';
import { hardenWebContents } from './security.ts';

/** Built next to main.cjs by scripts/build-electron.ts. */
export const PRELOAD_PATH = join(app.getAppPath(), 'dist', 'electron', 'preload.cjs');

/** Explicit even where these are Electron's defaults, so a changed default cannot weaken us. */
export const WEB_PREFERENCES = Object.freeze({
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
} as const);

export type WindowOptions = Omit<BrowserWindowConstructorOptions, 'webPreferences'>;

const ours = new WeakSet<WebContents>();

export function createWindow(options: WindowOptions): BrowserWindow {
  // The preset goes last, and as a copy: whatever a caller passes cannot override it, and Electron
  // never gets (and so never tries to write to) the frozen object.
  const win = new BrowserWindow({ ...options, webPreferences: { ...WEB_PREFERENCES } });
  ours.add(win.webContents);
  hardenWebContents(win.webContents);
  return win;
}

/**
 * An embedded dashboard's view (electron/main/embeds.ts): the embed's own isolated preferences,
 * never the app's preload, and hardened like every webContents. Not "ours": IPC never answers it.
 */
export function createEmbedView(webPreferences: Electron.WebPreferences): WebContentsView {
  const { preload: _never, ...isolated } = webPreferences;
  const view = new WebContentsView({ webPreferences: isolated });
  hardenWebContents(view.webContents);
  return view;
}

/** Whether these webContents belong to a window this factory made (IPC only answers those). */
export function isOurWebContents(contents: WebContents): boolean {
  return ours.has(contents);
}
