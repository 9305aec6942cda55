/**
 * The Customer pulse panel on the demo's room wall (far, half the width, a fired trigger on the
 * event strip), at 1920×1080 in Chromium against a real hub: its complaints-by-topic list shows the
 * rows that fit whole and a whole "+N more" line naming the rest (the last row, "errors", was cut
 * in half at the panel's bottom edge).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { watchPageErrors } from './support/page-errors.ts';
import { ADMIN_TOKEN, startHub } from './support/processes.ts';
import { postComplaints } from './support/pulse.ts';

const utcMinute = (ms: number): string => new Date(ms).toISOString().slice(0, 16);

const workspace = `
version: 1
title: Room
sources:
  - { id: ops, type: push }
pulse: { retention: 1d }
walls:
  - id: room
    title: War room
    viewingDistance: far
    panels:
      - { id: entitlement-403, title: Entitlement 403s per second, type: stat, gridPos: { x: 0, y: 0, w: 12, h: 12 }, source: ops, query: { series: e403 } }
      - { id: room-pulse, title: Customer pulse, type: pulse, gridPos: { x: 12, y: 0, w: 12, h: 12 }, span: 1h }
`;

// Complaints on every topic, a different number each, so the order is known: access first, billing last.
const COMPLAINTS: [string, number][] = [
  ['403 again, locked out of my account', 9],
  ['buffering every minute, unwatchable', 7],
  ['the app shows an error and failed again', 5],
  ['so pixelated and blurry tonight', 3],
  ['charged twice for this, want a refund', 2],
];

test('the pulse panel lists the topic rows that fit whole and a whole "+N more" line', async ({ page }) => {
  const dir = await mkdtemp(join(tmpdir(), 'mc-e2e-pulse-fit-'));
  const file = join(dir, 'workspace.yaml');
  await writeFile(file, workspace);
  const hub = await startHub(['--workspace', file]);
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${hub.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.status, `${path}: ${await res.clone().text()}`).toBeLessThan(300);
    return (await res.json()) as Record<string, unknown>;
  };
  try {
    await call('POST', '/api/v1/ingest/push', { source: 'ops', points: [{ series: 'e403', value: 1 }] });
    const now = Date.now();
    await postComplaints(hub.url, COMPLAINTS, now);
    // The final under way, its entitlement trigger firing at once: the strip's tallest form.
    const final = await call('POST', '/api/v1/plans', { template: 'sports-final', event: { name: 'Cup Final', start: utcMinute(now - 30 * 60_000), timezone: 'UTC' } });
    const stored = await call('GET', `/api/v1/plans/${String(final.id)}`);
    const plan = stored.plan as { risks: { id: string; contingency?: { trigger?: { for?: string } } }[] };
    delete plan.risks.find((r) => r.id === 'entitlement-saturation')!.contingency!.trigger!.for;
    await call('POST', `/api/v1/plans/${String(final.id)}?revision=${String(stored.revision)}`, plan);
    for (const state of ['planned', 'ready', 'live']) await call('POST', `/api/v1/plans/${String(final.id)}/state`, { state, by: '@ops' });
    await call('POST', '/api/v1/ingest/push', { source: 'ops', points: [{ series: 'e403', value: 500 }] });

    const pageErrors = await watchPageErrors(page);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${hub.url}/#/login?token=${ADMIN_TOKEN}`);
    await page.waitForURL((url) => !url.hash.startsWith('#/login'));
    await page.goto(`${hub.url}/#/wall/room?kiosk`);
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
    expect(shown.length).toBeLessThan(COMPLAINTS.length);
    expect(shown).toEqual(order.slice(0, shown.length));
    const rest = COMPLAINTS.slice(shown.length).map(([, n], i) => `${order[shown.length + i]} ${n}`);
    await expect(more).toHaveText(`+${COMPLAINTS.length - shown.length} more: ${rest.join(', ')}`);
    await page.screenshot({ path: test.info().outputPath('wall-pulse-fit.png') });

    // A taller screen gives the panel room: the list is measured afresh and shows more rows, still whole.
    await page.setViewportSize({ width: 1920, height: 2160 });
    await expect.poll(() => list.locator('.pulse-topic').count(), { timeout: 10_000 }).toBeGreaterThan(shown.length);
    // (all five may fit now, and then there is no "+N more" line to have)
    await expect.poll(async () => (await cuts()).filter((c) => c !== 'no "+N more" line'), { timeout: 10_000 }).toEqual([]);
    expect(await pageErrors()).toEqual([]);
  } finally {
    await hub.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
