/**
 * Short gauges on a far wall at 1920×1080 in Chromium against a real hub: gauges two and three
 * grid rows high (of twelve) beside a tall one. A dial that small drew its number and state word in
 * type too small to read from 5 m (10 px high), its min/max labels over the state word.
 */
import { expect, test, type Locator } from '@playwright/test';
import { pushPoints } from './support/hub-api.ts';
import { startWorkspaceHub } from './support/processes.ts';
import { farRoomWorkspace, openWall } from './support/wall.ts';

const gauge = (id: string, x: number, w: number, h: number) => `
      - id: ${id}
        title: API p99 latency
        type: gauge
        gridPos: { x: ${x}, y: 0, w: ${w}, h: ${h} }
        source: ops
        query: { series: p99 }
        unit: ms
        min: 0
        max: 1000
        thresholds:
          - { value: null, state: ok }
          - { value: 300, state: warning }
          - { value: 800, state: critical }`;

const workspace = farRoomWorkspace(`${gauge('p99-two', 0, 8, 2)}${gauge('p99-three', 8, 8, 3)}${gauge('p99-tall', 16, 8, 12)}
      - { id: requests, title: Requests per second, type: timeseries, gridPos: { x: 0, y: 4, w: 16, h: 8 }, source: ops, query: { series: p99 }, unit: ms }
`);

type Box = { x: number; y: number; width: number; height: number };
/** Two boxes share some area. */
const overlap = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function box(l: Locator): Promise<Box> {
  return (await l.boundingBox())!;
}

/** The type size drawn on screen, px: an SVG text's scaled by its drawing's scale. */
const drawnFontPx = (l: Locator) =>
  l.evaluate((e) => parseFloat(getComputedStyle(e).fontSize) * (e instanceof SVGGraphicsElement ? e.getScreenCTM()!.a : 1));

test('a short gauge keeps its value and state word readable, whole and apart', async ({ page }) => {
  const hub = await startWorkspaceHub(workspace);
  try {
    await pushPoints(hub.url, [{ series: 'p99', value: 412 }]);
    await openWall(page, hub.url, 'room');
    await expect(page.getByTestId('panel-value-p99-two')).toHaveText(/^412/, { timeout: 20_000 });
    await page.screenshot({ path: test.info().outputPath('wall-gauge-short.png') });
    const rem = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));

    for (const id of ['p99-two', 'p99-three', 'p99-tall']) {
      const panel = page.getByTestId(`panel-${id}`);
      const value = page.getByTestId(`panel-value-${id}`);
      const state = page.getByTestId(`panel-state-${id}`);
      await expect(value).toHaveText(/^412/, { timeout: 20_000 });
      await expect(state).toHaveText(/warning/i);
      const body = await box(panel.locator('.panel-body'));
      const title = await box(panel.locator('.panel-title'));
      const v = await box(value);
      const s = await box(state);
      const limits = await panel.locator('.gauge-limit').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as Box));
      expect(overlap(v, s), `${id}: value ${JSON.stringify(v)} over its state word ${JSON.stringify(s)}`).toBe(false);
      for (const [what, b] of [['value', v], ['state word', s]] as const) {
        expect(overlap(b, title), `${id}: ${what} over the title`).toBe(false);
        for (const l of limits) expect(overlap(b, l), `${id}: ${what} ${JSON.stringify(b)} over a min/max label ${JSON.stringify(l)}`).toBe(false);
        expect(b.x, `${id}: ${what} left`).toBeGreaterThanOrEqual(body.x - 0.5);
        expect(b.y, `${id}: ${what} top`).toBeGreaterThanOrEqual(body.y - 0.5);
        expect(b.x + b.width, `${id}: ${what} right`).toBeLessThanOrEqual(body.x + body.width + 0.5);
        expect(b.y + b.height, `${id}: ${what} bottom`).toBeLessThanOrEqual(body.y + body.height + 0.5);
      }
      // Large type, read from 5 m: the number and the word as large as a short stat's.
      expect(await drawnFontPx(value), `${id}: the value's type`).toBeGreaterThanOrEqual(1.6 * rem - 0.5);
      expect(await drawnFontPx(state), `${id}: the state word's type`).toBeGreaterThanOrEqual(0.85 * rem - 0.5);
    }
    // A tile with room keeps its dial; the short ones show the number instead of a crumb of one.
    await expect(page.getByTestId('panel-p99-tall').locator('.gauge-svg')).toBeVisible();
    for (const id of ['p99-two', 'p99-three']) await expect(page.getByTestId(`panel-${id}`).locator('.gauge-svg')).toHaveCount(0);
  } finally {
    await hub.stop();
  }
});
