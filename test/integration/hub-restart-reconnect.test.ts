/**
 * A hub restart with no network change (the war room restarts its hub): the UI's hub client
 * (renderer/transport/hub.ts) retries at most 3 s apart however long the hub was down, so a wall
 * is back within a few seconds of the hub, not after socket.io's default back-off of up to 15 s.
 * A real hub on a fixed loopback port, stopped for 12 s and started again on the same data.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HubConfig } from '../../electron/hub/config.ts';
import { startHub, type HubHandle } from '../../electron/hub/hub.ts';
import { createAppStore } from '../../renderer/state/store.ts';
import { createHubClient, type HubClient } from '../../renderer/transport/hub.ts';
import { ADMIN_SECRET, eventually, startTestHub } from '../support/hub.ts';
import { freePort } from '../support/hub-process.ts';
import { minimalWorkspaceYaml } from '../support/minimal-workspace.ts';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('after a hub restart', () => {
  it('a wall retries at most 3 s apart and is back within about 2 s of the hub', async () => {
    const port = await freePort();
    const t = await startTestHub(minimalWorkspaceYaml('Restart'), { port });
    // Closed once by the test (the restart); the data folder goes at the end.
    cleanups.push(async () => {
      await t.close().catch(() => undefined);
      await rm(t.dir, { recursive: true, force: true });
    });
    const store = createAppStore();
    const client: HubClient = createHubClient({ store, storage: null, bridge: { hubConnection: async () => ({ url: t.hub.url, token: t.adminToken }) }, pageOrigin: null });
    cleanups.push(() => client.stop());
    await client.start();
    await eventually('connected', () => store.getState().connection.status === 'connected');

    const attempts: number[] = [];
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.connection.attempt > prev.connection.attempt) attempts.push(Date.now());
    });
    cleanups.push(unsubscribe);

    // The hub goes down for 12 s: long enough for socket.io's default back-off to reach 8 s.
    // The same hub again: its port, data and workspace (as startTestHub configures it).
    const config: HubConfig = {
      host: '127.0.0.1',
      port,
      dataDir: join(t.dir, 'data'),
      workspaceFile: t.workspaceFile,
      demo: false,
      demoPort: 0,
      demoSpeed: 1,
      uiDir: null,
      allowedOrigins: [],
      adminTokenSeed: ADMIN_SECRET,
      rateLimitPerSecond: 1000,
      watchWorkspace: false,
    };
    await t.hub.close();
    await eventually('lost', () => store.getState().connection.status !== 'connected');
    await new Promise((r) => setTimeout(r, 12_000));
    let again: HubHandle | null = await startHub(config, { log: () => {} });
    cleanups.unshift(async () => {
      await again?.close();
      again = null;
    });
    const up = Date.now();
    await eventually('back', () => store.getState().connection.status === 'connected', 20_000);
    const backAfterMs = Date.now() - up;
    const gaps = attempts.slice(1).map((at, i) => at - attempts[i]!);
    console.log(`attempts while down: ${attempts.length}, longest gap ${Math.max(...gaps)} ms; back ${backAfterMs} ms after the hub`);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(3_200);
    expect(backAfterMs).toBeLessThan(3_500);
  }, 60_000);
});
