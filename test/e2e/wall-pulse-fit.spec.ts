/**
 * The Customer pulse panel on the demo's room wall (far, half the width, a fired trigger on the
 * event strip), at 1920×1080 in Chromium against a real hub: its complaints-by-topic list shows the
 * rows that fit whole and a whole "+N more" line naming the rest (the last row, "errors", was cut
 * in half at the panel's bottom edge).
 */
import { expect, test } from '@playwright/test';
import { liveFinal } from './support/event-plan.ts';
import { pushPoints } from './support/hub-api.ts';
import { watchPageErrors } from './support/page-errors.ts';
import { startWorkspaceHub } from './support/processes.ts';
import { COMPLAINTS_ON_EVERY_TOPIC, postComplaints } from './support/pulse.ts';
import { farRoomWorkspace, openWall, PULSE_SECTION } from './support/wall.ts';

const workspace = farRoomWorkspace(
  `
      - { id: entitlement-403, title: Entitlement 403s per second, type: stat, gridPos: { x: 0, y: 0, w: 12, h: 12 }, source: ops, query: { series: e403 } }
      - { id: room-pulse, title: Customer pulse, type: pulse, gridPos: { x: 12, y: 0, w: 12, h: 12 }, span: 1h }
`,
  PULSE_SECTION,
);

test('the pulse panel lists the topic rows that fit whole and a whole "+N more" line', async ({ page }) => {
  const hub = await startWorkspaceHub(workspace);
  try {
    await pushPoints(hub.url, [{ series: 'e403', value: 1 }]);
    const now = Date.now();
    await postComplaints(hub.url, COMPLAINTS_ON_EVERY_TOPIC, now);
    // The final under way, its entitlement trigger firing at once: the strip's tallest form.
    await liveFinal(hub.url, now - 30 * 60_000, { triggerAtOnce: true });
    await pushPoints(hub.url, [{ series: 'e403', value: 500 }]);

    const pageErrors = await watchPageErrors(page);
    await openWall(page, hub.url, 'room');
    await expect(page.getByTestId('trigger-fired')).toBeVisible({ timeout: 20_000 });

    const list = page.getByTestId('pulse-topics');
    await expect(list).toContainText('access', { timeout: 20_000 });
    await expect(page.getByTestId('chart-room-pulse')).toBeVisible();
    const more = page.getByTestId('pulse-topics-more');
    // Measured in one go (the panel settles once drawn): what is cut, if anything.
    const cuts = () =>
      page.evaluate(() => {
        const bottom = (e: Element | null | undefined) => (e ? e.getBoundingClientRect().bottom : Number.NaN);
        const list = document.querySelector('[data-testid="pulse-topics"]')!;
        const body = list.closest('.panel-body')!;
        const note = list.querySelector('[data-testid="pulse-topics-more"]');
        const cut: string[] = [];
        for (const row of list.querySelectorAll<HTMLElement>('.pulse-topic')) {
          // Every row drawn is whole: inside the list and the panel, above the note (the last one was cut in half).
          if (bottom(row) > bottom(list) + 0.5 || bottom(row) > bottom(body) + 0.5) cut.push(`row ${row.dataset.topic} cut off`);
          if (note && bottom(row) > note.getBoundingClientRect().top + 0.5) cut.push(`row ${row.dataset.topic} over the note`);
        }
        if (!note) cut.push('no "+N more" line');
        else if (bottom(note) > bottom(list) + 0.5 || note.scrollWidth > note.clientWidth) cut.push('the note cut off');
        return cut;
      });
    await expect.poll(cuts, { timeout: 10_000 }).toEqual([]);

    // Not all five fit under the chart on this wall: the ones that do, the rest named with their counts.
    const order = ['access', 'playback', 'errors', 'quality', 'billing'];
    const shown = await list.locator('.pulse-topic').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.topic));
    expect(shown.length).toBeGreaterThanOrEqual(1);
    expect(shown.length).toBeLessThan(COMPLAINTS_ON_EVERY_TOPIC.length);
    expect(shown).toEqual(order.slice(0, shown.length));
    const rest = COMPLAINTS_ON_EVERY_TOPIC.slice(shown.length).map(([, n], i) => `${order[shown.length + i]} ${n}`);
    await expect(more).toHaveText(`+${COMPLAINTS_ON_EVERY_TOPIC.length - shown.length} more: ${rest.join(', ')}`);
    await page.screenshot({ path: test.info().outputPath('wall-pulse-fit.png') });

    // A taller screen gives the panel room: the list is measured afresh and shows more rows, still whole.
    await page.setViewportSize({ width: 1920, height: 2160 });
    await expect.poll(() => list.locator('.pulse-topic').count(), { timeout: 10_000 }).toBeGreaterThan(shown.length);
    // (all five may fit now, and then there is no "+N more" line to have)
    await expect.poll(async () => (await cuts()).filter((c) => c !== 'no "+N more" line'), { timeout: 10_000 }).toEqual([]);
    expect(await pageErrors()).toEqual([]);
  } finally {
    await hub.stop();
  }
});
