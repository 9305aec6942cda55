/**
 * A wall without a canaries panel, in Chromium against a real hub: its status radiator still says
 * when a canary is confirmed failing and when it recovers, from the summary the hub sends when
 * that list changes; the board's stream of runs (`canaries:delta`) never reaches it.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { minimalWorkspaceYaml } from '../support/minimal-workspace.ts';
import { ADMIN_TOKEN, startWorkspaceHub, type Hub } from './support/processes.ts';

// The minimal wall (one stat panel, no canaries panel), a radiator, two canaries.
const workspace = (api: string) => `${minimalWorkspaceYaml('Summary')}status:
  levels:
    - { level: Degraded, tone: warning, when: [{ panel: viewers, state: critical }] }
  otherwise: { level: Stable, tone: ok }
canaries:
  defaults: { interval: 500ms, timeout: 400ms, retries: { count: 0 }, confirm: { consecutive: 2 } }
  checks:
    - { id: login, name: Login, critical: true, request: { url: "${api}/login" }, assert: [{ status: 200 }] }
    - { id: search, name: Search, request: { url: "${api}/search" }, assert: [{ status: 200 }] }
`;

test('a wall without a canaries panel: the radiator follows the canaries failing, and no runs stream to it', async ({ page }) => {
  test.setTimeout(120_000);
  let failing = false;
  const api = createServer((_req, res) => {
    res.writeHead(failing ? 503 : 200, { 'content-type': 'application/json' });
    res.end('{}');
  });
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', () => r()));
  let hub: Hub | null = null;
  try {
    hub = await startWorkspaceHub(workspace(`http://127.0.0.1:${(api.address() as AddressInfo).port}`));
    const frames = { delta: 0, summary: 0 };
    page.on('websocket', (ws) =>
      ws.on('framereceived', ({ payload }) => {
        const text = String(payload);
        if (text.includes('"canaries:delta"')) frames.delta++;
        if (text.includes('"canaries:summary"')) frames.summary++;
      }),
    );
    await page.goto(`${hub.url}/#/login?token=${ADMIN_TOKEN}`);
    await page.goto(`${hub.url}/#/wall/main`);
    await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
    const reasons = page.getByTestId('radiator-reasons');

    failing = true;
    await expect(reasons).toContainText('canary Login failing', { timeout: 30_000 });
    await expect(reasons).toContainText('canary Search failing');
    failing = false;
    await expect(reasons).not.toContainText('canary Login failing', { timeout: 30_000 });
    await expect(reasons).not.toContainText('canary Search failing');
    // Two checks ran every 500 ms all along: none of those runs came to this wall.
    expect(frames.delta).toBe(0);
    expect(frames.summary).toBeGreaterThanOrEqual(2);
  } finally {
    await hub?.stop();
    await new Promise<void>((r) => api.close(() => r()));
  }
});
