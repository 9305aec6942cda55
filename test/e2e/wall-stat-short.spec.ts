/**
 * The demo's room wall in its outage, at 1920×1080 in Chromium against a real hub: a SEV1 banner,
 * a fired trigger on the event strip and the "held" note leave the stat panels short. A stat never
 * draws its value over its own state word ("5.43K req/s" was drawn over "CRITICAL"): the word goes
 * beside the value, both whole and in large type.
 */
import { expect, test, type Locator } from '@playwright/test';
import { liveFinal } from './support/event-plan.ts';
import { hubApi, pushPoints } from './support/hub-api.ts';
import { watchPageErrors } from './support/page-errors.ts';
import { startWorkspaceHub } from './support/processes.ts';
import { openWall, ROOM_WALL_WORKSPACE } from './support/wall.ts';

/** Two boxes share some area. */
const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function box(l: Locator) {
  return (await l.boundingBox())!;
}

test('a short stat panel keeps its value and its state word apart, both whole', async ({ page }) => {
  const hub = await startWorkspaceHub(ROOM_WALL_WORKSPACE);
  const call = hubApi(hub.url);
  try {
    await pushPoints(hub.url, [{ series: 'viewers', value: 925_000 }, { series: 'e403', value: 1 }]);
    // The final under way, its entitlement trigger firing at once (no "for").
    await liveFinal(hub.url, Date.now() - 30 * 60_000, { triggerAtOnce: true });

    const pageErrors = await watchPageErrors(page);
    await openWall(page, hub.url, 'room');
    await expect(page.getByTestId('event-strip')).toBeVisible({ timeout: 15_000 });

    await pushPoints(hub.url, [{ series: 'e403', value: 5430 }]);
    await expect(page.getByTestId('trigger-fired')).toBeVisible({ timeout: 20_000 });
    await call('POST', '/api/v1/incidents', { title: 'Entitlement 403s during the Cup Final', severity: 1 });
    await expect(page.getByTestId('incident-banner')).toBeVisible();

    const value = page.getByTestId('panel-value-entitlement-403');
    const state = page.getByTestId('panel-state-entitlement-403');
    await expect(value).toHaveText('5.43K req/s');
    await expect(state).toHaveText(/^critical$/i);
    const body = await box(page.getByTestId('panel-entitlement-403').locator('.panel-body'));
    const rem = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    // The room's squeeze: less than the value over its word needs.
    expect(body.height, 'the stat panel is short').toBeLessThan(3.6 * rem);

    const v = await box(value);
    const s = await box(state);
    const icon = await box(page.getByTestId('panel-entitlement-403').locator('.stat-icon'));
    expect(overlap(v, s), `value ${JSON.stringify(v)} over its state word ${JSON.stringify(s)}`).toBe(false);
    expect(overlap(icon, s), 'the icon over the state word').toBe(false);
    for (const [what, b] of [['value', v], ['state word', s], ['icon', icon]] as const) {
      expect(b.x, `${what}: left`).toBeGreaterThanOrEqual(body.x - 0.5);
      expect(b.y, `${what}: top`).toBeGreaterThanOrEqual(body.y - 0.5);
      expect(b.x + b.width, `${what}: right`).toBeLessThanOrEqual(body.x + body.width + 0.5);
      expect(b.y + b.height, `${what}: bottom`).toBeLessThanOrEqual(body.y + body.height + 0.5);
    }
    // Still large type, read from 5 m; the word at least as large as before.
    expect(parseFloat(await value.evaluate((e) => getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(1.6 * rem - 0.5);
    expect(parseFloat(await state.evaluate((e) => getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(0.85 * rem - 0.5);
    await page.screenshot({ path: test.info().outputPath('wall-stat-short.png') });
    expect(await pageErrors()).toEqual([]);
  } finally {
    await hub.stop();
  }
});
