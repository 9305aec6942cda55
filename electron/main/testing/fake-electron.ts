/**
 * A recording stand-in for the `electron` module, for testing main-process code in plain Node
 * (the Electron binary cannot be installed here). Use it with
 *
 *   vi.mock('electron', async () => (await import('./testing/fake-electron.ts')).electronModule);
 *   import { fake } from './testing/fake-electron.ts';
 *
 * and call fake.reset() in beforeEach. It fakes only what the shell uses, and records calls
 * so tests can assert on them. The state lives on globalThis, so it survives vi.resetModules()
 * (tests that re-import index.ts for a fresh lifecycle still see the same fake).
 */
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';

type Listener = (...args: never[]) => unknown;

export interface FakeEvent {
  readonly url: string;
  readonly isMainFrame: boolean;
  defaultPrevented: boolean;
  preventDefault(): void;
}

function fakeEvent(url = '', isMainFrame = true): FakeEvent {
  return {
    url,
    isMainFrame,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

export class FakeFrame {
  url: string;
  readonly parent: FakeFrame | null;
  constructor(url: string, parent: FakeFrame | null = null) {
    this.url = url;
    this.parent = parent;
  }
}

let nextWebContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  readonly mainFrame = new FakeFrame('');
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly insertedCss = new Map<string, string>();
  pdf: Uint8Array = new TextEncoder().encode('%PDF-1.7 fake');
  reloads = 0;
  private cssKeys = 0;

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  async insertCSS(css: string): Promise<string> {
    const key = `css-${++this.cssKeys}`;
    this.insertedCss.set(key, css);
    return key;
  }
  async removeInsertedCSS(key: string): Promise<void> {
    this.insertedCss.delete(key);
  }
  async printToPDF(_options: unknown): Promise<Uint8Array> {
    return this.pdf;
  }
  reload(): void {
    this.reloads++;
  }
  /** Pages this contents was asked to load, and what it was sent (embed views, state events). */
  readonly loads: string[] = [];
  readonly sent: { channel: string; args: unknown[] }[] = [];
  stops = 0;
  closed = false;
  zoomFactor = 1;
  async loadURL(url: string): Promise<void> {
    this.loads.push(url);
    this.mainFrame.url = url;
  }
  stop(): void {
    this.stops++;
  }
  close(): void {
    this.closed = true;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  setZoomFactor(factor: number): void {
    this.zoomFactor = factor;
  }
  /** Closed webContents are destroyed (Electron destroys them on close()). */
  isDestroyed(): boolean {
    return this.closed;
  }
  /** Fire a navigation-style event ('will-navigate', 'will-frame-navigate', ...); returns whether it was prevented. */
  attempt(eventName: string, url: string, isMainFrame = true): boolean {
    const event = fakeEvent(url, isMainFrame);
    this.emit(eventName, event, url);
    return event.defaultPrevented;
  }
  /** Call the window-open handler as Chromium would for window.open(url). */
  openWindow(url: string): { action: string } {
    if (!this.windowOpenHandler) throw new Error('no window open handler installed');
    return this.windowOpenHandler({ url });
  }
}

/** A WebContentsView: its own webContents and bounds inside a window's contentView. */
export class FakeWebContentsView {
  static instances: FakeWebContentsView[] = [];
  readonly options: { webPreferences?: Record<string, unknown> };
  readonly webContents = new FakeWebContents();
  bounds = { x: 0, y: 0, width: 0, height: 0 };
  visible = true;
  constructor(options: { webPreferences?: Record<string, unknown> } = {}) {
    this.options = options;
    FakeWebContentsView.instances.push(this);
    state().app.emit('web-contents-created', fakeEvent(), this.webContents);
  }
  setBounds(bounds: { x: number; y: number; width: number; height: number }): void {
    this.bounds = { ...bounds };
  }
  setVisible(visible: boolean): void {
    this.visible = visible;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly options: Record<string, unknown>;
  readonly webContents = new FakeWebContents();
  readonly contentView = {
    children: [] as FakeWebContentsView[],
    addChildView(view: FakeWebContentsView): void {
      this.children.push(view);
    },
    removeChildView(view: FakeWebContentsView): void {
      this.children = this.children.filter((v) => v !== view);
    },
  };
  bounds: { x: number; y: number; width: number; height: number };
  fullScreen: boolean;
  destroyed = false;
  visible = false;
  loadedUrl: string | null = null;
  readonly calls: string[] = [];

  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    const n = (key: string, fallback: number) => (typeof options[key] === 'number' ? (options[key] as number) : fallback);
    this.bounds = { x: n('x', 0), y: n('y', 0), width: n('width', 800), height: n('height', 600) };
    this.fullScreen = options.fullscreen === true;
    FakeBrowserWindow.instances.push(this);
    state().app.emit('web-contents-created', fakeEvent(), this.webContents);
  }
  static fromWebContents(contents: unknown): FakeBrowserWindow | null {
    return FakeBrowserWindow.instances.find((w) => w.webContents === contents) ?? null;
  }
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((w) => !w.destroyed);
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
  }
  show(): void {
    this.visible = true;
  }
  close(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('closed');
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  focus(): void {
    this.calls.push('focus');
  }
  setBounds(bounds: { x: number; y: number; width: number; height: number }): void {
    this.calls.push('setBounds');
    this.bounds = { ...bounds };
  }
  setFullScreen(on: boolean): void {
    this.calls.push(`setFullScreen:${on}`);
    this.fullScreen = on;
  }
}

export class FakeUtilityProcess extends EventEmitter {
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  readonly posted: unknown[] = [];
  killed = false;
  exited = false;
  pid: number | undefined = 4242;
  /** Whether a { type: 'stop' } message makes the process exit (as the real hub does). */
  exitsOnStop = true;
  /** Whether kill() makes the process exit (a hung process ignores it). */
  exitsOnKill = true;

  postMessage(message: unknown): void {
    this.posted.push(message);
    const stop = typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'stop';
    if (stop && this.exitsOnStop) setTimeout(() => this.exit(0), 1);
  }
  kill(): boolean {
    this.killed = true;
    if (this.exitsOnKill) queueMicrotask(() => this.exit(143));
    return true;
  }
  exit(code: number): void {
    if (this.exited) return;
    this.exited = true;
    this.emit('exit', code);
  }
}

export interface FakeDisplay {
  id: number;
  label: string;
  bounds: { x: number; y: number; width: number; height: number };
}

class FakeNotification {
  static supported = true;
  static shown: { title: string; body: string }[] = [];
  readonly options: { title: string; body: string };
  constructor(options: { title: string; body: string }) {
    this.options = options;
  }
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  show(): void {
    FakeNotification.shown.push({ title: this.options.title, body: this.options.body });
  }
}

function createState() {
  const app = Object.assign(new EventEmitter(), {
    appPath: '/fake/app',
    paths: new Map<string, string>([['userData', '/fake/userData']]),
    singleInstance: true,
    sandboxEnabled: false,
    quitCalls: 0,
    quitted: false,
    relaunchCalls: 0,
    ready: false,
    readyWaiters: [] as (() => void)[],
    getAppPath(): string {
      return app.appPath;
    },
    getPath(name: string): string {
      const path = app.paths.get(name);
      if (path === undefined) throw new Error(`fake app.getPath: no path for ${name}`);
      return path;
    },
    setPath(name: string, path: string): void {
      app.paths.set(name, path);
    },
    enableSandbox(): void {
      app.sandboxEnabled = true;
    },
    requestSingleInstanceLock(): boolean {
      return app.singleInstance;
    },
    isReady(): boolean {
      return app.ready;
    },
    whenReady(): Promise<void> {
      return app.ready ? Promise.resolve() : new Promise<void>((resolve) => app.readyWaiters.push(resolve));
    },
    /** Test helper: emit `ready`. */
    makeReady(): void {
      app.ready = true;
      app.emit('ready');
      for (const resolve of app.readyWaiters.splice(0)) resolve();
    },
    quit(): void {
      app.quitCalls++;
      const event = fakeEvent();
      app.emit('before-quit', event);
      if (!event.defaultPrevented) app.quitted = true;
    },
    exit(): void {
      app.quitted = true;
    },
    /** Electron starts a new instance once this one has quit; here it is only counted. */
    relaunch(): void {
      app.relaunchCalls++;
    },
  });

  const ipcHandlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const ipcMain = {
    handlers: ipcHandlers,
    handle(channel: string, handler: (event: unknown, ...args: unknown[]) => unknown): void {
      if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      ipcHandlers.set(channel, handler);
    },
    /** Test helper: call a handler as ipcRenderer.invoke would. */
    async invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
      const handler = ipcHandlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return handler(event, ...args);
    },
  };

  const protocol = {
    privileged: [] as unknown[],
    privilegedBeforeReady: false,
    handlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
    registerSchemesAsPrivileged(schemes: unknown[]): void {
      protocol.privileged.push(...schemes);
      protocol.privilegedBeforeReady = !app.ready;
    },
    handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
      protocol.handlers.set(scheme, handler);
    },
  };

  /** A session with its permission handlers recorded (the default one, and one per partition). */
  const makeSession = () => {
    const ses = {
      permissionRequestHandler: null as Listener | null,
      permissionCheckHandler: null as Listener | null,
      devicePermissionHandler: null as Listener | null,
      setPermissionRequestHandler(handler: Listener | null): void {
        ses.permissionRequestHandler = handler;
      },
      setPermissionCheckHandler(handler: Listener | null): void {
        ses.permissionCheckHandler = handler;
      },
      setDevicePermissionHandler(handler: Listener | null): void {
        ses.devicePermissionHandler = handler;
      },
    };
    return ses;
  };
  const defaultSession = makeSession();

  /** Sessions by partition, each with its own permission handlers (embed views). */
  const partitions = new Map<string, typeof defaultSession>();
  const fromPartition = (partition: string) => {
    let ses = partitions.get(partition);
    if (!ses) partitions.set(partition, (ses = makeSession()));
    return ses;
  };

  const shell = {
    opened: [] as string[],
    async openExternal(url: string): Promise<void> {
      shell.opened.push(url);
    },
  };

  const powerSaveBlocker = {
    nextId: 1,
    running: new Map<number, string>(),
    start(type: string): number {
      const id = powerSaveBlocker.nextId++;
      powerSaveBlocker.running.set(id, type);
      return id;
    },
    stop(id: number): boolean {
      return powerSaveBlocker.running.delete(id);
    },
    isStarted(id: number): boolean {
      return powerSaveBlocker.running.has(id);
    },
  };

  const screen = Object.assign(new EventEmitter(), {
    displays: [] as FakeDisplay[],
    primaryId: 0,
    cursor: { x: 0, y: 0 },
    getAllDisplays(): FakeDisplay[] {
      return screen.displays.map((d) => ({ ...d, bounds: { ...d.bounds } }));
    },
    getPrimaryDisplay(): FakeDisplay {
      const primary = screen.displays.find((d) => d.id === screen.primaryId) ?? screen.displays[0];
      if (!primary) throw new Error('fake screen: no displays');
      return primary;
    },
    getCursorScreenPoint(): { x: number; y: number } {
      return { ...screen.cursor };
    },
  });

  const utilityProcess = {
    forks: [] as { modulePath: string; args: string[]; options: Record<string, unknown>; child: FakeUtilityProcess }[],
    /** Test hook: runs on every fork (e.g. to make the fake hub report ready). */
    onFork: null as ((child: FakeUtilityProcess) => void) | null,
    fork(modulePath: string, args: string[] = [], options: Record<string, unknown> = {}): FakeUtilityProcess {
      const child = new FakeUtilityProcess();
      utilityProcess.forks.push({ modulePath, args, options, child });
      utilityProcess.onFork?.(child);
      return child;
    },
  };

  const dialog = {
    saveResult: { canceled: true, filePath: '' } as { canceled: boolean; filePath: string },
    saveCalls: [] as unknown[][],
    errors: [] as { title: string; content: string }[],
    async showSaveDialog(...args: unknown[]): Promise<{ canceled: boolean; filePath: string }> {
      dialog.saveCalls.push(args);
      return dialog.saveResult;
    },
    showErrorBox(title: string, content: string): void {
      dialog.errors.push({ title, content });
    },
  };

  const contextBridge = {
    exposed: new Map<string, unknown>(),
    exposeInMainWorld(key: string, api: unknown): void {
      contextBridge.exposed.set(key, api);
    },
  };

  const ipcRenderer = {
    invocations: [] as { channel: string; args: unknown[] }[],
    listeners: new Map<string, Set<(...args: unknown[]) => void>>(),
    on(channel: string, listener: (...args: unknown[]) => void): void {
      if (!ipcRenderer.listeners.has(channel)) ipcRenderer.listeners.set(channel, new Set());
      ipcRenderer.listeners.get(channel)!.add(listener);
    },
    removeListener(channel: string, listener: (...args: unknown[]) => void): void {
      ipcRenderer.listeners.get(channel)?.delete(listener);
    },
    /** Test helper: deliver an event from the main process. */
    emit(channel: string, ...args: unknown[]): void {
      for (const l of ipcRenderer.listeners.get(channel) ?? []) l({ sender: 'main' }, ...args);
    },
    async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      ipcRenderer.invocations.push({ channel, args });
      return { channel, args };
    },
  };

  function reset(): void {
    app.removeAllListeners();
    Object.assign(app, { appPath: '/fake/app', singleInstance: true, sandboxEnabled: false, quitCalls: 0, quitted: false, relaunchCalls: 0, ready: false });
    app.paths = new Map([['userData', '/fake/userData']]);
    app.readyWaiters = [];
    ipcHandlers.clear();
    protocol.privileged = [];
    protocol.privilegedBeforeReady = false;
    protocol.handlers.clear();
    defaultSession.permissionRequestHandler = null;
    defaultSession.permissionCheckHandler = null;
    defaultSession.devicePermissionHandler = null;
    shell.opened = [];
    powerSaveBlocker.running.clear();
    screen.removeAllListeners();
    screen.displays = [{ id: 1, label: 'Built-in', bounds: { x: 0, y: 0, width: 1920, height: 1080 } }];
    screen.primaryId = 1;
    screen.cursor = { x: 0, y: 0 };
    utilityProcess.forks = [];
    utilityProcess.onFork = null;
    dialog.saveResult = { canceled: true, filePath: '' };
    dialog.saveCalls = [];
    dialog.errors = [];
    contextBridge.exposed.clear();
    ipcRenderer.invocations = [];
    ipcRenderer.listeners.clear();
    partitions.clear();
    FakeBrowserWindow.instances = [];
    FakeWebContentsView.instances = [];
    FakeNotification.supported = true;
    FakeNotification.shown = [];
  }

  reset();
  return {
    app,
    ipcMain,
    protocol,
    session: { defaultSession, fromPartition, partitions },
    shell,
    powerSaveBlocker,
    screen,
    utilityProcess,
    dialog,
    contextBridge,
    ipcRenderer,
    BrowserWindow: FakeBrowserWindow,
    WebContentsView: FakeWebContentsView,
    Notification: FakeNotification,
    reset,
  };
}

type FakeElectron = ReturnType<typeof createState>;

function state(): FakeElectron {
  const g = globalThis as { __fakeElectron?: FakeElectron };
  g.__fakeElectron ??= createState();
  return g.__fakeElectron;
}

export const fake: FakeElectron = state();

/** What vi.mock('electron', ...) should return: the named exports the shell imports. */
export const electronModule = {
  app: fake.app,
  ipcMain: fake.ipcMain,
  protocol: fake.protocol,
  session: fake.session,
  shell: fake.shell,
  powerSaveBlocker: fake.powerSaveBlocker,
  screen: fake.screen,
  utilityProcess: fake.utilityProcess,
  dialog: fake.dialog,
  contextBridge: fake.contextBridge,
  ipcRenderer: fake.ipcRenderer,
  BrowserWindow: fake.BrowserWindow,
  WebContentsView: fake.WebContentsView,
  Notification: fake.Notification,
};

/** A fake IPC event from a frame showing `url` in `contents` (a sub-frame when `parentUrl` is given). */
export function ipcEvent(contents: FakeWebContents, url: string, parentUrl?: string): { sender: FakeWebContents; senderFrame: FakeFrame } {
  const frame = parentUrl === undefined ? new FakeFrame(url) : new FakeFrame(url, new FakeFrame(parentUrl));
  return { sender: contents, senderFrame: frame };
}
