/**
 * Marker labels on a short chart of a 1080p wall, in Chromium against a real hub: a live event
 * plan's key moments are written whole across the top of the plot ("Second half kick-off", where
 * a label up its line held "Second …"), none cut with "…".
 */
import { expect, test } from '@playwright/test';
import { liveFinal } from './support/event-plan.ts';
import { hubApi } from './support/hub-api.ts';
import { watchPageErrors } from './support/page-errors.ts';
import { ADMIN_TOKEN, startWorkspaceHub } from './support/processes.ts';

const workspace = `
version: 1
title: Marker labels
sources:
  - { id: ops, type: push }
walls:
  - id: main
    title: Main
    panels:
      - { id: streams, title: Streams, type: timeseries, gridPos: { x: 0, y: 0, w: 24, h: 3 }, source: ops, query: { series: streams }, span: 2h }
      - { id: viewers, title: Viewers, type: stat, gridPos: { x: 0, y: 3, w: 24, h: 5 }, source: ops, query: { series: viewers } }
`;

test('a short chart writes the key moments whole across the top of its plot', async ({ page }) => {
  const hub = await startWorkspaceHub(workspace);
  const call = hubApi(hub.url);
  try {
    // Taller first (labels up their lines), then the 1080p wall: the labels are laid out again.
    const pageErrors = await watchPageErrors(page);
    await page.setViewportSize({ width: 1920, height: 1700 });
    await page.goto(`${hub.url}/#/login?token=${ADMIN_TOKEN}`);
    await page.goto(`${hub.url}/#/wall/main?kiosk`);
    // The stream opened 110 minutes ago: its opening, kick-off, half-time and second half are on
    // the chart's two hours, the second half's kick-off far enough from the plot's end to be
    // labelled on its own (nearer, it joins half-time's label: "Half-time +1").
    await liveFinal(hub.url, Date.now() - 110 * 60_000);
    const chart = page.getByTestId('chart-streams');
    for (let i = 0; i < 3; i++) {
      await call('POST', '/api/v1/ingest/push', { source: 'ops', values: { streams: 1000 + i * 100, viewers: 5 } });
      await page.waitForTimeout(300);
    }
    await expect(chart).toHaveAttribute('data-marks', /Second half kick-off/, { timeout: 15_000 });
    await page.waitForTimeout(500);
    await page.setViewportSize({ width: 1920, height: 1080 });
    // Short: a label up its line would hold about a dozen characters at the wall's font.
    await expect.poll(async () => (await chart.boundingBox())?.height ?? 0).toBeLessThan(230);
    await expect(chart).toHaveAttribute('data-mark-labels', /Second half kick-off/);
    const labels = (await chart.getAttribute('data-mark-labels'))!.split(' | ');
    for (const label of labels) expect(label, labels.join(' | ')).not.toContain('…');
    await page.waitForTimeout(500);
    // The words are drawn across the top band of the plot (not up out of the chart): bright text
    // pixels there (about 2,900 px), far more than the marker lines' dots and words run up out of the chart (about 500).
    const bright = await chart.evaluate((el) => {
      const canvas = el.querySelector('canvas')!;
      const ctx = canvas.getContext('2d')!;
      const scale = canvas.width / el.clientWidth;
      const band = ctx.getImageData(Math.round(150 * scale), 0, canvas.width - Math.round(150 * scale), Math.round(50 * scale)).data;
      let n = 0;
      for (let i = 0; i < band.length; i += 4) if (band[i]! + band[i + 1]! + band[i + 2]! > 450) n += 1;
      return n / (scale * scale);
    });
    expect(bright).toBeGreaterThan(1200);
    expect(await pageErrors()).toEqual([]);
    await page.screenshot({ path: test.info().outputPath('marker-labels.png') });
    await chart.screenshot({ path: test.info().outputPath('marker-labels-chart.png') });
  } finally {
    await hub.stop();
  }
});
