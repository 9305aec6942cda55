/**
 * Electron entry (bundled to dist/electron/main.cjs): lifecycle only. Everything it wires up lives
 * in a module of its own: security rules, the app:// protocol, IPC, the hub launcher, windows.
 */
import { app, dialog, utilityProcess } from 'electron';
import type { BrowserWindow } from 'electron';
import { join, resolve } from 'node:path';
import type { HubConnection, HubInUse } from '../../shared/bridge.ts';
import { appUrl } from './app-origin.ts';
import { CONSOLE_TOKEN_FILE, ensureConsoleToken } from './console-token.ts';
import { launchEmbeddedHub, normalizeHubUrl } from './hub-launcher.ts';
import type { EmbeddedHub } from './hub-launcher.ts';
import { registerIpcHandlers } from './ipc.ts';
import { registerAppScheme, serveApp } from './protocol.ts';
import { installSecurityHandlers } from './security.ts';
import { loadSettings, SETTINGS_FILE, workspaceArg } from './settings.ts';
import type { HubSettings } from './settings.ts';
import { ensureWallToken, WALL_TOKEN_FILE } from './wall-token.ts';
import { startWalls } from './walls.ts';
import type { Walls } from './walls.ts';
import { createWindow } from './window-factory.ts';
import { workspaceWallIds } from './workspace-walls.ts';

let hub: EmbeddedHub | null = null;
let connection: HubConnection | null = null;
/** What Settings → Hub shows: which hub, without its token. */
let hubInUse: HubInUse | null = null;
/** Walls sign in with a viewer token of their own (made with the console's token), never the admin one. */
let wallConnection: Promise<HubConnection | null> | null = null;
let consoleWindow: BrowserWindow | null = null;
let walls: Walls | null = null;
let started = false;
let quitting = false;

function distPath(...parts: string[]): string {
  return join(app.getAppPath(), 'dist', ...parts);
}

/**
 * The demo workspace, from the real folder electron-builder unpacks assets/ into (asarUnpack): the
 * hub watches the workspace's folder, and fs.watch cannot look inside app.asar.
 */
function demoWorkspace(): string {
  return join(app.getAppPath().replace(/app\.asar$/, 'app.asar.unpacked'), 'assets', 'demo', 'workspace.yaml');
}

async function connectHub(settings: HubSettings, userData: string): Promise<HubConnection> {
  if (settings.mode === 'remote') {
    const url = normalizeHubUrl(settings.url);
    if (url === null) throw new Error(`The remote hub URL ${JSON.stringify(settings.url)} is not an http(s) URL.`);
    console.log(`[mission-control] joining the hub at ${url}`);
    hubInUse = { mode: 'remote', url, tokenSaved: true };
    return { url, token: settings.token };
  }
  const token = ensureConsoleToken(join(userData, CONSOLE_TOKEN_FILE));
  const workspace = workspaceArg(process.argv) ?? settings.workspace;
  const demo = settings.demo ?? workspace === undefined;
  hub = await launchEmbeddedHub({
    fork: (modulePath, args, options) => utilityProcess.fork(modulePath, args, options),
    hubEntry: distPath('electron', 'hub.mjs'),
    // The bundled demo keeps its own data (as the hub's defaultDataDir), so its incidents, posts
    // and plan never show up in the room's own workspace chosen later.
    dataDir: join(userData, workspace === undefined && demo ? 'hub-demo' : 'hub'),
    uiDir: distPath('renderer'),
    token,
    workspace: workspace === undefined ? (demo ? demoWorkspace() : undefined) : resolve(workspace),
    demo,
  });
  console.log(`[mission-control] embedded hub ready at ${hub.url}`);
  hubInUse = { mode: 'embedded', url: hub.url, workspace: workspace === undefined ? null : resolve(workspace), demo };
  void hub.exited.then((code) => {
    if (!quitting) fail(new Error(`The embedded hub stopped unexpectedly (exit code ${code}).`));
  });
  return { url: hub.url, token };
}

function showConsole(): void {
  if (!started) return;
  if (consoleWindow && !consoleWindow.isDestroyed()) {
    if (consoleWindow.isMinimized()) consoleWindow.restore();
    consoleWindow.focus();
    return;
  }
  const win = createWindow({
    width: 1440,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    backgroundColor: '#0b0f14',
    title: 'Mission Control',
  });
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (consoleWindow === win) consoleWindow = null;
  });
  void win.loadURL(appUrl('/console'));
  consoleWindow = win;
}

async function start(): Promise<void> {
  installSecurityHandlers();
  const userData = app.getPath('userData');
  const settingsFile = join(userData, SETTINGS_FILE);
  registerIpcHandlers({
    hubConnection: () => connection,
    wallConnection: () => wallConnection ?? Promise.resolve(connection),
    // The console's Displays card: saved to settings.json, applied to the wall windows at once.
    wallAssignments: {
      file: settingsFile,
      walls: () => walls,
      wallIds: () => (connection ? workspaceWallIds(connection.url, connection.token) : Promise.resolve(null)),
    },
    // The console's Hub card: checked, saved to settings.json, then a fresh start onto that hub.
    hubSettings: {
      file: settingsFile,
      wallTokenFile: join(userData, WALL_TOKEN_FILE),
      inUse: () => hubInUse,
      restart: () => {
        app.relaunch();
        app.quit(); // not app.exit(): quitting stops the embedded hub cleanly first
      },
    },
  });
  const settings = loadSettings(settingsFile);
  const hubConnection = (connection = await connectHub(settings.hub, userData));
  wallConnection = ensureWallToken(hubConnection.url, hubConnection.token, join(userData, WALL_TOKEN_FILE)).then((token) =>
    token === null ? hubConnection : { url: hubConnection.url, token },
  );
  serveApp(distPath('renderer'), () => connection?.url ?? null);
  started = true;
  showConsole();
  walls = startWalls(settings.walls);
}

function fail(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`[mission-control] ${message}`);
  if (!quitting) dialog.showErrorBox('Mission Control', message);
  app.quit();
}

/** Quit waits for the hub to stop (it finishes its writes), then quits for real. */
function onBeforeQuit(event: Electron.Event): void {
  quitting = true;
  walls?.stop();
  walls = null;
  if (hub === null) return;
  event.preventDefault();
  const stopping = hub;
  hub = null;
  void stopping
    .stop()
    .catch((error: unknown) => console.error('[mission-control] stopping the hub failed:', error))
    .finally(() => app.quit());
}

// Before `ready`: these only take effect if set this early.
if (process.env.MC_USER_DATA_DIR) app.setPath('userData', process.env.MC_USER_DATA_DIR);
app.enableSandbox();
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the hub and the walls; it shows its console (second-instance).
  app.quit();
} else {
  app.on('second-instance', showConsole);
  // The hub lives and dies with the app on every platform, macOS included.
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', onBeforeQuit);
  app.whenReady().then(start).catch(fail);
}
