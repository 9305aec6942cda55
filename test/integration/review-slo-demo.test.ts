/**
 * The demo workspace's SLOs on a real Prometheus scraping the demo platform through its outage:
 * the budget the hub computes equals the same arithmetic done directly on Prometheus's API
 * answers, and the outage's 403s burn entitlement's budget fast enough to page.
 * (The SLOs' window is cut to 1 h so a short run is read at 1 s steps; their queries are the demo's.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type DemoHandle } from '../../electron/demo/index.ts';
import { defaultDemoWorkspace } from '../../electron/hub/config.ts';
import { evaluateSlo } from '../../electron/hub/review/slo-evaluator.ts';
import { loadWorkspaceFile } from '../../electron/hub/workspace/load.ts';
import { errorBudget } from '../../shared/domain/review/slo.ts';
import type { SloConfig } from '../../shared/model/review.ts';
import type { Workspace } from '../../shared/model/workspace.ts';
import { eventually } from '../support/hub.ts';
import { countsFromPrometheus, prometheusAvailable, startPrometheus, type RealPrometheus } from '../support/prometheus.ts';

const HOUR = 3_600_000;

describe.skipIf(!prometheusAvailable)('the demo’s SLOs against a real Prometheus scraping the demo', () => {
  let demo: DemoHandle;
  let prometheus: RealPrometheus;
  let ws: Workspace;
  beforeAll(async () => {
    // Minute 97 of the night, inside the outage (95–103), at 10×: about 1 min of outage per 6 s.
    demo = await startDemo({ speed: 10, startAtMinutes: 97 });
    prometheus = await startPrometheus([new URL(demo.url).host]);
    const loaded = await loadWorkspaceFile(defaultDemoWorkspace(), { MC_DEMO_URL: demo.url, MC_DEMO_PROMETHEUS_URL: prometheus.url });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    ws = loaded.workspace;
  }, 60_000);
  afterAll(async () => {
    await prometheus?.close();
    await demo?.close();
  });

  const sloOf = (id: string): SloConfig => ({ ...ws.slos!.find((s) => s.id === id)!, window: HOUR });
  const prom = () => ws.sources.find((s) => s.id === 'prom') as Extract<Workspace['sources'][number], { type: 'prometheus' }>;

  it('computes entitlement’s budget as Prometheus’s own answers do, and pages on the outage’s 403s', async () => {
    await eventually('10 s of samples', async () => Number((await prometheus.query('count_over_time(mc_http_requests_total{service="entitlement",code="200"}[1m])', Date.now() / 1000))[0]?.value[1] ?? 0) >= 10, 30_000);
    const at = Math.floor(Date.now() / 1000) * 1000;
    const slo = sloOf('entitlement-availability');
    const status = await evaluateSlo(slo, prom(), at);
    expect(status.error).toBeNull();
    if (slo.objective.kind !== 'availability') throw new Error('expected an availability SLO');
    const counted = await countsFromPrometheus(prometheus.url, { good: slo.objective.good, total: slo.objective.total }, at - HOUR, at, 1);
    const expected = errorBudget(counted, slo.target, counted.coveredMs / HOUR);
    expect(status.budget!.total).toBeGreaterThan(0);
    expect(status.budget!.total).toBe(expected.total);
    expect(status.budget!.good).toBe(expected.good);
    expect(status.budget!.remaining).toBeCloseTo(expected.remaining!, 10);
    // 35–60% of entitlement requests denied against a 0.5% error budget: it pages.
    expect(status.budget!.availability!).toBeLessThan(0.8);
    expect(status.alert).toBe('page');

    // Playback rides through the outage far better: its budget is computed the same way.
    const playback = sloOf('playback-availability');
    if (playback.objective.kind !== 'availability') throw new Error('expected an availability SLO');
    const playbackStatus = await evaluateSlo(playback, prom(), at);
    const playbackExpected = errorBudget(await countsFromPrometheus(prometheus.url, { good: playback.objective.good, total: playback.objective.total }, at - HOUR, at, 1), playback.target);
    expect(playbackStatus.budget).toMatchObject({ good: playbackExpected.good, total: playbackExpected.total });
    expect(playbackStatus.budget!.availability!).toBeGreaterThan(status.budget!.availability!);
  }, 90_000);
});
