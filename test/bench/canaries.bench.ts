/**
 * Canary scheduling at scale: 1,000 HTTP checks against a loopback server (in a child process, so
 * its CPU is not the hub's), in a real hub (SQLite, socket.io, one viewer client on the board).
 *
 * Phase 1, the target as specified: 1,000 checks at a 30 s interval (33 runs/s), measured over
 * 90 s = three full intervals, so every check runs three times and the spread of first runs, the
 * steady state and the state changes all happen inside the window. 20 checks start failing at
 * 30 s (503), so some tiles change (failing-unconfirmed → failing-confirmed) and the deltas carry
 * whole entries as well as run ticks.
 * Phase 2, headroom: the same 1,000 checks at a 5 s interval (200 runs/s: the load of 6,000
 * checks at 30 s) for 25 s after one interval of warm-up.
 *
 * Figures: scheduling lag p50/p99/max (how late each run started against its plan; target p99 under
 * 1 s), the hub process's CPU share (process.cpuUsage over the window ÷ wall time; one core = 100%,
 * the in-process test client included), the board's initial load in bytes, and the deltas a client
 * received (count, mean and p95 bytes, bytes per second).
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { CanaryBoardEntry, CanaryDelta } from '../../shared/protocol/canaries.ts';
import { startTestHub } from '../support/hub.ts';
import { figure, percentile, type Figure } from './report.ts';

const CHECKS = 1000;
const FAILING = 20;
const PHASE1_MS = 90_000;
const PHASE2_WARMUP_MS = 5_000;
const PHASE2_MS = 15_000;

/** The loopback target: /ok/N answers 200 JSON; /flip/N answers 503 once flipped. */
const TARGET = `
const http = require('node:http');
let flipped = false;
const ok = JSON.stringify({ status: 'UP', region: 'af-south-1' });
const server = http.createServer((req, res) => {
  if (req.url === '/flip-on') { flipped = true; res.end('on'); return; }
  if (flipped && req.url.startsWith('/flip/')) { res.writeHead(503, { 'content-type': 'application/json' }); res.end('{"error":"unavailable"}'); return; }
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': ok.length }); res.end(ok);
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

function workspace(interval: string): string {
  const checks = Array.from({ length: CHECKS }, (_, i) => {
    const path = i < FAILING ? `flip/${i}` : `ok/${i}`;
    return `    - { id: c${i}, service: svc-${i % 25}, request: { url: "\${TARGET}/${path}" }, assert: [{ status: 200 }, { json: $.status, equals: UP }] }`;
  });
  return `version: 1
title: Canary bench
sources:
  - { id: local, type: scrape, url: "\${TARGET}/metrics", interval: 60s, timeout: 1s }
walls:
  - id: main
    title: Main
    panels:
      - { id: up, title: Up, type: stat, gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: local, query: { metric: up } }
canaries:
  concurrency: 50
  defaults: { interval: ${interval}, timeout: 4s }
  checks:
${checks.join('\n')}
`;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

interface Window {
  start: number;
  lag: number[];
  cpuShare: number;
  deltas: number[];
  changedEntries: number;
  runTicks: number;
  seconds: number;
}

export async function run(): Promise<Figure[]> {
  const child = spawn(process.execPath, ['-e', TARGET], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = Number(await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`target exited with ${code}`)));
    }));
    const target = `http://127.0.0.1:${port}`;
    const t = await startTestHub(workspace('30s'), { rateLimitPerSecond: 10_000 }, { TARGET: target });
    try {
      const client = await t.connect(t.adminToken);
      const deltaSizes: { at: number; size: number; changed: number; runs: number; entryBytes: number[] }[] = [];
      client.on('canaries:delta', (d: CanaryDelta) =>
        deltaSizes.push({ at: Date.now(), size: bytes(d), changed: d.changed.length, runs: d.runs.length, entryBytes: d.changed.map(bytes) }),
      );
      const reply = await client.timeout(30_000).emitWithAck('canaries:board', {});
      if (!reply.ok) throw new Error(reply.error.message);
      const boardBytes = bytes(reply.board);

      const measure = async (ms: number, during?: (elapsed: number) => Promise<void>): Promise<Window> => {
        const start = Date.now();
        const cpu0 = process.cpuUsage();
        const from = deltaSizes.length;
        let fired = false;
        while (Date.now() - start < ms) {
          await sleep(1000);
          if (during && !fired && Date.now() - start >= ms / 3) {
            fired = true;
            await during(Date.now() - start);
          }
        }
        const cpu = process.cpuUsage(cpu0);
        const wall = Date.now() - start;
        const window = deltaSizes.slice(from);
        return {
          start,
          lag: t.hub.canaries.lagSamples(start),
          cpuShare: (cpu.user + cpu.system) / 1000 / wall,
          deltas: window.map((d) => d.size).sort((a, b) => a - b),
          changedEntries: window.reduce((n, d) => n + d.changed, 0),
          runTicks: window.reduce((n, d) => n + d.runs, 0),
          seconds: wall / 1000,
        };
      };

      const p1 = await measure(PHASE1_MS, async () => void (await fetch(`${target}/flip-on`)));
      const boardAfter = await client.timeout(30_000).emitWithAck('canaries:board', {});
      if (!boardAfter.ok) throw new Error(boardAfter.error.message);
      const failingNow = boardAfter.board.entries.filter((e: CanaryBoardEntry) => e.status.startsWith('failing')).length;
      const boardAfterBytes = bytes(boardAfter.board);

      await writeFile(t.workspaceFile, workspace('5s'));
      await t.hub.reloadWorkspace();
      await sleep(PHASE2_WARMUP_MS);
      const p2 = await measure(PHASE2_MS);
      const stats = t.hub.canaries.schedulerStats();

      const report = (name: string, w: Window, checksPerSecond: number) => {
        const mean = w.deltas.length === 0 ? 0 : w.deltas.reduce((a, b) => a + b, 0) / w.deltas.length;
        const total = w.deltas.reduce((a, b) => a + b, 0);
        console.log(`${name}: ${w.lag.length} runs in ${w.seconds.toFixed(0)} s (${(w.lag.length / w.seconds).toFixed(1)}/s, planned ${checksPerSecond.toFixed(1)}/s)`);
        console.log(`  scheduling lag p50 ${percentile(w.lag, 50).toFixed(1)} ms, p99 ${percentile(w.lag, 99).toFixed(1)} ms, max ${(w.lag.at(-1) ?? 0).toFixed(1)} ms`);
        console.log(`  hub CPU ${(w.cpuShare * 100).toFixed(1)}% of one core`);
        console.log(`  deltas to one client: ${w.deltas.length} (${(w.deltas.length / w.seconds).toFixed(1)}/s), mean ${mean.toFixed(0)} B, p95 ${percentile(w.deltas, 95)} B, max ${w.deltas.at(-1) ?? 0} B; ${(total / w.seconds / 1024).toFixed(1)} KiB/s; ${w.changedEntries} changed tiles, ${w.runTicks} run ticks`);
        return { mean, total };
      };
      console.log(`board initial load: ${CHECKS} checks, ${boardBytes.toLocaleString('en-US')} bytes (${(boardBytes / CHECKS).toFixed(0)} B per tile); after phase 1 with 30 runs of history each: ${boardAfterBytes.toLocaleString('en-US')} bytes`);
      const r1 = report('phase 1 (1,000 checks at 30 s)', p1, CHECKS / 30);
      // The last interval of phase 1: every tile has settled (pending → passing, uptime known), the flipped ones are confirming.
      const steady = deltaSizes.filter((d) => d.at >= p1.start + (2 * PHASE1_MS) / 3 && d.at < p1.start + PHASE1_MS);
      const steadySizes = steady.map((d) => d.size).sort((a, b) => a - b);
      const steadyMean = steadySizes.reduce((a, b) => a + b, 0) / Math.max(1, steadySizes.length);
      const entrySizes = steady.flatMap((d) => d.entryBytes);
      const entryMean = entrySizes.reduce((a, b) => a + b, 0) / Math.max(1, entrySizes.length);
      const ticks = steady.reduce((n, d) => n + d.runs, 0);
      console.log(
        `  steady state (60–90 s): ${steady.length} deltas, mean ${steadyMean.toFixed(0)} B, p95 ${percentile(steadySizes, 95)} B, ${(steadySizes.reduce((a, b) => a + b, 0) / (PHASE1_MS / 3000) / 1024).toFixed(1)} KiB/s; ${entrySizes.length} changed tiles (mean ${entryMean.toFixed(0)} B each), ${ticks} run ticks`,
      );
      console.log(`  ${failingNow} tiles failing at the end of phase 1 (${FAILING} targets flipped to 503 at ${(PHASE1_MS / 3000).toFixed(0)} s)`);
      const r2 = report('phase 2 (1,000 checks at 5 s = the load of 6,000 at 30 s)', p2, CHECKS / 5);
      console.log(`  scheduler: ${stats.skipped} runs skipped (a check still running when due), concurrency ${stats.concurrency}`);

      return [
        figure('canaries', 'lag_p99_1000_checks_30s', percentile(p1.lag, 99), 'ms'),
        figure('canaries', 'lag_p50_1000_checks_30s', percentile(p1.lag, 50), 'ms'),
        figure('canaries', 'hub_cpu_1000_checks_30s', p1.cpuShare * 100, '% of a core'),
        figure('canaries', 'board_initial_load_1000_checks', boardBytes, 'bytes'),
        figure('canaries', 'board_load_1000_checks_full_history', boardAfterBytes, 'bytes'),
        figure('canaries', 'delta_mean_30s', r1.mean, 'bytes'),
        figure('canaries', 'delta_mean_30s_steady', steadyMean, 'bytes'),
        figure('canaries', 'changed_tile_mean_bytes', entryMean, 'bytes'),
        figure('canaries', 'delta_p95_30s', percentile(p1.deltas, 95), 'bytes'),
        figure('canaries', 'delta_bytes_per_sec_30s', r1.total / p1.seconds, 'B/s'),
        figure('canaries', 'lag_p99_1000_checks_5s', percentile(p2.lag, 99), 'ms'),
        figure('canaries', 'hub_cpu_1000_checks_5s', p2.cpuShare * 100, '% of a core'),
        figure('canaries', 'delta_bytes_per_sec_5s', r2.total / p2.seconds, 'B/s'),
      ];
    } finally {
      await t.close();
    }
  } finally {
    child.kill('SIGTERM');
  }
}
