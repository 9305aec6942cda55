/**
 * A crowded wall (many panels, an incident and a live event above them) still fits 1920×1080
 * without scrolling, and every chart on it is either tall enough to read or hidden with a note —
 * never a sliver, never cut off by its panel.
 */
import { expect, test } from '@playwright/test';
import { liveFinal } from './support/event-plan.ts';
import { hubApi, pushPoints } from './support/hub-api.ts';
import { watchPageErrors } from './support/page-errors.ts';
import { startWorkspaceHub } from './support/processes.ts';
import { openWall } from './support/wall.ts';

const ts = (id: string, x: number, y: number, w: number, h: number): string =>
  `      - { id: ${id}, title: Streams ${id}, type: timeseries, gridPos: { x: ${x}, y: ${y}, w: ${w}, h: ${h} }, source: ops, query: { series: viewers } }\n`;
const stat = (id: string, x: number): string =>
  `      - { id: ${id}, title: Viewers ${id}, type: stat, gridPos: { x: ${x}, y: 0, w: 6, h: 3 }, source: ops, query: { series: viewers } }\n`;

const TALL = ['tall-a', 'tall-b'];
const SHORT = ['short-a', 'short-b', 'mid-a', 'mid-b', 'mid-c'];

test('a crowded wall with banners: no scrolling, charts readable or hidden with a note, none clipped', async ({ page }) => {
  const hub = await startWorkspaceHub(
    `version: 1
title: Crowded
sources:
  - { id: ops, type: push }
pulse: { retention: 1d }
walls:
  - id: crowded
    title: Crowded
    viewingDistance: near
    panels:
${['s1', 's2', 's3', 's4'].map((id, i) => stat(id, i * 6)).join('')}${ts('tall-a', 0, 3, 12, 5)}${ts('tall-b', 12, 3, 12, 5)}${ts('short-a', 0, 8, 12, 2)}${ts('short-b', 12, 8, 12, 2)}${ts('mid-a', 0, 10, 8, 3)}${ts('mid-b', 8, 10, 8, 3)}${ts('mid-c', 16, 10, 8, 3)}      - { id: pulse, title: Customer pulse, type: pulse, gridPos: { x: 0, y: 13, w: 24, h: 3 } }
`,
  );
  const call = hubApi(hub.url);
  try {
    const regions = ['eu-west', 'eu-central', 'us-east', 'us-west', 'af-south', 'ap-southeast', 'sa-east', 'me-central'];
    await pushPoints(hub.url, regions.map((region, i) => ({ series: 'viewers', value: 1000 + i * 150, labels: { region } })));

    const pageErrors = await watchPageErrors(page);
    await openWall(page, hub.url, 'crowded');
    await expect(page.getByTestId('wall-page')).toBeVisible();

    // An incident during a live event: both banners take their share of the screen.
    await call('POST', '/api/v1/incidents', { title: 'Entitlement 403s on the EU edge', severity: 2 });
    await liveFinal(hub.url, Date.now() - 30 * 60_000);
    await expect(page.getByTestId('incident-banner')).toBeVisible();
    await expect(page.getByTestId('event-strip')).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId('legend-tall-a')).toBeVisible();

    // Walls never scroll.
    const scroll = await page.evaluate(() => ({ h: document.documentElement.scrollHeight, w: document.documentElement.scrollWidth }));
    expect(scroll.h).toBeLessThanOrEqual(1080);
    expect(scroll.w).toBeLessThanOrEqual(1920);

    const rem = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    for (const id of [...TALL, ...SHORT]) {
      const panel = (await page.getByTestId(`panel-${id}`).boundingBox())!;
      expect(panel.y + panel.height, `${id} on the screen`).toBeLessThanOrEqual(1080);
      const chart = page.getByTestId(`chart-${id}`);
      if (TALL.includes(id)) {
        // Room for it: a chart of a readable height, inside its panel.
        await expect(chart).toBeVisible();
        await expect(page.getByTestId(`chart-hidden-${id}`)).toBeHidden();
        const box = (await chart.boundingBox())!;
        expect(box.height, `${id}'s chart height`).toBeGreaterThanOrEqual(5 * rem - 1);
        expect(box.y + box.height, `${id}'s chart inside its panel`).toBeLessThanOrEqual(panel.y + panel.height);
      } else {
        // No room: no sliver of a chart; the panel says why, inside it, and keeps its legend.
        await expect(chart).toBeHidden();
        const note = page.getByTestId(`chart-hidden-${id}`);
        await expect(note).toBeVisible();
        await expect(note).toHaveText(/too short/);
        const box = (await note.boundingBox())!;
        expect(box.y + box.height, `${id}'s note inside its panel`).toBeLessThanOrEqual(panel.y + panel.height);
        // Its legend when there is room for a line of it beside the note.
        if (id.startsWith('mid')) await expect(page.getByTestId(`legend-${id}`)).toBeVisible();
      }
    }
    // The pulse too short for its chart: its figures stay, the chart gives way to the note.
    const pulse = (await page.getByTestId('panel-pulse').boundingBox())!;
    expect(pulse.y + pulse.height).toBeLessThanOrEqual(1080);
    await expect(page.getByTestId('chart-pulse')).toBeHidden();
    await expect(page.getByTestId('panel-pulse')).toHaveAttribute('data-waiting', 'false');
    await expect(page.getByTestId('chart-hidden-pulse')).toBeVisible();
    await expect(page.getByTestId('pulse-rate')).toBeVisible();
    const rate = (await page.getByTestId('pulse-rate').boundingBox())!;
    expect(rate.y + rate.height).toBeLessThanOrEqual(pulse.y + pulse.height);
    const pulseNote = (await page.getByTestId('chart-hidden-pulse').boundingBox())!;
    expect(pulseNote.y + pulseNote.height, 'the pulse note inside its panel').toBeLessThanOrEqual(pulse.y + pulse.height);
    await page.screenshot({ path: 'test-results/wall-crowded.png' });
    expect(await pageErrors()).toEqual([]);
  } finally {
    await hub.stop();
  }
});
