/**
 * The incident console as the scribe uses it through an outage, in Chromium against a real hub
 * (`--demo`) started through its CLI: what a walkthrough of the demo's outage found.
 *
 * - "Impact for" stops at resolution: the header, the incident list, the wall's banner and the
 *   postmortem say the same minutes, and they stay put while the clock runs on.
 */
import { expect, test } from '@playwright/test';
import { openConsole, pullAndon, signedIn } from './support/console.ts';
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
