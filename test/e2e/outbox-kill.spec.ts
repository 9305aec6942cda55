/**
 * Nothing acknowledged is ever lost, with the console's real outbox (IndexedDB, in Chromium) and
 * a hub killed with SIGKILL mid-stream: entries the hub had acknowledged, entries in flight when
 * it died and entries typed while it was gone all end up on the restarted hub (same data folder,
 * same port) exactly once, in the order typed.
 */
import { expect, test } from '@playwright/test';
import { log, openConsole, pullAndon, serveUiLocally, signedIn } from './support/console.ts';
import { ADMIN_TOKEN, freePort, removeHubDir, startHub, type Hub } from './support/processes.ts';

test('entries acknowledged, in flight and typed offline survive a SIGKILL of the hub, each once, in order', async ({ browser }) => {
  test.setTimeout(120_000);
  const port = await freePort();
  const args = ['--demo', '--demo-port', String(await freePort()), '--speed', '20'];
  let hub: Hub = await startHub(args, {}, { port, keepData: true });
  const dir = hub.dir;
  try {
    const { page: c } = await signedIn(browser, hub.url);
    await openConsole(c, hub.url, 'ann');
    const incidentId = await pullAndon(c, 'Playback errors in APAC', 2);
    await serveUiLocally(c, hub.url);
    await c.getByTestId('scribe-input').click();

    const lines = Array.from({ length: 12 }, (_, i) => `kill test ${String(i + 1).padStart(2, '0')}`);
    const pending = c.getByTestId('outbox-pending');
    // Acknowledged: the first four are on the hub before it dies.
    for (const line of lines.slice(0, 4)) await log(c, line);
    await expect(pending).toHaveAttribute('data-count', '0', { timeout: 10_000 });
    // In flight: four more typed as fast as a scribe can, and the hub is killed straight after.
    for (const line of lines.slice(4, 8)) await log(c, line);
    await hub.stop('SIGKILL');
    await expect(c.getByTestId('connection-state')).toHaveAttribute('data-state', 'disconnected', { timeout: 15_000 });
    // Offline: four more, kept on this machine.
    for (const line of lines.slice(8)) await log(c, line);
    await expect(pending).not.toHaveAttribute('data-count', '0');
    // A reload while the hub is away loses nothing either.
    await c.reload();
    await expect(c.getByTestId('incident-view')).toBeVisible();
    await expect(pending).not.toHaveAttribute('data-count', '0');

    hub = await startHub(args, {}, { dir, port });
    await expect(pending).toHaveAttribute('data-count', '0', { timeout: 30_000 });
    for (const line of lines) await expect(c.getByTestId('entry').filter({ hasText: line })).toHaveCount(1);

    const timeline = (await (await fetch(`${hub.url}/api/v1/incidents/${incidentId}/timeline`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as {
      entries: { seq: number; text: string | null }[];
    };
    const stored = lines.map((line) => timeline.entries.filter((e) => e.text === line));
    expect(stored.map((list) => list.length)).toEqual(lines.map(() => 1));
    const seqs = stored.map((list) => list[0]!.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
  } finally {
    await hub.stop();
    await removeHubDir(dir);
  }
});
