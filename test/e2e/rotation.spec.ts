/**
 * Wall pages in Chromium against the real hub: the rotation skips a page whose panels all fail,
 * holds on an alert page with a "held: why" banner while a hold-on panel is critical and resumes
 * when it clears; the operator pauses with space; old pushed data turns a panel "too old". A fired
 * risk trigger of the live event holds the page with the panel it watches until `r` releases it,
 * and its next firing holds again, even one whose clear the wall never heard.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { minimalWorkspaceYaml } from '../support/minimal-workspace.ts';
import { liveFinal } from './support/event-plan.ts';
import { hubApi } from './support/hub-api.ts';
import { ADMIN_TOKEN, freePort, startHub, startWorkspaceHub, type Hub } from './support/processes.ts';

async function workspace(dir: string): Promise<string> {
  const deadPort = await freePort(); // nothing listens there: every panel on "broken" fails
  const file = join(dir, 'workspace.yaml');
  await writeFile(
    file,
    `
version: 1
title: Rotation
sources:
  - { id: ops, type: push, interval: 1m }
  - { id: gone, type: scrape, url: "http://127.0.0.1:${deadPort}/metrics", interval: 1s, timeout: 500ms }
walls:
  - id: room
    title: Room
    pages:
      - { id: overview, title: Overview, panels: [viewers] }
      - { id: broken, title: Broken, panels: [dead-a, dead-b] }
      - { id: alerts, title: Alerts, panels: [errors, batch] }
    rotation: { interval: 5s, holdOn: [errors] }
    panels:
      - { id: viewers, title: Viewers, type: stat, gridPos: { x: 0, y: 0, w: 12, h: 6 }, source: ops, query: { series: viewers } }
      - { id: dead-a, title: Dead A, type: stat, gridPos: { x: 0, y: 0, w: 12, h: 6 }, source: gone, query: { metric: up } }
      - { id: dead-b, title: Dead B, type: stat, gridPos: { x: 12, y: 0, w: 12, h: 6 }, source: gone, query: { metric: up, fn: rate } }
      - id: errors
        title: Errors
        type: stat
        gridPos: { x: 0, y: 0, w: 12, h: 6 }
        source: ops
        query: { series: errors }
        thresholds: [{ value: null, state: ok }, { value: 100, state: critical }]
      - { id: batch, title: Nightly batch, type: stat, gridPos: { x: 12, y: 0, w: 12, h: 6 }, source: ops, query: { series: batch }, staleAfter: { warning: 3s } }
`,
  );
  return file;
}

async function push(hub: Hub, values: Record<string, number>): Promise<void> {
  const res = await fetch(`${hub.url}/api/v1/ingest/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ source: 'ops', values }),
  });
  expect(res.status).toBe(200);
}

/** The page ids the wall shows, sampled every 250 ms for `ms`. */
async function pagesShown(page: Page, ms: number): Promise<string[]> {
  const seen: string[] = [];
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const id = await page.getByTestId('wall-page').getAttribute('data-page-id').catch(() => null);
    if (id && seen[seen.length - 1] !== id) seen.push(id);
    await page.waitForTimeout(250);
  }
  return seen;
}

test('rotation skips a broken page, holds on an alert page, resumes when it clears; space pauses', async ({ page }, testInfo) => {
  const dir = await mkdtemp(join(tmpdir(), 'mc-e2e-rot-'));
  const hub = await startHub(['--workspace', await workspace(dir)]);
  try {
    await push(hub, { viewers: 5120, errors: 3, batch: 1 });
    await page.goto(`${hub.url}/#/login?token=${ADMIN_TOKEN}`);
    await page.goto(`${hub.url}/#/wall/room`);
    await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
    await expect(page.getByTestId('rotation-page')).toContainText('/3');

    // Two full turns at 5 s a page: overview and alerts alternate, the broken page never shows.
    const seen = await pagesShown(page, 16_000);
    expect(seen).not.toContain('broken');
    expect(new Set(seen)).toEqual(new Set(['overview', 'alerts']));
    expect(seen.length).toBeGreaterThanOrEqual(3);

    // A critical hold-on panel: the wall goes to its page and stays, saying why.
    await push(hub, { errors: 500 });
    await expect(page.getByTestId('wall-page')).toHaveAttribute('data-page-id', 'alerts', { timeout: 5000 });
    await expect(page.getByTestId('rotation-held')).toContainText('held: Errors is critical');
    // The batch pushed once at the start is now older than its 3 s warning age.
    await expect(page.getByTestId('freshness-batch')).toHaveAttribute('data-age-state', 'warning');
    await expect(page.getByTestId('freshness-batch')).toContainText('too old');
    await page.screenshot({ path: testInfo.outputPath('held-on-alert.png') });
    expect(await pagesShown(page, 8000)).toEqual(['alerts']);

    // Cleared: the banner goes and the rotation moves on.
    await push(hub, { errors: 2 });
    await expect(page.getByTestId('rotation-held')).toHaveCount(0, { timeout: 5000 });
    await expect(page.getByTestId('wall-page')).toHaveAttribute('data-page-id', 'overview', { timeout: 12_000 });

    // The operator pauses (space): held, in words, and nothing moves until space again.
    await page.keyboard.press(' ');
    await expect(page.getByTestId('rotation-held')).toContainText('paused by the operator');
    expect(await pagesShown(page, 7000)).toEqual(['overview']);
    await page.keyboard.press('n');
    await expect(page.getByTestId('wall-page')).toHaveAttribute('data-page-id', 'alerts');
    await page.keyboard.press(' ');
    await expect(page.getByTestId('rotation-held')).toHaveCount(0);
    await expect(page.getByTestId('wall-page')).toHaveAttribute('data-page-id', 'overview', { timeout: 12_000 });
  } finally {
    await hub.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

// A rotating wall whose second page has the panel the sports-final template's entitlement trigger watches.
const eventWall = `
  - id: room
    title: Room
    pages:
      - { id: audience, title: Audience, panels: [room-viewers] }
      - { id: health, title: Health, panels: [entitlement-403] }
    rotation: { interval: 5s }
    panels:
      - { id: room-viewers, title: Viewers, type: stat, gridPos: { x: 0, y: 0, w: 12, h: 6 }, source: ops, query: { series: viewers } }
      - { id: entitlement-403, title: Entitlement 403s, type: stat, gridPos: { x: 0, y: 0, w: 12, h: 6 }, source: ops, query: { series: e403 } }
`;

test('a fired trigger of the live event holds the page with its panel, saying why, until r releases it; its next firing holds again, clear missed or not', async ({ page }) => {
  const hub = await startWorkspaceHub(minimalWorkspaceYaml('Rotation') + eventWall);
  try {
    await push(hub, { viewers: 1000, e403: 1 });
    const planId = await liveFinal(hub.url, Date.now() - 30 * 60_000, { triggerAtOnce: true });
    /** The entitlement trigger as the hub judges it now. */
    const entitlement = async () => {
      const { plans } = (await hubApi(hub.url)('GET', '/api/v1/live-plans')) as { plans: { id: string; triggers: { riskId: string; state: string; firedAt: number | null }[] }[] };
      return plans.find((p) => p.id === planId)!.triggers.find((t) => t.riskId === 'entitlement-saturation')!;
    };

    await page.goto(`${hub.url}/#/login?token=${ADMIN_TOKEN}`);
    await page.waitForURL((url) => !url.hash.startsWith('#/login'));
    await page.goto(`${hub.url}/#/wall/room`);
    await expect(page.getByTestId('event-strip')).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId('wall-page')).toHaveAttribute('data-page-id', 'audience', { timeout: 8000 });

    // The 403s cross the trigger's line: the wall goes to the page with its panel and stays, saying why.
    await push(hub, { e403: 500 });
    await expect(page.getByTestId('trigger-fired')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('wall-page')).toHaveAttribute('data-page-id', 'health', { timeout: 5000 });
    await expect(page.getByTestId('rotation-held')).toContainText('held: trigger fired: Entitlement 403s above 50/s');
    expect(await pagesShown(page, 7000)).toEqual(['health']);

    // r releases it while it still fires: the rotation moves on.
    await page.keyboard.press('r');
    await expect(page.getByTestId('rotation-held')).toHaveCount(0);
    await expect(page.getByTestId('wall-page')).toHaveAttribute('data-page-id', 'audience', { timeout: 10_000 });
    await expect(page.getByTestId('trigger-fired')).toBeVisible();

    // The wall loses the live plans (its fetches fail) while the 403s fall back under the line and
    // cross it again: the hub sees the clear and a new firing, the wall only the new firing.
    const firstFiring = (await entitlement()).firedAt;
    await page.route('**/api/v1/live-plans', (route) => route.abort());
    await push(hub, { e403: 1 });
    await expect.poll(async () => (await entitlement()).state, { timeout: 20_000 }).toBe('clear');
    await push(hub, { e403: 500 });
    await expect.poll(async () => (await entitlement()).firedAt ?? firstFiring, { timeout: 20_000 }).not.toBe(firstFiring);
    await expect(page.getByTestId('rotation-held')).toHaveCount(0);
    // Back: a new firing holds again, though the release was given for the last one.
    await page.unroute('**/api/v1/live-plans');
    await expect(page.getByTestId('rotation-held')).toContainText('held: trigger fired: Entitlement 403s above 50/s', { timeout: 20_000 });
    await expect(page.getByTestId('wall-page')).toHaveAttribute('data-page-id', 'health');
  } finally {
    await hub.stop();
  }
});
