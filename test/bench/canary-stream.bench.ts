/**
 * The board's stream on a steady board: 100 passing HTTP checks every 5 s (a loopback target) in
 * a real hub, with two clients on the board: a bare socket.io client, and the renderer's own
 * (its hub client, store and canary transport, as a board page or a wall's canaries panel runs
 * it). After a warm-up (every tile passing, uptime settled) it counts for CANARY_STREAM_SECONDS
 * (default 30) the bytes each received on the wire (every engine.io packet: events, acks, pings),
 * and splits the board's deltas into whole tiles and run ticks. A run that changes nothing but its
 * time and duration should travel as a run tick, not as the whole tile. It also counts the
 * envelopes and those a client would draw nothing from ("empty"): applied to the bare client's
 * board (applyCanaryDelta) they leave every tile as it was and bring no alert, notice or removal
 * (only a seq and a time, perhaps scheduler stats, run ticks already on the strip, tiles sent
 * again unchanged).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAppStore } from '../../renderer/state/store.ts';
import { startCanaryTransport } from '../../renderer/transport/canaries.ts';
import { createHubClient } from '../../renderer/transport/hub.ts';
import { applyCanaryDelta, type CanaryBoard, type CanaryDelta } from '../../shared/protocol/canaries.ts';
import { startTestHub } from '../support/hub.ts';
import { figure, type Figure } from './report.ts';

const CHECKS = 100;
const WARMUP_MS = 15_000;
const MEASURE_MS = Number(process.env.CANARY_STREAM_SECONDS ?? 30) * 1000;

const workspace = `version: 1
title: Canary stream bench
sources:
  - { id: local, type: scrape, url: "\${TARGET}/metrics", interval: 60s, timeout: 1s }
walls:
  - id: main
    title: Main
    panels:
      - { id: up, title: Up, type: stat, gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: local, query: { metric: up } }
canaries:
  defaults: { interval: 5s, timeout: 2s }
  checks:
${Array.from({ length: CHECKS }, (_, i) => `    - { id: c${i}, service: svc-${i % 10}, request: { url: "\${TARGET}/ok/${i}" }, assert: [{ status: 200 }] }`).join('\n')}
`;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

export async function run(): Promise<Figure[]> {
  const target = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":"UP"}');
  });
  await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
  const t = await startTestHub(workspace, { rateLimitPerSecond: 10_000 }, { TARGET: url });
  try {
    let measuring = false;
    const totals = { all: 0, renderer: 0, deltas: 0, entries: 0, entryBytes: 0, ticks: 0, tickBytes: 0, envelopes: 0, empty: 0, statsOnly: 0 };
    let board: CanaryBoard | null = null;
    const wire = (data: unknown) => (typeof data === 'string' ? Buffer.byteLength(data) : data instanceof ArrayBuffer || ArrayBuffer.isView(data) ? data.byteLength : 0);
    const client = await t.connect(t.adminToken);
    client.io.engine.on('packet', (p: { data?: unknown }) => {
      if (measuring) totals.all += wire(p.data);
    });
    // The renderer's own client, watching the board as a board page does.
    const store = createAppStore();
    const renderer = createHubClient({ store, storage: null, bridge: { hubConnection: async () => ({ url: t.hub.url, token: t.adminToken }) }, pageOrigin: null, retryMs: 200 });
    const stopTransport = startCanaryTransport({ store, hub: renderer, retryMs: 200 });
    renderer.onSocket((socket) =>
      socket?.io.engine.on('packet', (p: { data?: unknown }) => {
        if (measuring) totals.renderer += wire(p.data);
      }),
    );
    await renderer.start();
    store.getState().canaryWatch(1);
    client.on('canaries:delta', (d: CanaryDelta) => {
      const before = board;
      const after = before && applyCanaryDelta(before, d);
      if (before && !after) throw new Error(`delta ${d.seq} does not follow board ${before.seq}`);
      board = after;
      if (!measuring) return;
      totals.envelopes += 1;
      const draws = d.alerts.length > 0 || d.notices.length > 0 || d.removed.length > 0 || after!.entries.some((e, i) => JSON.stringify(e) !== JSON.stringify(before!.entries[i]));
      if (!draws) {
        totals.empty += 1;
        if (d.changed.length === 0 && d.runs.length === 0) totals.statsOnly += 1;
      }
      totals.deltas += bytes(d);
      totals.entries += d.changed.length;
      totals.entryBytes += d.changed.reduce((n, e) => n + bytes(e), 0);
      totals.ticks += d.runs.length;
      totals.tickBytes += d.runs.reduce((n, r) => n + bytes(r), 0);
    });
    const reply = await client.timeout(10_000).emitWithAck('canaries:board', {});
    if (!reply.ok) throw new Error(reply.error.message);
    board = reply.board;
    await sleep(WARMUP_MS);
    if (store.getState().canaries.status !== 'live') throw new Error(`the renderer's board is ${store.getState().canaries.status}`);
    const passing = t.hub.canaries.board().entries.filter((e) => e.status === 'passing').length;
    measuring = true;
    const start = Date.now();
    await sleep(MEASURE_MS);
    measuring = false;
    const s = (Date.now() - start) / 1000;
    const shown = store.getState().canaries.board!.entries.find((e) => e.id === 'c0')!;
    if (Date.now() - (shown.last?.at ?? 0) > 10_000) throw new Error("the renderer's board did not follow the runs");
    stopTransport();
    renderer.stop();
    const runs = CHECKS * (s / 5);
    console.log(`${CHECKS} checks every 5 s, ${passing} passing; two board clients over ${s.toFixed(0)} s (about ${runs.toFixed(0)} runs):`);
    console.log(`  on the wire: ${(totals.all / s).toFixed(0)} B/s to the bare client, ${(totals.renderer / s).toFixed(0)} B/s to the renderer's`);
    console.log(`  the board's deltas (JSON): ${(totals.deltas / s).toFixed(0)} B/s (${(totals.deltas / runs).toFixed(0)} B per run)`);
    console.log(
      `  whole tiles: ${totals.entries} (${(totals.entryBytes / Math.max(1, totals.entries)).toFixed(0)} B each, ${(totals.entryBytes / s).toFixed(0)} B/s); run ticks: ${totals.ticks} (${(totals.tickBytes / Math.max(1, totals.ticks)).toFixed(0)} B each, ${(totals.tickBytes / s).toFixed(0)} B/s)`,
    );
    console.log(
      `  envelopes: ${((totals.envelopes / s) * 60).toFixed(0)} a minute, ${totals.empty} of ${totals.envelopes} empty (${((100 * totals.empty) / Math.max(1, totals.envelopes)).toFixed(1)}%; ${totals.statsOnly} with no tile and no run tick)`,
    );
    return [
      figure('canary-stream', 'delta_envelopes_per_min', (totals.envelopes / s) * 60, '/min'),
      figure('canary-stream', 'empty_delta_envelopes_percent', (100 * totals.empty) / Math.max(1, totals.envelopes), '%'),
      figure('canary-stream', 'board_client_bytes_per_sec_100_checks_5s', totals.all / s, 'B/s'),
      figure('canary-stream', 'renderer_board_bytes_per_sec_100_checks_5s', totals.renderer / s, 'B/s'),
      figure('canary-stream', 'delta_bytes_per_run', totals.deltas / runs, 'bytes'),
      figure('canary-stream', 'whole_tiles_per_sec', totals.entries / s, '/s'),
      figure('canary-stream', 'run_ticks_per_sec', totals.ticks / s, '/s'),
    ];
  } finally {
    await t.close();
    await new Promise<void>((r) => target.close(() => r()));
  }
}
