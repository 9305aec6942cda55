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

/** A load under way: in the shown view (no page yet) or in a fresh hidden view beside it (a reload). */
interface Attempt {
  readonly view: WebContentsView;
  timer: ReturnType<typeof setTimeout>;
}

interface EmbedEntry {
  spec: EmbedViewSpec;
  /** The view drawn over the tile (or kept undrawn). */
  view: WebContentsView;
  /** At most one load at a time; a reload's fresh view is closed or swapped in when it ends. */
  attempt: Attempt | null;
  reloadTimer: ReturnType<typeof setTimeout> | null;
  /** When the next scheduled reload is due; remembered while the view is kept. */
  nextReloadAt: number | null;
  loadedAt: number | null;
  /** The last state reported: what the page shown is doing, sent again when a kept view is reused. */
  reported: { state: EmbedViewState['state']; error: string | null };
  /** Set while the tile is gone and the view is kept, undrawn, for a tile that comes back. */
  kept: { order: number; timer: ReturnType<typeof setTimeout> } | null;
}

/** ERR_ABORTED: a navigation replaced by another (a reload, a redirect): not a failure. */
const ERR_ABORTED = -3;

/** How long a hidden embed's view is kept for its tile to come back (a rotating wall's next turn). */
export const EMBED_KEEP_MS = 10 * 60_000;
/** How many hidden embed views a window keeps at most (the most recently hidden). */
export const EMBED_KEEP_MAX = 8;

/**
 * The embeds of one window.
 *
 * A scheduled reload loads into a fresh hidden view beside the page shown (same partition, same
 * isolation) and swaps it in only once it has loaded; a reload that fails or times out is closed
 * and the page shown stays, reported `failed` with its old `loadedAt` (the tile marks it old). Only
 * the first load, with nothing to keep, happens in the view shown. A background reload reports no
 * `loading`: what is shown has not changed.
 *
 * `hide` (the tile unmounted, e.g. its rotation page left) keeps the view loaded and undrawn for
 * up to EMBED_KEEP_MS, at most EMBED_KEEP_MAX per window, and the next `show` of the same page
 * reuses it without a load, reporting its state at once. While kept, no reload starts (no traffic
 * or CPU for a page nobody sees, and rotating walls stay within the dashboard's rate limits); a
 * load already under way ends as usual. When it is shown again and a reload fell due meanwhile,
 * one starts at once, beside the kept page. Kept views are closed past those bounds, when a show
 * of the panel asks for another page, and when the window closes.
 */
export class EmbedHost {
  readonly #win: BrowserWindow;
  readonly #entries = new Map<string, EmbedEntry>();
  readonly #now: () => number;
  /** Counts hides, to tell the most recently hidden (two can share a millisecond). */
  #hides = 0;

  constructor(win: BrowserWindow, now: () => number = Date.now) {
    this.#win = win;
    this.#now = now;
    win.on('closed', () => this.closeAll());
  }

  show(spec: EmbedViewSpec): void {
    const existing = this.#entries.get(spec.panelId);
    if (existing && existing.spec.url === spec.url && existing.spec.allowScripts === spec.allowScripts) {
      // Moved, clipped, covered by the wall or back from being kept: the same page, never reloaded for it.
      const previous = existing.spec;
      const wasKept = existing.kept !== null;
      existing.spec = spec;
      if (existing.kept) clearTimeout(existing.kept.timer);
      existing.kept = null;
      this.#place(existing);
      if (previous.zoom !== spec.zoom) for (const view of this.#views(existing)) view.webContents.setZoomFactor(spec.zoom);
      if (wasKept) {
        this.#report(existing, existing.reported.state, existing.reported.error); // the tile is right at once
        // The schedule picks up where it paused: a reload that fell due while kept starts now, beside the page.
        const resume = previous.reloadMs === spec.reloadMs && existing.nextReloadAt !== null;
        this.#schedule(existing, resume ? existing.nextReloadAt! - this.#now() : spec.reloadMs);
      } else if (previous.reloadMs !== spec.reloadMs) {
        this.#schedule(existing, spec.reloadMs);
      }
      return;
    }
    if (existing) this.#close(existing); // another page for this panel: the old one is not wanted
    const view = this.#createView(spec);
    const entry: EmbedEntry = { spec, view, attempt: null, reloadTimer: null, nextReloadAt: null, loadedAt: null, reported: { state: 'loading', error: null }, kept: null };
    this.#entries.set(spec.panelId, entry);
    this.#wire(entry, view);
    // Sized and shown or not before it is added: a view never flashes over what covers its tile.
    this.#place(entry);
    this.#win.contentView.addChildView(view);
    this.#load(entry);
    this.#schedule(entry, spec.reloadMs);
  }

  /** The tile is gone: keep its page loaded, undrawn, for a while, in case it comes back. */
  hide(panelId: string): void {
    const entry = this.#entries.get(panelId);
    if (!entry || entry.kept) return;
    if (entry.reloadTimer) clearTimeout(entry.reloadTimer);
    entry.reloadTimer = null; // paused; nextReloadAt remembers when the next one is due
    entry.kept = { order: ++this.#hides, timer: setTimeout(() => this.#close(entry), EMBED_KEEP_MS) };
    this.#place(entry);
    const kept = this.#keptOldestFirst();
    for (const oldest of kept.slice(0, Math.max(0, kept.length - EMBED_KEEP_MAX))) this.#close(oldest);
  }

  closeAll(): void {
    for (const entry of [...this.#entries.values()]) this.#close(entry);
  }

  /** Panels whose view is drawn over (or laid out under) a tile now. */
  ids(): string[] {
    return [...this.#entries.values()].filter((e) => !e.kept).map((e) => e.spec.panelId);
  }

  /** Panels whose view is kept for a tile that may come back, least recently hidden first. */
  keptIds(): string[] {
    return this.#keptOldestFirst().map((e) => e.spec.panelId);
  }

  #keptOldestFirst(): EmbedEntry[] {
    return [...this.#entries.values()].filter((e) => e.kept !== null).sort((a, b) => a.kept!.order - b.kept!.order);
  }

  /** A view for the panel's page: its isolated preferences, session, navigation policy, no popups. */
  #createView(spec: EmbedViewSpec): WebContentsView {
    const preferences = embedWebPreferences(spec);
    const view = createEmbedView(preferences);
    const contents = view.webContents;
    const ses = session.fromPartition(preferences.partition!);
    ses.setPermissionRequestHandler((_c, _p, callback) => callback(false));
    ses.setPermissionCheckHandler(() => false);
    ses.setDevicePermissionHandler(() => false);
    contents.setWindowOpenHandler(() => ({ action: 'deny' })); // no popups, not even to the system browser
    setEmbedNavigationPolicy(contents, (url) => embedNavigationAllowed(url, spec.url));
    contents.setZoomFactor(spec.zoom);
    return view;
  }

  /** The shown view where its tile says (undrawn while kept); a reload's view laid out there too, never drawn. */
  #place(entry: EmbedEntry): void {
    const bounds = roundBounds(entry.spec.bounds);
    entry.view.setBounds(bounds);
    entry.view.setVisible(entry.spec.visible && !entry.kept);
    if (entry.attempt && entry.attempt.view !== entry.view) entry.attempt.view.setBounds(bounds);
  }

  #views(entry: EmbedEntry): WebContentsView[] {
    return entry.attempt && entry.attempt.view !== entry.view ? [entry.view, entry.attempt.view] : [entry.view];
  }

  #wire(entry: EmbedEntry, view: WebContentsView): void {
    const contents = view.webContents;
    /** What this view is to its panel now: the page shown, a reload loading beside it, or nothing (closed). */
    const role = () => (entry.view === view ? 'shown' : entry.attempt?.view === view ? 'reload' : null);
    const host = () => new URL(entry.spec.url).host;
    contents.on('did-finish-load', () => {
      const was = role();
      if (was === null) return;
      if (entry.attempt?.view === view) this.#endAttempt(entry);
      if (was === 'reload') this.#swapIn(entry, view);
      entry.loadedAt = this.#now();
      this.#report(entry, 'loaded', null);
    });
    contents.on('did-fail-load', (_event, code, description, _url, isMainFrame) => {
      if (!isMainFrame || code === ERR_ABORTED || role() === null) return;
      this.#attemptFailed(entry, view, `${host()} did not load: ${description} (${code})`);
    });
    contents.on('render-process-gone', (_event, details) => {
      const was = role();
      if (was === null) return;
      this.#attemptFailed(entry, view, was === 'shown' ? `the page crashed (${details.reason}); reloading on schedule` : `the page crashed while reloading (${details.reason})`);
    });
  }

  /** `view` failed: a reload's view is closed (the page shown stays, marked old); the shown view stays as it is. */
  #attemptFailed(entry: EmbedEntry, view: WebContentsView, error: string): void {
    if (entry.attempt?.view === view) this.#endAttempt(entry);
    if (view !== entry.view) this.#destroy(view);
    this.#report(entry, 'failed', error);
  }

  #endAttempt(entry: EmbedEntry): void {
    if (entry.attempt) clearTimeout(entry.attempt.timer);
    entry.attempt = null;
  }

  /** The reload's view, loaded, takes the shown one's place; the old one is closed. */
  #swapIn(entry: EmbedEntry, view: WebContentsView): void {
    const old = entry.view;
    entry.view = view;
    this.#place(entry); // drawn (or not) where the old one was, before the old one goes: no gap
    this.#destroy(old);
  }

  #load(entry: EmbedEntry): void {
    if (entry.attempt) return; // one load at a time: it ends by itself, in loadTimeoutMs at most
    // Nothing loaded yet: nothing to keep, so the shown view loads it. Otherwise a fresh view, beside it.
    const fresh = entry.loadedAt !== null;
    const view = fresh ? this.#createView(entry.spec) : entry.view;
    const timer = setTimeout(() => {
      const error = `${new URL(entry.spec.url).host} did not load within ${Math.round(entry.spec.loadTimeoutMs / 1000)} s`;
      if (!fresh) view.webContents.stop();
      this.#attemptFailed(entry, view, error);
    }, entry.spec.loadTimeoutMs);
    entry.attempt = { view, timer };
    if (fresh) {
      this.#wire(entry, view);
      view.setBounds(roundBounds(entry.spec.bounds)); // laid out at the tile's size, never drawn until swapped in
      view.setVisible(false);
      this.#win.contentView.addChildView(view);
    } else {
      this.#report(entry, 'loading', null);
    }
    void view.webContents.loadURL(entry.spec.url).catch(() => {
      /* reported through did-fail-load */
    });
  }

  /** The next reload in `delay` ms (at once if due), then every reloadMs; none without a reload interval. */
  #schedule(entry: EmbedEntry, delay: number | null): void {
    if (entry.reloadTimer) clearTimeout(entry.reloadTimer);
    entry.reloadTimer = null;
    entry.nextReloadAt = null;
    const every = entry.spec.reloadMs;
    if (every === null || delay === null) return;
    if (delay <= 0) {
      this.#load(entry);
      delay = every;
    }
    entry.nextReloadAt = this.#now() + delay;
    entry.reloadTimer = setTimeout(() => {
      entry.reloadTimer = null;
      this.#load(entry);
      this.#schedule(entry, entry.spec.reloadMs);
    }, delay);
  }

  /** The panel's page is not wanted any more: every timer cleared, every view of it closed. */
  #close(entry: EmbedEntry): void {
    if (this.#entries.get(entry.spec.panelId) === entry) this.#entries.delete(entry.spec.panelId);
    if (entry.kept) clearTimeout(entry.kept.timer);
    entry.kept = null;
    if (entry.reloadTimer) clearTimeout(entry.reloadTimer);
    entry.reloadTimer = null;
    const attempt = entry.attempt;
    this.#endAttempt(entry);
    if (attempt && attempt.view !== entry.view) this.#destroy(attempt.view);
    this.#destroy(entry.view);
  }

  #destroy(view: WebContentsView): void {
    if (!this.#win.isDestroyed()) this.#win.contentView.removeChildView(view);
    view.webContents.close();
  }

  #report(entry: EmbedEntry, state: EmbedViewState['state'], error: string | null): void {
    entry.reported = { state, error };
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
