/**
 * The incident console as the scribe uses it through an outage, in Chromium against a real hub
 * (`--demo`) started through its CLI: what a walkthrough of the demo's outage found.
 *
 * - "Impact for" stops at resolution: the header, the incident list, the wall's banner and the
 *   postmortem say the same minutes, and they stay put while the clock runs on.
 * - After an impact snapshot, the timeline still follows: other people's new entries come into
 *   view at the bottom, the picture loading above them does not leave the reader behind.
 */
import { expect, test, type Page } from '@playwright/test';
import { attachSnapshot, log, openConsole, pullAndon, signedIn } from './support/console.ts';
import { ADMIN_TOKEN, freePort, startHub } from './support/processes.ts';

test('impact stops at the resolved marker: the header, the list, the wall and the postmortem say the same minutes', async ({ browser }, testInfo) => {
  test.setTimeout(90_000);
  const hub = await startHub(['--demo', '--demo-port', String(await freePort())]);
  try {
    const ann = await signedIn(browser, hub.url);
    const list = await signedIn(browser, hub.url);
    const wall = await signedIn(browser, hub.url);
    await openConsole(ann.page, hub.url, 'ann');
    await openConsole(list.page, hub.url, 'bob');
    await wall.page.goto(`${hub.url}/#/wall/platform`);
    const c = ann.page;
    const incidentId = await pullAndon(c, 'Entitlement 403s', 1);

    // Impact started ten minutes ago and stopped four minutes later (both backdated).
    await c.keyboard.type('-10m');
    await c.keyboard.press('Alt+Digit1');
    await expect(c.getByTestId('entry').filter({ hasText: 'impact started' })).toHaveCount(1);
    await c.keyboard.type('-6m');
    await c.keyboard.press('Alt+Digit6');
    await expect(c.getByTestId('entry').filter({ hasText: 'resolved' })).toHaveCount(1);

    const age = c.getByTestId('incident-age');
    await expect(age).toContainText(/^4 min/);
    await expect(age).toHaveAttribute('data-ended', 'resolved');
    await expect(list.page.locator(`[data-testid="incident-row"][data-incident-id="${incidentId}"] td`).nth(4)).toHaveText('4 min');
    await expect(wall.page.getByTestId('banner-age').locator('.ib-value')).toHaveText('4 min');
    await expect(wall.page.getByTestId('banner-age').locator('.ib-label')).toHaveText('Impact lasted');

    // Resolved: the incident leaves the list and the wall; the header keeps the same number.
    await c.keyboard.type('!status resolved');
    await c.keyboard.press('Enter');
    await expect(c.getByTestId('incident-view')).toHaveAttribute('data-status', 'resolved');
    await expect(age).toContainText(/^4 min/);
    await c.getByTestId('incident-view').screenshot({ path: testInfo.outputPath('resolved-header.png') });

    const pm = await fetch(`${hub.url}/api/v1/incidents/${incidentId}/postmortem.json`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(pm.status).toBe(200);
    expect(((await pm.json()) as { impact: { duration: string } }).impact.duration).toBe('4 min');
  } finally {
    await hub.stop();
  }
});

/** How far the timeline's view is above its bottom, in px (0: the newest entry is in view). */
const belowView = (page: Page): Promise<number> => page.getByTestId('timeline').evaluate((el) => Math.round(el.scrollHeight - el.scrollTop - el.clientHeight));

test('after an impact snapshot the timeline keeps following: new entries from another console come into view', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const hub = await startHub(['--demo', '--demo-port', String(await freePort())]);
  try {
    const ann = await signedIn(browser, hub.url);
    const bob = await signedIn(browser, hub.url);
    await ann.page.setViewportSize({ width: 1366, height: 768 });
    await openConsole(ann.page, hub.url, 'ann');
    await openConsole(bob.page, hub.url, 'bob');
    const a = ann.page;
    const incidentId = await pullAndon(a, 'Entitlement 403s', 1);
    // More than the timeline holds, so it scrolls.
    for (let i = 1; i <= 10; i++) await log(a, `ann line ${i}`);
    await expect(a.getByTestId('entry').filter({ hasText: 'ann line 10' })).toBeInViewport();

    await attachSnapshot(a, '403s at the peak');
    const picture = a.locator('[data-testid="entry"][data-kind="snapshot"]').getByTestId('snapshot-image');
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(100);
    await expect.poll(() => belowView(a)).toBeLessThan(40);

    await bob.page.goto(`${hub.url}/#/incidents/${incidentId}`);
    await bob.page.getByTestId('scribe-input').focus();
    for (let i = 1; i <= 3; i++) {
      await log(bob.page, `bob line ${i}`);
      const entry = a.getByTestId('entry').filter({ hasText: `bob line ${i}` });
      await expect(entry).toHaveCount(1);
      await expect(entry).toBeInViewport();
      await expect.poll(() => belowView(a)).toBeLessThan(40);
    }
    await a.screenshot({ path: testInfo.outputPath('ann-following.png') });
    await expect(a.getByTestId('timeline')).toHaveAttribute('data-following', 'true');
  } finally {
    await hub.stop();
  }
});
