/**
 * The canary board page in Chromium (the built UI, dist/renderer: run `npm run build` first) fed
 * by a stand-in hub on loopback that speaks the real protocol (hello, `canaries:board`,
 * `canaries:delta`), so only the page is measured.
 *
 * Figures, each for 1,000 checks beside 100 checks (the ratio says how the page scales):
 * - time to first render: navigation start → the first canary row in the DOM (the board arrives
 *   over the socket after hello);
 * - per-delta update: a delta that turns one more check failing-confirmed (it moves to the top)
 *   and carries 200 run ticks, emitted → its row shows the new state (p50, p99), and the main
 *   thread's task time per delta (Chrome's Performance.getMetrics TaskDuration with a delta every
 *   100 ms, minus the same span idle, ÷ deltas).
 * BENCH_PROFILE=1 also prints, for the deltas at each size, the page's hottest functions and
 * where the main thread went (a Chrome trace: script, style, layout, paint…).
 * CANARY_BOARD_LARGE=N measures N checks instead of 1,000 beside the 100 (e.g. 10,000: the cost of
 * a delta should not grow with the board).
 * CANARY_BOARD_UI=DIR serves another build than dist/renderer (e.g. `vite build --minify false` to profile).
 * CANARY_BOARD_BEFORE=DIR also measures another build of the UI (e.g. a copy of dist/renderer
 * made before a change) in the same run, so a before/after comparison shares the machine's load.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server as HttpServer } from 'node:http';
import { extname, join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { Server } from 'socket.io';
import type { CanaryBoard, CanaryBoardEntry, CanaryDelta, HistoryPoint, RunTick } from '../../shared/protocol/canaries.ts';
import type { ClientToServerEvents, HubHello, ServerToClientEvents } from '../../shared/protocol/events.ts';
import { figure, percentile, type Figure } from './report.ts';

const UI_DIR = process.env.CANARY_BOARD_UI ?? join(import.meta.dirname, '..', '..', 'dist', 'renderer');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
const DELTAS = 60;
const LARGE = Number(process.env.CANARY_BOARD_LARGE ?? 1000);
const TICKS_PER_DELTA = 200;

function entry(i: number, now: number): CanaryBoardEntry {
  const runs: HistoryPoint[] = Array.from({ length: 30 }, (_, k) => [(29 - k) * 30_000, 'p', 40 + ((i + k) % 20)]);
  return {
    id: `c-${String(i).padStart(4, '0')}`,
    kind: 'check',
    name: `Check ${i}: GET /api/resource/${i}`,
    description: null,
    runbook: null,
    service: `service-${i % 25}`,
    journey: `journey-${i % 7}`,
    critical: i % 50 === 0,
    configured: true,
    target: `GET https://api.example.com/resource/${i}`,
    intervalMs: 30_000,
    status: 'passing',
    health: 'passing',
    progress: null,
    failingSince: null,
    confirmedAt: null,
    recovered: null,
    lastResultAt: now,
    last: {
      at: now,
      outcome: 'pass',
      classification: null,
      message: null,
      latencyMs: 48,
      attempts: 1,
      retried: false,
      timings: { dnsMs: 1, connectMs: 3, tlsMs: 8, firstByteMs: 30, transferMs: 6, totalMs: 48 },
      lagMs: 2,
      failed: [],
      junit: null,
    },
    history: { end: now, max: 30, runs },
    ack: null,
    maintenance: null,
    nextMaintenance: null,
    lastDigest: null,
    uptime: { uptime: 1, passRatio: 1, windowMs: 86_400_000 },
    cert: null,
  };
}

interface StandIn {
  url: string;
  io: Server<ClientToServerEvents, ServerToClientEvents>;
  board: CanaryBoard;
  close(): Promise<void>;
}

/** Serve the built UI and a hub that knows only the canary board (and says "nothing" to the rest). */
async function standIn(checks: number, uiDir: string): Promise<StandIn> {
  const now = Date.now();
  const board: CanaryBoard = {
    seq: 1,
    at: now,
    entries: Array.from({ length: checks }, (_, i) => entry(i, now)),
    scheduler: { checks, running: 0, queued: 0, concurrency: 50, lagMs: { p50: 2, p99: 9, max: 20, samples: 1000 }, skipped: 0, runs: 1000 },
    notices: [],
  };
  const http: HttpServer = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = join(uiDir, path === '/' ? 'index.html' : path);
    readFile(file).then(
      (body) => {
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
        res.end(body);
      },
      () => {
        res.writeHead(404);
        res.end();
      },
    );
  });
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(http);
  io.on('connection', (socket) => {
    const hello: HubHello = { version: 'bench', role: 'admin', tokenName: 'bench', serverTime: Date.now(), workspace: { workspace: null, issues: null, loadedAt: null } };
    socket.emit('hub:hello', hello);
    socket.on('canaries:board', (_req, ack) => {
      void socket.join('canaries');
      ack({ ok: true, board });
    });
    socket.on('canaries:unsubscribe', (_req, ack) => ack({ ok: true }));
    socket.on('incident:sync', (_req, ack) => ack({ ok: true, entries: [], more: false } as never));
    socket.on('incidents:list', (_req, ack) => ack({ ok: true, incidents: [] }));
    socket.on('changes:list', (_req, ack) => ack({ ok: true, changes: [] }));
    socket.on('frames:subscribe', (_req, ack) => ack({ ok: true, frames: [] }));
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
  return { url, io, board, close: () => new Promise<void>((r) => void io.close(() => r())) };
}

interface Measured {
  firstRenderMs: number;
  latencies: number[];
  taskMsPerDelta: number;
}

/** Top-level main-thread trace events by name (ms), the nested ones not counted twice. */
interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  tid: number;
  pid: number;
  ts: number;
  args?: { beginData?: { dirtyObjects?: number; totalObjects?: number }; elementCount?: number };
}

function traceBreakdown(events: readonly TraceEvent[], rendererTid: { pid: number; tid: number }): string[] {
  const mine = events.filter((e) => e.ph === 'X' && e.pid === rendererTid.pid && e.tid === rendererTid.tid && e.dur !== undefined).sort((a, b) => a.ts - b.ts);
  // Self time per event name: each event's duration minus its direct children's.
  const self = new Map<string, number>();
  const count = new Map<string, number>();
  /** Objects laid out, elements restyled: how much of the page each delta touched. */
  const touched = new Map<string, number>();
  const stack: { end: number; name: string }[] = [];
  for (const e of mine) {
    count.set(e.name, (count.get(e.name) ?? 0) + 1);
    const n = e.args?.beginData?.dirtyObjects ?? e.args?.elementCount;
    if (n !== undefined) touched.set(e.name, (touched.get(e.name) ?? 0) + n);
    while (stack.length > 0 && stack.at(-1)!.end <= e.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - e.dur! / 1000);
    self.set(e.name, (self.get(e.name) ?? 0) + e.dur! / 1000);
    stack.push({ end: e.ts + e.dur!, name: e.name });
  }
  return [...self]
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([name, v]) => `${v.toFixed(0)} ms ${name} ×${count.get(name)}${touched.has(name) ? ` (${touched.get(name)} objects)` : ''}`);
}

async function measure(browser: Browser, checks: number, uiDir = UI_DIR): Promise<Measured> {
  const hub = await standIn(checks, uiDir);
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  try {
    const page = await context.newPage();
    await page.goto(`${hub.url}/#/login?token=bench-token`);
    await page.waitForFunction(() => window.location.hash !== '' && !window.location.hash.startsWith('#/login'));
    // Watch from the very start of the next document: the first row, and each row that turns failing
    // (a row's DOM may be reused for another canary: its test id changes with it).
    await page.addInitScript(() => {
      const w = window as unknown as { __firstRow: number | null; __failed: Record<string, number> };
      w.__firstRow = null;
      w.__failed = {};
      const watch = () =>
        new MutationObserver(() => {
          if (w.__firstRow === null && document.querySelector('[data-testid^="canary-c-"]')) w.__firstRow = performance.now();
          for (const el of document.querySelectorAll('[data-status="failing-confirmed"][data-testid^="canary-c-"]')) {
            const id = el.getAttribute('data-testid')!;
            w.__failed[id] ??= Date.now();
          }
        }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status', 'data-testid'] });
      watch();
    });
    // A new document (not a hash change), so the watcher and performance.now() start with it.
    await page.goto(`${hub.url}/?board#/canaries`);
    await page.waitForFunction(() => (window as unknown as { __firstRow: number | null }).__firstRow !== null, undefined, { timeout: 60_000 });
    const firstRenderMs = await page.evaluate(() => (window as unknown as { __firstRow: number }).__firstRow);
    await page.waitForTimeout(500);

    let seq = hub.board.seq;
    const now = Date.now();
    const makeDelta = (k: number): { delta: CanaryDelta; id: string } => {
      const victim = entry((k * 37) % checks, now);
      const at = Date.now();
      // Each failing longer than the last: it sorts (and its group) to the top, inside the window.
      const changed: CanaryBoardEntry = {
        ...victim,
        status: 'failing-confirmed',
        health: 'failing-confirmed',
        failingSince: now - 60_000 * (k + 1),
        confirmedAt: at,
        last: { ...victim.last!, outcome: 'fail', classification: 'http-status', message: 'expected status 200, got 503', failed: [{ step: null, assertion: 'status is 200', ok: false, expected: '200', actual: '503' }] },
      };
      const runs: RunTick[] = Array.from({ length: TICKS_PER_DELTA }, (_, j) => [entry((k * 7 + j * 5 + 1) % checks, now).id, at + j, 'p', 50]);
      return { id: `canary-${changed.id}`, delta: { seq: ++seq, at, changed: [changed], runs: runs.filter(([id]) => id !== changed.id), removed: [], alerts: [], notices: [] } };
    };

    // Latency: one delta at a time, emitted → its row shows the new state (seen by the in-page observer).
    const latencies: number[] = [];
    for (let k = 0; k < DELTAS; k++) {
      const { delta, id } = makeDelta(k);
      hub.io.to('canaries').emit('canaries:delta', delta);
      await page.waitForFunction((rowId) => (window as unknown as { __failed: Record<string, number> }).__failed[rowId] !== undefined, id, { timeout: 10_000 });
      const seenAt = await page.evaluate((rowId) => (window as unknown as { __failed: Record<string, number> }).__failed[rowId]!, id);
      latencies.push(seenAt - delta.at);
    }

    // Cost: the page's main-thread task time with a delta every 100 ms, minus the same span idle (nothing polls meanwhile).
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const taskTime = async () => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
    const spanMs = DELTAS * 100;
    const idle0 = await taskTime();
    await new Promise((r) => setTimeout(r, spanMs));
    const idle = (await taskTime()) - idle0;
    const busy0 = await taskTime();
    const profiling = process.env.BENCH_PROFILE === '1' && checks >= 100;
    const traceEvents: TraceEvent[] = [];
    let traced: Promise<void> = Promise.resolve();
    if (profiling) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
      cdp.on('Tracing.dataCollected', (data) => void traceEvents.push(...(data.value as unknown as TraceEvent[])));
      traced = new Promise((r) => cdp.once('Tracing.tracingComplete', () => r()));
      await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
    }
    for (let k = DELTAS; k < 2 * DELTAS; k++) {
      hub.io.to('canaries').emit('canaries:delta', makeDelta(k).delta);
      await new Promise((r) => setTimeout(r, 100));
    }
    await page.waitForFunction((n) => Object.keys((window as unknown as { __failed: Record<string, number> }).__failed).length >= n, Math.min(checks, 2 * DELTAS), { timeout: 10_000 }).catch(() => undefined);
    const busy = (await taskTime()) - busy0;
    if (profiling) {
      const { profile } = await cdp.send('Profiler.stop');
      const self = new Map<string, number>();
      const dt = new Map<number, number>();
      profile.samples?.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0)));
      for (const n of profile.nodes) {
        const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
        self.set(key, (self.get(key) ?? 0) + (dt.get(n.id) ?? 0) / 1000);
      }
      console.log(`-- ${checks} checks, ${DELTAS} deltas: hottest functions (self ms)`);
      console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${v.toFixed(0)} ms ${k}`).join('\n'));
      await cdp.send('Tracing.end');
      await traced;
      // The page's main thread: the thread that ran the most FunctionCall time.
      const perThread = new Map<string, number>();
      for (const e of traceEvents) if (e.name === 'FunctionCall' && e.dur) perThread.set(`${e.pid}:${e.tid}`, (perThread.get(`${e.pid}:${e.tid}`) ?? 0) + e.dur);
      const main = [...perThread].sort((a, b) => b[1] - a[1])[0]?.[0];
      if (main) {
        const [pid, tid] = main.split(':').map(Number) as [number, number];
        console.log(`-- ${checks} checks: main thread by trace event (self ms over ${DELTAS} deltas)`);
        console.log(traceBreakdown(traceEvents, { pid, tid }).slice(0, 12).join('\n'));
      }
    }
    const taskMsPerDelta = Math.max(0, busy - idle) / DELTAS;
    return { firstRenderMs, latencies: latencies.sort((a, b) => a - b), taskMsPerDelta };
  } finally {
    await context.close();
    await hub.close();
  }
}

function figures(label: string, small: Measured, large: Measured): Figure[] {
  for (const [n, m] of [[100, small], [LARGE, large]] as const) {
    console.log(
      `${label}${n} checks: first render ${m.firstRenderMs.toFixed(0)} ms after navigation; delta → row ${percentile(m.latencies, 50).toFixed(0)} ms p50, ${percentile(m.latencies, 99).toFixed(0)} ms p99; main-thread task time ${m.taskMsPerDelta.toFixed(1)} ms per delta`,
    );
  }
  return [
    figure('canary-board', `${label}first render, ${LARGE.toLocaleString('en')} checks (100 checks = baseline)`, large.firstRenderMs, 'ms', small.firstRenderMs),
    figure('canary-board', `${label}delta to row p50, ${LARGE.toLocaleString('en')} checks (100 = baseline)`, percentile(large.latencies, 50), 'ms', percentile(small.latencies, 50)),
    figure('canary-board', `${label}delta to row p99, ${LARGE.toLocaleString('en')} checks (100 = baseline)`, percentile(large.latencies, 99), 'ms', percentile(small.latencies, 99)),
    figure('canary-board', `${label}main-thread task time per delta, ${LARGE.toLocaleString('en')} checks (100 = baseline)`, large.taskMsPerDelta, 'ms', small.taskMsPerDelta),
  ];
}

export async function run(): Promise<Figure[]> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const before = process.env.CANARY_BOARD_BEFORE;
  try {
    // Warm-up (the browser's first page pays for compiling the bundle).
    await measure(browser, 10);
    if (!before) return figures('', await measure(browser, 100), await measure(browser, LARGE));
    // Interleaved, so both builds see the same load.
    await measure(browser, 10, before);
    const beforeSmall = await measure(browser, 100, before);
    const small = await measure(browser, 100);
    const beforeLarge = await measure(browser, LARGE, before);
    const large = await measure(browser, LARGE);
    return [...figures('before: ', beforeSmall, beforeLarge), ...figures('', small, large)];
  } finally {
    await browser.close();
  }
}
