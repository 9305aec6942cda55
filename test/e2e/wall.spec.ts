/**
 * The wall as a person sees it, in Chromium, against the real hub serving the built UI and the
 * demo platform: live values, a source going away (stale, last values kept), and recovery.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ADMIN_TOKEN, demoWorkspace, freePort, startDemo, startHub } from './support/processes.ts';

async function openWall(page: Page, hubUrl: string): Promise<void> {
  await page.goto(`${hubUrl}/#/login?token=${ADMIN_TOKEN}`);
  await page.goto(`${hubUrl}/#/wall/platform`);
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
}

test('serve --demo: the wall shows the platform live, and the values move', async ({ page }, testInfo) => {
  const hub = await startHub(['--demo', '--demo-port', '0', '--speed', '20']);
  const scripts: string[] = [];
  page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname));
  try {
    await openWall(page, hub.url);
    const streams = page.getByTestId('panel-value-streams');
    await expect(streams).toHaveText(/\d/, { timeout: 15_000 });
    await expect(page.getByTestId('panel-streams')).toHaveAttribute('data-freshness', 'live');
    await expect(page.getByTestId('radiator')).toHaveText(/Stable|High Care|ICU/);
    await expect(page.getByTestId('wall-worst-freshness')).toHaveAttribute('data-freshness', 'live', { timeout: 15_000 });

    // Live: the numbers on the wall change as the match goes on.
    const watched = ['streams', 'cdn-misses', 'playback-errors'].map((id) => page.getByTestId(`panel-value-${id}`));
    const before = await Promise.all(watched.map((v) => v.textContent()));
    await expect
      .poll(async () => (await Promise.all(watched.map((v) => v.textContent()))).some((text, i) => text !== before[i]), { timeout: 20_000 })
      .toBe(true);
    await page.screenshot({ path: testInfo.outputPath('wall-live.png') });
    // A wall screen loads the wall, not the console's pages (they load when first opened).
    const chunks = await readdir(new URL('../../dist/renderer/assets/', import.meta.url));
    expect(chunks.filter((f) => /^(Incidents|Canaries|Review|Planner)Route-[\w-]+\.js$/.test(f))).toHaveLength(4);
    expect(scripts.some((path) => /\/assets\/index-[\w-]+\.js$/.test(path))).toBe(true);
    expect(scripts.filter((path) => /(Incidents|Canaries|Review|Planner)Route-|Settings-/.test(path))).toEqual([]);
  } finally {
    await hub.stop();
  }
});

test('a source that stops turns its panels stale with the last values kept, and they recover', async ({ page }, testInfo) => {
  const demoPort = await freePort();
  let demo = await startDemo(demoPort);
  const dir = await mkdtemp(join(tmpdir(), 'mc-e2e-ws-'));
  const hub = await startHub(['--workspace', await demoWorkspace(dir, demoPort)]);
  try {
    await openWall(page, hub.url);
    const panel = page.getByTestId('panel-streams');
    const value = page.getByTestId('panel-value-streams');
    await expect(panel).toHaveAttribute('data-freshness', 'live', { timeout: 15_000 });
    await expect(value).toHaveText(/\d/);

    await demo.stop();
    const kept = await value.textContent();
    // Delayed after 2 intervals, stale after 5: the wall says so, and keeps the last number.
    await expect(panel).toHaveAttribute('data-freshness', 'stale', { timeout: 15_000 });
    await expect(value).toHaveText(kept!);
    await expect(page.getByTestId('freshness-age-streams')).toHaveText(/\d+ (s|min)/);
    await expect(panel).toContainText(/ECONNREFUSED|no answer/);
    await expect(page.getByTestId('wall-worst-freshness')).toHaveAttribute('data-freshness', 'stale');
    await expect(page.getByTestId('radiator')).toHaveAttribute('data-tone', 'unknown');
    await page.screenshot({ path: testInfo.outputPath('wall-stale.png') });

    demo = await startDemo(demoPort);
    await expect(panel).toHaveAttribute('data-freshness', 'live', { timeout: 30_000 });
    await expect(page.getByTestId('wall-worst-freshness')).toHaveAttribute('data-freshness', 'live', { timeout: 15_000 });
    await page.screenshot({ path: testInfo.outputPath('wall-recovered.png') });
  } finally {
    await hub.stop();
    await demo.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
