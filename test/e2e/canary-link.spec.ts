/**
 * A canary's failure stays with the incident the room gave it, in Chromium against a real hub:
 * declared from the prompt, the incident shows the check's service and the failed check; a second
 * check failing while it is open offers "Add to this incident", which names it in the timeline and
 * takes the prompt away; the first check failing again while the incident is open asks nothing
 * (on this console or one opened later) and is written to the incident instead.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { minimalWorkspaceYaml } from '../support/minimal-workspace.ts';
import { openConsole, signedIn } from './support/console.ts';
import { startHub } from './support/processes.ts';

const workspace = (api: string) => `${minimalWorkspaceYaml('Link')}canaries:
  defaults: { interval: 400ms, timeout: 300ms, retries: { count: 0 }, confirm: { consecutive: 2 }, recoverAfter: 1 }
  checks:
    - { id: login, name: Login, service: accounts, critical: true, request: { url: "${api}/login" }, assert: [{ status: 200 }] }
    - { id: search, name: Search, service: search, critical: true, request: { url: "${api}/search" }, assert: [{ status: 200 }] }
`;

test('declared from the prompt, another failure added to it, and failing again asks nothing while it is open', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const status: Record<string, number> = { '/login': 200, '/search': 200 };
  const api = createServer((req, res) => {
    res.writeHead(status[req.url ?? ''] ?? 404, { 'content-type': 'application/json' });
    res.end('{}');
  });
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', () => r()));
  const dir = await mkdtemp(join(tmpdir(), 'mc-e2e-canary-link-'));
  let hub: Awaited<ReturnType<typeof startHub>> | null = null;
  try {
    const file = join(dir, 'workspace.yaml');
    await writeFile(file, workspace(`http://127.0.0.1:${(api.address() as AddressInfo).port}`));
    hub = await startHub(['--workspace', file]);
    const { page } = await signedIn(browser, hub.url);
    await openConsole(page, hub.url, 'ann');
    const notes = page.locator('[data-testid="entry"][data-kind="note"]');

    status['/login'] = 503;
    const login = page.getByTestId('canary-andon-login');
    await expect(login).toContainText('Declare an incident?', { timeout: 20_000 });
    await page.getByTestId('canary-andon-declare').click();
    await expect(page).toHaveURL(/#\/incidents\/[0-9A-Z]{26}$/, { timeout: 10_000 });
    await expect(page.getByTestId('record-input-service')).toHaveValue('accounts', { timeout: 10_000 });
    await expect(notes.filter({ hasText: /^.*Canary Login \(login\) confirmed failing/ })).toHaveCount(1);
    await expect(login).toHaveCount(0);

    // Another check fails while the incident is open: added to it from the prompt.
    status['/search'] = 503;
    const search = page.getByTestId('canary-andon-search');
    await expect(search).toContainText('Declare an incident?', { timeout: 20_000 });
    await expect(search.getByTestId('canary-andon-incident')).toContainText('Login failing');
    await page.screenshot({ path: testInfo.outputPath('canary-add-to-incident.png') });
    await search.getByTestId('canary-andon-link').click();
    await expect(search).toHaveCount(0);
    await expect(notes.filter({ hasText: /Canary Search \(search\) confirmed failing: .*, added by ann/ })).toHaveCount(1, { timeout: 10_000 });

    // The first recovers and fails again: in the timeline, no prompt, here or on a console opened now.
    status['/login'] = 200;
    await expect(notes.filter({ hasText: /Login recovered after/ })).toHaveCount(1, { timeout: 20_000 });
    status['/login'] = 500;
    await expect(notes.filter({ hasText: /Login failing again: confirmed failing/ })).toHaveCount(1, { timeout: 20_000 });
    await expect(page.getByText('Declare an incident?')).toHaveCount(0);
    const later = await signedIn(browser, hub.url);
    await openConsole(later.page, hub.url, 'bob');
    await expect(later.page.getByTestId('incident-table')).toBeVisible();
    await expect(later.page.getByText('Declare an incident?')).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath('canary-failing-again-in-incident.png') });
  } finally {
    await hub?.stop();
    await new Promise<void>((r) => api.close(() => r()));
    await rm(dir, { recursive: true, force: true });
  }
});
