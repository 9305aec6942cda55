/**
 * Embedded dashboards on desktop walls, each in its own isolated view rather than an iframe in
 * the wall page: its own in-memory session (no cookies or storage shared with the app or another
 * embed, every permission denied), no preload (no bridge), no popups, top-frame navigation only
 * within the configured origin, reloaded on the workspace's schedule, and a load failure or
 * timeout reported back to the tile in words. A view is drawn above the whole wall page, so the
 * tile decides where it goes (renderer/panels/embed-placement.ts): the part of its body nothing
 * else is drawn over, or nowhere (still loaded, not drawn) while the wall covers most of it.
 */
import { BrowserWindow, session } from 'electron';
import type { WebContents, WebContentsView } from 'electron';
import { EMBED_STATE_EVENT, type EmbedViewSpec, type EmbedViewState } from '../../shared/bridge.ts';
import { setEmbedNavigationPolicy } from './security.ts';
import { createEmbedView } from './window-factory.ts';

/** The view's preferences: sandboxed, isolated, no preload, its own non-persistent partition. */
export function embedWebPreferences(spec: Pick<EmbedViewSpec, 'panelId' | 'allowScripts'>): Electron.WebPreferences {
  return {
    partition: `embed-${spec.panelId}`, // no "persist:" prefix: in memory, gone with the app
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    javascript: spec.allowScripts,
    spellcheck: false,
    navigateOnDragDrop: false,
  };
}

/** The top frame of an embed stays on the origin the workspace configured. */
export function embedNavigationAllowed(url: string, configuredUrl: string): boolean {
  try {
    const target = new URL(url);
    return (target.protocol === 'http:' || target.protocol === 'https:') && target.origin === new URL(configuredUrl).origin;
  } catch {
    return false;
  }
}

interface EmbedEntry {
  spec: EmbedViewSpec;
  readonly view: WebContentsView;
  loadTimer: ReturnType<typeof setTimeout> | null;
  reloadTimer: ReturnType<typeof setInterval> | null;
  loadedAt: number | null;
}

/** ERR_ABORTED: a navigation replaced by another (a reload, a redirect): not a failure. */
const ERR_ABORTED = -3;

/** The embeds of one window. */
export class EmbedHost {
  readonly #win: BrowserWindow;
  readonly #entries = new Map<string, EmbedEntry>();
  readonly #now: () => number;

  constructor(win: BrowserWindow, now: () => number = Date.now) {
    this.#win = win;
    this.#now = now;
    win.on('closed', () => this.closeAll());
  }

  show(spec: EmbedViewSpec): void {
    const existing = this.#entries.get(spec.panelId);
    if (existing && existing.spec.url === spec.url && existing.spec.allowScripts === spec.allowScripts) {
      // Moved, clipped or covered by the wall: the same page, never reloaded for it.
      existing.view.setBounds(roundBounds(spec.bounds));
      existing.view.setVisible(spec.visible);
      if (existing.spec.reloadMs !== spec.reloadMs) this.#schedule(existing, spec.reloadMs);
      existing.spec = spec;
      return;
    }
    if (existing) this.hide(spec.panelId);
    const view = createEmbedView(embedWebPreferences(spec));
    const contents = view.webContents;
    const ses = session.fromPartition(embedWebPreferences(spec).partition!);
    ses.setPermissionRequestHandler((_c, _p, callback) => callback(false));
    ses.setPermissionCheckHandler(() => false);
    ses.setDevicePermissionHandler(() => false);
    contents.setWindowOpenHandler(() => ({ action: 'deny' })); // no popups, not even to the system browser
    setEmbedNavigationPolicy(contents, (url) => embedNavigationAllowed(url, spec.url));
    const entry: EmbedEntry = { spec, view, loadTimer: null, reloadTimer: null, loadedAt: null };
    this.#entries.set(spec.panelId, entry);
    this.#wire(entry, contents);
    // Sized and shown or not before it is added: a view never flashes over what covers its tile.
    view.setBounds(roundBounds(spec.bounds));
    view.setVisible(spec.visible);
    this.#win.contentView.addChildView(view);
    contents.setZoomFactor(spec.zoom);
    this.#load(entry);
    this.#schedule(entry, spec.reloadMs);
  }

  hide(panelId: string): void {
    const entry = this.#entries.get(panelId);
    if (!entry) return;
    this.#entries.delete(panelId);
    if (entry.loadTimer) clearTimeout(entry.loadTimer);
    if (entry.reloadTimer) clearInterval(entry.reloadTimer);
    if (!this.#win.isDestroyed()) this.#win.contentView.removeChildView(entry.view);
    entry.view.webContents.close();
  }

  closeAll(): void {
    for (const id of [...this.#entries.keys()]) this.hide(id);
  }

  ids(): string[] {
    return [...this.#entries.keys()];
  }

  #wire(entry: EmbedEntry, contents: WebContents): void {
    contents.on('did-finish-load', () => {
      if (entry.loadTimer) clearTimeout(entry.loadTimer);
      entry.loadTimer = null;
      entry.loadedAt = this.#now();
      this.#report(entry, 'loaded', null);
    });
    contents.on('did-fail-load', (_event, code, description, _url, isMainFrame) => {
      if (!isMainFrame || code === ERR_ABORTED) return;
      if (entry.loadTimer) clearTimeout(entry.loadTimer);
      entry.loadTimer = null;
      this.#report(entry, 'failed', `${new URL(entry.spec.url).host} did not load: ${description} (${code})`);
    });
    contents.on('render-process-gone', (_event, details) => this.#report(entry, 'failed', `the page crashed (${details.reason}); reloading on schedule`));
  }

  #load(entry: EmbedEntry): void {
    if (entry.loadTimer) clearTimeout(entry.loadTimer);
    this.#report(entry, 'loading', null);
    entry.loadTimer = setTimeout(() => {
      entry.loadTimer = null;
      entry.view.webContents.stop();
      this.#report(entry, 'failed', `${new URL(entry.spec.url).host} did not load within ${Math.round(entry.spec.loadTimeoutMs / 1000)} s`);
    }, entry.spec.loadTimeoutMs);
    void entry.view.webContents.loadURL(entry.spec.url).catch(() => {
      /* reported through did-fail-load */
    });
  }

  #schedule(entry: EmbedEntry, reloadMs: number | null): void {
    if (entry.reloadTimer) clearInterval(entry.reloadTimer);
    entry.reloadTimer = reloadMs === null ? null : setInterval(() => this.#load(entry), reloadMs);
  }

  #report(entry: EmbedEntry, state: EmbedViewState['state'], error: string | null): void {
    if (this.#win.isDestroyed()) return;
    const message: EmbedViewState = { panelId: entry.spec.panelId, state, error, loadedAt: entry.loadedAt };
    this.#win.webContents.send(EMBED_STATE_EVENT, message);
  }
}

const roundBounds = (b: EmbedViewSpec['bounds']) => ({ x: Math.round(b.x), y: Math.round(b.y), width: Math.max(0, Math.round(b.width)), height: Math.max(0, Math.round(b.height)) });

const hosts = new WeakMap<BrowserWindow, EmbedHost>();

/** The embed host of the window that owns `contents` (one per window, made on first use). */
export function embedHostFor(contents: WebContents): EmbedHost | null {
  const win = BrowserWindow.fromWebContents(contents);
  if (!win) return null;
  let host = hosts.get(win);
  if (!host) hosts.set(win, (host = new EmbedHost(win)));
  return host;
}
