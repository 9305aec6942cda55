/**
 * The room's states on the wall, in Chromium against the real hub and demo platform: the demo's
 * outage turns the critical entitlement canary confirmed failing, and the rotating room wall says
 * so on its header's reason line ("canary Log in and get the entitlement failing", critical),
 * brings up its canaries page and holds it there until an operator presses r. The demo runs
 * without Prometheus here, so before the outage the radiator cannot confirm the SLOs and says
 * "not live: SLOs" rather than "Stable".
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ADMIN_TOKEN, demoWorkspace, freePort, startDemo, startHub } from './support/processes.ts';

const CANARY = 'Log in and get the entitlement';

test('the demo outage: a critical canary failing is on the wall header, and the rotation holds on its page until released', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const demoPort = await freePort();
  const demo = await startDemo(demoPort, 10, 90);
  const dir = await mkdtemp(join(tmpdir(), 'mc-e2e-wall-alerts-'));
  const control = (body: object) => fetch(`http://127.0.0.1:${demoPort}/demo/control`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  let hub: Awaited<ReturnType<typeof startHub>> | null = null;
  try {
    const file = await demoWorkspace(dir, demoPort);
    const text = (await readFile(file, 'utf8'))
      // Canaries every second, so the failure is confirmed within seconds.
      .replace('  defaults:\n    interval: 10s\n    timeout: 3s\n', '  defaults:\n    interval: 1s\n    timeout: 800ms\n')
      // The room wall is held by the canary alone, not by its 403 panel.
      .replace('holdOn: [room-403]', 'holdOn: []');
    expect(text).toContain('interval: 1s\n    timeout: 800ms');
    expect(text).toContain('holdOn: []');
    await writeFile(file, text);
    expect((await control({ jumpToMinutes: 90, outage: 'scripted' })).status).toBe(200);
    hub = await startHub(['--workspace', file], { MC_DEMO_URL: `http://127.0.0.1:${demoPort}` });

    await page.goto(`${hub.url}/#/login?token=${ADMIN_TOKEN}`);
    await page.goto(`${hub.url}/#/wall/room`);
    await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
    const radiator = page.getByTestId('radiator');
    const reasons = page.getByTestId('radiator-reasons');

    // Before the outage: no canary failing; the SLOs cannot be evaluated (no Prometheus), so not "Stable".
    await expect(reasons).toContainText('not live: SLOs', { timeout: 60_000 });
    await expect(page.getByTestId('radiator-level')).not.toHaveText(/^Stable$/);
    await expect(reasons).not.toContainText(`canary ${CANARY} failing`);

    // The outage: entitlement answers 403 to a third to a half of the requests; the critical canary is confirmed failing.
    expect((await control({ jumpToMinutes: 95 })).status).toBe(200);
    await expect(reasons).toContainText(`canary ${CANARY} failing`, { timeout: 60_000 });
    await expect(radiator).toHaveAttribute('data-tone', 'critical');
    await expect(page.getByTestId('radiator-level')).toHaveText('ICU');

    // The rotating wall brings up the page with the canaries panel and holds it, saying why.
    await expect(page.getByTestId('rotation-page')).toContainText('Customers and canaries', { timeout: 10_000 });
    await expect(page.getByTestId('rotation-held')).toContainText(`critical canary ${CANARY} failing`);
    await page.screenshot({ path: testInfo.outputPath('wall-held-by-canary.png') });

    // r releases the hold (the header still says the canary is failing).
    await page.keyboard.press('r');
    await expect(page.getByTestId('rotation-held').filter({ hasText: `critical canary ${CANARY} failing` })).toHaveCount(0, { timeout: 5000 });
    await expect(reasons).toContainText(`canary ${CANARY} failing`);
  } finally {
    await hub?.stop();
    await demo.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
