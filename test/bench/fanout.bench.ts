/**
 * Hub fan-out: 200 socket.io clients on loopback subscribed to one panel. A frame update's
 * delivery latency (point time on the hub → arrival at each client), p50 and p99, beside a bare
 * socket.io broadcast of the same payload measured the same way in the same run.
 * Target: p99 under 50 ms and within 1.5× of the bare broadcast.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import { frameKey } from '../../shared/domain/frame-key.ts';
import type { FrameDelta } from '../../shared/model/frame.ts';
import { figure, percentile, type Figure } from './report.ts';

const CLIENTS = 200;
const SAMPLE_MS = 10_000;
const KEY = frameKey('bench', { metric: 'bench_value', fn: 'value', window: 60000, aggregate: 'sum' });

async function measure(mode: 'hub' | 'bare'): Promise<number[]> {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./fanout-server.ts', import.meta.url)), mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
    });
    const { port, token } = JSON.parse(line) as { port: number; token: string };
    const sockets: Socket[] = [];
    const latencies: number[] = [];
    let recording = false;
    for (let i = 0; i < CLIENTS; i++) {
      const socket = io(`http://127.0.0.1:${port}`, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
      sockets.push(socket);
      socket.on('frames:delta', (deltas: FrameDelta[]) => {
        const now = Date.now();
        if (!recording) return;
        for (const d of deltas) for (const s of d.series) for (const [at] of s.points) latencies.push(now - at);
      });
    }
    await Promise.all(sockets.map((s) => new Promise<void>((r) => (s.connected ? r() : s.once('connect', () => r())))));
    await Promise.all(sockets.map((s) => s.timeout(10_000).emitWithAck('frames:subscribe', { keys: [KEY] })));
    await new Promise((r) => setTimeout(r, 1000)); // warm up
    recording = true;
    await new Promise((r) => setTimeout(r, SAMPLE_MS));
    recording = false;
    for (const s of sockets) s.close();
    return latencies.sort((a, b) => a - b);
  } finally {
    child.kill('SIGTERM');
  }
}

export async function run(): Promise<Figure[]> {
  const bare = await measure('bare');
  const hub = await measure('hub');
  const p = (xs: number[], q: number) => percentile(xs, q);
  console.log(`hub fan-out to ${CLIENTS} clients: ${hub.length} deliveries; p50 ${p(hub, 50)} ms, p99 ${p(hub, 99)} ms`);
  console.log(`bare socket.io broadcast:      ${bare.length} deliveries; p50 ${p(bare, 50)} ms, p99 ${p(bare, 99)} ms`);
  return [
    figure('hub-fanout', 'p50_delivery', p(hub, 50), 'ms', p(bare, 50)),
    figure('hub-fanout', 'p99_delivery', p(hub, 99), 'ms', p(bare, 99)),
    figure('hub-fanout', 'deliveries', hub.length, 'count', bare.length),
  ];
}
