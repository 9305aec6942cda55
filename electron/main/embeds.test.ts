import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EMBED_STATE_EVENT, ipcChannels, type EmbedViewSpec } from '../../shared/bridge.ts';
import { fake, ipcEvent, type FakeBrowserWindow, type FakeWebContentsView } from './testing/fake-electron.ts';

vi.mock('electron', async () => (await import('./testing/fake-electron.ts')).electronModule);

const { EMBED_KEEP_MAX, EMBED_KEEP_MS, embedHostFor, embedNavigationAllowed } = await import('./embeds.ts');
const { registerIpcHandlers } = await import('./ipc.ts');
const { createWindow } = await import('./window-factory.ts');
const { installSecurityHandlers } = await import('./security.ts');

const SPEC: EmbedViewSpec = {
  panelId: 'grafana',
  url: 'https://grafana.example.com/d/abc?kiosk',
  bounds: { x: 10.4, y: 20, width: 640, height: 360 },
  visible: true,
  reloadMs: 60_000,
  loadTimeoutMs: 20_000,
  allowScripts: true,
  zoom: 1.5,
};

describe('embedded dashboards in isolated views (desktop walls)', () => {
  let win: FakeBrowserWindow;
  const show = (spec: EmbedViewSpec = SPEC) => fake.ipcMain.invoke(ipcChannels.embedShow, ipcEvent(win.webContents, 'app://mission-control/#/wall/main'), spec);
  const hide = (id: string) => fake.ipcMain.invoke(ipcChannels.embedHide, ipcEvent(win.webContents, 'app://mission-control/#/wall/main'), id);
  const view = () => fake.WebContentsView.instances.at(-1) as FakeWebContentsView;
  const states = () => win.webContents.sent.filter((m) => m.channel === EMBED_STATE_EVENT).map((m) => m.args[0] as { panelId: string; state: string; error: string | null; loadedAt: number | null });

  beforeEach(() => {
    vi.useFakeTimers();
    fake.reset();
    installSecurityHandlers();
    registerIpcHandlers({ hubConnection: () => null });
    win = createWindow({}) as unknown as FakeBrowserWindow;
  });
  afterEach(() => vi.useRealTimers());

  it('shows the page in its own view: own in-memory session, no preload, sandboxed, over the tile', async () => {
    await show();
    const v = view();
    expect(win.contentView.children).toEqual([v]);
    expect(v.options.webPreferences).toMatchObject({ partition: 'embed-grafana', sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: true });
    expect(v.options.webPreferences).not.toHaveProperty('preload');
    expect(String(v.options.webPreferences!.partition)).not.toMatch(/^persist:/);
    expect(v.bounds).toEqual({ x: 10, y: 20, width: 640, height: 360 });
    expect(v.webContents.loads).toEqual([SPEC.url]);
    expect(v.webContents.zoomFactor).toBe(1.5);
    // Every permission denied in its session; no popups, not even to the system browser.
    const ses = fake.session.partitions.get('embed-grafana')!;
    let granted: boolean | null = null;
    (ses.permissionRequestHandler as unknown as (...args: unknown[]) => void)(null, 'media', (ok: boolean) => (granted = ok), {});
    expect(granted).toBe(false);
    expect(v.webContents.openWindow('https://grafana.example.com/other')).toEqual({ action: 'deny' });
    expect(fake.shell.opened).toEqual([]);
  });

  it('keeps the top frame on the configured origin', async () => {
    await show();
    const contents = view().webContents;
    expect(contents.attempt('will-navigate', 'https://grafana.example.com/d/other')).toBe(false);
    expect(contents.attempt('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.attempt('will-redirect', 'http://grafana.example.com/d/abc')).toBe(true); // another origin (scheme)
    expect(contents.attempt('will-frame-navigate', 'https://elsewhere.example/', false)).toBe(false); // its own sub-frames may
    expect(embedNavigationAllowed('javascript:alert(1)', SPEC.url)).toBe(false);
    // The app's own windows keep the app's rule.
    expect(win.webContents.attempt('will-navigate', 'https://grafana.example.com/')).toBe(true);
  });

  it('reports the first load, its failure in words and its timeout, retrying in the same view (nothing to keep yet)', async () => {
    await show();
    const contents = view().webContents;
    expect(states().map((s) => s.state)).toEqual(['loading']);
    contents.emit('did-fail-load', {}, -3, 'ERR_ABORTED', SPEC.url, true); // replaced navigation: not a failure
    contents.emit('did-fail-load', {}, -105, 'ERR_NAME_NOT_RESOLVED', SPEC.url, true);
    expect(states().at(-1)).toEqual({ panelId: 'grafana', state: 'failed', error: 'grafana.example.com did not load: ERR_NAME_NOT_RESOLVED (-105)', loadedAt: null });
    vi.advanceTimersByTime(60_000);
    expect(fake.WebContentsView.instances).toHaveLength(1);
    expect(contents.loads).toHaveLength(2);
    expect(states().at(-1)).toMatchObject({ state: 'loading', loadedAt: null });
    vi.advanceTimersByTime(20_000);
    expect(states().at(-1)).toEqual(expect.objectContaining({ state: 'failed', error: 'grafana.example.com did not load within 20 s' }));
    expect(contents.stops).toBe(1);
    vi.advanceTimersByTime(40_000);
    contents.emit('did-finish-load');
    expect(states().at(-1)).toEqual({ panelId: 'grafana', state: 'loaded', error: null, loadedAt: Date.now() });
    expect(fake.WebContentsView.instances).toEqual([view()]);
  });

  describe('a scheduled reload loads beside the page shown and replaces it only once loaded', () => {
    let first: FakeWebContentsView;
    let firstLoadedAt: number;
    beforeEach(async () => {
      await show();
      first = view();
      first.webContents.emit('did-finish-load');
      firstLoadedAt = Date.now();
      vi.advanceTimersByTime(60_000);
    });
    const reload = () => fake.WebContentsView.instances[1]!;

    it('in a fresh hidden view, isolated like the first, while the page shown stays drawn', () => {
      expect(fake.WebContentsView.instances).toHaveLength(2);
      const next = reload();
      expect(next.options.webPreferences).toEqual(first.options.webPreferences);
      expect(next.webContents.loads).toEqual([SPEC.url]);
      expect(next.webContents.zoomFactor).toBe(1.5);
      expect(next.webContents.openWindow('https://grafana.example.com/other')).toEqual({ action: 'deny' });
      expect(next.webContents.attempt('will-navigate', 'https://evil.example/')).toBe(true);
      expect(next).toMatchObject({ visible: false, bounds: first.bounds }); // laid out at the tile's size, not drawn
      expect(first).toMatchObject({ visible: true });
      expect(first.webContents.loads).toEqual([SPEC.url]);
      expect(states().map((s) => s.state)).toEqual(['loading', 'loaded']); // what is shown has not changed
      // The tile moves meanwhile: both follow it.
      void show({ ...SPEC, bounds: { x: 0, y: 0, width: 320, height: 200 } });
      expect(next).toMatchObject({ visible: false, bounds: { x: 0, y: 0, width: 320, height: 200 } });
    });

    it('a failed reload is closed and the old page stays shown, reported failed with the reason and its old loadedAt', () => {
      const next = reload();
      next.webContents.emit('did-fail-load', {}, -3, 'ERR_ABORTED', SPEC.url, true); // a redirect: still loading
      expect(next.webContents.closed).toBe(false);
      next.webContents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', SPEC.url, true);
      expect(next.webContents.closed).toBe(true);
      expect(win.contentView.children).toEqual([first]);
      expect(first).toMatchObject({ visible: true });
      expect(first.webContents.closed).toBe(false);
      expect(states().at(-1)).toEqual({ panelId: 'grafana', state: 'failed', error: 'grafana.example.com did not load: ERR_CONNECTION_REFUSED (-102)', loadedAt: firstLoadedAt });
      // Late events from the closed view change nothing.
      next.webContents.emit('did-finish-load');
      expect(win.contentView.children).toEqual([first]);
      expect(states().at(-1)).toMatchObject({ state: 'failed', loadedAt: firstLoadedAt });
      // The next reload tries again in another fresh view.
      vi.advanceTimersByTime(60_000);
      expect(fake.WebContentsView.instances).toHaveLength(3);
    });

    it('a reload that times out is closed and the old page stays shown', () => {
      const next = reload();
      vi.advanceTimersByTime(20_000);
      expect(next.webContents.closed).toBe(true);
      expect(win.contentView.children).toEqual([first]);
      expect(first.webContents.closed).toBe(false);
      expect(states().at(-1)).toEqual({ panelId: 'grafana', state: 'failed', error: 'grafana.example.com did not load within 20 s', loadedAt: firstLoadedAt });
    });

    it('a reload whose page crashes is closed and the old page stays shown', () => {
      const next = reload();
      next.webContents.emit('render-process-gone', {}, { reason: 'oom' });
      expect(next.webContents.closed).toBe(true);
      expect(win.contentView.children).toEqual([first]);
      expect(states().at(-1)).toMatchObject({ state: 'failed', error: 'the page crashed while reloading (oom)', loadedAt: firstLoadedAt });
    });

    it('a reload that loads takes the old view\'s place, and the old view is closed', () => {
      const next = reload();
      vi.advanceTimersByTime(3_000);
      next.webContents.emit('did-finish-load');
      expect(win.contentView.children).toEqual([next]);
      expect(next).toMatchObject({ visible: true, bounds: { x: 10, y: 20, width: 640, height: 360 } });
      expect(first.webContents.closed).toBe(true);
      expect(states().at(-1)).toEqual({ panelId: 'grafana', state: 'loaded', error: null, loadedAt: firstLoadedAt + 63_000 });
      // The swapped-in view is the one shown now: it moves with the tile and its own failures count.
      void show({ ...SPEC, visible: false });
      expect(next.visible).toBe(false);
      next.webContents.emit('render-process-gone', {}, { reason: 'crashed' });
      expect(states().at(-1)).toMatchObject({ state: 'failed', error: 'the page crashed (crashed); reloading on schedule' });
      expect(next.webContents.closed).toBe(false);
    });

    it('never starts a second reload while one is loading: two views for a panel last one load attempt at most', async () => {
      await show({ ...SPEC, reloadMs: 10_000 }); // shorter than the 20 s load timeout
      const open = () => fake.WebContentsView.instances.filter((v) => !v.webContents.closed);
      const openedAt = new Map<FakeWebContentsView, number>();
      for (let t = 0; t < 120; t++) {
        vi.advanceTimersByTime(1_000);
        for (const v of open()) if (!openedAt.has(v)) openedAt.set(v, Date.now());
        expect(open().length).toBeLessThanOrEqual(2);
        expect(win.contentView.children).toEqual(open());
        // The view beside the shown one is there for one load attempt (20 s) at most.
        for (const v of open()) if (v !== first) expect(Date.now() - openedAt.get(v)!).toBeLessThanOrEqual(20_000);
      }
      expect(first).toMatchObject({ visible: true });
      expect(fake.WebContentsView.instances.length).toBeGreaterThan(4); // it kept trying, one at a time
    });
  });

  it('moves with its tile and is replaced when its URL changes', async () => {
    await show();
    const first = view();
    await show({ ...SPEC, bounds: { x: 0, y: 0, width: 100, height: 50 } });
    expect(fake.WebContentsView.instances).toHaveLength(1);
    expect(first.bounds).toEqual({ x: 0, y: 0, width: 100, height: 50 });
    await show({ ...SPEC, zoom: 2 }); // the wall's type size changed
    expect(first.webContents.zoomFactor).toBe(2);
    expect(first.webContents.loads).toEqual([SPEC.url]);
    await show({ ...SPEC, url: 'https://status.example.com/' });
    expect(first.webContents.closed).toBe(true);
    const second = view();
    expect(second.webContents.loads).toEqual(['https://status.example.com/']);
    expect(win.contentView.children).toEqual([second]);
    expect(second.webContents.attempt('will-navigate', 'https://grafana.example.com/d/abc')).toBe(true); // its own origin now
  });

  describe('a hidden tile\'s view is kept for a while, for the tile to come back (rotating walls)', () => {
    const host = () => embedHostFor(win.webContents as never)!;

    it('hide keeps the page loaded and undrawn; show reuses it without a load and reports its state at once', async () => {
      await show();
      const v = view();
      v.webContents.emit('did-finish-load');
      const loadedAt = Date.now();
      await hide('grafana');
      expect(v).toMatchObject({ visible: false });
      expect(v.webContents.closed).toBe(false);
      expect(host().keptIds()).toEqual(['grafana']);
      expect(host().ids()).toEqual([]);
      vi.advanceTimersByTime(30_000); // the rotation's other page
      const before = states().length;
      await show({ ...SPEC, visible: false }); // the tile's words are over it until it hears the state
      expect(fake.WebContentsView.instances).toEqual([v]);
      expect(v.webContents.loads).toEqual([SPEC.url]);
      expect(states().slice(before)).toEqual([{ panelId: 'grafana', state: 'loaded', error: null, loadedAt }]);
      await show();
      expect(v).toMatchObject({ visible: true });
      expect(host().keptIds()).toEqual([]);
      expect(host().ids()).toEqual(['grafana']);
    });

    it('re-shows a failed reload as failed, with the reason and the page it kept', async () => {
      await show();
      const v = view();
      v.webContents.emit('did-finish-load');
      const loadedAt = Date.now();
      vi.advanceTimersByTime(60_000);
      vi.advanceTimersByTime(20_000); // the reload timed out
      await hide('grafana');
      await show();
      expect(states().at(-1)).toEqual({ panelId: 'grafana', state: 'failed', error: 'grafana.example.com did not load within 20 s', loadedAt });
      expect(win.contentView.children).toEqual([v]);
    });

    it('pauses the reload schedule while kept, and reloads beside the kept page at once when shown after a reload fell due', async () => {
      await show();
      const v = view();
      v.webContents.emit('did-finish-load');
      vi.advanceTimersByTime(40_000);
      await hide('grafana');
      vi.advanceTimersByTime(5 * 60_000);
      expect(fake.WebContentsView.instances).toEqual([v]); // no reload while nobody sees it
      await show();
      expect(fake.WebContentsView.instances).toHaveLength(2); // due 4 min 40 s ago: reloading now
      const next = view();
      expect(next).toMatchObject({ visible: false });
      expect(v).toMatchObject({ visible: true });
      next.webContents.emit('did-finish-load');
      expect(win.contentView.children).toEqual([next]);
      expect(v.webContents.closed).toBe(true);
      vi.advanceTimersByTime(59_999);
      expect(fake.WebContentsView.instances).toHaveLength(2);
      vi.advanceTimersByTime(1);
      expect(fake.WebContentsView.instances).toHaveLength(3); // then every minute again
    });

    it('resumes the schedule where it paused when shown before the next reload was due', async () => {
      await show();
      view().webContents.emit('did-finish-load');
      vi.advanceTimersByTime(20_000);
      await hide('grafana');
      vi.advanceTimersByTime(30_000);
      await show();
      vi.advanceTimersByTime(9_999);
      expect(fake.WebContentsView.instances).toHaveLength(1);
      vi.advanceTimersByTime(1);
      expect(fake.WebContentsView.instances).toHaveLength(2);
    });

    it('a reload under way when hidden ends as usual: swapped in undrawn, or closed', async () => {
      await show();
      const v = view();
      v.webContents.emit('did-finish-load');
      vi.advanceTimersByTime(60_000);
      const next = view();
      await hide('grafana');
      next.webContents.emit('did-finish-load');
      expect(win.contentView.children).toEqual([next]);
      expect(next).toMatchObject({ visible: false });
      expect(v.webContents.closed).toBe(true);
      await show();
      expect(next).toMatchObject({ visible: true });
      expect(fake.WebContentsView.instances).toHaveLength(2);
    });

    it('closes a kept view after the time bound, with no timer left behind', async () => {
      await show();
      const v = view();
      v.webContents.emit('did-finish-load');
      await hide('grafana');
      vi.advanceTimersByTime(EMBED_KEEP_MS - 1);
      expect(v.webContents.closed).toBe(false);
      vi.advanceTimersByTime(1);
      expect(v.webContents.closed).toBe(true);
      expect(win.contentView.children).toEqual([]);
      expect(host().keptIds()).toEqual([]);
      expect(vi.getTimerCount()).toBe(0);
      await show(); // comes back later: loaded anew
      expect(fake.WebContentsView.instances).toHaveLength(2);
      expect(view().webContents.loads).toEqual([SPEC.url]);
    });

    it(`keeps the ${EMBED_KEEP_MAX} most recently hidden per window and closes the rest`, async () => {
      const ids = Array.from({ length: EMBED_KEEP_MAX + 2 }, (_, i) => `p${i}`);
      const views = new Map<string, FakeWebContentsView>();
      for (const panelId of ids) {
        await show({ ...SPEC, panelId });
        views.set(panelId, view());
        view().webContents.emit('did-finish-load');
      }
      // All hidden in the same millisecond, not in the order they were shown: the order of hiding decides.
      for (const panelId of ['p9', 'p8', 'p7', 'p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6']) await hide(panelId);
      expect(host().keptIds()).toEqual(['p7', 'p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6']);
      expect(views.get('p9')!.webContents.closed).toBe(true);
      expect(views.get('p8')!.webContents.closed).toBe(true);
      expect(ids.slice(0, 8).every((id) => !views.get(id)!.webContents.closed)).toBe(true);
      expect(win.contentView.children).toHaveLength(EMBED_KEEP_MAX);
      // Shown views do not count against the bound, and a re-shown one leaves the kept list.
      await show({ ...SPEC, panelId: 'p5' });
      expect(host().keptIds()).toEqual(['p7', 'p0', 'p1', 'p2', 'p3', 'p4', 'p6']);
      expect(host().ids()).toEqual(['p5']);
    });

    it('closes a kept view when its panel is shown with another page', async () => {
      await show();
      const v = view();
      v.webContents.emit('did-finish-load');
      await hide('grafana');
      await show({ ...SPEC, url: 'https://grafana.example.com/d/other?kiosk' });
      expect(v.webContents.closed).toBe(true);
      expect(view()).not.toBe(v);
      expect(view().webContents.loads).toEqual(['https://grafana.example.com/d/other?kiosk']);
      expect(win.contentView.children).toEqual([view()]);
      await hide('grafana');
      await show({ ...SPEC, url: 'https://grafana.example.com/d/other?kiosk', allowScripts: false }); // scripts off is another page too
      expect(fake.WebContentsView.instances).toHaveLength(3);
      expect(view().options.webPreferences).toMatchObject({ javascript: false });
    });

    it('closes every view (shown, kept, reloading) and clears every timer when the window closes', async () => {
      await show();
      const shown = view();
      shown.webContents.emit('did-finish-load');
      await show({ ...SPEC, panelId: 'kept' });
      const kept = view();
      await hide('kept');
      vi.advanceTimersByTime(60_000); // the shown one is reloading beside itself
      const reloading = view();
      expect(reloading).not.toBe(kept);
      win.close();
      for (const v of [shown, kept, reloading]) expect(v.webContents.closed).toBe(true);
      expect(vi.getTimerCount()).toBe(0);
      vi.advanceTimersByTime(EMBED_KEEP_MS);
      expect(fake.WebContentsView.instances).toHaveLength(3);
    });
  });

  it('keeps the page loaded but undrawn while the wall covers its tile, and draws it again without a reload', async () => {
    await show({ ...SPEC, visible: false }); // the tile's "Loading…" words are over its body
    const v = view();
    expect(v.visible).toBe(false);
    expect(v.bounds).toEqual({ x: 10, y: 20, width: 640, height: 360 }); // laid out at its tile's size meanwhile
    expect(win.contentView.children).toEqual([v]);
    v.webContents.emit('did-finish-load');
    await show({ ...SPEC, bounds: { x: 10, y: 20, width: 640, height: 330 }, visible: true }); // clipped above a badge
    expect(v).toMatchObject({ visible: true, bounds: { x: 10, y: 20, width: 640, height: 330 } });
    await show({ ...SPEC, visible: false });
    expect(v.visible).toBe(false);
    expect(fake.WebContentsView.instances).toEqual([v]);
    expect(v.webContents.loads).toEqual([SPEC.url]);
    expect(v.webContents.closed).toBe(false);
  });

  it('refuses specs that are not http(s) pages or have no sane bounds', async () => {
    await expect(show({ ...SPEC, url: 'file:///etc/passwd' })).rejects.toThrow(/invalid arguments/);
    await expect(show({ ...SPEC, reloadMs: 5 })).rejects.toThrow(/invalid arguments/);
    const { visible: _unsaid, ...withoutVisibility } = SPEC;
    await expect(show(withoutVisibility as EmbedViewSpec)).rejects.toThrow(/invalid arguments/);
    expect(fake.WebContentsView.instances).toHaveLength(0);
  });
});
