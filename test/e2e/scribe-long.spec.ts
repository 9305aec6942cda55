/**
 * Long text on the scribe line: a pasted 11,317-character stack trace is not cut silently (the
 * line says how much would be cut and Enter logs nothing, the text stays), and one long token with
 * no spaces wraps in the console's timeline and in the postmortem .html instead of widening them.
 */
import { expect, test } from '@playwright/test';
import { openConsole, pullAndon, signedIn } from './support/console.ts';
import { ADMIN_TOKEN, startMinimalHub } from './support/processes.ts';

test('a paste longer than an entry is refused with the count, and a long token wraps on the console and in the postmortem', async ({ browser }) => {
  test.setTimeout(120_000);
  const hub = await startMinimalHub('Long');
  try {
    const { page } = await signedIn(browser, hub.url);
    await openConsole(page, hub.url, 'ann');
    const incidentId = await pullAndon(page, 'Entitlement 500s', 2);
    const input = page.getByTestId('scribe-input');
    await input.click();

    const trace = `f: stack trace ${'at com.streamco.entitlement.Check(Check.java:42) '.repeat(230)}LAST_LINE_CAUSE=token_clock_skew`;
    expect(trace.length).toBe(11_317); // the audit's paste: 11,314 characters after the prefix
    await page.keyboard.insertText(trace);
    await expect(page.getByTestId('scribe-preview')).toContainText('10,000 characters at most: 1,314 of these 11,314 would be cut');
    await expect(page.getByTestId('scribe-preview')).toHaveAttribute('data-error', 'true');
    await page.keyboard.press('Enter');
    await expect(input).toHaveValue(trace);
    await expect(page.getByTestId('entry').filter({ hasText: 'stack trace' })).toHaveCount(0);
    await page.keyboard.press('Escape');

    const token = `f: ${'x'.repeat(20)}${'AbC0'.repeat(2_000)}`;
    await page.keyboard.insertText(token);
    await page.keyboard.press('Enter');
    await expect(input).toHaveValue('');
    const entry = page.getByTestId('entry').filter({ hasText: 'AbC0AbC0' });
    await expect(entry).toHaveCount(1);
    const consoleWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(consoleWidth).toBeLessThanOrEqual(1920);

    await expect(page.getByTestId('outbox-pending')).toHaveAttribute('data-count', '0', { timeout: 10_000 });
    const html = await (await fetch(`${hub.url}/api/v1/incidents/${incidentId}/postmortem.html`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).text();
    expect(html).toContain('AbC0AbC0');
    const pm = await page.context().newPage();
    await pm.setContent(html);
    const pageWidth = await pm.evaluate(() => document.documentElement.scrollWidth);
    expect(pageWidth).toBeLessThanOrEqual(1920);
  } finally {
    await hub.stop();
  }
});
