/**
 * The pulse panel when most posts are negative without a complaint spike (posts still angry after
 * an outage, too few for a spike), in Chromium against a real hub restarted on its store (so its
 * detector has learned a quarter negative as usual): it says "▲ elevated" in amber with the share
 * and its usual, not "✓ normal".
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ADMIN_TOKEN, removeHubDir, startHub, type Hub } from './support/processes.ts';
import { farRoomWorkspace, openWall, PULSE_SECTION } from './support/wall.ts';

const workspace = farRoomWorkspace(
  `
      - { id: room-pulse, title: Customer pulse, type: pulse, gridPos: { x: 0, y: 0, w: 12, h: 8 }, span: 1h }
`,
  PULSE_SECTION,
);

/** Per minute `ago` (minutes before now): `angry` complaints about 403s and `calm` happy posts. */
async function postMinutes(hub: Hub, minutesAgo: readonly number[], angry: number, calm: number): Promise<void> {
  const now = Date.now();
  const posts = minutesAgo.flatMap((ago) =>
    Array.from({ length: angry + calm }, (_, i) => ({
      id: `m${ago}-${i}`,
      source: 'x',
      author: `@fan${ago}-${i}`,
      text: i < angry ? `403 again, locked out of my account (${ago}/${i})` : `Enjoying the match tonight (${ago}/${i})`,
      url: null,
      created_at: new Date(now - ago * 60_000 - (i + 1) * 1000).toISOString(),
    })),
  );
  const res = await fetch(`${hub.url}/api/v1/ingest/posts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ posts }),
  });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
}

test('most posts negative without a spike: the pulse panel says "elevated" with the share and its usual, not "normal"', async ({ page }, testInfo) => {
  const dir = await mkdtemp(join(tmpdir(), 'mc-e2e-'));
  const file = join(dir, 'workspace.yaml');
  await writeFile(file, workspace);
  let hub: Hub | null = null;
  try {
    // Half an hour of a quarter negative, then a restart: the detector learns it from the store.
    hub = await startHub(['--workspace', file], {}, { dir });
    await postMinutes(hub, Array.from({ length: 30 }, (_, k) => 40 - k), 1, 3);
    await hub.stop();
    hub = await startHub(['--workspace', file], {}, { dir });
    // The last minutes: 3 of 5 posts angry (12 complaints over 4 minutes: no spike).
    await postMinutes(hub, [0.5, 1.5, 2.5, 3.5], 3, 2);
    await openWall(page, hub.url, 'room');
    const verdict = page.getByTestId('pulse-spike-state');
    await expect(verdict).toHaveAttribute('data-verdict', 'elevated', { timeout: 20_000 });
    await expect(verdict).toHaveAttribute('data-spike', 'false');
    await expect(verdict).toContainText('▲ elevated');
    await expect(page.getByTestId('pulse-spike-detail')).toHaveText(/^no spike · 60% negative \(usual 25%\)$/);
    await expect(page.getByTestId('pulse-negative')).toContainText(/60%\s*negative · 5 min · usual 25%/);
    // The panel's chip says it in words too, amber (a warning), not "OK".
    await expect(page.getByTestId('panel-state-room-pulse')).toHaveText(/Elevated/);
    await expect(page.getByTestId('panel-room-pulse')).toHaveAttribute('data-state', 'warning');
    await page.screenshot({ path: testInfo.outputPath('pulse-elevated.png') });
  } finally {
    await hub?.stop();
    await removeHubDir(dir);
  }
});
