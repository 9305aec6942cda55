/**
 * The demo plan's event SLOs through a whole match night: the demo scenario's own /metrics samples
 * (every 5 s, the hub's query step for a 150-minute event) backfilled into a real Prometheus, the
 * demo plan seeded through the plan service on a real store, and the hub's event SLO watcher
 * stepping through the night on a fake clock, as the walls would see it every 30 s. Calm and the
 * surges do not page; the scripted outage pages within 2 minutes; the page clears after it. The
 * budget left is the whole night's, projected once a quarter hour of it is counted (before, "too
 * early"): the first minutes' errors spend a sliver of it. Then the same night with a Prometheus
 * started late, at minute 94 (`--start-at 94`): the outage pages as soon, and its budget reads too
 * early rather than a figure projected from the outage's first minutes.
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
import { openStore } from '../../electron/hub/store/store.ts';
import { loadWorkspaceFile } from '../../electron/hub/workspace/load.ts';
import type { Workspace } from '../../shared/model/workspace.ts';
import { prometheusAvailable, promtoolAvailable, startPrometheus, type RealPrometheus } from '../support/prometheus.ts';

const M = MINUTE_MS;
const SCRAPE_MS = 5_000;
/** The night began three hours ago on a whole minute (plans are planned in minutes): all of it is history. */
const T0 = Math.floor((Date.now() - 3 * 60 * M) / M) * M;

/** The demo's request counters as its /metrics showed them every 5 s of the night (from minute `fromMinute`), as OpenMetrics. */
function nightHistory(fromMinute = 0): string {
  const scenario = new Scenario({ seed: 1, speed: 1, nowMs: T0 });
  const bySeries = new Map<string, string[]>();
  for (let t = T0 + fromMinute * M - SCRAPE_MS; t <= T0 + LOOP_MS; t += SCRAPE_MS) {
    for (const s of collectSamples(scenario, t, T0 / 1000)) {
      if (s.family !== FAMILIES.http) continue;
      let lines = bySeries.get(s.key);
      if (!lines) bySeries.set(s.key, (lines = []));
      lines.push(`${s.key} ${s.value} ${t / 1000}`);
    }
  }
  return ['# TYPE mc_http_requests counter', ...[...bySeries.values()].flat(), '# EOF', ''].join('\n');
}

/** Each SLO's state every 30 s of the night: the minute of the night, the alert, the budget left, and whether it was too early to project. */
type Seen = Map<string, { minute: number; alert: string | null; left: number | null; tooEarly: boolean }[]>;

/** The demo plan seeded on a real store, its event SLOs evaluated every 30 s of the night against `workspace`'s Prometheus on a fake clock. */
async function throughTheNight(workspace: Workspace): Promise<Seen> {
  const dir = mkdtempSync(join(tmpdir(), 'mc-demo-slo-'));
  const store = openStore(dir);
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
    const seen: Seen = new Map(slos.map((id) => [id, []]));
    for (clock = T0 + 30_000; clock < T0 + LOOP_MS; clock += 30_000) {
      await watcher.refresh();
      for (const s of watcher.latest(DEMO_PLAN_ID)) {
        expect(s.error).toBeNull();
        seen.get(s.id)!.push({ minute: (clock - T0) / M, alert: s.alert, left: s.budgetRemaining, tooEarly: s.budgetTooEarly !== null });
      }
    }
    return seen;
  } finally {
    await watcher.close();
    plans.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function demoWorkspace(prometheus: RealPrometheus): Promise<Workspace> {
  const loaded = await loadWorkspaceFile(defaultDemoWorkspace(), { MC_DEMO_PROMETHEUS_URL: prometheus.url });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return loaded.workspace;
}

const outageStart = OUTAGE_WINDOW.startMs / M;
const outageEnd = OUTAGE_WINDOW.endMs / M;
/** A quarter hour: the span of the 150-minute night counted before its budget is projected (event-slo.ts). */
const PROJECTED_AFTER = 15;
/** Where `--start-at 94` begins the night, and with it a Prometheus started beside the demo. */
const LATE = 94;

describe.skipIf(!prometheusAvailable || !promtoolAvailable)('the demo plan’s event SLOs through a match night', () => {
  let whole: RealPrometheus;
  let late: RealPrometheus;
  beforeAll(async () => {
    [whole, late] = await Promise.all([startPrometheus([], nightHistory()), startPrometheus([], nightHistory(LATE))]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([whole?.close(), late?.close()]);
  });

  /** The outage pages within 2 minutes of its start, the page lasts it out, and clears soon after. */
  const expectOutagePaged = (id: string, states: Seen extends Map<string, infer V> ? V : never) => {
    const paged = states.filter((s) => s.alert === 'page').map((s) => s.minute);
    expect(paged[0], id).toBeLessThanOrEqual(outageStart + 2);
    expect(paged.filter((m) => m < outageEnd)).toEqual(states.map((s) => s.minute).filter((m) => m >= paged[0]! && m < outageEnd));
    // The 60-minute alert's 5-minute short window lets it go soon after the recovery, and it stays clear.
    expect(paged.at(-1), id).toBeLessThan(outageEnd + 10);
    expect(states.filter((s) => s.minute > paged.at(-1)!).every((s) => s.alert === 'ok'), id).toBe(true);
  };

  it('pages on the outage only, within 2 minutes of its start, clears after it, and spends the night’s budget only in the outage', async () => {
    const seen = await throughTheNight(await demoWorkspace(whole));
    for (const [id, states] of seen) {
      expect(states).toHaveLength(LOOP_MS / 30_000 - 1);
      const paged = states.filter((s) => s.alert === 'page').map((s) => s.minute);
      // Calm, the kick-off surge and the rush back for the second half: judged, and no page.
      expect(states.filter((s) => s.minute < outageStart).every((s) => s.alert === 'ok'), `${id} before the outage: ${JSON.stringify(paged.filter((m) => m < outageStart))}`).toBe(true);
      expectOutagePaged(id, states);
      // The night's budget is projected once a quarter hour is counted; before, too early, no figure.
      const early = states.filter((s) => s.minute < PROJECTED_AFTER);
      expect(early.every((s) => s.tooEarly && s.left === null), id).toBe(true);
      const projected = states.filter((s) => s.minute >= PROJECTED_AFTER);
      expect(projected.every((s) => !s.tooEarly && s.left !== null), id).toBe(true);
      // The calm night's errors against the night's budget: a sliver (their tenth of the night's) in
      // the first 10 minutes projected, most of it left when the outage begins; the outage spends it.
      const budgets = (from: number, to: number) => projected.filter((s) => s.minute >= from && s.minute < to).map((s) => s.left!);
      expect(Math.min(...budgets(PROJECTED_AFTER, PROJECTED_AFTER + 10)), `${id} in the first 10 minutes projected`).toBeGreaterThan(0.85);
      expect(Math.min(...budgets(0, outageStart)), `${id} before the outage`).toBeGreaterThan(0.6);
      expect(states.at(-1)!.left, `${id} at the end`).toBeLessThan(0);
    }
  }, 240_000);

  it('with a Prometheus started at minute 94, pages on the outage as soon, and says too early rather than project the budget from its first minutes', async () => {
    const seen = await throughTheNight(await demoWorkspace(late));
    for (const [id, states] of seen) {
      // Nothing counted before Prometheus started: no data, no budget, no alert.
      expect(states.filter((s) => s.minute < LATE).every((s) => s.alert === null && s.left === null && !s.tooEarly), id).toBe(true);
      expectOutagePaged(id, states);
      // The whole outage and the minutes after it: too early to project, whatever it burns.
      const early = states.filter((s) => s.minute > LATE + 1 && s.minute < LATE + PROJECTED_AFTER);
      expect(early.length, id).toBeGreaterThan(20);
      expect(early.every((s) => s.tooEarly && s.left === null), id).toBe(true);
      // A quarter hour on, the budget is projected: the outage spent the night's.
      const projected = states.filter((s) => s.minute >= LATE + PROJECTED_AFTER + 1);
      expect(projected.every((s) => !s.tooEarly && s.left !== null), id).toBe(true);
      expect(states.at(-1)!.left, `${id} at the end`).toBeLessThan(0);
    }
  }, 240_000);
});
