/**
 * The state model end to end against the demo platform: forcing its outage turns the entitlement
 * canary (log in → entitlement, a critical check) from passing to failing-unconfirmed ("1 of 3
 * failed") to failing-confirmed, with the andon prompt on every console; forcing it off brings it
 * back to passing, with the recovery prompt. The shipped demo workspace's canaries load too.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startDemo, type DemoHandle } from '../../electron/demo/index.ts';
import { defaultDemoWorkspace } from '../../electron/hub/config.ts';
import { loadWorkspaceFile } from '../../electron/hub/workspace/load.ts';
import { applyCanaryDelta, expandHistory, type CanaryAndon, type CanaryBoard, type CanaryBoardEntry } from '../../shared/protocol/canaries.ts';
import { eventually, startTestHub, type TestHub } from '../support/hub.ts';

const workspace = `
version: 1
title: Match night canaries
sources:
  - { id: demo, type: scrape, url: "\${MC_DEMO_URL}/metrics", interval: 5s, timeout: 1s }
walls:
  - id: main
    title: Main
    panels:
      - { id: streams, title: Streams, type: stat, gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: demo, query: { metric: mc_concurrent_streams } }
canaries:
  # The demo answers in ~150 ms during its outage, but with two test files and other work on two
  # cores a run took over 400 ms: a timeout is not the failure under test, so leave it room.
  defaults: { interval: 1s, timeout: 900ms, retries: { count: 0 } }
  checks:
    - id: entitlement
      name: Log in and get the entitlement
      service: entitlement
      journey: watch live
      critical: true
      confirm: { consecutive: 3 }
      steps:
        - name: log in
          request: { method: POST, url: "\${MC_DEMO_URL}/api/login", json: { username: canary, password: "\${CANARY_PASSWORD:-not-a-secret}" } }
          assert: [{ status: 200 }, { json: $.token, exists: true }]
          extract: { token: { json: $.token } }
        - name: entitlement
          request: { url: "\${MC_DEMO_URL}/api/entitlement", headers: { Authorization: "Bearer \${vars.token}" } }
          assert: [{ status: 200 }, { json: $.entitled, equals: true }]
    - id: health
      service: platform
      request: { url: "\${MC_DEMO_URL}/api/health" }
`;

let demo: DemoHandle | null = null;
let t: TestHub | null = null;
afterEach(async () => {
  await t?.close();
  await demo?.close();
  t = null;
  demo = null;
});

async function outage(mode: 'force-on' | 'force-off'): Promise<void> {
  const res = await fetch(`${demo!.url}/demo/control`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ outage: mode }) });
  expect(res.status).toBe(200);
}

describe('canaries on the demo platform', () => {
  it('the outage: passing → failing-unconfirmed (1 of 3 failed) → failing-confirmed with the andon prompt → passing with recovery', async () => {
    demo = await startDemo({ host: '127.0.0.1', port: 0 });
    await outage('force-off');
    t = await startTestHub(workspace, {}, { MC_DEMO_URL: demo.url });
    const admin = await t.connect(t.adminToken);
    // A console that never asked for the board still gets the andon prompt.
    const console2 = await t.connect(t.adminToken);
    const andons: CanaryAndon[] = [];
    console2.on('canary:andon', (a) => andons.push(a));

    const reply = await admin.emitWithAck('canaries:board', {});
    if (!reply.ok) throw new Error(reply.error.message);
    let board: CanaryBoard = reply.board;
    const seen: { status: string; progress: string | null }[] = [];
    admin.on('canaries:delta', (delta) => {
      board = applyCanaryDelta(board, delta)!;
      for (const e of delta.changed) if (e.id === 'entitlement') seen.push({ status: e.status, progress: e.progress?.text ?? null });
    });
    const entitlement = (): CanaryBoardEntry => board.entries.find((e) => e.id === 'entitlement')!;

    await eventually('the entitlement canary passing', () => entitlement().status === 'passing', 10_000);
    expect(entitlement().last!.timings).toMatchObject({ connectMs: expect.any(Number), firstByteMs: expect.any(Number) });
    // The failing streak starts after this passing run: not at the test's clock when it switched
    // the outage on, as a run already going then can be the streak's first failure.
    const lastPassAt = entitlement().last!.at;
    const seenBeforeOutage = seen.length;

    await outage('force-on');
    // A deadline, not the behaviour: the demo denies 35–60% of entitlements at random, so three
    // failed runs in a row take about 14 runs but now and then many more.
    await eventually('failing-confirmed', () => entitlement().status === 'failing-confirmed', 120_000);
    const firstFailure = seen.findIndex((s, i) => i >= seenBeforeOutage && s.status !== 'passing');
    expect(seen[firstFailure]).toEqual({ status: 'failing-unconfirmed', progress: '1 of 3 failed' });
    const e = entitlement();
    expect(e.failingSince).toBeGreaterThan(lastPassAt);
    const runs = expandHistory(e);
    expect(e.failingSince).toBe(runs[runs.findLastIndex((r) => r.outcome === 'pass') + 1]!.at); // the streak's first failed run
    expect(e.last!.classification).toBe('http-status');
    expect(e.last!.message).toMatch(/^(log in|entitlement): expected status 200, got (403|401)/);
    await eventually('the andon prompt', () => andons.find((a) => a.kind === 'failure'));
    expect(andons[0]).toMatchObject({ id: 'entitlement', kind: 'failure', service: 'entitlement', journey: 'watch live', failingSince: e.failingSince });
    expect(andons[0]!.message).toMatch(/^confirmed failing: 3 consecutive failed runs \(HTTP status: /);
    // The health endpoint stays up through the outage.
    expect(board.entries.find((x) => x.id === 'health')!.status).toBe('passing');

    await outage('force-off');
    await eventually('passing again', () => entitlement().status === 'passing', 30_000);
    expect(entitlement().recovered).toMatchObject({ failingSince: e.failingSince });
    await eventually('the recovery prompt', () => andons.find((a) => a.kind === 'recovery'));
    expect(andons.filter((a) => a.kind === 'failure')).toHaveLength(1); // one prompt per incident, not per failed run
  }, 200_000);

  it('the demo workspace shipped in assets/ has canaries against the demo endpoints', async () => {
    const result = await loadWorkspaceFile(defaultDemoWorkspace(), { MC_DEMO_URL: 'http://127.0.0.1:4821' });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const canaries = result.workspace.canaries!;
    expect(canaries.checks.map((c) => c.id)).toEqual(expect.arrayContaining(['entitlement', 'catalog', 'manifest', 'health']));
    const entitlement = canaries.checks.find((c) => c.id === 'entitlement')!;
    expect(entitlement.critical).toBe(true);
    expect(entitlement.steps.map((s) => s.request.url)).toEqual(['http://127.0.0.1:4821/api/login', 'http://127.0.0.1:4821/api/entitlement']);
  });
});
