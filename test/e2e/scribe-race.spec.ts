/**
 * The scribe line under a fast typist on a slow machine: lines typed with no pause between Enter
 * and the next keys, the CPU slowed 6× (Chromium's DevTools throttling). Every line is stored
 * exactly once, in the order of the Enters, with its prefix's kind intact: the line is taken and
 * cleared on Enter, not after the browser-side save.
 */
import { expect, test } from '@playwright/test';
import { openConsole, pullAndon, signedIn } from './support/console.ts';
import { ADMIN_TOKEN, startMinimalHub } from './support/processes.ts';

test('lines typed straight after Enter on a CPU slowed 6× are each stored once, in order, with their kind', async ({ browser }) => {
  test.setTimeout(120_000);
  const hub = await startMinimalHub('Race');
  try {
    const { page } = await signedIn(browser, hub.url);
    await openConsole(page, hub.url, 'ann');
    const incidentId = await pullAndon(page, 'Race on the scribe line', 2);
    const input = page.getByTestId('scribe-input');
    await input.click();

    const prefixes = [
      ['h: ', 'hypothesis'],
      ['d: ', 'decision'],
      ['f: ', 'finding'],
      ['a: ', 'action'],
      ['', 'note'],
    ] as const;
    const lines = Array.from({ length: 20 }, (_, i) => {
      const [prefix, kind] = prefixes[i % prefixes.length]!;
      return { line: `${prefix}race line ${String(i + 1).padStart(2, '0')} bad deploy`, text: `race line ${String(i + 1).padStart(2, '0')} bad deploy`, kind };
    });

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
    // No pause anywhere: the next line's first key follows Enter at once.
    for (const { line } of lines) {
      await page.keyboard.type(line);
      await page.keyboard.press('Enter');
    }
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await expect(input).toHaveValue('');
    await expect(page.getByTestId('outbox-pending')).toHaveAttribute('data-count', '0', { timeout: 20_000 });

    const timeline = (await (await fetch(`${hub.url}/api/v1/incidents/${incidentId}/timeline`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as {
      entries: { seq: number; kind: string; text: string | null }[];
    };
    const typed = timeline.entries.filter((e) => e.text?.includes('race line'));
    expect(typed.map((e) => ({ kind: e.kind, text: e.text }))).toEqual(lines.map(({ kind, text }) => ({ kind, text })));
  } finally {
    await hub.stop();
  }
});
