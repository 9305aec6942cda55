/**
 * A console cut off from the hub: what it typed meanwhile is sent the moment the network is back
 * (not after the socket's reconnect back-off), and every reader sees the timeline in the order
 * things happened — its entries before the other console's later one, marked with when they were
 * logged — on the console and in the postmortem, whose # column keeps the hub's order.
 */
import { expect, test } from '@playwright/test';
import { log, openConsole, pullAndon, signedIn } from './support/console.ts';
import { ADMIN_TOKEN, startMinimalHub } from './support/processes.ts';

test('entries typed while cut off are sent at once on return and shown where they happened, marked as logged late', async ({ browser }, testInfo) => {
  test.setTimeout(150_000);
  const hub = await startMinimalHub('Order');
  try {
    const ann = await signedIn(browser, hub.url);
    const cara = await signedIn(browser, hub.url);
    await openConsole(ann.page, hub.url, 'ann');
    await openConsole(cara.page, hub.url, 'cara');
    const incidentId = await pullAndon(ann.page, 'Checkout latency', 2);
    await cara.page.goto(`${hub.url}/#/incidents/${incidentId}`);
    await expect(cara.page.getByTestId('incident-view')).toBeVisible();
    await ann.page.getByTestId('scribe-input').click();
    await cara.page.getByTestId('scribe-input').click();
    await log(cara.page, 'cara before the cut');
    // A second apart: two consoles' clocks agree to within half a round trip to the hub, not to the millisecond.
    await cara.page.waitForTimeout(1000);

    // Ann's network goes; she keeps logging. Cara logs after her.
    await ann.context.setOffline(true);
    await expect(ann.page.getByTestId('connection-state')).not.toHaveAttribute('data-state', 'connected', { timeout: 60_000 });
    await log(ann.page, 'ann offline 1');
    await log(ann.page, 'ann offline 2');
    await ann.page.waitForTimeout(1500);
    await log(cara.page, 'cara while ann is away');
    // Long enough for the socket's reconnect back-off to grow past a few seconds.
    await ann.page.waitForTimeout(30_000);

    await ann.context.setOffline(false);
    const back = Date.now();
    await expect(ann.page.getByTestId('outbox-pending')).toHaveAttribute('data-count', '0', { timeout: 30_000 });
    const flushMs = Date.now() - back;
    testInfo.annotations.push({ type: 'outbox flushed after the network came back', description: `${flushMs} ms` });
    expect(flushMs).toBeLessThan(2000);

    // Both consoles: in the order it happened, Ann's entries marked as logged late.
    const order = ['cara before the cut', 'ann offline 1', 'ann offline 2', 'cara while ann is away'];
    for (const page of [ann.page, cara.page]) {
      await expect(page.getByTestId('entry').filter({ hasText: 'ann offline 2' })).toHaveCount(1);
      const texts = (await page.getByTestId('entry-text').allInnerTexts()).filter((t) => order.some((o) => t.includes(o)));
      expect(texts).toEqual(order);
      for (const line of ['ann offline 1', 'ann offline 2']) await expect(page.getByTestId('entry').filter({ hasText: line }).getByTestId('entry-late')).toContainText('logged');
      await expect(page.getByTestId('entry').filter({ hasText: 'cara while ann is away' }).getByTestId('entry-late')).toHaveCount(0);
    }

    // The postmortem: the same order, Ann's rows saying when they were logged; # is still the hub's order.
    const md = await (await fetch(`${hub.url}/api/v1/incidents/${incidentId}/postmortem.md`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).text();
    const rows = md
      .slice(md.indexOf('## Timeline'))
      .split('\n')
      .filter((l) => order.some((o) => l.includes(o)));
    expect(rows.map((r) => order.find((o) => r.includes(o)))).toEqual(order);
    expect(rows[1]).toMatch(/_\(logged \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)_/);
    expect(rows[3]).not.toContain('_(logged');
    const seq = (r: string) => Number(r.split(' | ')[0]!.slice(2));
    expect(seq(rows[3]!)).toBeLessThan(seq(rows[1]!));
  } finally {
    await hub.stop();
  }
});
