/**
 * The Customer pulse panel beside the Canaries panel, as on the demo's room wall (far, half the
 * width each), at 1920×1080 in Chromium against a real hub: the pulse's figures, chart and topic
 * rows keep the same inset from the panel's edges as its title and as the canaries beside it (they
 * touched the panel's left and right edges).
 */
import { expect, test } from '@playwright/test';
import { startWorkspaceHub } from './support/processes.ts';
import { postComplaints } from './support/pulse.ts';
import { farRoomWorkspace, openWall, PULSE_SECTION } from './support/wall.ts';

const workspace = farRoomWorkspace(
  `
      - { id: room-canaries, title: Canaries, type: canaries, gridPos: { x: 0, y: 0, w: 12, h: 12 }, show: all }
      - { id: room-pulse, title: Customer pulse, type: pulse, gridPos: { x: 12, y: 0, w: 12, h: 12 }, span: 1h }
`,
  PULSE_SECTION,
);

const COMPLAINTS: [string, number][] = [
  ['403 again, locked out of my account', 6],
  ['buffering every minute, unwatchable', 4],
];

test('the pulse panel insets its figures, chart and topic rows like its title and the panel beside it', async ({ page }) => {
  const hub = await startWorkspaceHub(workspace);
  try {
    await postComplaints(hub.url, COMPLAINTS);

    await openWall(page, hub.url, 'room');
    await expect(page.getByTestId('pulse-topics')).toContainText('access', { timeout: 20_000 });
    await expect(page.getByTestId('chart-room-pulse')).toBeVisible();
    await expect(page.getByTestId('canaries-room-canaries')).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('wall-pulse-padding.png') });

    const insets = await page.evaluate(() => {
      const panel = (id: string) => document.querySelector(`[data-testid="panel-${id}"]`)!;
      const sides = (id: string, selector: string) => {
        const body = panel(id).querySelector('.panel-body')!.getBoundingClientRect();
        return [...panel(id).querySelectorAll(selector)].map((e) => {
          const r = e.getBoundingClientRect();
          return { what: selector, left: r.left - body.left, right: body.right - r.right };
        });
      };
      // The title's inset from the panel's inner edge: where the text of every panel starts.
      const title = panel('room-pulse').querySelector('.panel-title')!.getBoundingClientRect();
      const body = panel('room-pulse').querySelector('.panel-body')!.getBoundingClientRect();
      return {
        title: title.left - body.left,
        canaries: sides('room-canaries', '.canary-counts')[0]!,
        pulse: [...sides('room-pulse', '.pulse-facts'), ...sides('room-pulse', '.pulse-chart'), ...sides('room-pulse', '.pulse-topic')],
      };
    });
    const rem = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    // The canaries beside it start where their title does.
    expect(Math.abs(insets.canaries.left - insets.title), JSON.stringify(insets)).toBeLessThanOrEqual(1);
    expect(insets.title).toBeGreaterThan(0.4 * rem);
    expect(insets.pulse.length).toBeGreaterThanOrEqual(4);
    for (const e of insets.pulse) {
      expect(Math.abs(e.left - insets.title), `${e.what} left inset ${e.left} px, the title's ${insets.title} px`).toBeLessThanOrEqual(1);
      expect(Math.abs(e.right - insets.title), `${e.what} right inset ${e.right} px, the title's ${insets.title} px`).toBeLessThanOrEqual(1);
    }
  } finally {
    await hub.stop();
  }
});
