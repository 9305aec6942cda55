/**
 * The Customer pulse panel when only its figures change size (posts/min, negative share, the
 * complaints verdict growing a line), in Chromium against a real hub: the topic list is refitted
 * to whole rows, and the page reports no error ("ResizeObserver loop completed with undelivered
 * notifications" came when the refit in the observer's callback resized the chart beside the
 * figures).
 */
import { expect, test } from '@playwright/test';
import { watchPageErrors } from './support/page-errors.ts';
import { startWorkspaceHub } from './support/processes.ts';
import { COMPLAINTS_ON_EVERY_TOPIC, postComplaints } from './support/pulse.ts';
import { farRoomWorkspace, openWall, PULSE_SECTION } from './support/wall.ts';

const workspace = farRoomWorkspace(
  `
      - { id: room-pulse, title: Customer pulse, type: pulse, gridPos: { x: 0, y: 0, w: 12, h: 8 }, span: 1h }
      - { id: requests, title: Requests, type: stat, gridPos: { x: 0, y: 8, w: 12, h: 4 }, source: ops, query: { series: requests } }
`,
  PULSE_SECTION,
);

test('the pulse panel refits its topics when only its figures resize, without a page error', async ({ page }) => {
  const hub = await startWorkspaceHub(workspace);
  const pageErrors = await watchPageErrors(page);
  try {
    await postComplaints(hub.url, COMPLAINTS_ON_EVERY_TOPIC);
    await openWall(page, hub.url, 'room', { width: 1920, height: 600 });
    const list = page.getByTestId('pulse-topics');
    await expect(list).toContainText('access', { timeout: 20_000 });
    await expect(page.getByTestId('chart-room-pulse')).toBeVisible();
    await expect(page.getByTestId('pulse-topics-more')).toBeVisible();

    // The figures grow step by step (as a value gaining digits or the verdict a line would), the
    // panel's size unchanged: each step is drawn (two frames) before the next.
    const rowsSeen = new Set<number>();
    for (const rem of [1.6, 2, 2.4, 2.8, 3.2, 3.6, 4, 3.4, 2.6, 1.8, 1.6]) {
      await page.evaluate(async (size) => {
        let style = document.getElementById('test-figures') as HTMLStyleElement | null;
        if (!style) document.head.append((style = Object.assign(document.createElement('style'), { id: 'test-figures' })));
        style.textContent = `.pulse-fact-value { font-size: ${size}rem !important; }`;
        for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(r));
      }, rem);
      rowsSeen.add(await list.locator('.pulse-topic').count());
    }
    // The list was refitted (fewer rows with bigger figures), and nothing went wrong doing it.
    expect(rowsSeen.size).toBeGreaterThan(1);
    expect(await pageErrors()).toEqual([]);
  } finally {
    await hub.stop();
  }
});
