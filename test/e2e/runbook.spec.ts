/**
 * A runbook one click from the wall: a panel naming one shows "📖 Runbook" on its header, and a
 * click opens it outside the wall (a new tab without opener in a browser) while the wall stays.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ADMIN_TOKEN, freePort, startHub } from './support/processes.ts';

test('a panel’s runbook opens outside the wall, and the wall stays as it was', async ({ page, context }) => {
  const dir = await mkdtemp(join(tmpdir(), 'mc-e2e-runbook-'));
  const file = join(dir, 'workspace.yaml');
  // The runbook is any http(s) page; here the hub's own health answer stands in for a wiki page.
  const port = await freePort();
  const runbookUrl = `http://127.0.0.1:${port}/api/v1/health`;
  await writeFile(
    file,
      `
version: 1
title: Runbooks
sources:
  - { id: ops, type: push }
walls:
  - id: main
    title: Main
    panels:
      - { id: errors, title: Entitlement errors, type: stat, gridPos: { x: 0, y: 0, w: 12, h: 6 }, source: ops, query: { series: errors }, runbook: "${runbookUrl}" }
      - { id: viewers, title: Viewers, type: stat, gridPos: { x: 12, y: 0, w: 12, h: 6 }, source: ops, query: { series: viewers } }
`,
  );
  const hub = await startHub(['--workspace', file], {}, { port });
  try {
    await page.goto(`${hub.url}/#/login?token=${ADMIN_TOKEN}`);
    await page.goto(`${hub.url}/#/wall/main`);
    const link = page.getByTestId('runbook-errors');
    await expect(link).toBeVisible({ timeout: 15_000 });
    await expect(link).toHaveText('📖 Runbook');
    await expect(page.getByTestId('runbook-viewers')).toHaveCount(0);
    const opened = context.waitForEvent('page');
    await link.click();
    const runbook = await opened;
    await runbook.waitForLoadState();
    expect(runbook.url()).toBe(runbookUrl);
    expect(page.url()).toBe(`${hub.url}/#/wall/main`);
    expect(await runbook.evaluate(() => window.opener)).toBeNull();
  } finally {
    await hub.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
