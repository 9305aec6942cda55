/**
 * The banners above a wall's panels share the screen with them: an incident alone is shown in
 * full (its key moments too); an incident during a live event goes compact beside the event strip,
 * and the panels keep well over half of a 1080p screen. Days before an event, the header counts
 * down to it; once it runs, its strip takes over.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ADMIN_TOKEN, minimalWorkspace, startHub } from './support/processes.ts';

const utcMinute = (ms: number): string => new Date(ms).toISOString().slice(0, 16);

test('the header counts down to a planned event; an incident during a live event: both banners go compact and the panels keep most of the wall', async ({ page }) => {
  const dir = await mkdtemp(join(tmpdir(), 'mc-e2e-banners-'));
  const hub = await startHub(['--workspace', await minimalWorkspace(join(dir, 'workspace.yaml'), 'Banners')]);
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${hub.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status, `${path}: ${await res.clone().text()}`).toBeLessThan(300);
    return (await res.json()) as Record<string, unknown>;
  };
  try {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${hub.url}/#/login?token=${ADMIN_TOKEN}`);
    await page.goto(`${hub.url}/#/wall/main?kiosk`);
    const wallPage = page.getByTestId('wall-page');
    await expect(wallPage).toBeVisible();

    // An event planned for the day after tomorrow: the header counts down to it.
    const later = await post('/api/v1/plans', { template: 'sports-final', event: { name: 'Semi-final', start: utcMinute(Date.now() + 2 * 86_400_000 + 5 * 60_000), timezone: 'UTC' } });
    await post(`/api/v1/plans/${String(later.id)}/state`, { state: 'planned', by: '@ops' });
    await expect(page.getByTestId('next-event')).toContainText(/Next event: Semi-final in 2 d/, { timeout: 15_000 });

    // An incident alone: the full banner, key moments included.
    await post('/api/v1/incidents', { title: 'Entitlement 403s on the EU edge', severity: 2 });
    await expect(page.getByTestId('incident-banner')).toBeVisible();
    await expect(page.getByTestId('key-moments')).toBeVisible();

    // A live event as well: the strip joins it, and both go compact.
    const plan = await post('/api/v1/plans', { template: 'sports-final', event: { name: 'Cup Final', start: utcMinute(Date.now() - 30 * 60_000), timezone: 'UTC' } });
    for (const state of ['planned', 'ready', 'live']) await post(`/api/v1/plans/${String(plan.id)}/state`, { state, by: '@ops' });
    await expect(page.getByTestId('event-strip')).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId('key-moments')).toBeHidden();
    // The strip is up for the event that runs: no countdown to the next one beside it.
    await expect(page.getByTestId('next-event')).toHaveCount(0);
    await expect(page.getByTestId('banner-title')).toBeVisible();
    // The countdown is on the strip, or named among what did not fit (sections in trouble, such as
    // readiness not ready, come before it).
    await expect(page.locator('[data-testid="event-countdown"]:visible, [data-testid="event-more"]:has-text("next key moment")')).toBeVisible();

    const banners = (await page.getByTestId('wall-banners').boundingBox())!;
    const panels = (await wallPage.boundingBox())!;
    expect(banners.height).toBeLessThan(200);
    expect(panels.height).toBeGreaterThan(0.55 * 1080);
    const panel = (await page.getByTestId('panel-viewers').boundingBox())!;
    expect(panel.y + panel.height).toBeLessThanOrEqual(1080);
    expect(panel.height).toBeGreaterThan(0.5 * 1080);
  } finally {
    await hub.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
