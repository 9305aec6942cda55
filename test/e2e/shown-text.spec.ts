/**
 * Trojan-Source text on the screens: an incident title and a timeline entry carrying a
 * right-to-left override show the override as a visible marker (⟨RLO⟩) in the console's header,
 * its timeline and the wall's incident banner, so "…gnp.exe" never reads as "exe.png"; the hub
 * keeps what was typed.
 */
import { expect, test } from '@playwright/test';
import { log, openConsole, pullAndon, signedIn } from './support/console.ts';
import { ADMIN_TOKEN, startMinimalHub } from './support/processes.ts';

const RLO = '\u202E';

test('a right-to-left override in a title or an entry is shown as a marker on the console and the wall', async ({ browser }) => {
  test.setTimeout(120_000);
  const hub = await startMinimalHub('Shown text');
  try {
    const { page } = await signedIn(browser, hub.url);
    const wall = await signedIn(browser, hub.url);
    await openConsole(page, hub.url, 'ann');
    await wall.page.goto(`${hub.url}/#/wall/main`);
    await expect(wall.page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');

    const incidentId = await pullAndon(page, `Malware in invoice ${RLO}gnp.exe`, 2);
    await expect(page.getByTestId('incident-title')).toHaveText('Malware in invoice ⟨RLO⟩gnp.exe');
    await page.getByTestId('scribe-input').click();
    await log(page, `customer opened ${RLO}fdp.exe from the mail`, true);
    await expect(page.getByTestId('entry-text').filter({ hasText: 'customer opened' })).toHaveText('customer opened ⟨RLO⟩fdp.exe from the mail');

    await expect(wall.page.getByTestId('banner-title')).toHaveText('Malware in invoice ⟨RLO⟩gnp.exe');
    await expect(wall.page.getByTestId('incident-banner')).toContainText('customer opened ⟨RLO⟩fdp.exe from the mail');

    // The record keeps what was typed.
    const timeline = (await (await fetch(`${hub.url}/api/v1/incidents/${incidentId}/timeline`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as { entries: { text: string | null }[] };
    expect(timeline.entries.map((e) => e.text)).toContain(`customer opened ${RLO}fdp.exe from the mail`);
  } finally {
    await hub.stop();
  }
});
