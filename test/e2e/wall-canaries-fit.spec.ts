/**
 * The Canaries panel on a 1080p wall, in Chromium against a real hub: with more canaries failing
 * than the panel holds, it lists as many as fit whole and a whole "and N more" line under them
 * (the room wall cut that line in half at the panel's bottom edge).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { ADMIN_TOKEN, startWorkspaceHub, type Hub } from './support/processes.ts';

const CANARIES = 9;

const workspace = (api: string) => `
version: 1
title: Canaries fit
sources:
  - { id: ops, type: push }
walls:
  - id: main
    title: Main
    panels:
      - { id: canaries, title: Canaries, type: canaries, gridPos: { x: 0, y: 0, w: 12, h: 5 }, show: problems }
      - { id: viewers, title: Viewers, type: stat, gridPos: { x: 12, y: 0, w: 12, h: 5 }, source: ops, query: { series: viewers } }
      - { id: errors, title: Errors, type: stat, gridPos: { x: 0, y: 5, w: 24, h: 7 }, source: ops, query: { series: errors } }
canaries:
  defaults: { interval: 500ms, timeout: 400ms, retries: { count: 0 }, confirm: { consecutive: 2 } }
  checks:
${Array.from({ length: CANARIES }, (_, i) => `    - { id: c${i}, name: Checkout step ${i}, request: { url: "${api}/c${i}" }, assert: [{ status: 200 }] }`).join('\n')}
`;

test('a short Canaries panel lists the rows that fit whole and a whole "and N more" line', async ({ page }) => {
  test.setTimeout(90_000);
  const api = createServer((_req, res) => {
    res.writeHead(503, { 'content-type': 'application/json' });
    res.end('{}');
  });
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', () => r()));
  let hub: Hub | null = null;
  try {
    hub = await startWorkspaceHub(workspace(`http://127.0.0.1:${(api.address() as AddressInfo).port}`));
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${hub.url}/#/login?token=${ADMIN_TOKEN}`);
    await page.goto(`${hub.url}/#/wall/main?kiosk`);
    const panel = page.getByTestId('canaries-canaries');
    const more = panel.locator('.canary-panel-list > li', { hasText: /^and \d+ more$/ });
    await expect(more).toBeVisible({ timeout: 30_000 });
    // Every canary failing: the rows and the note count them all.
    await expect(panel.locator('.canary-counts')).toContainText(`${CANARIES} Failing`, { timeout: 30_000 });
    const items = panel.locator('.canary-panel-item');
    const shown = await items.count();
    await expect(more).toHaveText(`and ${CANARIES - shown} more`);
    expect(shown).toBeGreaterThanOrEqual(1);

    // Nothing drawn past the list's bottom: the note and every row are whole on the wall.
    const list = (await panel.locator('.canary-panel-list').boundingBox())!;
    const note = (await more.boundingBox())!;
    expect(note.y + note.height).toBeLessThanOrEqual(list.y + list.height + 0.5);
    for (let i = 0; i < shown; i++) {
      const row = (await items.nth(i).boundingBox())!;
      expect(row.y + row.height).toBeLessThanOrEqual(note.y);
    }
    await page.screenshot({ path: test.info().outputPath('canaries-fit.png') });
  } finally {
    await hub?.stop();
    await new Promise<void>((r) => api.close(() => r()));
  }
});
