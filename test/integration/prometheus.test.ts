/**
 * The Prometheus source against a real Prometheus server scraping the demo platform: for rate,
 * sum by and histogram_quantile queries, the values the hub serves to a socket.io client equal what
 * Prometheus's own API returns for the same query at the same time. PromQL errors reach the
 * panel in Prometheus's words. A timeseries panel gets Prometheus's range answer at a step
 * aligned to its width; the query endpoint answers as a panel would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type DemoHandle } from '../../electron/demo/index.ts';
import { frameKey } from '../../shared/domain/frame-key.ts';
import { alignedStep, panelFrameKey, pointsBudget } from '../../shared/domain/panel-query.ts';
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
    .map(([id, expr], i) => `      - { id: ${id.toLowerCase()}, title: ${id}, type: stat, gridPos: { x: ${i}, y: 0, w: 1, h: 1 }, source: prom, query: { expr: ${JSON.stringify(expr)} } }`)
    .join('\n');
  // A 2-minute chart a quarter of the wall wide: 240 points budget → a 1 s step.
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
      - { id: chart, title: Chart, type: timeseries, span: 2m, gridPos: { x: 0, y: 1, w: 6, h: 4 }, source: prom, query: { expr: ${JSON.stringify(QUERIES.byCode)} } }
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

describe('range queries for timeseries panels', () => {
  it('fills a timeseries panel from query_range at a step aligned to its width, equal to Prometheus\'s own answer', async () => {
    const panel = { type: 'timeseries' as const, source: 'prom', query: promQuerySchema.parse({ expr: QUERIES.byCode }), gridPos: { x: 0, y: 1, w: 6, h: 4 }, span: 120_000 };
    expect(pointsBudget(panel)).toBe(240);
    const step = alignedStep(120_000, 240);
    expect(step).toBe(1000);
    const key = panelFrameKey(panel);
    const frame = await eventually('a range frame', async () => {
      const f = await (await t.http(`/api/v1/frames?key=${encodeURIComponent(key)}`, { token: t.adminToken })).json();
      return f.series?.length > 0 && f.series[0].points.length > 8 ? f : undefined;
    }, 20_000);
    for (const s of frame.series as { labels: Record<string, string>; points: [number, number][] }[]) {
      // Every point sits on the step grid, in order, none repeated.
      for (const [i, [at]] of s.points.entries()) {
        expect(at % step).toBe(0);
        if (i > 0) expect(at).toBeGreaterThan(s.points[i - 1]![0]);
      }
    }
    // The points equal Prometheus's own range answer for the same span and step.
    const first = frame.series[0] as { labels: Record<string, string>; points: [number, number][] };
    const [from, to] = [first.points[0]![0], first.points[first.points.length - 1]![0]];
    const params = new URLSearchParams({ query: QUERIES.byCode, start: String(from / 1000), end: String(to / 1000), step: '1' });
    const truth = (await (await fetch(`${prometheus.url}/api/v1/query_range?${params}`)).json()) as {
      data: { result: { metric: Record<string, string>; values: [number, string][] }[] };
    };
    const mine = truth.data.result.find((r) => labelsKey(r.metric) === labelsKey(first.labels))!;
    const expected = new Map(mine.values.map(([t, v]) => [Math.round(t * 1000), Number(v)]));
    // Points far enough in the past are settled; compare those (the last few may still move).
    const settled = first.points.filter(([at]) => at <= to - 3000);
    expect(settled.length).toBeGreaterThan(0);
    for (const [at, value] of settled) expect(value).toBeCloseTo(expected.get(at)!, 9);
  });

  it('answers GET /api/v1/sources/{id}/query as a panel would, and a PromQL error in words', async () => {
    const q = (params: Record<string, string>) => t.http(`/api/v1/sources/prom/query?${new URLSearchParams(params)}`, { token: t.adminToken });
    const now = Math.floor(Date.now() / 1000);
    const instant = await q({ expr: QUERIES.streams });
    expect(instant.status).toBe(200);
    const frame = (await instant.json()) as { key: string; series: { labels: Record<string, string>; points: [number, number][] }[]; meta: { sourceId: string } };
    expect(frame.key).toBe(keyOf(QUERIES.streams));
    expect(frame.meta.sourceId).toBe('prom');
    const truth = await prometheus.query(QUERIES.streams, frame.series[0]!.points[0]![0] / 1000);
    expect(frame.series.map((s) => labelsKey(s.labels)).sort()).toEqual(truth.map((r) => labelsKey(r.metric)).sort());

    const rangeParams = { start: String(now - 20), end: String(now), step: '5s' };
    const range = (await (await q({ expr: QUERIES.streams, ...rangeParams })).json()) as typeof frame;
    const own = (await (await fetch(`${prometheus.url}/api/v1/query_range?${new URLSearchParams({ query: QUERIES.streams, ...rangeParams, step: '5' })}`)).json()) as {
      data: { result: { metric: Record<string, string>; values: [number, string][] }[] };
    };
    const asPoints = (r: { metric: Record<string, string>; values: [number, string][] }) => [labelsKey(r.metric), r.values.map(([at, v]) => [at * 1000, Number(v)])];
    expect(range.series.length).toBeGreaterThan(0);
    expect(new Map(range.series.map((s) => [labelsKey(s.labels), s.points]))).toEqual(new Map(own.data.result.map(asPoints) as [string, [number, number][]][]));
    for (const s of range.series) for (const [at] of s.points) expect((at / 1000 - (now - 20)) % 5).toBe(0);

    const broken = await q({ expr: QUERIES.broken });
    expect(broken.status).toBe(502);
    const message = ((await broken.json()) as { message: string }).message;
    expect(message).toContain(`Prometheus refused "${QUERIES.broken}"`);
    expect(message).toMatch(/parse error/);

    expect((await q({ expr: 'up', start: 'yesterday', end: String(now), step: '5' })).status).toBe(400);
    expect(((await (await q({})).json()) as { message: string }).message).toMatch(/pass \?expr= \(the expr for this prometheus source\)/);
    expect((await t.http('/api/v1/sources/nope/query?expr=up', { token: t.adminToken })).status).toBe(404);
  });
});
