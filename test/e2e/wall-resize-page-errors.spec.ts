/**
 * A wall of the panels that change their own layout when their room changes (gauges swapping dial
 * and figure, tables refitting their rows, stats, a status grid, a chart) in Chromium against a
 * real hub, while the window is resized: the page reports no error. A refit made in a resize
 * observer's callback that resizes an element another observer watches, at a depth it can no longer
 * be told of in that frame, makes Chromium report "ResizeObserver loop completed with undelivered
 * notifications" (an error event, which Playwright's `pageerror` does not see).
 */
import { expect, test } from '@playwright/test';
import { watchPageErrors } from './support/page-errors.ts';
import { pushPoints } from './support/hub-api.ts';
import { startWorkspaceHub } from './support/processes.ts';
import { farRoomWorkspace, openWall } from './support/wall.ts';

const thresholds = `thresholds: [{ value: null, state: ok }, { value: 300, state: warning }, { value: 800, state: critical }]`;
const gauge = (id: string, x: number, y: number, w: number, h: number) =>
  `      - { id: ${id}, title: API p99 latency, type: gauge, gridPos: { x: ${x}, y: ${y}, w: ${w}, h: ${h} }, source: ops, query: { series: p99 }, unit: ms, min: 0, max: 1000, ${thresholds} }\n`;

// Gauges two to five rows high: on the way from a short window to a tall one each crosses the
// height at which its dial becomes legible (and back).
const workspace = farRoomWorkspace(`
${gauge('gauge-two', 0, 0, 6, 2)}${gauge('gauge-three', 6, 0, 6, 3)}${gauge('gauge-four', 12, 0, 6, 4)}${gauge('gauge-five', 18, 0, 6, 5)}      - { id: regions, title: Viewers by region, type: table, gridPos: { x: 0, y: 5, w: 8, h: 4 }, source: ops, query: { series: viewers } }
      - { id: regions-grid, title: Regions, type: status-grid, gridPos: { x: 8, y: 5, w: 8, h: 4 }, source: ops, query: { series: viewers }, label: region, ${thresholds} }
      - { id: p99-stat, title: API p99, type: stat, gridPos: { x: 16, y: 5, w: 8, h: 2 }, source: ops, query: { series: p99 }, unit: ms, ${thresholds} }
      - { id: p99-chart, title: API p99 over time, type: timeseries, gridPos: { x: 16, y: 7, w: 8, h: 2 }, source: ops, query: { series: p99 }, unit: ms }
      - { id: regions-short, title: Viewers (short), type: table, gridPos: { x: 0, y: 9, w: 24, h: 3 }, source: ops, query: { series: viewers } }
`);

const REGIONS = ['eu-west', 'eu-north', 'us-east', 'us-west', 'ap-south', 'ap-east', 'sa-east', 'af-south', 'me-central', 'ca-central'];

test('resizing a wall of gauges, tables, a stat, a status grid and a chart reports no page error', async ({ page }) => {
  const hub = await startWorkspaceHub(workspace);
  try {
    await pushPoints(hub.url, [{ series: 'p99', value: 412 }, ...REGIONS.map((region, i) => ({ series: 'viewers', labels: { region }, value: 1000 * (i + 1) }))]);
    const pageErrors = await watchPageErrors(page);
    await openWall(page, hub.url, 'room');
    await expect(page.getByTestId('table-more-regions')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('panel-value-gauge-five')).toHaveText(/^412/, { timeout: 20_000 });

    // Shorter and taller a little at a time, then by much; narrower too. Each size held a few frames.
    const dials = new Set<string>();
    const sizes = [[1920, 1000], [1920, 900], [1920, 800], [1920, 700], [1920, 600], [1920, 760], [1920, 960], [1920, 1200], [1920, 1500], [1920, 1800], [1920, 1080], [1600, 900], [1280, 720], [1920, 1600], [1920, 640], [1920, 1080]] as const;
    for (const [width, height] of sizes) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(250);
      dials.add(await page.locator('.gauge').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.dial).join()));
    }
    // The gauges did swap dial and figure on the way (their observers' callbacks changed the layout).
    expect(dials.size).toBeGreaterThan(1);
    expect(await pageErrors()).toEqual([]);
  } finally {
    await hub.stop();
  }
});
