/**
 * The scrape adapter against the live demo platform, end to end through a real hub and a real
 * socket.io client: the rates and values the wall receives match the demo's own ground truth.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type DemoHandle } from '../../electron/demo/index.ts';
import { frameKey } from '../../shared/domain/frame-key.ts';
import { scrapeQuerySchema } from '../../shared/model/workspace.ts';
import type { Frame } from '../../shared/model/frame.ts';
import { eventually, startTestHub, type TestHub } from '../support/hub.ts';

interface DemoState {
  nowMs: number;
  rates: Record<string, number>;
  gauges: Record<string, number>;
}

let demo: DemoHandle;
let t: TestHub;
beforeAll(async () => {
  demo = await startDemo({ port: 0, startAtMinutes: 30 }); // first half: steady, busy traffic
  t = await startTestHub(
    `
version: 1
title: Demo truth
sources:
  - { id: demo, type: scrape, url: "${demo.url}/metrics", interval: 500ms, timeout: 400ms }
walls:
  - id: main
    title: Main
    panels:
      - { id: streams, title: Streams, type: stat, gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: demo, query: { metric: mc_concurrent_streams } }
      - { id: api, title: API, type: stat, gridPos: { x: 6, y: 0, w: 6, h: 4 }, source: demo, query: { metric: mc_http_requests_total, match: { service: api }, fn: rate, window: 4s, by: [code] } }
      - { id: p99, title: p99, type: stat, gridPos: { x: 12, y: 0, w: 6, h: 4 }, source: demo, query: { metric: mc_request_duration_seconds, fn: quantile, quantile: 0.99, window: 4s, by: [service] } }
`,
  );
});
afterAll(async () => {
  await t.close();
  await demo.close();
});

const key = (query: Record<string, unknown>) => frameKey('demo', scrapeQuerySchema.parse(query));
const state = async (): Promise<DemoState> => (await fetch(`${demo.url}/demo/state`)).json();
const latest = (frame: Frame, labels: Record<string, string> = {}) =>
  frame.series.find((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.points.at(-1)?.[1];

describe('scrape adapter on the demo platform', () => {
  it('delivers concurrent streams equal to the demo\'s own gauges', async () => {
    const socket = await t.connect(t.adminToken);
    const streamsKey = key({ metric: 'mc_concurrent_streams' });
    const frames = new Map<string, Frame>();
    socket.on('frames:delta', (deltas) => deltas.forEach((d) => d.series.length && frames.set(d.key, { key: d.key, series: d.series, meta: d.meta })));
    await socket.emitWithAck('frames:subscribe', { keys: [streamsKey] });
    const frame = await eventually('a streams value', () => frames.get(streamsKey));
    const truth = await state();
    const expected = Object.entries(truth.gauges).filter(([k]) => k.startsWith('mc_concurrent_streams{')).reduce((sum, [, v]) => sum + v, 0);
    // The demo's gauges move smoothly; the scrape is at most one interval older than /demo/state.
    expect(latest(frame)).toBeGreaterThan(100_000);
    expect(Math.abs(latest(frame)! - expected) / expected).toBeLessThan(0.01);
  });

  it('computes request rates by code that match the demo\'s true rates', async () => {
    const apiKey = key({ metric: 'mc_http_requests_total', match: { service: 'api' }, fn: 'rate', window: '4s', by: ['code'] });
    // The true rate averaged over the same window the hub's rate covers.
    const samples: DemoState[] = [];
    const sampler = setInterval(() => void state().then((s) => samples.push(s)), 200);
    await new Promise((r) => setTimeout(r, 5000));
    clearInterval(sampler);
    const res = await t.http(`/api/v1/frames?key=${encodeURIComponent(apiKey)}`, { token: t.adminToken });
    const frame = (await res.json()) as Frame;
    const windowStart = Date.now() - 4000;
    const inWindow = samples.filter((s) => s.nowMs >= windowStart);
    expect(inWindow.length).toBeGreaterThan(10);
    for (const code of ['200', '500']) {
      const truth =
        inWindow.map((s) => Object.entries(s.rates).filter(([k]) => k.startsWith('mc_http_requests_total{') && k.includes(`code="${code}"`) && k.includes('service="api"')).reduce((sum, [, v]) => sum + v, 0)).reduce((a, b) => a + b, 0) /
        inWindow.length;
      const hub = latest(frame, { code })!;
      expect(truth).toBeGreaterThan(0);
      // Counters are exposed as whole numbers, so a small rate carries rounding; 1% (5% for the rare 500s) covers it.
      expect(Math.abs(hub - truth) / truth, `code ${code}: hub ${hub}/s, demo ${truth}/s`).toBeLessThan(code === '200' ? 0.01 : 0.05);
    }
  });

  it('derives p99 latency per service inside the histogram\'s buckets', async () => {
    const p99Key = key({ metric: 'mc_request_duration_seconds', fn: 'quantile', quantile: 0.99, window: '4s', by: ['service'] });
    const frame = await eventually('p99 values', async () => {
      const f = (await (await t.http(`/api/v1/frames?key=${encodeURIComponent(p99Key)}`, { token: t.adminToken })).json()) as Frame;
      return f.series.length === 4 ? f : undefined;
    });
    for (const s of frame.series) {
      const v = s.points.at(-1)![1];
      expect(v, s.name).toBeGreaterThan(0.005);
      expect(v, s.name).toBeLessThanOrEqual(5);
    }
    expect(frame.series.map((s) => s.labels.service).sort()).toEqual(['api', 'entitlement', 'login', 'playback']);
  });
});
