/**
 * A console in the background announces an incident declared elsewhere with a desktop
 * notification, once; Settings says notifications are on. The browser's Notification is recorded
 * (headless Chromium shows none), and the console is put "behind other windows" by reporting no
 * focus, which is what a console in a background tab or an unfocused window reports.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { openConsole } from './support/console.ts';
import { ADMIN_TOKEN, minimalWorkspace, startHub } from './support/processes.ts';

test('a console in the background is notified of an incident declared elsewhere, once', async ({ browser }) => {
  const dir = await mkdtemp(join(tmpdir(), 'mc-e2e-notify-'));
  const hub = await startHub(['--workspace', await minimalWorkspace(join(dir, 'workspace.yaml'))]);
  try {
    const context = await browser.newContext();
    await context.grantPermissions(['notifications'], { origin: hub.url });
    await context.addInitScript(() => {
      const shown: string[] = [];
      (window as unknown as { shownNotifications: string[] }).shownNotifications = shown;
      const Real = window.Notification;
      class Recorded extends Real {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          shown.push(`${title} — ${options?.body ?? ''}`);
        }
      }
      Object.defineProperty(Recorded, 'permission', { get: () => Real.permission });
      window.Notification = Recorded as typeof Notification;
      document.hasFocus = () => (window as unknown as { looking?: boolean }).looking === true;
    });
    const page = await context.newPage();
    await page.goto(`${hub.url}/#/login?token=${ADMIN_TOKEN}`);
    await openConsole(page, hub.url, 'ann');
    await page.goto(`${hub.url}/#/settings`);
    await expect(page.getByTestId('notifications-state')).toHaveAttribute('data-permission', 'granted');

    const declare = (title: string) =>
      fetch(`${hub.url}/api/v1/incidents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title, severity: 2 }),
      });
    expect((await declare('Entitlement 403s in EU')).status).toBe(200);
    const shown = () => page.evaluate(() => (window as unknown as { shownNotifications: string[] }).shownNotifications);
    await expect.poll(shown, { timeout: 15_000 }).toEqual(['SEV2 declared — Entitlement 403s in EU']);

    // Someone looking at the console sees it on screen: no notification then.
    await page.evaluate(() => ((window as unknown as { looking: boolean }).looking = true));
    expect((await declare('Thumbnails slow')).status).toBe(200);
    await expect(page.getByTestId('connection-state').first()).toHaveAttribute('data-state', 'connected');
    await page.waitForTimeout(2000);
    expect(await shown()).toEqual(['SEV2 declared — Entitlement 403s in EU']);
    await context.close();
  } finally {
    await hub.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
