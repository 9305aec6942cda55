/**
 * The server side of the fan-out benchmark, in its own process so the 200 clients do not share
 * its event loop. `hub`: a real hub whose one panel is fed by a local scrape endpoint.
 * `bare`: a plain socket.io server broadcasting a payload of the same shape and size.
 * Prints one JSON line {port, token} when ready.
 */
import { createServer } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { startHub } from '../../electron/hub/hub.ts';

const mode = process.argv[2];
const INTERVAL_MS = 250;

if (mode === 'bare') {
  const http = createServer();
  const io = new Server(http, { serveClient: false });
  io.on('connection', (socket) => {
    socket.on('frames:subscribe', (_req: unknown, ack: (r: unknown) => void) => {
      void socket.join('frame');
      ack({ ok: true, frames: [] });
    });
  });
  http.listen(0, '127.0.0.1', () => {
    const key = 'bench:{"aggregate":"sum","fn":"value","metric":"bench_value","window":60000}';
    setInterval(() => {
      const at = Date.now();
      io.to('frame').emit('frames:delta', [
        { key, series: [{ name: '{}', labels: {}, points: [[at, Math.random()]] }], meta: { sourceId: 'bench', lastSuccessAt: at, lastAttemptAt: at, lastError: null, expectedIntervalMs: INTERVAL_MS } },
      ]);
    }, INTERVAL_MS);
    console.log(JSON.stringify({ port: (http.address() as AddressInfo).port, token: 'none' }));
  });
} else if (mode === 'hub') {
  const metrics = createServer((_req, res) => res.end(`bench_value ${Math.random()}\n`));
  metrics.listen(0, '127.0.0.1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mc-bench-'));
    const workspaceFile = join(dir, 'workspace.yaml');
    writeFileSync(
      workspaceFile,
      `version: 1
title: Bench
sources:
  - { id: bench, type: scrape, url: "http://127.0.0.1:${(metrics.address() as AddressInfo).port}/metrics", interval: ${INTERVAL_MS}ms, timeout: 200ms }
walls:
  - id: main
    title: Main
    panels:
      - { id: v, title: V, type: stat, gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: bench, query: { metric: bench_value } }
`,
    );
    const token = 'mc_bench-admin-token-0123456789abcdefgh';
    const hub = await startHub(
      { host: '127.0.0.1', port: 0, dataDir: join(dir, 'data'), workspaceFile, demo: false, demoPort: 0, demoSpeed: 1, uiDir: null, allowedOrigins: [], adminTokenSeed: token, rateLimitPerSecond: 100_000, watchWorkspace: false },
      { log: () => {} },
    );
    console.log(JSON.stringify({ port: hub.port, token }));
  });
} else {
  console.error('usage: fanout-server.ts hub|bare');
  process.exit(2);
}
