/**
 * Event SLOs against a real Prometheus scraping a real HTTP metrics server whose error rate the
 * test controls: the hub evaluates a live plan's event SLO over the event window so far, its
 * figures equal the same arithmetic done on Prometheus's own answers, the walls get it (ok while
 * healthy, page once half the requests fail) and the post-event report says the SLO was missed.
 * Prometheus starts with the last 20 minutes of the server's counters backfilled, so an event
 * that began then has enough of it counted for its budget to be projected; an event begun now
 * reads "too early" for its budget, and pages all the same.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { EventSloWatcher } from '../../electron/hub/planning/event-slos.ts';
import { parsePlan, type Plan } from '../../shared/model/plan.ts';
import { errorBudget } from '../../shared/domain/review/slo.ts';
import { workspaceSchema } from '../../shared/model/workspace.ts';
import type { LivePlan, PlanRecord } from '../../shared/protocol/plans.ts';
import { eventually, startTestHub, type TestHub } from '../support/hub.ts';
import { prometheusAvailable, startPrometheus, type RealPrometheus } from '../support/prometheus.ts';

const MIN = 60_000;
/** How long before the test the server's counters are backfilled into Prometheus: more than the 15 minutes a 30-minute event's budget needs counted. */
const HISTORY_MS = 20 * MIN;
/** The server's requests per second (20 every 100 ms). */
const RATE = 200;
const counts = { ok: 0, errors: 0 };
let errorShare = 0;
let ticker: ReturnType<typeof setInterval>;
let metrics: Server;
let prometheus: RealPrometheus;
let t: TestHub;

const workspaceYaml = (promUrl: string) => `
version: 1
title: Event SLOs
timezone: UTC
sources:
  - { id: prom, type: prometheus, url: "${promUrl}", interval: 5s, timeout: 2s }
walls:
  - id: main
    title: Main
    panels:
      - { id: requests, title: Requests, type: stat, gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: prom, query: { expr: 'sum(app_requests_total)' } }
      - { id: errors-ts, title: Errors per second, type: timeseries, span: 5m, gridPos: { x: 6, y: 0, w: 12, h: 6 }, source: prom, query: { expr: 'sum(rate(app_requests_total{code="500"}[10s]))' } }
`;

const queries = { good: 'sum(app_requests_total{code!~"5.."})', total: 'sum(app_requests_total)' };

/** Increases between Prometheus's own samples over [from, to], summed, and when the first of them began. */
async function direct(from: number, to: number, stepS: number): Promise<{ good: number; total: number; first: number }> {
  const range = async (q: string) => {
    const res = await fetch(`${prometheus.url}/api/v1/query_range?${new URLSearchParams({ query: q, start: String(from / 1000), end: String(to / 1000), step: `${stepS}s` })}`);
    const body = (await res.json()) as { data: { result: { values: [number, string][] }[] } };
    return new Map(body.data.result[0]?.values.map(([ts, v]) => [Math.round(ts * 1000), Number(v)]) ?? []);
  };
  const [good, total] = await Promise.all([range(queries.good), range(queries.total)]);
  const times = [...total.keys()].sort((a, b) => a - b);
  let g = 0;
  let n = 0;
  for (let i = 1; i < times.length; i++) {
    const [a, b] = [times[i - 1]!, times[i]!];
    n += total.get(b)! - total.get(a)!;
    g += (good.get(b) ?? 0) - (good.get(a) ?? 0);
  }
  return { good: g, total: n, first: times[0] ?? from };
}

const local = (ms: number) => new Date(ms).toISOString().slice(0, 16);

async function eventPlan(startMs: number): Promise<Plan> {
  const plan = parseYaml(await readFile(new URL('../../assets/templates/sports-final.yaml', import.meta.url), 'utf8')) as Plan;
  delete (plan as { template?: unknown }).template;
  plan.event = { ...plan.event, name: 'Cup Final', timezone: 'UTC', start: local(startMs), end: local(startMs + 30 * MIN), state: 'ready' };
  plan.slos = [{ id: 'api', name: 'API requests succeed', objective: 0.99, ...queries }];
  return plan;
}

describe.skipIf(!prometheusAvailable)('event SLOs against a real Prometheus', () => {
  beforeAll(async () => {
    // The last 20 minutes, healthy, as Prometheus would have scraped them every 5 s; the live
    // counters carry on from there.
    const historyFrom = Math.floor((Date.now() - HISTORY_MS) / MIN) * MIN;
    const historyTo = Date.now() - 10_000;
    counts.ok = Math.round(((historyTo - historyFrom) / 1000) * RATE);
    ticker = setInterval(() => {
      for (let i = 0; i < 20; i++) {
        if (Math.random() < errorShare) counts.errors++;
        else counts.ok++;
      }
    }, 100);
    metrics = createServer((_req, res) =>
      res.end(`# TYPE app_requests_total counter\napp_requests_total{code="200"} ${counts.ok}\napp_requests_total{code="500"} ${counts.errors}\n`),
    );
    await new Promise<void>((r) => metrics.listen(0, '127.0.0.1', r));
    const target = `127.0.0.1:${(metrics.address() as AddressInfo).port}`;
    // The same series the scrape makes (its job and instance), so history and live are one counter.
    const labels = (code: number) => `{code="${code}",instance="${target}",job="demo"}`;
    const history: string[] = ['# TYPE app_requests counter'];
    for (let at = historyFrom; at <= historyTo; at += 5000) history.push(`app_requests_total${labels(200)} ${Math.round(((at - historyFrom) / 1000) * RATE)} ${at / 1000}`);
    for (let at = historyFrom; at <= historyTo; at += 5000) history.push(`app_requests_total${labels(500)} 0 ${at / 1000}`);
    prometheus = await startPrometheus([target], [...history, '# EOF', ''].join('\n'));
    t = await startTestHub(workspaceYaml(prometheus.url), {}, {}, { sloIntervalMs: 1000 });
  }, 60_000);
  afterAll(async () => {
    clearInterval(ticker);
    await t?.close();
    await prometheus?.close();
    await new Promise<void>((r) => metrics?.close(() => r()));
  });

  it('shows budget, burn and alert of a live plan\'s event SLO, agrees with Prometheus, and reports it missed', async () => {
    // The event started on a whole minute (plans are planned in minutes) 16 minutes ago: Prometheus has it all.
    const start = Math.floor(Date.now() / MIN) * MIN - 16 * MIN;
    const plan = await eventPlan(start);
    const parsed = parsePlan(plan);
    expect(parsed.ok ? [] : parsed.issues).toEqual([]);
    const token = t.adminToken;
    const post = (path: string, body: unknown) => t.http(path, { method: 'POST', token, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const { id } = (await (await post('/api/v1/plans', plan)).json()) as PlanRecord;
    expect((await post(`/api/v1/plans/${id}/state`, { state: 'live', by: '@ops-manager' })).status).toBe(200);

    const slo = async () => ((await (await t.http('/api/v1/live-plans', { token })).json()) as { plans: LivePlan[] }).plans.find((p) => p.id === id)?.slos?.[0];
    await eventually('the event SLO evaluated with events', async () => ((await slo())?.total ?? 0) > 0, 30_000);
    const healthy = (await slo())!;
    expect(healthy).toMatchObject({ id: 'api', error: null, alert: 'ok', budgetRemaining: 1, budgetTooEarly: null, burnRate: 0, burnWindowMs: 10 * MIN });

    errorShare = 0.5;
    await eventually('the event SLO pages', async () => (await slo())?.alert === 'page', 40_000);
    const burning = (await slo())!;
    expect(burning.burnRate!).toBeGreaterThan(0.3);
    expect(burning.budgetRemaining!).toBeLessThan(1);

    // The same arithmetic on Prometheus's answers, at a fixed instant on the 5 s step.
    const at = Math.floor(Date.now() / 5000) * 5000;
    const ws = workspaceSchema.parse(parseYaml(workspaceYaml(prometheus.url)));
    const watcher = new EventSloWatcher({ workspace: () => ws, running: () => [{ id, plan: parsed.ok ? parsed.plan : plan }], changed: () => {}, now: () => at, intervalMs: 3_600_000, log: () => {} });
    try {
      await watcher.refresh();
      const fromHub = watcher.latest(id)[0]!;
      // Against the budget of the whole 30-minute event at the request rate so far, projected from
      // the first sample counted: Prometheus may start scraping after the event's whole minute.
      const counted = await direct(start, at, 5);
      const expected = errorBudget(counted, 0.99, (at - counted.first) / (30 * MIN));
      expect(fromHub.total).toBe(expected.total);
      expect(fromHub.budgetRemaining!).toBeCloseTo(expected.remaining!, 10);
    } finally {
      await watcher.close();
    }

    // Paging comes from the burn rate over the last minutes; the event as a whole is missed once its
    // budget is spent, which on a loaded machine can take a scrape or two more.
    await eventually('the event budget spent', async () => ((await slo())?.budgetRemaining ?? 1) <= 0, 40_000);
    const report = await (await t.http(`/api/v1/plans/${id}/report.md`, { token })).text();
    expect(report).toMatch(/## Event SLOs[\s\S]*\| API requests succeed \| 99\.00% \| \d+\.\d+% \| \d+\.\d% \| missed \|/);
  }, 120_000);

  it('says the budget of an event begun a minute ago is too early to project, and pages on its errors all the same', async () => {
    errorShare = 0.5;
    const token = t.adminToken;
    const post = (path: string, body: unknown) => t.http(path, { method: 'POST', token, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const { id } = (await (await post('/api/v1/plans', await eventPlan(Math.floor(Date.now() / MIN) * MIN))).json()) as PlanRecord;
    expect((await post(`/api/v1/plans/${id}/state`, { state: 'live', by: '@ops-manager' })).status).toBe(200);
    const slo = async () => ((await (await t.http('/api/v1/live-plans', { token })).json()) as { plans: LivePlan[] }).plans.find((p) => p.id === id)?.slos?.[0];
    await eventually('the event SLO pages', async () => (await slo())?.alert === 'page', 40_000);
    const paging = (await slo())!;
    expect(paging.budgetRemaining).toBeNull();
    expect(paging.budgetTooEarly!.neededMs).toBe(15 * MIN);
    expect(paging.budgetTooEarly!.coveredMs).toBeLessThan(2 * MIN);
    expect(paging.burnRate!).toBeGreaterThan(0.3);
    // The report gives no verdict either.
    const report = await (await t.http(`/api/v1/plans/${id}/report.md`, { token })).text();
    expect(report).toMatch(/\| API requests succeed \| 99\.00% \| \d+\.\d+% \| too early \| too little counted to judge \(\d+ (s|min) of the event, needs 15 min\) \|/);
  }, 60_000);

  it('queries the prometheus source an SLO names, and says in words when it names none of them', async () => {
    const start = Math.floor(Date.now() / MIN) * MIN - MIN;
    const plan = await eventPlan(start);
    plan.slos = [
      { id: 'named', name: 'On the named source', objective: 0.99, source: 'prom', ...queries },
      { id: 'unknown', name: 'On a missing source', objective: 0.99, source: 'nope', ...queries },
    ];
    // The first prometheus source answers nothing (a closed port): only the named one can count.
    const yaml = workspaceYaml(prometheus.url).replace('sources:\n', 'sources:\n  - { id: dead, type: prometheus, url: "http://127.0.0.1:9", timeout: 1s }\n');
    const ws = workspaceSchema.parse(parseYaml(yaml));
    const watcher = new EventSloWatcher({ workspace: () => ws, running: () => [{ id: 'p', plan }], changed: () => {}, intervalMs: 3_600_000, log: () => {} });
    try {
      await watcher.refresh();
      const [named, unknown] = watcher.latest('p');
      expect(named).toMatchObject({ id: 'named', error: null });
      expect(named!.total).toBeGreaterThan(0);
      expect(unknown).toMatchObject({ id: 'unknown', total: 0, alert: null, error: 'source "nope" is not a prometheus source of the workspace (dead, prom)' });
      const buckets = await watcher.windowBuckets(plan);
      expect(buckets['named']!.length).toBeGreaterThan(0);
      expect(buckets['unknown']).toEqual([]);
    } finally {
      await watcher.close();
    }
  }, 60_000);

  it('watches a risk trigger on a Prometheus time-series panel (fetched as a range) and fires it', async () => {
    errorShare = 0;
    const token = t.adminToken;
    const post = (path: string, body: unknown) => t.http(path, { method: 'POST', token, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const plan = await eventPlan(Math.floor(Date.now() / MIN) * MIN);
    plan.slos = [];
    plan.risks = plan.risks.filter((r) => r.contingency?.trigger).slice(0, 1);
    plan.risks[0]!.contingency!.trigger = { description: 'Errors above 10/s', panel: 'errors-ts', op: '>', value: 10 };
    plan.forecast!.actualPanel = 'errors-ts';
    const { id } = (await (await post('/api/v1/plans', plan)).json()) as PlanRecord;
    expect((await post(`/api/v1/plans/${id}/state`, { state: 'live', by: '@ops-manager' })).status).toBe(200);
    type Live = { plans: { id: string; triggers: { state: string; value: number | null }[]; actual: [number, number][] }[] };
    const live = async () => ((await (await t.http('/api/v1/live-plans', { token })).json()) as Live).plans.find((p) => p.id === id);
    await eventually('the trigger watched on the time series, and clear', async () => (await live())?.triggers[0]?.state === 'clear', 40_000);
    errorShare = 0.5;
    await eventually('the trigger fired', async () => (await live())?.triggers[0]?.state === 'fired', 40_000);
    expect((await live())!.triggers[0]!.value).toBeGreaterThan(10);
    // forecast actuals from the same panel: sampled once a minute
    await eventually('an actual sampled from the time series', async () => ((await live())?.actual.length ?? 0) > 0, 75_000);
  }, 200_000);
});
