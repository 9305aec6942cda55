/**
 * The panel inspector and wall themes in Chromium against the real hub and the demo platform: an
 * admin at a keyboard inspects a panel (the query as configured, the series the hub's query
 * endpoint answers, freshness and the last error in words, labels as text), refreshes it once
 * per click (no polling), copies it as JSON and closes it with Esc; a wall device's viewer token,
 * and a wall marked kiosk, offer no inspector; a wall with `theme: high-contrast` carries it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ADMIN_TOKEN, freePort, startDemo, startHub, type Hub, type Proc } from './support/processes.ts';

const HOSTILE = '<img src=x onerror="window.__pwned=1">';

let dir: string;
let demo: Proc;
let hub: Hub;

test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mc-e2e-insp-'));
  const demoPort = await freePort();
  const deadPort = await freePort(); // nothing listens there
  demo = await startDemo(demoPort, 20);
  const file = join(dir, 'workspace.yaml');
  await writeFile(
    file,
    `
version: 1
title: Inspector
sources:
  - { id: demo, name: Demo platform, type: scrape, url: "http://127.0.0.1:${demoPort}/metrics", interval: 1s, timeout: 800ms }
  - { id: gone, type: scrape, url: "http://127.0.0.1:${deadPort}/metrics", interval: 1s, timeout: 500ms }
  - { id: ops, type: push, interval: 1m }
walls:
  - id: room
    title: Room
    panels:
      - { id: streams-by-region, title: Streams by region, type: timeseries, gridPos: { x: 0, y: 0, w: 12, h: 8 }, source: demo, query: { metric: mc_concurrent_streams, by: [region] } }
      - { id: dead, title: Dead exporter, type: stat, gridPos: { x: 12, y: 0, w: 6, h: 4 }, source: gone, query: { metric: up } }
      - { id: viewers, title: Viewers, type: table, gridPos: { x: 18, y: 0, w: 6, h: 4 }, source: ops, query: { series: viewers } }
      - { id: notes, title: Notes, type: text, gridPos: { x: 12, y: 4, w: 12, h: 4 }, content: "Runbook: page the CDN team." }
  - id: night
    title: Night
    theme: high-contrast
    panels:
      - { id: night-streams, title: Streams, type: stat, gridPos: { x: 0, y: 0, w: 12, h: 6 }, source: demo, query: { metric: mc_concurrent_streams } }
`,
  );
  hub = await startHub(['--workspace', file]);
  const pushed = await fetch(`${hub.url}/api/v1/ingest/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ source: 'ops', points: [{ series: 'viewers', value: 5120, labels: { region: HOSTILE } }] }),
  });
  expect(pushed.status).toBe(200);
});

test.afterAll(async () => {
  await hub?.stop();
  await demo?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function openWall(page: Page, token: string, hash: string): Promise<void> {
  await page.goto(`${hub.url}/#/login?token=${token}`);
  // The app signs in and moves on by itself: go to the wall only after, or it may move over it.
  await page.waitForURL((url) => !url.hash.startsWith('#/login'));
  await page.goto(`${hub.url}/${hash}`);
  await expect(page.getByTestId('wall').getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
}

test('an admin inspects a panel: query, series the hub answers, freshness; Refresh asks once; copy as JSON; Esc closes', async ({ page, context }, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: hub.url });
  const asked: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/v1/sources/')) asked.push(decodeURIComponent(request.url()));
  });
  await openWall(page, ADMIN_TOKEN, '#/wall/room');
  await expect(page.getByTestId('wall')).toHaveAttribute('data-inspectable', 'true');
  await expect(page.getByTestId('panel-streams-by-region')).toHaveAttribute('data-waiting', 'false', { timeout: 20_000 });
  // Text has no query to inspect.
  await expect(page.getByTestId('inspect-notes')).toHaveCount(0);

  await page.getByTestId('panel-streams-by-region').hover();
  await page.getByTestId('inspect-streams-by-region').click();
  const drawer = page.getByTestId('inspector');
  await expect(drawer).toBeVisible();
  await expect(drawer).toHaveAttribute('data-panel-id', 'streams-by-region');
  await expect(page.getByTestId('panel-streams-by-region')).toHaveAttribute('data-inspecting', 'true');
  // The source and the query as configured (with the workspace's defaults).
  await expect(page.getByTestId('inspector-source')).toContainText('demo (Demo platform) · scrape · every 1 s · timeout 800 ms');
  const query = JSON.parse((await page.getByTestId('inspector-query').textContent())!) as Record<string, unknown>;
  expect(query).toEqual({ metric: 'mc_concurrent_streams', by: ['region'], fn: 'value', window: 60_000, aggregate: 'sum' });
  // The hub's answer through the query endpoint: one series per region, with its last value.
  await expect(page.getByTestId('inspector-answer')).toHaveAttribute('data-state', 'answered');
  await expect(page.getByTestId('inspector-request')).toContainText('Instant query');
  await expect(page.getByTestId('inspector-totals')).toHaveText(/^4 series · 4 points · \d\d:\d\d:\d\dZ → \d\d:\d\d:\d\dZ$/);
  const rows = page.getByTestId('inspector-series-row');
  await expect(rows).toHaveCount(4);
  for (const region of ['af-south', 'eu-central', 'eu-west', 'us-east']) await expect(rows.filter({ hasText: `region=${region}` })).toHaveCount(1);
  await expect(page.getByTestId('inspector-series-last').first()).toHaveText(/^\d+(\.\d+)? @ \d\d:\d\d:\d\dZ$/);
  await expect(page.getByTestId('inspector-freshness')).toHaveAttribute('data-freshness', 'live');
  await expect(page.getByTestId('inspector-freshness')).toContainText(/live · last success \d+ s ago · last attempt \d+ s ago · expected every 1 s/);
  await expect(page.getByTestId('inspector-live-error')).toHaveText('✓ No error since the last success');
  expect(asked.filter((u) => u.includes('/sources/demo/query?query={"metric":"mc_concurrent_streams"'))).toHaveLength(1);
  await page.screenshot({ path: testInfo.outputPath('inspector.png') });

  // Refresh asks again, once; nothing is polled meanwhile.
  await page.getByTestId('inspector-refresh').click();
  await expect(page.getByTestId('inspector-answer')).toHaveAttribute('data-state', 'answered');
  await page.waitForTimeout(3000);
  expect(asked).toHaveLength(2);

  // Copy as JSON: the panel, the request, the answer, the live metadata.
  await page.getByTestId('inspector-copy').click();
  await expect(page.getByTestId('inspector-copy-state')).toHaveText(/^✓ copied \(\d+(\.\d)? k?B\)$/);
  const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText())) as {
    panel: { id: string; query: unknown };
    source: Record<string, unknown>;
    answer: { series: { labels: Record<string, string> }[] };
    liveMeta: { sourceId: string };
  };
  expect(copied.panel).toMatchObject({ id: 'streams-by-region', query });
  expect(copied.source).toEqual({ id: 'demo', type: 'scrape', name: 'Demo platform', intervalMs: 1000, timeoutMs: 800, endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/) });
  expect(copied.answer.series.map((s) => s.labels.region).sort()).toEqual(['af-south', 'eu-central', 'eu-west', 'us-east']);
  expect(copied.liveMeta.sourceId).toBe('demo');

  // Esc closes it, from wherever the focus is; the focus goes back to the panel's button.
  await page.keyboard.press('Escape');
  await expect(drawer).toHaveCount(0);
  await expect(page.getByTestId('panel-streams-by-region')).not.toHaveAttribute('data-inspecting', 'true');
  await expect(page.getByTestId('inspect-streams-by-region')).toBeFocused();
});

test("a failing source's error in words; pushed labels shown as text, never as markup", async ({ page }) => {
  await openWall(page, ADMIN_TOKEN, '#/wall/room');
  await expect(page.getByTestId('panel-error-dead')).toBeVisible({ timeout: 20_000 });
  await page.getByTestId('panel-dead').hover();
  await page.getByTestId('inspect-dead').click();
  await expect(page.getByTestId('inspector-error')).toHaveText(/^✖ The hub could not answer: gone: .*(ECONNREFUSED|refused)/);
  await expect(page.getByTestId('inspector-live-error')).toHaveText(/^▲ Last error: .*(ECONNREFUSED|refused)/);
  await expect(page.getByTestId('inspector-freshness')).toHaveAttribute('data-freshness', 'stale');

  // Another panel's Inspect switches the drawer to it.
  await page.getByTestId('panel-streams-by-region').hover();
  await page.getByTestId('inspect-streams-by-region').click();
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-panel-id', 'streams-by-region');
  await expect(page.getByTestId('inspector-series-row')).toHaveCount(4);
  // The drawer covers the right of the wall: closed, the panel under it can be inspected.
  await page.getByTestId('inspector-close').click();
  await page.getByTestId('panel-viewers').hover();
  await page.getByTestId('inspect-viewers').click();
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-panel-id', 'viewers');
  const row = page.getByTestId('inspector-series-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(`region=${HOSTILE}`);
  await expect(row).toContainText('5120 @');
  await expect(page.getByTestId('inspector').locator('img')).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  await page.getByTestId('inspector-close').click();
  await expect(page.getByTestId('inspector')).toHaveCount(0);
});

test('a wall device (viewer token) and a wall marked kiosk offer no inspector', async ({ page }) => {
  const created = await fetch(`${hub.url}/api/v1/tokens`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'wall: lobby tv', role: 'viewer' }),
  });
  expect(created.ok).toBe(true);
  const viewer = ((await created.json()) as { secret: string }).secret;

  await openWall(page, viewer, '#/wall/room');
  await expect(page.getByTestId('panel-streams-by-region')).toHaveAttribute('data-waiting', 'false', { timeout: 20_000 });
  await expect(page.getByTestId('wall')).toHaveAttribute('data-inspectable', 'false');
  await page.getByTestId('panel-streams-by-region').hover();
  await expect(page.locator('[data-testid^="inspect-"]')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('inspector')).toHaveCount(0);

  // An admin's token on a screen opened as a kiosk: still no inspector.
  await openWall(page, ADMIN_TOKEN, '#/wall/room?kiosk');
  await expect(page.getByTestId('panel-streams-by-region')).toHaveAttribute('data-waiting', 'false', { timeout: 20_000 });
  await expect(page.getByTestId('wall')).toHaveAttribute('data-inspectable', 'false');
  await expect(page.locator('[data-testid^="inspect-"]')).toHaveCount(0);
});

test('a wall with theme: high-contrast carries it; the default wall is dark', async ({ page }, testInfo) => {
  const look = () =>
    page.evaluate(() => {
      const wall = document.querySelector('[data-testid="wall"]')!;
      const style = getComputedStyle(wall);
      const panel = document.querySelector('.panel')!;
      return {
        page: document.documentElement.dataset.theme,
        bg: style.getPropertyValue('--mc-bg').trim(),
        text: style.getPropertyValue('--mc-text').trim(),
        pageBackground: getComputedStyle(document.documentElement).backgroundColor,
        border: getComputedStyle(panel).borderTopWidth,
      };
    });

  await openWall(page, ADMIN_TOKEN, '#/wall/room');
  await expect(page.getByTestId('wall')).toHaveAttribute('data-theme', 'dark');
  expect(await look()).toEqual({ page: 'dark', bg: '#05070a', text: '#eef2f6', pageBackground: 'rgb(5, 7, 10)', border: '1px' });
  // The charts draw the theme's colours too: the first series in the dark palette's blue.
  await expect(page.getByTestId('legend-streams-by-region').locator('.ts-swatch').first()).toHaveCSS('background-color', 'rgb(86, 180, 233)', { timeout: 20_000 });

  await page.goto(`${hub.url}/#/wall/night`);
  await expect(page.getByTestId('wall')).toHaveAttribute('data-theme', 'high-contrast');
  expect(await look()).toEqual({ page: 'high-contrast', bg: '#000', text: '#fff', pageBackground: 'rgb(0, 0, 0)', border: '2px' });
  // States still in words and icons, whatever the colours.
  await expect(page.getByTestId('freshness-night-streams')).toContainText(/live|delayed|no data/, { timeout: 20_000 });
  // The stat's sparkline in the high-contrast palette's brighter grey (dark: #b3bfcc).
  await expect
    .poll(() => page.locator('.sparkline svg path').evaluateAll((paths) => paths.map((p) => p.getAttribute('stroke')).filter((c) => c && c !== 'none')), { timeout: 20_000 })
    .toContain('#e3e9ef');
  await page.screenshot({ path: testInfo.outputPath('high-contrast.png') });
});
