/**
 * SLOs on the hub against a real Prometheus scraping a real HTTP metrics server whose error rate
 * and latency the test controls: budget, burn rate and the alert state the hub computes equal the
 * same arithmetic done directly on Prometheus's API answers, and follow the errors the server
 * served (ok while healthy, page once half the requests fail).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { evaluateSlo } from '../../electron/hub/review/slo-evaluator.ts';
import { errorBudget } from '../../shared/domain/review/slo.ts';
import { workspaceSchema, type Workspace } from '../../shared/model/workspace.ts';
import type { SloConfig } from '../../shared/model/review.ts';
import type { WeeklyReviewData } from '../../shared/protocol/review.ts';
import { eventually, startTestHub, type TestHub } from '../support/hub.ts';
import { countsFromPrometheus, prometheusAvailable, promtoolAvailable, startPrometheus, type RealPrometheus } from '../support/prometheus.ts';

/** Counters the test drives: 20 requests every 100 ms, `errorShare` of them 500s, `slowShare` slower than 300 ms. */
const counts = { ok: 0, errors: 0, fast: 0, total: 0 };
let errorShare = 0;
let slowShare = 0;
/** Two pods of another service: pod a has served a million requests, pod b restarts when the test says. */
const pods = { a: { ok: 1_000_000, errors: 0 }, b: { ok: 5_000, errors: 0 } };
/** A third service that stops serving when the test says (its exporter still answers). */
const stopping = { served: 0, serving: true };
let ticker: ReturnType<typeof setInterval>;
let metrics: Server;
let prometheus: RealPrometheus;
let t: TestHub;

function exposition(): string {
  return [
    '# TYPE app_requests_total counter',
    `app_requests_total{code="200"} ${counts.ok}`,
    `app_requests_total{code="500"} ${counts.errors}`,
    '# TYPE app_request_duration_seconds histogram',
    `app_request_duration_seconds_bucket{le="0.3"} ${counts.fast}`,
    `app_request_duration_seconds_bucket{le="+Inf"} ${counts.total}`,
    `app_request_duration_seconds_sum ${counts.total * 0.2}`,
    `app_request_duration_seconds_count ${counts.total}`,
    '# TYPE stopping_requests_total counter',
    `stopping_requests_total{code="200"} ${stopping.served}`,
    '# TYPE pod_requests_total counter',
    ...(['a', 'b'] as const).flatMap((pod) => [`pod_requests_total{pod="${pod}",code="200"} ${pods[pod].ok}`, `pod_requests_total{pod="${pod}",code="500"} ${pods[pod].errors}`]),
    '',
  ].join('\n');
}

const HOUR = 3_600_000;

const workspaceYaml = (promUrl: string) => `
version: 1
title: SLOs
timezone: UTC
sources:
  - { id: prom, type: prometheus, url: "${promUrl}", interval: 5s, timeout: 2s }
walls:
  - id: main
    title: Main
    panels:
      - { id: avail, title: Availability, type: slo, slo: availability, gridPos: { x: 0, y: 0, w: 6, h: 4 } }
teams:
  - { id: api, timezone: UTC, services: [api] }
slos:
  - id: availability
    name: API availability
    team: api
    source: prom
    objective: { kind: availability, good: 'sum(app_requests_total{code!~"5.."})', total: 'sum(app_requests_total)' }
    target: 0.99
    window: 1h
  - id: latency
    name: API latency under 300 ms
    team: api
    source: prom
    objective: { kind: latency, histogram: app_request_duration_seconds, le: "0.3" }
    target: 0.95
    window: 1h
`;

/** The same arithmetic, on this test's Prometheus's own answers. */
const direct = (expr: { good: string; total: string }, from: number, to: number, stepS: number) => countsFromPrometheus(prometheus.url, expr, from, to, stepS);

describe.skipIf(!prometheusAvailable)('SLOs against a real Prometheus', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ticker = setInterval(() => {
      for (let i = 0; i < 20; i++) {
        const failed = Math.random() < errorShare;
        counts.total++;
        if (failed) counts.errors++;
        else counts.ok++;
        if (Math.random() >= slowShare) counts.fast++;
      }
      pods.a.ok += 10;
      pods.b.ok += 10;
      if (stopping.serving) stopping.served += 10;
    }, 100);
    metrics = createServer((_req, res) => res.end(exposition()));
    await new Promise<void>((r) => metrics.listen(0, '127.0.0.1', r));
    prometheus = await startPrometheus([`127.0.0.1:${(metrics.address() as AddressInfo).port}`]);
    ws = workspaceSchema.parse(parseYaml(workspaceYaml(prometheus.url)));
    t = await startTestHub(workspaceYaml(prometheus.url));
  }, 60_000);
  afterAll(async () => {
    clearInterval(ticker);
    await t?.close();
    await prometheus?.close();
    await new Promise<void>((r) => metrics?.close(() => r()));
  });

  const slo = (id: string): SloConfig => ws.slos!.find((s) => s.id === id)!;
  const source = () => ws.sources[0] as Extract<Workspace['sources'][number], { type: 'prometheus' }>;

  it('is ok while healthy, pages once half the requests fail, and agrees with Prometheus’s own answers', async () => {
    await eventually('8 s of samples', async () => Number((await prometheus.query('count_over_time(app_requests_total{code="200"}[1m])', Date.now() / 1000))[0]?.value[1] ?? 0) >= 8, 30_000);
    const healthyAt = Math.floor(Date.now() / 1000) * 1000;
    const healthy = await evaluateSlo(slo('availability'), source(), healthyAt);
    expect(healthy.error).toBeNull();
    expect(healthy.budget!.total).toBeGreaterThan(0);
    expect(healthy).toMatchObject({ alert: 'ok', burnRateNow: 0 });
    expect(healthy.budget!.remaining).toBe(1);
    // Thresholds from the formula for a 1 h window: 2% of it in 1 h, 5% in 6 h, 10% in 3 d.
    expect(healthy.alerts.map((a) => a.threshold)).toEqual([0.02, (0.05 * HOUR) / (6 * HOUR), (0.1 * HOUR) / (72 * HOUR)]);

    errorShare = 0.5;
    slowShare = 0.2;
    const before = { ...counts };
    await new Promise((r) => setTimeout(r, 10_000));
    const at = Math.floor(Date.now() / 1000) * 1000;
    const served = { errors: counts.errors - before.errors, total: counts.total - before.total };
    const burning = await evaluateSlo(slo('availability'), source(), at, { range: { from: healthyAt, to: at } });
    expect(burning.error).toBeNull();
    // The same arithmetic on Prometheus's answers: a 1 h window is read at 1 s steps.
    const fromProm = await direct({ good: 'sum(app_requests_total{code!~"5.."})', total: 'sum(app_requests_total)' }, at - HOUR, at, 1);
    // This Prometheus has seconds of data of the hour: the budget is the hour's (its events at the rate seen).
    const expected = errorBudget(fromProm, 0.99, fromProm.coveredMs / HOUR);
    expect(burning.budget!.total).toBe(expected.total);
    expect(burning.budget!.good).toBe(expected.good);
    expect(burning.budget!.coverage).toBeCloseTo(fromProm.coveredMs / HOUR, 10);
    expect(burning.budget!.coverage).toBeLessThan(0.1);
    expect(burning.budget!.remaining).toBeCloseTo(expected.remaining!, 10);
    // Half the recent requests failed: a burn rate near 50 (0.5 ÷ 1%) over both windows: a page.
    expect(burning.alert).toBe('page');
    expect(burning.alerts[0]).toMatchObject({ severity: 'page', firing: true });
    expect(burning.burnRateNow!).toBeGreaterThan(14.4);
    expect(burning.burnRateNow!).toBeLessThan(60);
    // 10 s of half the requests failing spend 0.5 × 10 s ÷ (1% × 1 h) ≈ 14% of the hour's budget,
    // not many times over (what the few seconds' own budget made of it).
    expect(burning.budget!.remaining!).toBeGreaterThan(0.7);
    expect(burning.budget!.remaining!).toBeLessThan(0.95);
    expect(errorBudget(fromProm, 0.99).remaining!).toBeLessThan(0);
    // Prometheus saw (nearly) what the server served since the errors began.
    expect(served.errors / served.total).toBeGreaterThan(0.4);
    expect(burning.burnedInRange!).toBeGreaterThan(0);

    const latency = await evaluateSlo(slo('latency'), source(), at);
    const fromPromLatency = await direct({ good: 'sum(app_request_duration_seconds_bucket{le="0.3"})', total: 'sum(app_request_duration_seconds_count{})' }, at - HOUR, at, 1);
    expect(latency.budget).toMatchObject({ good: fromPromLatency.good, total: fromPromLatency.total });
    expect(latency.budget!.availability!).toBeLessThan(0.99);

    // Through the hub: the weekly review reports both SLOs with their alert state.
    const data = (await (await t.http('/api/v1/review/weekly.json', { token: t.adminToken })).json()) as WeeklyReviewData;
    expect(data.slos.map((s) => [s.id, s.error, s.alert])).toEqual([
      ['availability', null, 'page'],
      ['latency', null, expect.stringMatching(/^(page|ticket)$/)],
    ]);
    // ... and says how little of the window it had data for.
    const md = await (await t.http('/api/v1/review/weekly.md', { token: t.adminToken })).text();
    expect(md).toMatch(/\| API availability \| 99\.00% \| 1 h \| [\d.]+% \| [\d.]+% \(over the \d+ (s|min) with data, of 1 h\) \|/);
  }, 90_000);

  it('says NO DATA (alert null), not OK, when no event was counted in the window', async () => {
    const silent: SloConfig = { ...slo('availability'), id: 'silent', objective: { kind: 'availability', good: 'sum(app_never_sent_total)', total: 'sum(app_never_sent_total)' } };
    const status = await evaluateSlo(silent, source(), Math.floor(Date.now() / 1000) * 1000);
    expect(status.error).toBeNull();
    expect(status.budget!.total).toBe(0);
    expect(status.alert).toBeNull();
  });

  it('counts a restart of one pod as that pod\'s reset, not the other pods\' lifetime traffic (a sum over pods)', async () => {
    const pooled: SloConfig = { ...slo('availability'), id: 'pods', objective: { kind: 'availability', good: 'sum(pod_requests_total{code!~"5.."})', total: 'sum(pod_requests_total)' } };
    const scrapes = async () => Number((await prometheus.query('count_over_time(pod_requests_total{pod="b",code="200"}[1m])', Date.now() / 1000))[0]?.value[1] ?? 0);
    await eventually('3 s of samples', async () => (await scrapes()) >= 3, 30_000);
    pods.b = { ok: 0, errors: 0 }; // pod b restarts
    const seen = await scrapes();
    await eventually('3 s more of samples', async () => (await scrapes()) >= seen + 3, 30_000);
    const at = Math.floor(Date.now() / 1000) * 1000;
    const status = await evaluateSlo(pooled, source(), at);
    expect(status.error).toBeNull();
    // 200 requests a second for some seconds: thousands, not the million pod a served before
    expect(status.budget!.total).toBeGreaterThan(0);
    expect(status.budget!.total).toBeLessThan(100_000);
    expect(status.budget!.remaining).toBe(1);
    expect(status.alert).toBe('ok');
  });

  it('says a good query that matches nothing is a query problem, not a total outage', async () => {
    const typo: SloConfig = { ...slo('availability'), id: 'typo', objective: { kind: 'availability', good: 'sum(app_request_total{code!~"5.."})', total: 'sum(app_requests_total)' } };
    const status = await evaluateSlo(typo, source(), Math.floor(Date.now() / 1000) * 1000);
    expect(status.error).toMatch(/the good query "sum\(app_request_total\{code!~"5\.\."\}\)" matches no series while the total counts events/);
    expect(status.alert).toBeNull();
  });

  it('reads a service that stopped counting events as no data, not as healthy', async () => {
    const quiet: SloConfig = { ...slo('availability'), id: 'stopping', objective: { kind: 'availability', good: 'sum(stopping_requests_total{code!~"5.."})', total: 'sum(stopping_requests_total)' } };
    const samples = async () => Number((await prometheus.query('count_over_time(stopping_requests_total[1m])', Date.now() / 1000))[0]?.value[1] ?? 0);
    await eventually('3 s of samples', async () => (await samples()) >= 3, 30_000);
    const serving = await evaluateSlo(quiet, source(), Math.floor(Date.now() / 1000) * 1000, { quietMs: 3000 });
    expect(serving.alert).toBe('ok');
    stopping.serving = false;
    await new Promise((r) => setTimeout(r, 6000));
    const stopped = await evaluateSlo(quiet, source(), Math.floor(Date.now() / 1000) * 1000, { quietMs: 3000 });
    expect(stopped.error).toBeNull();
    expect(stopped.budget!.total).toBeGreaterThan(0); // the figures stay
    expect(stopped.alert).toBeNull(); // NO DATA on the wall, not OK
  });
});

describe.skipIf(!prometheusAvailable || !promtoolAvailable)('a 28-day SLO on a Prometheus with 5 days of history', () => {
  const MINUTE = 60_000;
  const DAY = 24 * HOUR;
  const PER_MINUTE = 10_000;
  let history: RealPrometheus;
  let hub: TestHub;
  const now = Math.floor(Date.now() / MINUTE) * MINUTE;
  // A minute's counters from 5 days (and 10 minutes) ago until a minute ago; for one hour 4 days ago
  // half the requests failed: 300,000 bad.
  const first = now - 5 * DAY - 10 * MINUTE;
  const outage = { from: now - 4 * DAY, to: now - 4 * DAY + HOUR };
  const bad = (HOUR / MINUTE) * PER_MINUTE * 0.5;

  const historyWorkspace = () => `
version: 1
title: SLOs
timezone: UTC
sources:
  - { id: prom, type: prometheus, url: "${history.url}", interval: 10s, timeout: 5s }
walls:
  - id: main
    title: Main
    panels:
      - { id: avail, title: Availability, type: slo, slo: history, gridPos: { x: 0, y: 0, w: 6, h: 4 } }
teams:
  - { id: api, timezone: UTC, services: [api] }
slos:
  - id: history
    name: History availability
    team: api
    source: prom
    objective: { kind: availability, good: 'sum(history_requests_total{code!~"5.."})', total: 'sum(history_requests_total)' }
    target: 0.999
    window: 28d
`;

  beforeAll(async () => {
    const ok: string[] = [];
    const failed: string[] = [];
    let okCount = 0;
    let failedCount = 0;
    for (let t = first; t <= now - MINUTE; t += MINUTE) {
      const failing = t > outage.from && t <= outage.to ? PER_MINUTE / 2 : 0;
      okCount += PER_MINUTE - failing;
      failedCount += failing;
      ok.push(`history_requests_total{code="200"} ${okCount} ${t / 1000}`);
      failed.push(`history_requests_total{code="500"} ${failedCount} ${t / 1000}`);
    }
    history = await startPrometheus([], ['# TYPE history_requests counter', ...ok, ...failed, '# EOF', ''].join('\n'));
    hub = await startTestHub(historyWorkspace());
  }, 120_000);
  afterAll(async () => {
    await hub?.close();
    await history?.close();
  });

  it('spends the 28 days\' budget (not the 5 days\'), and says how much of the window had data', async () => {
    const ws = workspaceSchema.parse(parseYaml(historyWorkspace()));
    const status = await evaluateSlo(ws.slos![0]!, ws.sources[0] as Extract<Workspace['sources'][number], { type: 'prometheus' }>, now, { timeoutMs: 60_000 });
    expect(status.error).toBeNull();
    expect(status.budget!.bad).toBe(bad);
    // 5 days of 28 (less the steps at its start): the window's events are 28 days of 10,000 a minute.
    expect(status.budget!.coverage).toBeGreaterThan((5 * DAY - 10 * MINUTE) / (28 * DAY));
    expect(status.budget!.coverage).toBeLessThan((5 * DAY + 10 * MINUTE) / (28 * DAY));
    const windowBudget = 0.001 * PER_MINUTE * ((28 * DAY) / MINUTE); // 403,200 bad requests
    expect(status.budget!.allowedBad / windowBudget).toBeCloseTo(1, 2);
    // 300,000 of 403,200: a quarter left — not "−317%", the 5 days' own 72,000 spent four times over.
    expect(status.budget!.remaining!).toBeCloseTo(1 - bad / windowBudget, 2);
    expect(status.budget!.consumed!).toBeCloseTo(status.budget!.burnRate! * status.budget!.coverage, 10);
    // The budget over time ends on the budget left.
    expect(status.budgetOverTime.at(-1)![1]).toBeCloseTo(status.budget!.remaining!, 10);

    // The weekly review says the budget is over the 5 days with data.
    const data = (await (await hub.http('/api/v1/review/weekly.json', { token: hub.adminToken })).json()) as WeeklyReviewData;
    expect(data.slos[0]!.budget!.remaining!).toBeCloseTo(1 - bad / windowBudget, 2);
    const md = await (await hub.http('/api/v1/review/weekly.md', { token: hub.adminToken })).text();
    expect(md).toMatch(/\| History availability \| 99\.90% \| 28 d \| 99\.\d+% \| 2[56]\.\d% \(over the (4 d 23 h|5 d) with data, of 28 d\) \|/);
  }, 90_000);
});
