/**
 * Incident entries on a real hub process with durable commits (synchronous=FULL):
 * - latency from a console's send to the entry's arrival on each of 100 connected walls, p50 and
 *   p99 on loopback (target: p99 under 100 ms), at a busy scribe's pace;
 * - acknowledged entries per second, one console sending sequentially (each waits for its ack)
 *   and five doing so in parallel, with and without the 100 walls receiving every entry.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { ulid } from 'ulid';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/events.ts';
import { freePort, startHubProcess } from '../support/hub-process.ts';
import { figure, percentile, type Figure } from './report.ts';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

const WALLS = 100;
const LATENCY_RATE = 20; // entries per second: a very busy scribe
const LATENCY_MS = 10_000;
const THROUGHPUT_MS = 5_000;
const ADMIN = 'mc_bench-incidents-admin-0123456789abcdef';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** CPU time (user + system) a process has used, in ms, where /proc says (Linux, 100 ticks/s); else NaN. */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

function connect(url: string, token: string): Promise<Client> {
  const socket: Client = io(url, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

export async function run(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mc-bench-incidents-'));
  const metrics = createServer((_req, res) => res.end('up 1\n'));
  await new Promise<void>((r) => metrics.listen(0, '127.0.0.1', r));
  const workspaceFile = join(dir, 'workspace.yaml');
  writeFileSync(
    workspaceFile,
    `version: 1
title: Bench
sources:
  - { id: local, type: scrape, url: "http://127.0.0.1:${(metrics.address() as AddressInfo).port}/metrics", interval: 60s, timeout: 1s }
walls:
  - id: main
    title: Main
    panels:
      - { id: up, title: Up, type: stat, gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: local, query: { metric: up } }
`,
  );
  // The hub in its own process, as in production, so the walls below do not share its event loop.
  const hub = await startHubProcess({ port: await freePort(), dataDir: join(dir, 'data'), workspaceFile, adminToken: ADMIN, env: { MC_RATE_LIMIT: '100000' } });
  const sockets: Client[] = [];
  try {
    const admin = await connect(hub.url, ADMIN);
    sockets.push(admin);
    const token = async (role: 'viewer' | 'responder', name: string) => {
      const created = await admin.emitWithAck('tokens:create', { name, role });
      if (!created.ok) throw new Error(created.error.message);
      return created.secret;
    };
    const consoles: Client[] = [];
    for (let i = 1; i <= 5; i++) consoles.push(await connect(hub.url, await token('responder', `console ${i}`)));
    sockets.push(...consoles);
    const declared = await consoles[0]!.emitWithAck('incident:declare', { id: ulid(), title: 'Bench incident', severity: 1, author: 'ann', console: 'console 1' });
    if (!declared.ok) throw new Error(declared.error.message);
    const incidentId = declared.incident.id;
    const note = (n: number, console: string) => ({ id: ulid(), incidentId, kind: 'note' as const, text: `entry ${n}`, occurredAt: Date.now(), author: 'ann', console, data: {} });

    // ---- latency to 100 walls ----
    const wallSecret = await token('viewer', 'walls');
    const walls = await Promise.all(Array.from({ length: WALLS }, () => connect(hub.url, wallSecret)));
    sockets.push(...walls);
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    let recording = false;
    for (const wall of walls) {
      wall.on('incident:entry', (entry) => {
        const at = sentAt.get(entry.id);
        if (recording && at !== undefined) latencies.push(performance.now() - at);
      });
    }
    const pace = async (ms: number) => {
      const deadline = Date.now() + ms;
      let n = 0;
      while (Date.now() < deadline) {
        const entry = note(n++, 'console 1');
        sentAt.set(entry.id, performance.now());
        consoles[0]!.emit('incident:command', entry, () => {});
        await sleep(1000 / LATENCY_RATE);
      }
    };
    await pace(1000); // warm up
    recording = true;
    await pace(LATENCY_MS);
    await sleep(500);
    recording = false;
    latencies.sort((a, b) => a - b);

    // ---- acknowledged entries per second ----
    /** Entries acked per second, and how busy the hub process was meanwhile (1 = one core flat out). */
    const sequential = async (senders: Client[], ms: number) => {
      let acked = 0;
      const deadline = performance.now() + ms;
      const started = performance.now();
      const cpuBefore = cpuMs(hub.child.pid);
      await Promise.all(
        senders.map(async (socket, i) => {
          let n = 0;
          while (performance.now() < deadline) {
            const ack = await socket.emitWithAck('incident:command', note(n++, `console ${i + 1}`));
            if (!ack.ok) throw new Error(ack.error.message);
            acked++;
          }
        }),
      );
      const elapsed = performance.now() - started;
      return { rate: acked / (elapsed / 1000), hubBusy: (cpuMs(hub.child.pid) - cpuBefore) / elapsed };
    };
    const show = ({ rate, hubBusy }: { rate: number; hubBusy: number }) => `${rate.toFixed(0)}/s (hub ${(hubBusy * 100).toFixed(0)}% busy)`;
    const oneWithWalls = await sequential(consoles.slice(0, 1), THROUGHPUT_MS);
    const fiveWithWalls = await sequential(consoles, THROUGHPUT_MS);
    for (const wall of walls) wall.close();
    await sleep(500);
    const one = await sequential(consoles.slice(0, 1), THROUGHPUT_MS);
    const five = await sequential(consoles, THROUGHPUT_MS);

    const p = (q: number) => percentile(latencies, q);
    const expected = Math.round((LATENCY_MS / 1000) * LATENCY_RATE * WALLS);
    console.log(`incident entry to ${WALLS} walls (${LATENCY_RATE} entries/s for ${LATENCY_MS / 1000} s): ${latencies.length} of ~${expected} deliveries; p50 ${p(50).toFixed(1)} ms, p99 ${p(99).toFixed(1)} ms, max ${p(100).toFixed(1)} ms (target p99 < 100 ms)`);
    console.log(`acked entries/s, durable commits, with ${WALLS} walls receiving: 1 console ${show(oneWithWalls)}, 5 consoles ${show(fiveWithWalls)}`);
    console.log(`acked entries/s, durable commits, no walls:              1 console ${show(one)}, 5 consoles ${show(five)}`);
    return [
      figure('incident-entry', 'p50_to_100_walls', p(50), 'ms'),
      figure('incident-entry', 'p99_to_100_walls', p(99), 'ms'),
      figure('incident-entry', 'deliveries', latencies.length, 'count'),
      figure('incident-entry', 'acked_per_s_1_console_100_walls', oneWithWalls.rate, 'entries/s'),
      figure('incident-entry', 'acked_per_s_5_consoles_100_walls', fiveWithWalls.rate, 'entries/s'),
      figure('incident-entry', 'acked_per_s_1_console', one.rate, 'entries/s'),
      figure('incident-entry', 'acked_per_s_5_consoles', five.rate, 'entries/s'),
    ];
  } finally {
    for (const s of sockets) s.close();
    await hub.stop();
    await new Promise<void>((r) => metrics.close(() => r()));
    rmSync(dir, { recursive: true, force: true });
  }
}
