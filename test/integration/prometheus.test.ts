/**
 * The Prometheus source against a real Prometheus server scraping the demo platform: for rate,
 * sum by and histogram_quantile queries, the values the hub serves to a socket.io client equal what
 * Prometheus's own API returns for the same query at the same time. PromQL errors reach the
 * panel in Prometheus's words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type DemoHandle } from '../../electron/demo/index.ts';
import { frameKey } from '../../shared/domain/frame-key.ts';
import { promQuerySchema } from '../../shared/model/workspace.ts';
import type { FrameDelta } from '../../shared/model/frame.ts';
import { startPrometheus, type RealPrometheus } from '../support/prometheus.ts';
import { eventually, startTestHub, type TestHub } from '../support/hub.ts';

const QUERIES = {
  rate: 'sum(rate(mc_http_requests_total{service="entitlement"}[30s]))',
  byCode: 'sum by (code) (rate(mc_http_requests_total[30s]))',
  p99: 'histogram_quantile(0.99, sum by (le, service) (rate(mc_request_duration_seconds_bucket[30s])))',
  streams: 'sum by (region) (mc_concurrent_streams)',
  broken: 'sum(rate(mc_http_requests_total[30s])', // missing parenthesis
} as const;

let demo: DemoHandle;
let prometheus: RealPrometheus;
let t: TestHub;

beforeAll(async () => {
  demo = await startDemo({ port: 0, startAtMinutes: 30 });
  prometheus = await startPrometheus([new URL(demo.url).host]);
  // Wait until Prometheus holds enough samples for a 30 s rate.
  await eventually('Prometheus to have rates', async () => (await prometheus.query(QUERIES.rate, Date.now() / 1000)).length > 0, 30_000);
  const panels = Object.entries(QUERIES)
    .map(([id, expr], i) => `      - { id: ${id.toLowerCase()}, title: ${id}, type: timeseries, gridPos: { x: ${i}, y: 0, w: 1, h: 1 }, source: prom, query: { expr: ${JSON.stringify(expr)} } }`)
    .join('\n');
  t = await startTestHub(`
version: 1
title: Prometheus
sources:
  - { id: prom, type: prometheus, url: "${prometheus.url}", interval: 1s, timeout: 900ms }
walls:
  - id: main
    title: Main
    panels:
${panels}
`);
}, 60_000);

afterAll(async () => {
  await t?.close();
  await prometheus?.close();
  await demo?.close();
});

const keyOf = (expr: string) => frameKey('prom', promQuerySchema.parse({ expr }));
const labelsKey = (labels: Record<string, string>) => JSON.stringify(Object.entries(labels).sort());

describe('Prometheus source on a real Prometheus', () => {
  it('serves the same values Prometheus returns for the same query and time', async () => {
    const socket = await t.connect(t.adminToken);
    const deltas: FrameDelta[] = [];
    socket.on('frames:delta', (d) => deltas.push(...d));
    const keys = [QUERIES.rate, QUERIES.byCode, QUERIES.p99, QUERIES.streams].map(keyOf);
    expect((await socket.emitWithAck('frames:subscribe', { keys })).ok).toBe(true);

    // A sample Prometheus ingests a few ms after the hub's query (stamped before the query time)
    // can change a later answer for the same time, so each query must match exactly on at
    // least 3 of its first 4 points rather than on every one.
    for (const expr of [QUERIES.rate, QUERIES.byCode, QUERIES.p99, QUERIES.streams]) {
      const points = await eventually(`4 values for ${expr}`, () => {
        const found = deltas.filter((d) => d.key === keyOf(expr) && d.series.length > 0);
        return found.length >= 4 ? found.slice(0, 4) : undefined;
      });
      let matches = 0;
      for (const delta of points) {
        const at = delta.series[0]!.points[0]![0];
        const truth = await prometheus.query(expr, at / 1000);
        const expected = new Map(truth.map((r) => [labelsKey(r.metric), Number(r.value[1])]));
        const served = new Map(delta.series.map((s) => [labelsKey(s.labels), s.points[0]![1]]));
        expect([...served.keys()].sort(), expr).toEqual([...expected.keys()].sort());
        const same = [...expected].every(([labels, value]) =>
          Number.isNaN(value) ? Number.isNaN(served.get(labels)!) : Math.abs(served.get(labels)! - value) <= 1e-9 * Math.max(1, Math.abs(value)),
        );
        if (same) matches++;
      }
      expect(matches, expr).toBeGreaterThanOrEqual(3);
    }
  });

  it('shows a PromQL error in Prometheus\'s words, not as "no data", and other panels carry on', async () => {
    const key = keyOf(QUERIES.broken);
    const frame = await eventually('the error', async () => {
      const f = await (await t.http(`/api/v1/frames?key=${encodeURIComponent(key)}`, { token: t.adminToken })).json();
      return f.meta?.lastError ? f : undefined;
    });
    expect(frame.meta.lastError).toContain(`Prometheus refused "${QUERIES.broken}"`);
    expect(frame.meta.lastError).toMatch(/parse error/);
    const ok = await (await t.http(`/api/v1/frames?key=${encodeURIComponent(keyOf(QUERIES.rate))}`, { token: t.adminToken })).json();
    expect(ok.meta.lastError).toBeNull();
  });
});
