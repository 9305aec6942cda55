/**
 * The demo platform's CI job: its production API regression suite reports JUnit into the hub's
 * watched folder, in the dialect real suites use (parsed by the hub's own parser), passing before
 * the outage and failing on the entitlement cases with 403 during it, with a flaky case now and then.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { regressionSuiteReport } from '../../electron/demo/regression-suite.ts';
import { startDemo, type DemoHandle } from '../../electron/demo/index.ts';
import { parseJUnit } from '../../electron/hub/canaries/junit/parse.ts';
import { applyCanaryDelta, type CanaryBoard, type CanaryDelta } from '../../shared/protocol/canaries.ts';
import { eventually, startTestHub, type TestHub } from '../support/hub.ts';

const AT = Date.UTC(2026, 11, 6, 20, 0);
const fixed = (value: number) => () => value;

describe('the regression suite report', () => {
  it('passes every case on a quiet platform, counted from its cases', () => {
    const summary = parseJUnit(regressionSuiteReport(AT, { outage: 0, surge: 0 }, 0, fixed(0.5)));
    expect(summary).toMatchObject({ suite: 'production-api', tests: 12, passed: 12, failed: 0, flaky: 0, timestamp: AT });
    expect(summary.warnings).toEqual([]);
  });

  it('fails the entitlement cases with 403 during the outage, and the slow manifest under strain', () => {
    const summary = parseJUnit(regressionSuiteReport(AT, { outage: 1, surge: 0.5 }, 1, fixed(0.5)));
    expect(summary.failures.map((f) => `${f.classname} ${f.name}: ${f.message}`)).toEqual([
      'api.EntitlementIT grants a subscriber the live match (eu-west): expected status 200, got 403 ("forbidden")',
      'api.EntitlementIT grants a subscriber the live match (eu-central): expected status 200, got 403 ("forbidden")',
      'api.EntitlementIT grants a subscriber the live match (af-south): expected status 200, got 403 ("forbidden")',
      'api.EntitlementIT grants a subscriber the live match (us-east): expected status 200, got 403 ("forbidden")',
      'api.PlaybackIT manifest is served within 500 ms: expected latency below 500 ms, got 900 ms',
    ]);
  });

  it('reports the DRM case as flaky (failed, passed on rerun) when it times out once', () => {
    expect(parseJUnit(regressionSuiteReport(AT, { outage: 0, surge: 0 }, 0, fixed(0.05)))).toMatchObject({ flaky: 1, failed: 0 });
  });
});

let demo: DemoHandle | undefined;
let t: TestHub | undefined;
let dir: string | undefined;
afterEach(async () => {
  await t?.close();
  await demo?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  t = demo = dir = undefined;
});

describe('the demo CI job feeding a real hub', () => {
  it('drops a report every 5 scenario minutes into the watched folder; during the outage the suite fails on entitlement', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mc-demo-junit-'));
    // 600× from scenario minute 97 (inside the outage): a report every 0.5 s of wall time.
    demo = await startDemo({ speed: 600, startAtMinutes: 97, junitDir: dir, seed: 3 });
    t = await startTestHub(
      `
version: 1
title: Demo suite
sources:
  - { id: demo, type: scrape, url: "${demo.url}/metrics", interval: 5s, timeout: 1s }
walls:
  - { id: main, title: Main, panels: [{ id: s, title: S, type: stat, gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: demo, query: { metric: mc_concurrent_streams } }] }
canaries:
  junitFolder: ${dir}
  suites:
    - { id: api-regression, name: Production API regression suite, aliases: [production-api], expectEvery: 15m }
`,
    );
    const admin = await t.connect(t.adminToken);
    let board: CanaryBoard | null = null;
    admin.on('canaries:delta', (d: CanaryDelta) => board && (board = applyCanaryDelta(board, d)));
    const reply = await admin.emitWithAck('canaries:board', {});
    if (!reply.ok) throw new Error(reply.error.message);
    board = reply.board;
    const suite = () => board!.entries.find((e) => e.id === 'api-regression');
    await eventually('a failing report from the demo', () => (suite()?.last?.junit?.failed ?? 0) > 0, 20_000);
    expect(suite()!.last!.junit).toMatchObject({ tests: 12 });
    await eventually('the reports moved to processed/', async () => (await readdir(join(dir!, 'processed'))).length >= 2, 20_000);
    const failing = (await (await t.http('/api/v1/canaries/api-regression/results', { token: t.adminToken })).json()) as { results: { detail: { junit: { failing: { name: string; message: string }[] } } }[] };
    const names = failing.results.flatMap((r) => r.detail.junit.failing.map((f) => `${f.name}: ${f.message}`));
    expect(names.some((n) => /grants a subscriber the live match .*got 403/.test(n))).toBe(true);
    // Nothing failed to parse.
    expect(await readdir(join(dir, 'failed'))).toEqual([]);
    const first = (await readdir(join(dir, 'processed')))[0]!;
    expect(await readFile(join(dir, 'processed', first), 'utf8')).toContain('<testsuite name="production-api"');
  }, 60_000);
});
