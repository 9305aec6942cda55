/**
 * Canary history and maintenance in the hub's canary service, on a real SQLite file with its clock
 * moved by hand: each run lands in its hour's rollup (runs, passes, failures, latency, time up and
 * down); raw runs are kept `rawDays` and rollups `rollupDays`, then pruned — the rollups outliving
 * the runs they summarise; a maintenance window from the workspace silences a critical suite's
 * failures (no andon, no alert) and ends with one digest of what happened.
 */
import { describe, expect, it } from 'vitest';
import type { CanaryAndon, CanaryNotice } from '../../shared/protocol/canaries.ts';
import { startCanaryService } from '../support/canary-service.ts';
import { eventually } from '../support/hub.ts';
import { canaryWorkspaceYaml } from '../support/minimal-workspace.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 0, 5, 10, 0); // a Monday, on the hour

const workspaceYaml = canaryWorkspaceYaml('Retention', `  retention: { rawDays: 2, rollupDays: 10 }
  suites:
    - { id: nightly, name: Nightly API suite, expectEvery: 1h }
    - { id: smoke, name: API smoke suite, service: api, critical: true }
  maintenance:
    - { id: db-upgrade, reason: Database upgrade, from: "2026-01-05T11:00:00Z", to: "2026-01-05T12:00:00Z", services: [api] }
`);

const report = (failed: boolean, seconds: number) =>
  `<testsuite name="nightly" tests="2"><testcase name="login" time="${seconds}"/><testcase name="entitlement" time="0">${failed ? '<failure message="expected 200, got 403"/>' : ''}</testcase></testsuite>`;

/** The service on a fresh store, with the clock `clock.now` and what it tells the consoles. */
async function startService(clock: { now: number }) {
  const logs: string[] = [];
  const andons: CanaryAndon[] = [];
  const notices: CanaryNotice[] = [];
  const { service, apply } = await startCanaryService('mc-canary-retention-', {
    log: (m) => logs.push(m),
    events: { delta: (d) => notices.push(...(d.notices ?? [])), andon: (a) => andons.push(a) },
    now: () => clock.now,
    tickMs: 20,
    flushMs: 10,
    pruneMs: 365 * DAY, // pruned by hand
  });
  apply(workspaceYaml);
  const ingest = (suite: string, failed: boolean, seconds = 0.1) =>
    service.ingestJUnit(new TextEncoder().encode(report(failed, seconds)), { suite, source: 'rest' });
  return { service, logs, andons, notices, ingest };
}

describe('canary history and retention', () => {
  it('rolls runs up by the hour, then prunes raw runs after rawDays and rollups after rollupDays', async () => {
    const clock = { now: T0 };
    const { service, logs, ingest: ingestInto } = await startService(clock);
    const ingest = (failed: boolean, seconds: number) => ingestInto('nightly', failed, seconds);

    // Hour 10: a pass at :00, a failure at :30. Hour 11: a pass at :15.
    ingest(false, 0.2);
    clock.now = T0 + 30 * 60_000;
    ingest(true, 0.4);
    clock.now = T0 + 75 * 60_000;
    ingest(false, 0.3);
    const hours = service.rollups('nightly', T0 - HOUR, T0 + 3 * HOUR);
    expect(hours.map((h) => ({ hour: h.hour, runs: h.runs, passes: h.passes, failures: h.failures }))).toEqual([
      { hour: T0, runs: 2, passes: 1, failures: 1 },
      { hour: T0 + HOUR, runs: 1, passes: 1, failures: 0 },
    ]);
    expect(hours[0]).toMatchObject({ latencyAvgMs: 300, latencyMaxMs: 400 });
    // A suite expected hourly: up from :00 to :30, down from :30 to the pass at 11:15.
    expect(hours[0]).toMatchObject({ upMs: 30 * 60_000, downMs: 30 * 60_000 });
    expect(hours[1]!.downMs).toBe(15 * 60_000);
    expect(service.results('nightly', { limit: 10 })).toHaveLength(3);

    // Three days on: the runs are past rawDays (2), the rollups are kept.
    clock.now = T0 + 3 * DAY;
    expect(service.prune()).toEqual({ results: 3, rollups: 0 });
    expect(service.results('nightly', { limit: 10 })).toEqual([]);
    expect(service.rollups('nightly', T0 - HOUR, T0 + 3 * HOUR)).toHaveLength(2);
    expect(logs.some((l) => /pruned 3 runs and 0 hourly rollups/.test(l))).toBe(true);

    // Eleven days on: the rollups are past rollupDays (10) too.
    clock.now = T0 + 11 * DAY;
    expect(service.prune()).toEqual({ results: 0, rollups: 2 });
    expect(service.rollups('nightly', T0 - HOUR, T0 + 3 * HOUR)).toEqual([]);
  });

  it('a maintenance window silences a critical suite’s failures and ends with one digest of them', async () => {
    const clock = { now: T0 + 50 * 60_000 };
    const { service, andons, notices, ingest } = await startService(clock);
    ingest('smoke', false);
    clock.now = T0 + HOUR + 5 * 60_000; // inside the window
    await eventually('the window to start', () => service.entry('smoke').status === 'maintenance');
    ingest('smoke', true);
    clock.now += 5 * 60_000;
    ingest('smoke', true);
    expect(service.entry('smoke').status).toBe('maintenance');
    expect(andons).toEqual([]); // a confirmed failure of a critical suite, but nobody is called in

    clock.now = T0 + 2 * HOUR + 60_000; // the window is over
    await eventually('the digest', () => notices.some((n) => n.kind === 'maintenance-digest'));
    const digest = notices.find((n) => n.kind === 'maintenance-digest')!;
    expect(digest.message).toBe('API smoke suite: maintenance ended; started failing during the window and is still failing (failing for 55 min); 2 of 2 runs failed');
    expect(notices.filter((n) => n.kind === 'maintenance-digest')).toHaveLength(1);
    // What the window held back is owed now that it is over and the suite still fails: one call-in.
    expect(andons).toMatchObject([{ id: 'smoke', kind: 'failure', message: expect.stringMatching(/^confirmed failing during the maintenance window, still failing/) }]);
  });
});
