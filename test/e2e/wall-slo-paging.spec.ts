/**
 * An event SLO at PAGE is as urgent as a fired trigger, so the room sees which SLO pages and how
 * fast it burns at the common wall sizes. In the demo's outage two fired triggers took the width
 * and the Event SLOs section dropped into "+N more" as "✖ event SLOs": nothing said which SLO
 * paged, its burn rate or its budget. Real hub, real Prometheus scraping a real metrics endpoint
 * whose entitlement requests are half denied, the sports-final template's event SLOs.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { prometheusAvailable, startPrometheus } from '../support/prometheus.ts';
import { inside } from './support/boxes.ts';
import { hubApi, pushPoints } from './support/hub-api.ts';
import { startWorkspaceHub } from './support/processes.ts';
import { eventStripState, FULL_HD, NEAR_PLATFORM_WALL, openWall } from './support/wall.ts';

const utcMinute = (ms: number): string => new Date(ms).toISOString().slice(0, 16);
const panels = `
      - { id: entitlement-403, title: Entitlement 403s, type: stat, gridPos: { x: 0, y: 0, w: 12, h: 6 }, source: ops, query: { series: e403 } }
      - { id: cdn-misses, title: CDN cache misses, type: stat, gridPos: { x: 12, y: 0, w: 12, h: 6 }, source: ops, query: { series: cdn } }`;
const workspace = (promUrl: string) => `
version: 1
title: Room
sources:
  - { id: ops, type: push }
  - { id: prom, type: prometheus, url: "${promUrl}", interval: 5s, timeout: 2s }
walls:
  - id: room
    title: War room
    viewingDistance: far
    panels:${panels}
${NEAR_PLATFORM_WALL}`;

/** What the strip shows, as the room reads it: the sections shown and "+N more". */
const stripWords = async (page: Page) => {
  const { shown, more } = await eventStripState(page);
  return `${shown.join(', ')}${more !== null ? ` | ${more}` : ''}`;
};

/** The SLO that pages, beside the fired triggers: its name begun, its burn rate whole, all inside the strip. */
async function pagingSloReadable(page: Page, where: string): Promise<void> {
  const line = page.getByTestId('slo-paging');
  await expect(line, where).toBeVisible();
  await inside(line, page.getByTestId('event-strip'), `${where}: the paging SLO`);
  await expect(line).toHaveAttribute('title', /^Entitlement requests succeed · burn ×\d+ · budget/);
  await expect(line.locator('.state-chip')).toHaveText(/PAGE/);
  const seen = await line.evaluate((e) => {
    const box = e.getBoundingClientRect();
    const name = e.querySelector('.slo-paging-name')!;
    const figures = e.querySelector('.slo-paging-figures')!;
    // The burn figure's own text, not cut by the ellipsis nor the box.
    const text = figures.firstChild!;
    const burn = /· burn ×\d+/.exec(text.textContent!)!;
    const range = document.createRange();
    range.setStart(text, burn.index);
    range.setEnd(text, burn.index + burn[0].length);
    const burnBox = range.getBoundingClientRect();
    return { nameWidth: name.getBoundingClientRect().width, burnInside: burnBox.right <= Math.min(figures.getBoundingClientRect().right, box.right) + 0.5 };
  });
  // At least "Entitlement" of the name (a few words, the rest in the tooltip).
  const em = await line.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  expect(seen.nameWidth, `${where}: the SLO's name`).toBeGreaterThanOrEqual(5 * em);
  expect(seen.burnInside, `${where}: the burn rate whole`).toBe(true);
}

test('an event SLO at PAGE stays on the strip beside two fired triggers, and takes the countdown\'s place with none fired', async ({ page }) => {
  test.skip(!prometheusAvailable, 'needs Prometheus (apt-get install prometheus)');
  test.setTimeout(240_000);
  // Entitlement: half its requests denied; playback healthy. 40 requests every 100 ms.
  const counts = { entitlementOk: 0, entitlementDenied: 0, playback: 0 };
  const ticker = setInterval(() => {
    for (let i = 0; i < 20; i++) counts[Math.random() < 0.5 ? 'entitlementDenied' : 'entitlementOk']++;
    counts.playback += 20;
  }, 100);
  const metrics = createServer((_req, res) =>
    res.end(
      [
        '# TYPE mc_http_requests_total counter',
        `mc_http_requests_total{service="entitlement",code="200"} ${counts.entitlementOk}`,
        `mc_http_requests_total{service="entitlement",code="403"} ${counts.entitlementDenied}`,
        `mc_http_requests_total{service="playback",code="200"} ${counts.playback}`,
        '',
      ].join('\n'),
    ),
  );
  await new Promise<void>((r) => metrics.listen(0, '127.0.0.1', r));
  const prometheus = await startPrometheus([`127.0.0.1:${(metrics.address() as AddressInfo).port}`]);
  const hub = await startWorkspaceHub(workspace(prometheus.url));
  const call = hubApi(hub.url);
  try {
    await pushPoints(hub.url, [{ series: 'e403', value: 1 }, { series: 'cdn', value: 100 }]);
    const final = await call('POST', '/api/v1/plans', { template: 'sports-final', event: { name: 'Cup Final', start: utcMinute(Date.now() - 30 * 60_000), timezone: 'UTC' } });
    const id = String(final.id);
    const stored = await call('GET', `/api/v1/plans/${id}`);
    // Both triggers fire at once, not after a minute or two.
    const plan = stored.plan as { risks: { id: string; contingency?: { trigger?: { for?: string } } }[] };
    for (const risk of ['entitlement-saturation', 'cdn-shortfall']) delete plan.risks.find((r) => r.id === risk)!.contingency!.trigger!.for;
    await call('POST', `/api/v1/plans/${id}?revision=${String(stored.revision)}`, plan);
    for (const state of ['planned', 'ready', 'live']) await call('POST', `/api/v1/plans/${id}/state`, { state, by: '@ops' });

    // Nothing fired yet, a 1280×720 far wall: the paging SLO section is shown whole, before the countdown.
    await openWall(page, hub.url, 'room', { width: 1280, height: 720 });
    const slos = page.getByTestId('event-slos');
    await expect(slos.locator('[data-alert="page"]').first()).toBeAttached({ timeout: 90_000 });
    console.log(`none fired, far 1280×720: ${await stripWords(page)}`);
    await expect(slos).toHaveAttribute('data-shown', 'true');
    await expect(slos).toBeVisible();
    await expect(slos).toContainText('Entitlement requests succeed');

    // Two fired (the demo's outage): the fired lines first, the paging SLO in their box.
    await pushPoints(hub.url, [{ series: 'e403', value: 500 }, { series: 'cdn', value: 50_000 }]);
    await expect(page.getByTestId('trigger-fired')).toHaveCount(2, { timeout: 20_000 });
    for (const [wall, screen] of [['room', FULL_HD], ['platform', FULL_HD], ['room', { width: 1280, height: 720 }]] as const) {
      const where = `${wall} at ${screen.width}×${screen.height}`;
      await openWall(page, hub.url, wall, screen);
      await expect(page.getByTestId('trigger-fired')).toHaveCount(2, { timeout: 20_000 });
      await expect(page.getByTestId('event-name')).toHaveAttribute('data-shown', 'true');
      console.log(`two fired, ${where}: ${await stripWords(page)}`);
      await pagingSloReadable(page, where);
      for (const fired of await page.getByTestId('trigger-fired').all()) await expect(fired).toBeVisible();
      const strip = (await page.getByTestId('event-strip').boundingBox())!;
      console.log(`  strip height ${Math.round(strip.height)} px (${((100 * strip.height) / screen.height).toFixed(1)}% of the screen)`);
      await page.screenshot({ path: test.info().outputPath(`slo-paging-${wall}-${screen.width}.png`) });
    }
  } finally {
    clearInterval(ticker);
    await hub.stop();
    await prometheus.close();
    await new Promise<void>((r) => metrics.close(() => r()));
  }
});
