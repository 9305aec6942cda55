/**
 * The demo's room wall in its outage, in Chromium against a real hub, at 1920×1080 and 1366×768:
 * the SEV1 banner and two fired triggers on the event strip leave the one chart, "Requests per
 * second by status", about 7.4 rem tall and the width of the wall. "Show me the impact" is the war
 * room's first question: the chart stays drawn, its series and the incident's marker on it, the
 * legend beside it rather than above it, instead of "Chart hidden: the panel is too short to read it".
 */
import { expect, test } from '@playwright/test';
import { liveFinal } from './support/event-plan.ts';
import { hubApi, pushPoints } from './support/hub-api.ts';
import { watchPageErrors } from './support/page-errors.ts';
import { startWorkspaceHub } from './support/processes.ts';
import { openWall, ROOM_WALL_WORKSPACE } from './support/wall.ts';

/** Requests per second by status code, as the outage has them: the 200s fall, the 403s climb. */
const requests = (ok: number, forbidden: number) =>
  (
    [
      ['200', ok],
      ['403', forbidden],
      ['500', 40],
      ['503', 12],
    ] as const
  ).map(([code, value]) => ({ series: 'requests', value, labels: { code } }));

for (const screen of [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
]) {
  test(`the room wall in the outage keeps its chart drawn at ${screen.width}×${screen.height}`, async ({ page }) => {
    const hub = await startWorkspaceHub(ROOM_WALL_WORKSPACE);
    const call = hubApi(hub.url);
    let scraping: ReturnType<typeof setInterval> | undefined;
    try {
      await pushPoints(hub.url, [{ series: 'viewers', value: 925_000 }, { series: 'e403', value: 1 }, { series: 'playback', value: 3 }, ...requests(180_000, 20)]);
      // The final under way, its 403s' and playback errors' triggers firing at once (no "for").
      await liveFinal(hub.url, Date.now() - 30 * 60_000, { triggerAtOnce: ['entitlement-saturation', 'drm-latency'] });

      const pageErrors = await watchPageErrors(page);
      await openWall(page, hub.url, 'room', screen);
      await expect(page.getByTestId('event-strip')).toBeVisible({ timeout: 15_000 });
      // The outage goes on: a scrape a second keeps the panels live.
      let scrape = 0;
      const push = () => pushPoints(hub.url, [{ series: 'e403', value: 5430 }, { series: 'playback', value: 240 }, ...requests(Math.max(60_000, 120_000 - scrape * 10_000), 3000 + scrape * 500)]);
      await push();
      scraping = setInterval(() => {
        scrape += 1;
        void push().catch(() => undefined);
      }, 1000);
      await expect(page.getByTestId('trigger-fired')).toHaveCount(2, { timeout: 20_000 });
      await call('POST', '/api/v1/incidents', { title: 'Log in and get the entitlement failing', severity: 1 });
      await expect(page.getByTestId('incident-banner')).toBeVisible();
      await expect(page.getByTestId('legend-requests').locator('li')).toHaveCount(4);
      await expect(page.getByTestId('panel-requests')).toHaveAttribute('data-freshness', 'live');

      const rem = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      const body = (await page.getByTestId('panel-requests').locator('.panel-body').boundingBox())!;
      // The squeeze the walkthrough saw: a panel body under the 7.5 rem that hid the chart.
      expect(body.height, 'the chart panel is short').toBeLessThan(7.5 * rem);

      const chart = page.getByTestId('chart-requests');
      await expect(page.getByTestId('chart-hidden-requests')).toBeHidden();
      await expect(chart).toBeVisible();
      const box = (await chart.boundingBox())!;
      test.info().annotations.push({ type: 'figures', description: `${screen.width}×${screen.height}: rem ${rem} px, panel body ${body.width}×${body.height} px, chart ${Math.round(box.width)}×${Math.round(box.height)} px` });
      // A readable chart, inside its panel (5 rem, as wall-crowded.spec.ts asks of every chart).
      expect(box.height, 'the chart height').toBeGreaterThanOrEqual(5 * rem - 1);
      expect(box.y + box.height, 'the chart inside its panel').toBeLessThanOrEqual(body.y + body.height + 0.5);
      // The legend still names the series, beside the chart, not over it.
      const legend = (await page.getByTestId('legend-requests').boundingBox())!;
      expect(legend.y + legend.height <= box.y || legend.x >= box.x + box.width, 'the legend clear of the chart').toBe(true);
      // Drawn: the 200s' line (the first series colour) on the canvas, across the plot.
      await expect
        .poll(
          () =>
            chart.evaluate((el) => {
              const canvas = el.querySelector('canvas');
              if (!canvas || canvas.width === 0) return 0;
              const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
              let n = 0;
              // #56b4e9, the dark theme's first series colour.
              for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i]! - 0x56) < 24 && Math.abs(data[i + 1]! - 0xb4) < 24 && Math.abs(data[i + 2]! - 0xe9) < 24) n += 1;
              return n;
            }),
          { timeout: 10_000 },
        )
        .toBeGreaterThan(200);
      // With the incident's marker on it, labelled: where the outage is on the chart.
      await expect(chart).toHaveAttribute('data-mark-labels', /declared/, { timeout: 10_000 });
      await page.screenshot({ path: test.info().outputPath(`wall-chart-outage-${screen.width}.png`) });
      expect(await pageErrors()).toEqual([]);
    } finally {
      clearInterval(scraping);
      await hub.stop();
    }
  });
}
