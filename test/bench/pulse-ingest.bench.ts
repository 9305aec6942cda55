/**
 * Customer-post ingest on a real hub process (SQLite with synchronous=FULL, one wall subscribed to
 * the pulse): 1,000 posts per second through `POST /api/v1/ingest/posts`, sent open-loop as
 * batches of 100 every 100 ms (a scraper's pace does not wait for the hub), sustained for a minute
 * (PULSE_BENCH_SECONDS to change). Every post is validated, scored, stored and counted in its
 * minute before the answer. Reported: the achieved rate of stored posts, request latency p50/p99,
 * the hub process's CPU (share of one core, from /proc) and its resident memory at the end; and a
 * check that every post sent was stored once and counted in the aggregates.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/events.ts';
import type { IngestPostsReply, PulseSnapshot } from '../../shared/protocol/pulse.ts';
import { freePort, startHubProcess } from '../support/hub-process.ts';
import { figure, percentile, type Figure } from './report.ts';

const RATE = 1000;
const BATCH = 100;
const SECONDS = Number(process.env.PULSE_BENCH_SECONDS ?? 60);
const ADMIN = 'mc_bench-pulse-admin-0123456789abcdefghij';

const TEXTS = [
  'Getting a 403 on the app since kick-off, why does this keep happening @StreamCoHelp',
  'What a goal!! Picture is perfect tonight 😍 #MatchNight',
  'Buffering again, for the third time this half. Sort it out',
  'Stream is fine here in Cape Town, enjoying the game',
  'why does it keep loading since kick off??',
  "Can't log in, says forbidden. Paid for this!!! Want a refund",
  'Audio out of sync with the picture on the TV app',
  'Half-time snacks, back for the second half #RoversVsCity',
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

function rssMb(pid: number | undefined): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? NaN : Number(kb) / 1024;
  } catch {
    return NaN;
  }
}

export async function run(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mc-bench-pulse-'));
  const workspaceFile = join(dir, 'workspace.yaml');
  writeFileSync(
    workspaceFile,
    `version: 1
title: Bench
sources:
  - { id: local, type: scrape, url: "http://127.0.0.1:9/metrics", interval: 60s, timeout: 1s }
walls:
  - id: main
    title: Main
    panels:
      - { id: pulse, title: Pulse, type: pulse, gridPos: { x: 0, y: 0, w: 12, h: 6 } }
pulse:
  feeds: []
`,
  );
  const hub = await startHubProcess({ port: await freePort(), dataDir: join(dir, 'data'), workspaceFile, adminToken: ADMIN, env: { MC_RATE_LIMIT: '100000' } });
  let wall: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
  try {
    wall = io(hub.url, { auth: { token: ADMIN }, transports: ['websocket'], forceNew: true, reconnection: false });
    let updates = 0;
    let postsPushed = 0;
    wall.on('pulse:update', (u) => {
      updates++;
      postsPushed += u.posts.length;
    });
    await new Promise<void>((resolve, reject) => {
      wall!.once('connect', () => resolve());
      wall!.once('connect_error', reject);
    });
    const sub = await wall.emitWithAck('pulse:subscribe', { minutes: 60 });
    if (!sub.ok) throw new Error(sub.error.message);
    const created = await wall.emitWithAck('tokens:create', { name: 'scraper', role: 'viewer', scopes: ['posts'] });
    if (!created.ok) throw new Error(created.error.message);
    const token = created.secret;

    let seq = 0;
    const batch = () =>
      JSON.stringify({
        posts: Array.from({ length: BATCH }, () => {
          const n = seq++;
          return {
            id: String(n),
            source: n % 3 === 0 ? 'x' : n % 3 === 1 ? 'reddit' : 'appstore-ios',
            author: `@user${n % 5000}`,
            text: `${TEXTS[n % TEXTS.length]} (${n})`,
            url: n % 3 === 0 ? `https://x.com/u/status/${n}` : null,
            created_at: new Date().toISOString(),
          };
        }),
      });
    const send = async (body: string): Promise<{ ms: number; reply: IngestPostsReply }> => {
      const t0 = performance.now();
      const res = await fetch(`${hub.url}/api/v1/ingest/posts`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
      if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
      const reply = (await res.json()) as IngestPostsReply;
      return { ms: performance.now() - t0, reply };
    };

    // Warm-up: a few batches (JIT, statement cache).
    for (let i = 0; i < 10; i++) await send(batch());
    const warm = seq;

    const requests = Math.round((SECONDS * RATE) / BATCH);
    const interval = (1000 * BATCH) / RATE;
    const latencies: number[] = [];
    let accepted = 0;
    const inflight: Promise<void>[] = [];
    const cpu0 = cpuMs(hub.child.pid);
    const started = performance.now();
    for (let i = 0; i < requests; i++) {
      const due = started + i * interval;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const body = batch();
      inflight.push(
        send(body).then(({ ms, reply }) => {
          latencies.push(ms);
          accepted += reply.accepted;
        }),
      );
    }
    await Promise.all(inflight);
    const elapsed = performance.now() - started;
    const cpuShare = (cpuMs(hub.child.pid) - cpu0) / elapsed;
    const memory = rssMb(hub.child.pid);
    await sleep(1500); // the last update goes out

    // Every post stored once and counted in its minute.
    const snapshot = (await (await fetch(`${hub.url}/api/v1/pulse?minutes=60&posts=1`, { headers: { authorization: `Bearer ${ADMIN}` } })).json()) as PulseSnapshot;
    const counted = snapshot.minutes.reduce((n, m) => n + m.volume, 0);
    const sent = seq - warm;
    if (accepted !== sent) throw new Error(`sent ${sent} posts, ${accepted} accepted`);
    if (counted !== seq) throw new Error(`sent ${seq} posts, ${counted} counted in the minutes`);

    latencies.sort((a, b) => a - b);
    const rate = accepted / (elapsed / 1000);
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    console.log(`pulse ingest: ${sent} posts in ${(elapsed / 1000).toFixed(1)} s as ${requests} batches of ${BATCH} (target ${RATE}/s)`);
    console.log(`  achieved ${rate.toFixed(0)} posts/s stored and scored; request latency p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`);
    console.log(`  hub CPU ${(cpuShare * 100).toFixed(1)}% of one core; resident memory ${memory.toFixed(0)} MB at the end`);
    console.log(`  every post stored once and counted in the aggregates (${counted}); the wall got ${updates} updates carrying ${postsPushed} posts (bounded to 50 each)`);
    return [
      figure('pulse-ingest', 'posts_per_s', rate, 'posts/s', RATE),
      figure('pulse-ingest', 'request_p50', p50, 'ms'),
      figure('pulse-ingest', 'request_p99', p99, 'ms'),
      figure('pulse-ingest', 'hub_cpu', cpuShare * 100, '% of a core'),
      figure('pulse-ingest', 'hub_rss', memory, 'MB'),
    ];
  } finally {
    wall?.close();
    await hub.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
