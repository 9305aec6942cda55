/**
 * A large gauge dial on a wall at 1920×1080 in Chromium against a real hub: the state word under
 * the number (its icon first) stands clear of the arc's ends, in every state. Its icon touched
 * the end of the arc.
 */
import { expect, test, type Locator } from '@playwright/test';
import { pushPoints } from './support/hub-api.ts';
import { startWorkspaceHub } from './support/processes.ts';
import { farRoomWorkspace, openWall } from './support/wall.ts';

const workspace = farRoomWorkspace(`
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
`);

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
  const hub = await startWorkspaceHub(workspace);
  const push = (value: number) => pushPoints(hub.url, [{ series: 'p99', value }]);
  try {
    await push(120);
    await openWall(page, hub.url, 'room');
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
  }
});
