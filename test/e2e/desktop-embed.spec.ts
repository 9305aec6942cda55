/**
 * A desktop wall's embed in Chromium against the real hub: the page lives in a native view the
 * Electron main process draws above the whole wall page, placed from the bounds the tile sends
 * through the bridge. The Electron binary is not available here, so the page gets a fake desktop
 * bridge that records every show/hide and lets the test say what the view did (loaded, failed).
 * What is checked is what the room would see: the view never covers the tile's own words, an
 * incident banner or anything marked as drawn over tiles, follows its tile wherever the layout
 * moves it, sends nothing while nothing changes, and stops when the wall is left.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { EmbedViewSpec, EmbedViewState } from '../../shared/bridge.ts';
import { ADMIN_TOKEN, startHub, type Hub } from './support/processes.ts';

type Box = EmbedViewSpec['bounds'];
type EmbedCall = ({ op: 'show' } & EmbedViewSpec) | { op: 'hide'; panelId: string };
interface FakeDesktop {
  embedCalls: EmbedCall[];
  embedState(state: EmbedViewState): void;
}

/** Runs in the page before the app: `window.missionControl` as electron/preload exposes it, recording. */
function installFakeDesktopBridge(): void {
  const listeners = new Set<(state: EmbedViewState) => void>();
  const fake: FakeDesktop = { embedCalls: [], embedState: (state) => listeners.forEach((l) => l(state)) };
  Object.assign(window, {
    fakeDesktop: fake,
    missionControl: {
      kind: 'desktop',
      hubConnection: async () => null, // the hub that served the page, with the token signed in
      displays: async () => [],
      keepAwake: async () => false,
      notify: async () => undefined,
      openExternal: async () => false,
      printToPdf: async () => null,
      embeds: {
        show: async (spec: EmbedViewSpec) => void fake.embedCalls.push({ op: 'show', ...structuredClone(spec) }),
        hide: async (panelId: string) => void fake.embedCalls.push({ op: 'hide', panelId }),
        onState: (listener: (state: EmbedViewState) => void) => {
          listeners.add(listener);
          return () => void listeners.delete(listener);
        },
      },
    },
  });
}

const EMBED = 'grafana';

async function workspace(dir: string): Promise<string> {
  const file = join(dir, 'workspace.yaml');
  // The embed at the top of the grid, where a banner appearing in the header pushes it down, with
  // room below it for the grid to be shifted without clipping it.
  await writeFile(
    file,
    `
version: 1
title: Desktop embeds
sources:
  - { id: ops, type: push, interval: 1m }
walls:
  - id: room
    title: Room
    panels:
      - { id: viewers, title: Viewers, type: stat, gridPos: { x: 0, y: 0, w: 12, h: 8 }, source: ops, query: { series: viewers } }
      - { id: ${EMBED}, title: Grafana, type: embed, gridPos: { x: 12, y: 0, w: 12, h: 6 }, url: "http://127.0.0.1:9/d/abc?kiosk", loadTimeout: 20s }
`,
  );
  return file;
}

const calls = (page: Page) => page.evaluate(() => (window as unknown as { fakeDesktop: FakeDesktop }).fakeDesktop.embedCalls);
const lastShow = async (page: Page) => (await calls(page)).filter((c) => c.op === 'show').at(-1) ?? null;
const emitState = (page: Page, state: EmbedViewState) =>
  page.evaluate((s) => (window as unknown as { fakeDesktop: FakeDesktop }).fakeDesktop.embedState(s), state);
const boxOf = (page: Page, testId: string): Promise<Box> =>
  page.getByTestId(testId).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });

/** The view's bounds and visibility, and the tile body's box, side by side. */
async function placed(page: Page): Promise<{ bounds: Box | null; visible: boolean | null; body: Box }> {
  const show = await lastShow(page);
  return { bounds: show?.op === 'show' ? show.bounds : null, visible: show?.op === 'show' ? show.visible : null, body: await boxOf(page, `embed-${EMBED}`) };
}

/** Within a pixel of each other (the view is placed in whole pixels). */
const sameBox = (a: Box | null, b: Box) => a !== null && (['x', 'y', 'width', 'height'] as const).every((k) => Math.abs(a[k] - b[k]) <= 1);
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function api(hub: Hub, path: string, body: unknown): Promise<void> {
  const res = await fetch(`${hub.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, `${path}: ${await res.clone().text()}`).toBeLessThan(300);
}

test('a desktop embed is drawn only over its visible tile body: never over the tile’s words, a banner or an overlay, and it follows the tile', async ({ page, browser }, testInfo) => {
  const dir = await mkdtemp(join(tmpdir(), 'mc-e2e-embed-'));
  const hub = await startHub(['--workspace', await workspace(dir)]);
  try {
    await page.addInitScript(installFakeDesktopBridge);
    await page.goto(`${hub.url}/#/login?token=${ADMIN_TOKEN}`);
    await page.goto(`${hub.url}/#/wall/room`);
    await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');

    // Before the page has loaded, the tile says so in words, and the view is not drawn over them.
    await expect(page.getByTestId(`embed-waiting-${EMBED}`)).toHaveText('Loading 127.0.0.1:9…');
    await expect.poll(() => placed(page)).toMatchObject({ visible: false });
    // Laid out at the tile's size meanwhile: polled, as the wall's header may still settle (the
    // view follows its tile a frame later; read once, a busy machine saw the tile 23 px higher).
    let p = await placed(page);
    await expect.poll(async () => ((p = await placed(page)), p.visible === false && sameBox(p.bounds, p.body))).toBe(true);
    expect(await lastShow(page)).toMatchObject({ url: 'http://127.0.0.1:9/d/abc?kiosk', loadTimeoutMs: 20_000 });

    // Loaded: drawn over the whole body.
    const loadedAt = Date.now();
    await emitState(page, { panelId: EMBED, state: 'loaded', error: null, loadedAt });
    await expect(page.getByTestId(`panel-waiting-${EMBED}`)).toHaveCount(0);
    await expect.poll(async () => ((p = await placed(page)), p.visible === true && sameBox(p.bounds, p.body))).toBe(true);

    // Nothing moves: nothing is sent, while the clocks tick and another tile gets its first data.
    await api(hub, '/api/v1/ingest/push', { source: 'ops', values: { viewers: 1200 } });
    await expect(page.getByTestId('panel-viewers')).toHaveAttribute('data-waiting', 'false');
    const settled = (await calls(page)).length;
    await page.waitForTimeout(2_500);
    expect((await calls(page)).length).toBe(settled);

    // An incident banner pushes the grid down: the view follows the tile and never covers the banner.
    const before = (await placed(page)).body;
    await api(hub, '/api/v1/incidents', { title: 'Paying viewers denied playback', severity: 1 });
    await expect(page.getByTestId('incident-banner')).toBeVisible();
    await expect.poll(async () => ((p = await placed(page)), p.body.y > before.y && sameBox(p.bounds, p.body))).toBe(true);
    const banner = await boxOf(page, 'incident-banner');
    expect(overlaps(p.bounds!, banner), JSON.stringify({ bounds: p.bounds, banner })).toBe(false);
    expect(p.bounds!.y).toBeGreaterThanOrEqual(banner.y + banner.height);
    await page.screenshot({ path: testInfo.outputPath('banner.png') });

    // A shift that moves the tile without resizing it (which a ResizeObserver never reports).
    const unshifted = (await placed(page)).body;
    await page.evaluate(() => document.querySelector<HTMLElement>('.wall-grid')!.style.setProperty('transform', 'translate(-30px, 45px)'));
    await expect.poll(async () => ((p = await placed(page)), sameBox(p.bounds, p.body))).toBe(true);
    expect(p.body).toEqual({ ...unshifted, x: unshifted.x - 30, y: unshifted.y + 45 });
    // Shifted until half of it hangs below the window: only the part on screen, and it still follows.
    const windowHeight = await page.evaluate(() => window.innerHeight);
    for (const dy of [windowHeight - unshifted.y - unshifted.height / 2, windowHeight - unshifted.y - unshifted.height / 3]) {
      await page.evaluate((y) => document.querySelector<HTMLElement>('.wall-grid')!.style.setProperty('transform', `translateY(${y}px)`), dy);
      await expect
        .poll(async () => ((p = await placed(page)), Math.abs(p.body.y - (unshifted.y + dy)) < 0.5 && sameBox(p.bounds, { ...p.body, height: windowHeight - p.body.y })))
        .toBe(true);
    }
    await page.evaluate(() => document.querySelector<HTMLElement>('.wall-grid')!.style.removeProperty('transform'));
    await expect.poll(async () => ((p = await placed(page)), sameBox(p.bounds, unshifted))).toBe(true);

    // A reload fails: the tile's "old page" badge stays readable; the view stops above it.
    await emitState(page, { panelId: EMBED, state: 'failed', error: '127.0.0.1:9 did not load: ERR_CONNECTION_REFUSED (-102)', loadedAt });
    await expect(page.getByTestId(`panel-old-${EMBED}`)).toBeVisible();
    await expect.poll(async () => ((p = await placed(page)), p.bounds!.height < p.body.height)).toBe(true);
    const badge = await boxOf(page, `panel-old-${EMBED}`);
    expect(p.visible).toBe(true);
    expect(overlaps(p.bounds!, badge), JSON.stringify({ bounds: p.bounds, badge })).toBe(false);
    expect(p.bounds).toMatchObject({ x: Math.round(p.body.x), y: Math.round(p.body.y) }); // the rest of the body
    await emitState(page, { panelId: EMBED, state: 'loaded', error: null, loadedAt: Date.now() });
    await expect.poll(async () => ((p = await placed(page)), sameBox(p.bounds, p.body))).toBe(true);

    // Something the wall draws over the middle of the tile: the view hides and the tile says why.
    await page.evaluate((body) => {
      const over = document.createElement('div');
      over.id = 'test-overlay';
      over.setAttribute('data-over-embeds', '');
      Object.assign(over.style, { position: 'fixed', left: `${body.x + body.width / 4}px`, top: `${body.y + body.height / 4}px`, width: `${body.width / 2}px`, height: `${body.height / 2}px`, background: '#c00' });
      document.body.append(over);
    }, p.body);
    await expect.poll(async () => (await placed(page)).visible).toBe(false);
    await expect(page.getByTestId(`embed-covered-${EMBED}`)).toContainText('127.0.0.1:9 · page loaded');
    await page.screenshot({ path: testInfo.outputPath('covered.png') });
    await page.evaluate(() => document.getElementById('test-overlay')!.remove());
    await expect.poll(async () => ((p = await placed(page)), p.visible === true && sameBox(p.bounds, p.body))).toBe(true);
    await expect(page.getByTestId(`embed-covered-${EMBED}`)).toHaveCount(0);

    // Leaving the wall closes the view, and nothing listens for the layout any more.
    await page.goto(`${hub.url}/#/console`);
    await expect(page.getByTestId('console')).toBeVisible();
    await expect.poll(async () => (await calls(page)).at(-1)).toEqual({ op: 'hide', panelId: EMBED });
    const left = (await calls(page)).length;
    await page.setViewportSize({ width: 1600, height: 900 });
    await page.waitForTimeout(500);
    expect((await calls(page)).length).toBe(left);

    // A browser (no desktop bridge) keeps the sandboxed frame.
    const plain = await browser.newPage();
    try {
      await plain.goto(`${hub.url}/#/login?token=${ADMIN_TOKEN}`);
      await plain.goto(`${hub.url}/#/wall/room`);
      await expect(plain.getByTestId(`embed-frame-${EMBED}`).first()).toHaveAttribute('sandbox', /allow-scripts/);
      await expect(plain.locator('[data-isolated-view]')).toHaveCount(0);
    } finally {
      await plain.close();
    }
  } finally {
    await hub.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
