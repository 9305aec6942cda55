/**
 * The canary board in Chromium against the real hub and demo platform (separate processes, as a
 * user runs them), with the demo workspace's canaries every second instead of every ten. The
 * demo's scripted outage (scenario minutes 95–103, reached with /demo/control) turns the critical
 * entitlement check passing → failing-unconfirmed ("n of 3 failed") → failing-confirmed on the
 * board page and on the wall's canaries panel at once; the incident console prompts "Declare an
 * incident?" pre-filled from the check, and one click declares it; the detail view shows the raw
 * runs with the failed assertion, the filter narrows the list; after the outage the check is
 * passing again on both. Screenshots of the board and the wall during the outage are kept.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { ADMIN_TOKEN, demoWorkspace, freePort, startDemo, startHub } from './support/processes.ts';

async function signedIn(browser: Browser, hubUrl: string, hash: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${hubUrl}/#/login?token=${ADMIN_TOKEN}`);
  await page.goto(`${hubUrl}/${hash}`);
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
  return page;
}

/** Record every status the element shows, in order (a MutationObserver in the page: nothing is missed between polls). */
async function recordStatuses(page: Page, selector: string): Promise<void> {
  await page.evaluate((sel) => {
    const seen: string[] = [];
    (window as unknown as { __seen: string[] }).__seen = seen;
    const note = () => {
      const status = document.querySelector(sel)?.getAttribute('data-status');
      if (status && seen.at(-1) !== status) seen.push(status);
    };
    note();
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
  }, selector);
}

const seenOn = (page: Page) => page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);

/** Whether `wanted` appears in `seen` in order (other states may come between). */
function inOrder(seen: readonly string[], wanted: readonly string[]): boolean {
  let i = 0;
  for (const s of seen) if (s === wanted[i]) i += 1;
  return i === wanted.length;
}

test('the demo outage on the board and the wall: passing → failing-unconfirmed → failing-confirmed → passing, with the andon prompt', async ({ browser }, testInfo) => {
  test.setTimeout(240_000);
  const demoPort = await freePort();
  const demo = await startDemo(demoPort, 10, 90);
  const dir = await mkdtemp(join(tmpdir(), 'mc-e2e-canaries-'));
  const control = (body: object) => fetch(`http://127.0.0.1:${demoPort}/demo/control`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  let hub: Awaited<ReturnType<typeof startHub>> | null = null;
  try {
    const file = await demoWorkspace(dir, demoPort);
    // The shipped workspace's eight passes in a row to recover keep the failure from closing and
    // confirming again in the outage's low phase (35% denied) between the prompt and the Declare.
    const shipped = await readFile(file, 'utf8');
    expect(shipped).toContain('    recoverAfter: 8\n');
    const text = shipped
      .replace('  defaults:\n    interval: 10s\n    timeout: 3s\n', '  defaults:\n    interval: 1s\n    timeout: 800ms\n')
      // The wall panel lists the entitlement service's canaries only, so its tile is always on screen.
      .replace('        type: canaries\n', '        type: canaries\n        services: [entitlement]\n');
    expect(text).toContain('interval: 1s\n    timeout: 800ms\n');
    await writeFile(file, text);
    expect((await control({ jumpToMinutes: 90, outage: 'scripted' })).status).toBe(200);
    hub = await startHub(['--workspace', file], { MC_DEMO_URL: `http://127.0.0.1:${demoPort}` });

    const board = await signedIn(browser, hub.url, '#/canaries');
    const wall = await signedIn(browser, hub.url, '#/wall/panels');
    const consolePage = await signedIn(browser, hub.url, '#/incidents');
    await consolePage.getByTestId('identity-input').fill('ann');
    await consolePage.getByTestId('identity-input').press('Enter');

    const row = board.getByTestId('canary-entitlement');
    const tile = wall.getByTestId('canaries-item-entitlement');
    await expect(row).toHaveAttribute('data-status', 'passing', { timeout: 30_000 });
    await expect(tile).toHaveAttribute('data-status', 'passing', { timeout: 30_000 });
    // Five rows (four checks and the JUnit suite); the header counts what the hub schedules, and says so.
    await expect(board.locator('.canary-row')).toHaveCount(5);
    await expect(board.getByTestId('canary-scheduler')).toHaveText(/^4 scheduled checks · lag p99 /);
    await recordStatuses(board, '[data-testid="canary-entitlement"]');
    await recordStatuses(wall, '[data-testid="canaries-item-entitlement"]');

    // The outage: entitlement answers 403 to a third to a half of the requests.
    expect((await control({ jumpToMinutes: 95 })).status).toBe(200);
    await expect(row).toHaveAttribute('data-status', 'failing-confirmed', { timeout: 60_000 });
    await expect(tile).toHaveAttribute('data-status', 'failing-confirmed', { timeout: 10_000 });
    await expect(board.getByTestId('canary-status-entitlement')).toHaveText(/Failing$/);
    await expect(board.getByTestId('canary-failure-entitlement')).toContainText(/expected .*, got /);
    await expect(wall.getByTestId('canaries-count-failing-confirmed')).toContainText('1 Failing');
    await board.screenshot({ path: testInfo.outputPath('canary-board-outage.png') });
    await wall.screenshot({ path: testInfo.outputPath('canary-wall-outage.png') });

    // The detail view: raw runs with the failed assertion, rollups; the filter narrows the list.
    await board.getByTestId('canary-entitlement').getByRole('button').click();
    await expect(board.getByTestId('canary-detail-status')).toHaveText(/Failing/);
    await expect(board.getByTestId('canary-runs')).toContainText(/expected .*, got 403/, { timeout: 10_000 });
    await expect(board.getByTestId('canary-rollups')).toContainText('runs passed');
    await board.getByTestId('canary-filter').fill('manifest');
    await expect(board.locator('.canary-row')).toHaveCount(1);
    await expect(board.getByTestId('canary-manifest')).toBeVisible();
    await board.getByTestId('canary-filter').fill('');

    // The console: "Declare an incident?", pre-filled from the check; one click declares it.
    const prompt = consolePage.getByTestId('canary-andon-entitlement');
    await expect(prompt).toContainText('Declare an incident?', { timeout: 10_000 });
    await expect(consolePage.getByTestId('canary-andon-title')).toHaveValue(/^Log in and get the entitlement failing: /);
    await consolePage.screenshot({ path: testInfo.outputPath('canary-andon-prompt.png') });
    await consolePage.getByTestId('canary-andon-declare').click();
    await expect(consolePage).toHaveURL(/#\/incidents\/[0-9A-Z]{26}$/, { timeout: 10_000 });
    await expect(consolePage.getByText(/Log in and get the entitlement failing: /).first()).toBeVisible({ timeout: 10_000 });
    // It starts with what the canary knew: the service, when impact started and when it was
    // detected (so the durations read), and the failed check in the timeline.
    await expect(consolePage.getByTestId('record-input-service')).toHaveValue('entitlement', { timeout: 10_000 });
    await expect(consolePage.getByTestId('duration-detect').locator('dd')).toHaveText(/\d/);
    await expect(consolePage.locator('[data-testid="entry"][data-kind="note"]', { hasText: /Canary Log in and get the entitlement \(entitlement\) confirmed failing/ })).toHaveCount(1);
    await consolePage.screenshot({ path: testInfo.outputPath('canary-declared-incident.png') });

    // After the outage (minute 103), the check passes again: on both screens.
    expect((await control({ jumpToMinutes: 104 })).status).toBe(200);
    await expect(row).toHaveAttribute('data-status', 'passing', { timeout: 30_000 });
    await expect(tile).toHaveAttribute('data-status', 'passing', { timeout: 10_000 });
    await expect(board.getByTestId('canary-entitlement')).toContainText('recovered at');
    // The lead, now on the incident's own page, is told of the recovery there.
    await expect(consolePage.getByTestId('canary-andon-entitlement')).toContainText('recovered at', { timeout: 10_000 });
    await expect(consolePage.locator('[data-testid="entry"][data-kind="note"]', { hasText: /recovered after/ })).toHaveCount(1, { timeout: 10_000 });

    // It fails again while its incident is open: written to the incident, no new prompt.
    expect((await control({ jumpToMinutes: 96 })).status).toBe(200);
    await expect(consolePage.locator('[data-testid="entry"][data-kind="note"]', { hasText: /failing again: confirmed failing/ })).toHaveCount(1, { timeout: 60_000 });
    // Acknowledged for its incident on the board (the room has acted on it).
    await expect(row).toHaveAttribute('data-status', 'acknowledged', { timeout: 10_000 });
    await expect(consolePage.getByText('Declare an incident?')).toHaveCount(0);
    await consolePage.goto(`${hub.url}/#/incidents`);
    await expect(consolePage.getByTestId('incident-table')).toBeVisible();
    await expect(consolePage.getByText('Declare an incident?')).toHaveCount(0);
    expect((await control({ jumpToMinutes: 104 })).status).toBe(200);
    await expect(row).toHaveAttribute('data-status', 'passing', { timeout: 30_000 });

    const onBoard = await seenOn(board);
    const onWall = await seenOn(wall);
    testInfo.annotations.push({ type: 'board states', description: onBoard.join(' → ') }, { type: 'wall states', description: onWall.join(' → ') });
    expect(inOrder(onBoard, ['passing', 'failing-unconfirmed', 'failing-confirmed', 'passing']), onBoard.join(' → ')).toBe(true);
    expect(inOrder(onWall, ['passing', 'failing-unconfirmed', 'failing-confirmed', 'passing']), onWall.join(' → ')).toBe(true);
  } finally {
    await hub?.stop();
    await demo.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
