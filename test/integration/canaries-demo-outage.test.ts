/**
 * The shipped demo workspace's entitlement canary through the demo's outage (scenario minutes
 * 95–103), night after night on the scenario clock: every run of the check (log in → entitlement,
 * at its interval, the demo at speed 1) answered by the demo platform's own canary endpoints and
 * judged by the hub's assertions, its results fed to the canary state model. The outage denies
 * 35–60% of entitlements, swinging every 2.3 minutes: in its low phase a streak of passes is
 * common, and a failure that closed on it would be confirmed (and every console prompted) again.
 */
import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { Body, evaluate } from '../../electron/hub/canaries/assertions.ts';
import { defaultDemoWorkspace } from '../../electron/hub/config.ts';
import { loadWorkspaceFile } from '../../electron/hub/workspace/load.ts';
import { CanaryApi } from '../../electron/demo/canary.ts';
import { LOOP_MS, MINUTE_MS, OUTAGE_WINDOW } from '../../electron/demo/phases.ts';
import { Scenario } from '../../electron/demo/scenario.ts';
import type { Reply } from '../../electron/demo/http.ts';
import { createCanaryState, nextCanaryState } from '../../shared/domain/canaries/state.ts';
import type { CanaryConfig, CanaryResult } from '../../shared/model/canary.ts';
import type { ResolvedCheck } from '../../shared/model/canary-checks.ts';

const T0 = Date.UTC(2026, 5, 13, 18, 0);
const NIGHTS = 200;
/** From a little before the outage to a little after it ends. */
const FROM_MS = OUTAGE_WINDOW.startMs - 2 * MINUTE_MS;
const TO_MS = OUTAGE_WINDOW.endMs + 3 * MINUTE_MS;

async function shippedEntitlementCheck(): Promise<ResolvedCheck> {
  const loaded = await loadWorkspaceFile(defaultDemoWorkspace(), { MC_DEMO_URL: 'http://127.0.0.1:4821' });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const check = loaded.workspace.canaries!.checks.find((c) => c.id === 'entitlement');
  if (check?.kind !== 'check') throw new Error('the demo workspace has no entitlement check');
  return check;
}

/** One run of the check as the demo answers it at `now`: the first failed assertion ends it, as in the runner. */
function run(check: ResolvedCheck, api: CanaryApi, now: number): CanaryResult {
  let token: string | undefined;
  for (const step of check.steps) {
    const reply: Reply = step.request.method === 'POST' ? api.login({ username: 'canary-za', password: 'demo' }) : api.entitlement(token);
    const raw = Buffer.from(reply.body);
    const body = new Body(raw, reply.contentType);
    const view = { status: reply.status, headers: { 'content-type': reply.contentType }, body: raw, truncated: false, totalMs: reply.delayMs ?? 0 };
    const failed = step.assert.map((a) => evaluate(a, view, body, step.name)).find((o) => !o.ok);
    if (failed) return { type: 'result', outcome: 'fail', at: now, classification: failed.assertion.startsWith('status') ? 'http-status' : 'assertion' };
    if (body.json.ok) token = (body.json.value as { token?: string }).token;
  }
  return { type: 'result', outcome: 'pass', at: now };
}

/** Each night's runs through the outage, in order (the demo's random draws go on from night to night). */
function nights(check: ResolvedCheck): CanaryResult[][] {
  const scenario = new Scenario({ seed: 1, speed: 1, startAtMinutes: 0, nowMs: T0 });
  let now = T0;
  const api = new CanaryApi(scenario, () => now);
  return Array.from({ length: NIGHTS }, (_, night) => {
    const runs: CanaryResult[] = [];
    for (let t = FROM_MS; t <= TO_MS; t += check.intervalMs) {
      now = T0 + night * LOOP_MS + t;
      runs.push(run(check, api, now));
    }
    return runs;
  });
}

/** How many times one night's failure is confirmed (each a prompt on every console), and when it last recovered. */
function replay(runs: readonly CanaryResult[], config: CanaryConfig): { confirmed: number; recoveredAt: number | null } {
  let state = createCanaryState(runs[0]!.at! - 1);
  let confirmed = 0;
  let recoveredAt: number | null = null;
  for (const r of runs) {
    const next = nextCanaryState(state, r, config, r.at!);
    for (const alert of next.alerts) {
      if (alert.kind === 'failure') confirmed += 1;
      if (alert.kind === 'recovery') recoveredAt = r.at!;
    }
    state = next.state;
  }
  return { confirmed, recoveredAt };
}

describe('the demo outage and the entitlement canary', () => {
  it('is confirmed failing once per outage, not again after a few passes in its low phase, and recovers after it', async () => {
    const check = await shippedEntitlementCheck();
    const perNight = nights(check).map((runs, night) => ({ ...replay(runs, check.state), outageEnd: T0 + night * LOOP_MS + OUTAGE_WINDOW.endMs }));
    const once = perNight.filter((n) => n.confirmed === 1).length;
    const total = perNight.reduce((sum, n) => sum + n.confirmed, 0);
    const recoveryS = perNight.map((n) => (n.recoveredAt === null ? Infinity : (n.recoveredAt - n.outageEnd) / 1000)).sort((a, b) => a - b);
    console.log(
      `recoverAfter ${check.state.recoverAfter}: ${total} confirmations in ${NIGHTS} outages (${(total / NIGHTS).toFixed(2)} each, at most ${Math.max(...perNight.map((n) => n.confirmed))}), once in ${once}; recovered ${recoveryS[NIGHTS >> 1]} s after the outage (median), at most ${recoveryS.at(-1)} s`,
    );
    expect(perNight.every((n) => n.confirmed >= 1)).toBe(true);
    // With one pass to recover, 59 of 200 nights prompted once (2.25 confirmations an outage).
    expect(once / NIGHTS).toBeGreaterThanOrEqual(0.9);
    // The room is told it is over within two minutes of the end.
    expect(recoveryS.at(-1)).toBeLessThanOrEqual(120);
  });
});
