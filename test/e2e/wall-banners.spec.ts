/**
 * The banners above a wall's panels share the screen with them: an incident alone is shown in
 * full (its key moments too); an incident during a live event goes compact beside the event strip,
 * and the panels keep well over half of a 1080p screen. Days before an event, the header counts
 * down to it; once it runs, its strip takes over.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { minimalWorkspaceYaml } from '../support/minimal-workspace.ts';
import { inside } from './support/boxes.ts';
import { watchPageErrors } from './support/page-errors.ts';
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
    const pageErrors = await watchPageErrors(page);
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
    // The panels shrank under the banners, refitting as they went, with no error on the page.
    expect(await pageErrors()).toEqual([]);
  } finally {
    await hub.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

/** The strip names its event and shows it LIVE, whole: not dropped into "+N more", not cut short. */
async function eventNamedLive(page: Page, name: string): Promise<void> {
  const strip = page.getByTestId('event-strip');
  const event = page.getByTestId('event-name');
  await expect(event).toHaveAttribute('data-shown', 'true');
  await expect(event).toBeVisible();
  const title = event.locator('strong');
  await expect(title).toHaveText(name);
  expect(await title.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
  const live = event.locator('.state-chip');
  await expect(live).toHaveText(/LIVE/);
  for (const [part, what] of [[title, 'event name'], [live, 'LIVE']] as const) {
    await expect(part).toBeVisible();
    await inside(part, event, what);
    await inside(part, strip, what);
  }
}

// A far rotating room wall whose panels two of the sports-final template's triggers watch.
const roomWall = `
  - id: room
    title: War room
    viewingDistance: far
    pages:
      - { id: health, title: Platform health, panels: [entitlement-403, cdn-misses] }
      - { id: audience, title: Audience, panels: [room-viewers] }
    rotation: { interval: 30s }
    panels:
      - { id: entitlement-403, title: Entitlement 403s, type: stat, gridPos: { x: 0, y: 0, w: 12, h: 6 }, source: ops, query: { series: e403 } }
      - { id: cdn-misses, title: CDN cache misses, type: stat, gridPos: { x: 12, y: 0, w: 12, h: 6 }, source: ops, query: { series: cdn } }
      - { id: room-viewers, title: Viewers, type: stat, gridPos: { x: 0, y: 0, w: 24, h: 6 }, source: ops, query: { series: viewers } }
`;

test('two triggers fired at once go compact, one line each, the most urgent first, beside the event named LIVE: the panels of a far wall keep most of it, and of a narrow one with one fired', async ({ page }) => {
  const dir = await mkdtemp(join(tmpdir(), 'mc-e2e-banners-'));
  const file = join(dir, 'workspace.yaml');
  await writeFile(file, minimalWorkspaceYaml('Room') + roomWall);
  const hub = await startHub(['--workspace', file]);
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${hub.url}${path}`, { method, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    expect(res.status, `${path}: ${await res.clone().text()}`).toBeLessThan(300);
    return (await res.json()) as Record<string, unknown>;
  };
  try {
    await call('POST', '/api/v1/ingest/push', { source: 'ops', points: [{ series: 'viewers', value: 1000 }, { series: 'e403', value: 1 }, { series: 'cdn', value: 100 }] });
    const final = await call('POST', '/api/v1/plans', { template: 'sports-final', event: { name: 'Cup Final', start: utcMinute(Date.now() - 30 * 60_000), timezone: 'UTC' } });
    const stored = await call('GET', `/api/v1/plans/${String(final.id)}`);
    // Fire at once, not after a minute or two.
    const plan = stored.plan as { risks: { id: string; contingency?: { trigger?: { for?: string } } }[] };
    for (const id of ['entitlement-saturation', 'cdn-shortfall']) delete plan.risks.find((r) => r.id === id)!.contingency!.trigger!.for;
    // The CDN's risk listed first, so the order on the wall is by urgency, not the plan's.
    plan.risks.sort((a, b) => Number(b.id === 'cdn-shortfall') - Number(a.id === 'cdn-shortfall'));
    await call('POST', `/api/v1/plans/${String(final.id)}?revision=${String(stored.revision)}`, plan);
    for (const state of ['planned', 'ready', 'live']) await call('POST', `/api/v1/plans/${String(final.id)}/state`, { state, by: '@ops' });

    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${hub.url}/#/login?token=${ADMIN_TOKEN}`);
    await page.waitForURL((url) => !url.hash.startsWith('#/login'));
    await page.goto(`${hub.url}/#/wall/room?kiosk`);
    await expect(page.getByTestId('event-strip')).toBeVisible({ timeout: 15_000 });
    const wallPage = page.getByTestId('wall-page');

    // One fired: shown whole, in large type.
    await call('POST', '/api/v1/ingest/push', { source: 'ops', points: [{ series: 'cdn', value: 50_000 }] });
    await expect(page.getByTestId('trigger-fired')).toHaveCount(1, { timeout: 20_000 });
    await expect(page.getByTestId('trigger-fired-who')).toContainText('decides: @cdn-lead');
    await eventNamedLive(page, 'Cup Final');
    const one = (await wallPage.boundingBox())!.height / 1080;
    // The header's radiator counts it: the wall does not say "Stable" while a contingency is due.
    await expect(page.getByTestId('radiator-reasons')).toContainText('trigger fired: CDN cache misses above 20 000/s');
    await expect(page.getByTestId('radiator-level')).not.toHaveText(/^Stable/);
    // A narrow wall: the event stands above "+N more", so the fired one keeps the width to wrap few
    // lines (55.7% of a 1024×768 wall; 48.2% with the event in a column of its own beside it).
    await page.setViewportSize({ width: 1024, height: 768 });
    await expect.poll(async () => (await wallPage.boundingBox())!.height / 768).toBeGreaterThan(0.54);
    const narrow = (await wallPage.boundingBox())!.height / 768;
    await eventNamedLive(page, 'Cup Final');
    await expect(page.getByTestId('trigger-fired-who')).toBeVisible();
    // A 1280×720 wall (the far preset's rem as at 1080p, so the same room): nothing but the event fits
    // beside the fired one, so it stands above "+N more" here too, and what fired and what to do
    // flow as one paragraph in the width it gains (54.1%; 49.8% with the event in a column of its
    // own beside it and each part starting a line).
    await page.setViewportSize({ width: 1280, height: 720 });
    await expect.poll(async () => (await wallPage.boundingBox())!.height / 720).toBeGreaterThan(0.53);
    await expect(page.getByTestId('event-strip')).toHaveAttribute('data-stacked', 'true');
    const hd = (await wallPage.boundingBox())!.height / 720;
    await eventNamedLive(page, 'Cup Final');
    await expect(page.getByTestId('trigger-fired-who')).toBeVisible();
    await page.setViewportSize({ width: 1920, height: 1080 });

    // Two fired: one line each, the riskier (entitlement, 3 × 5) before the CDN's (2 × 5) though it fired later.
    await call('POST', '/api/v1/ingest/push', { source: 'ops', points: [{ series: 'e403', value: 500 }] });
    const fired = page.getByTestId('trigger-fired');
    await expect(fired).toHaveCount(2, { timeout: 20_000 });
    // The room still sees which event the fired lines belong to.
    await eventNamedLive(page, 'Cup Final');
    const two = (await wallPage.boundingBox())!.height / 1080;
    console.log(
      `far room wall at 1920×1080: panels keep ${(one * 100).toFixed(1)}% with one trigger fired (${(hd * 100).toFixed(1)}% at 1280×720, ${(narrow * 100).toFixed(1)}% at 1024×768), ${(two * 100).toFixed(1)}% with two`,
    );
    await expect(fired.nth(0)).toContainText('Entitlement 403s above 50/s');
    await expect(fired.nth(1)).toContainText('CDN cache misses above 20 000/s');
    const lineHeight = await fired.nth(0).evaluate((e) => parseFloat(getComputedStyle(e).lineHeight));
    for (const line of await fired.all()) expect((await line.boundingBox())!.height).toBeLessThan(2 * lineHeight);
    expect(two).toBeGreaterThan(0.55);
    // The event named on the strip took none of the panels' room: stacked above "+N more" as at
    // 1280×720 (54.5% with one fired, the rotation held with its bar saying why; 50.2% with the
    // event in a column of its own beside the fired one).
    expect(one).toBeGreaterThan(0.53);
    await expect(page.getByTestId('radiator-reasons')).toContainText('trigger fired: Entitlement 403s above 50/s');
    await page.screenshot({ path: 'test-results/wall-two-triggers-fired.png' });
  } finally {
    await hub.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
