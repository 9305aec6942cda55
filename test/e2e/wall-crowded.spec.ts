/**
 * A crowded wall (many panels, an incident and a live event above them) still fits 1920×1080
 * without scrolling, and every chart on it is either tall enough to read or hidden with a note —
 * never a sliver, never cut off by its panel.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { watchPageErrors } from './support/page-errors.ts';
import { ADMIN_TOKEN, startHub } from './support/processes.ts';

const utcMinute = (ms: number): string => new Date(ms).toISOString().slice(0, 16);

const ts = (id: string, x: number, y: number, w: number, h: number): string =>
  `      - { id: ${id}, title: Streams ${id}, type: timeseries, gridPos: { x: ${x}, y: ${y}, w: ${w}, h: ${h} }, source: ops, query: { series: viewers } }\n`;
const stat = (id: string, x: number): string =>
  `      - { id: ${id}, title: Viewers ${id}, type: stat, gridPos: { x: ${x}, y: 0, w: 6, h: 3 }, source: ops, query: { series: viewers } }\n`;

const TALL = ['tall-a', 'tall-b'];
const SHORT = ['short-a', 'short-b', 'mid-a', 'mid-b', 'mid-c'];

test('a crowded wall with banners: no scrolling, charts readable or hidden with a note, none clipped', async ({ page }) => {
  const dir = await mkdtemp(join(tmpdir(), 'mc-e2e-crowded-'));
  const file = join(dir, 'workspace.yaml');
  await writeFile(
    file,
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
  const hub = await startHub(['--workspace', file]);
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${hub.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status, `${path}: ${await res.clone().text()}`).toBeLessThan(300);
    return (await res.json()) as Record<string, unknown>;
  };
  try {
    const regions = ['eu-west', 'eu-central', 'us-east', 'us-west', 'af-south', 'ap-southeast', 'sa-east', 'me-central'];
    await post('/api/v1/ingest/push', { source: 'ops', points: regions.map((region, i) => ({ series: 'viewers', value: 1000 + i * 150, labels: { region } })) });

    const pageErrors = await watchPageErrors(page);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${hub.url}/#/login?token=${ADMIN_TOKEN}`);
    await page.waitForURL((url) => !url.hash.startsWith('#/login'));
    await page.goto(`${hub.url}/#/wall/crowded?kiosk`);
    await expect(page.getByTestId('wall-page')).toBeVisible();

    // An incident during a live event: both banners take their share of the screen.
    await post('/api/v1/incidents', { title: 'Entitlement 403s on the EU edge', severity: 2 });
    const plan = await post('/api/v1/plans', { template: 'sports-final', event: { name: 'Cup Final', start: utcMinute(Date.now() - 30 * 60_000), timezone: 'UTC' } });
    for (const state of ['planned', 'ready', 'live']) await post(`/api/v1/plans/${String(plan.id)}/state`, { state, by: '@ops' });
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
    await rm(dir, { recursive: true, force: true });
  }
});
