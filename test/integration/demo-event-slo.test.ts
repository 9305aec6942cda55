/**
 * The demo plan's event SLOs through a whole match night: the demo scenario's own /metrics samples
 * (every 5 s, the hub's query step for a 150-minute event) backfilled into a real Prometheus, the
 * demo plan seeded through the plan service on a real store, and the hub's event SLO watcher
 * stepping through the night on a fake clock, as the walls would see it every 30 s. Calm and the
 * surges do not page; the scripted outage pages within 2 minutes; the page clears after it. The
 * budget left is the whole night's: the first minutes' errors spend a sliver of it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectSamples } from '../../electron/demo/metrics.ts';
import { FAMILIES } from '../../electron/demo/model.ts';
import { LOOP_MS, MINUTE_MS, OUTAGE_WINDOW } from '../../electron/demo/phases.ts';
import { Scenario } from '../../electron/demo/scenario.ts';
import { defaultDemoWorkspace } from '../../electron/hub/config.ts';
import { DEMO_PLAN_ID, seedDemoPlan } from '../../electron/hub/planning/demo-plan.ts';
import { EventSloWatcher } from '../../electron/hub/planning/event-slos.ts';
import { PlanService } from '../../electron/hub/planning/service.ts';
import { openStore, type Store } from '../../electron/hub/store/store.ts';
import { loadWorkspaceFile } from '../../electron/hub/workspace/load.ts';
import type { Workspace } from '../../shared/model/workspace.ts';
import { prometheusAvailable, promtoolAvailable, startPrometheus, type RealPrometheus } from '../support/prometheus.ts';

const M = MINUTE_MS;
const SCRAPE_MS = 5_000;
/** The night began three hours ago on a whole minute (plans are planned in minutes): all of it is history. */
const T0 = Math.floor((Date.now() - 3 * 60 * M) / M) * M;

/** The demo's request counters as its /metrics showed them every 5 s of the night, as OpenMetrics. */
function nightHistory(): string {
  const scenario = new Scenario({ seed: 1, speed: 1, nowMs: T0 });
  const bySeries = new Map<string, string[]>();
  for (let t = T0 - SCRAPE_MS; t <= T0 + LOOP_MS; t += SCRAPE_MS) {
    for (const s of collectSamples(scenario, t, T0 / 1000)) {
      if (s.family !== FAMILIES.http) continue;
      let lines = bySeries.get(s.key);
      if (!lines) bySeries.set(s.key, (lines = []));
      lines.push(`${s.key} ${s.value} ${t / 1000}`);
    }
  }
  return ['# TYPE mc_http_requests counter', ...[...bySeries.values()].flat(), '# EOF', ''].join('\n');
}

describe.skipIf(!prometheusAvailable || !promtoolAvailable)('the demo plan’s event SLOs through a match night', () => {
  let prometheus: RealPrometheus;
  let workspace: Workspace;
  let dir: string;
  let store: Store;
  beforeAll(async () => {
    prometheus = await startPrometheus([], nightHistory());
    const loaded = await loadWorkspaceFile(defaultDemoWorkspace(), { MC_DEMO_PROMETHEUS_URL: prometheus.url });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    workspace = loaded.workspace;
    dir = mkdtempSync(join(tmpdir(), 'mc-demo-slo-'));
    store = openStore(dir);
  }, 120_000);
  afterAll(async () => {
    store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await prometheus?.close();
  });

  it('pages on the outage only, within 2 minutes of its start, clears after it, and spends the night’s budget only in the outage', async () => {
    let clock = T0;
    const plans = new PlanService(store.plans, {
      now: () => clock,
      templatesDir: join(import.meta.dirname, '../../assets/templates'),
      incidents: () => [],
      watched: () => null,
      events: { changed: () => {}, trigger: () => {} },
      tickMs: 3_600_000,
      log: () => {},
    });
    const watcher = new EventSloWatcher({ workspace: () => workspace, running: () => plans.running(), changed: () => {}, now: () => clock, intervalMs: 3_600_000, log: () => {} });
    try {
      seedDemoPlan(plans, T0);
      const slos = plans.get(DEMO_PLAN_ID).plan.slos.map((s) => s.id);
      expect(slos).toEqual(['playback-start', 'entitlement']);

      /** Each SLO's alert state and budget left every 30 s of the night: [minute of the night, alert, budget left]. */
      const seen = new Map<string, [number, string | null, number | null][]>(slos.map((id) => [id, []]));
      for (clock = T0 + 30_000; clock < T0 + LOOP_MS; clock += 30_000) {
        await watcher.refresh();
        for (const s of watcher.latest(DEMO_PLAN_ID)) {
          expect(s.error).toBeNull();
          seen.get(s.id)!.push([(clock - T0) / M, s.alert, s.budgetRemaining]);
        }
      }

      const outageStart = OUTAGE_WINDOW.startMs / M;
      const outageEnd = OUTAGE_WINDOW.endMs / M;
      for (const id of slos) {
        const states = seen.get(id)!;
        expect(states).toHaveLength(LOOP_MS / 30_000 - 1);
        const paged = states.filter(([, alert]) => alert === 'page').map(([minute]) => minute);
        // Calm, the kick-off surge and the rush back for the second half: judged, and no page.
        expect(states.filter(([minute]) => minute < outageStart).every(([, alert]) => alert === 'ok'), `${id} before the outage: ${JSON.stringify(paged.filter((m) => m < outageStart))}`).toBe(true);
        // The outage pages within 2 minutes of its start, and the page lasts it out.
        expect(paged[0], id).toBeLessThanOrEqual(outageStart + 2);
        expect(paged.filter((m) => m < outageEnd)).toEqual(states.map(([m]) => m).filter((m) => m >= paged[0]! && m < outageEnd));
        // The 60-minute alert's 5-minute short window lets it go soon after the recovery, and it stays clear.
        expect(paged.at(-1), id).toBeLessThan(outageEnd + 10);
        expect(states.filter(([minute]) => minute > paged.at(-1)!).every(([, alert]) => alert === 'ok'), id).toBe(true);
        // The calm night's errors against the night's budget: a sliver in the first 10 minutes, most
        // of it left when the outage begins; the outage spends it.
        const budgets = (from: number, to: number) => states.filter(([minute]) => minute >= from && minute < to).map(([, , left]) => left!);
        expect(Math.min(...budgets(0, 10)), `${id} in the first 10 minutes`).toBeGreaterThan(0.95);
        expect(Math.min(...budgets(0, outageStart)), `${id} before the outage`).toBeGreaterThan(0.6);
        expect(states.at(-1)![2], `${id} at the end`).toBeLessThan(0);
      }
    } finally {
      await watcher.close();
      plans.close();
    }
  }, 240_000);
});
