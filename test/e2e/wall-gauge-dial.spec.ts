/**
 * A large gauge dial on a wall at 1920×1080 in Chromium against a real hub: the state word under
 * the number (its icon first) stands clear of the arc's ends, in every state. Its icon touched
 * the end of the arc.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator } from '@playwright/test';
import { ADMIN_TOKEN, startHub } from './support/processes.ts';

const workspace = `
version: 1
title: Room
sources:
  - { id: ops, type: push }
walls:
  - id: room
    title: War room
    viewingDistance: far
    panels:
      - id: p99
        title: API p99 latency
        type: gauge
        gridPos: { x: 0, y: 0, w: 12, h: 12 }
        source: ops
        query: { series: p99 }
        unit: ms
        min: 0
        max: 1000
        thresholds:
          - { value: null, state: ok }
          - { value: 300, state: warning }
          - { value: 800, state: critical }
      - { id: requests, title: Requests per second, type: timeseries, gridPos: { x: 12, y: 0, w: 12, h: 12 }, source: ops, query: { series: p99 }, unit: ms }
`;

/**
 * How far (screen px) the state word's box lies from the nearest stroke of the dial's arcs (the
 * track, the value, the threshold bands); 0 when they touch or overlap. Measured on a grid of
 * points around the word's box, each asked whether it is in an arc's stroke.
 */
const clearancePx = (state: Locator) =>
  state.evaluate((text: SVGTextElement) => {
    const svg = text.ownerSVGElement!;
    const arcs = [...svg.querySelectorAll<SVGPathElement>('.gauge-track, .gauge-value, .gauge-band')];
    const b = text.getBBox();
    const reach = 30;
    const step = 0.25;
    let nearest = Infinity;
    for (let x = b.x - reach; x <= b.x + b.width + reach; x += step) {
      for (let y = b.y - reach; y <= b.y + b.height + reach; y += step) {
        const point = new DOMPoint(x, y);
        if (!arcs.some((a) => a.isPointInStroke(point))) continue;
        const dx = Math.max(b.x - x, 0, x - (b.x + b.width));
        const dy = Math.max(b.y - y, 0, y - (b.y + b.height));
        nearest = Math.min(nearest, Math.hypot(dx, dy));
      }
    }
    return nearest * svg.getScreenCTM()!.a;
  });

test("a large dial's state word, icon first, stands clear of the arc's ends in every state", async ({ page }) => {
  const dir = await mkdtemp(join(tmpdir(), 'mc-e2e-gauge-dial-'));
  const file = join(dir, 'workspace.yaml');
  await writeFile(file, workspace);
  const hub = await startHub(['--workspace', file]);
  const push = async (value: number) => {
    const res = await fetch(`${hub.url}/api/v1/ingest/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ source: 'ops', points: [{ series: 'p99', value }] }),
    });
    expect(res.status).toBeLessThan(300);
  };
  try {
    await push(120);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${hub.url}/#/login?token=${ADMIN_TOKEN}`);
    await page.waitForURL((url) => !url.hash.startsWith('#/login'));
    await page.goto(`${hub.url}/#/wall/room?kiosk`);
    const panel = page.getByTestId('panel-p99');
    await expect(panel.locator('.gauge-svg')).toBeVisible({ timeout: 20_000 });
    const rem = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    const state = page.getByTestId('panel-state-p99');
    for (const [value, word] of [[120, 'OK'], [412, 'Warning'], [999, 'Critical']] as const) {
      await push(value);
      await expect(page.getByTestId('panel-value-p99')).toHaveText(String(value), { timeout: 20_000 });
      await expect(state).toContainText(word);
      const clearance = await clearancePx(state);
      console.log(`${word}: the state word is ${clearance.toFixed(1)} px from the arc (${(clearance / rem).toFixed(2)} rem)`);
      expect(clearance, `${word}: the state word clears the arc by a quarter rem`).toBeGreaterThanOrEqual(0.25 * rem);
    }
    await page.screenshot({ path: test.info().outputPath('wall-gauge-dial.png') });
  } finally {
    await hub.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
