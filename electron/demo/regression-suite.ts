/**
 * The platform team's production API regression suite, as its CI job would report it: a JUnit
 * (Surefire-style) report every few scenario minutes, its results following the scenario. During
 * the outage the entitlement cases fail with 403 (as many as the platform is denying), a share of
 * logins fail, and the manifest case is slow under the kick-off surge; the DRM licence case is
 * flaky (fails, then passes on its rerun) now and then, as real suites have one.
 */
import { writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { escapeHtml as escapeXml } from './mastodon.ts';
import { entitlementDenialShare, type Conditions } from './model.ts';
import { MINUTE_MS } from './phases.ts';
import { mulberry32 } from './random.ts';
import type { Scenario } from './scenario.ts';

/** A report every 5 scenario minutes, as a CI schedule would run it. */
export const REPORT_EVERY_SCENARIO_MS = 5 * 60_000;

export const SUITE_NAME = 'production-api';

interface CaseResult {
  readonly classname: string;
  readonly name: string;
  readonly seconds: number;
  readonly failure?: string;
  /** Failed first, passed on its rerun (Surefire's flakyFailure). */
  readonly flaky?: string;
}

const REGIONS = ['eu-west', 'eu-central', 'af-south', 'us-east'] as const;

/** One run of the suite at `at`, under the platform's `conditions`; `denialShare` is entitlement's 403 share now. */
export function regressionSuiteReport(at: number, conditions: Pick<Conditions, 'outage' | 'surge'>, denialShare: number, random: () => number): string {
  const strain = 1 + 2 * conditions.surge + 3 * conditions.outage;
  const seconds = (base: number) => Math.round(base * strain * (0.8 + 0.4 * random()) * 1000) / 1000;
  const cases: CaseResult[] = [
    { classname: 'api.LoginIT', name: 'accepts valid credentials', seconds: seconds(0.08), ...(random() < 0.1 * conditions.outage ? { failure: 'expected status 200, got 403 ("login failed")' } : {}) },
    { classname: 'api.LoginIT', name: 'refuses a wrong password', seconds: seconds(0.06) },
    ...REGIONS.map((region) => ({
      classname: 'api.EntitlementIT',
      name: `grants a subscriber the live match (${region})`,
      seconds: seconds(0.05),
      ...(random() < denialShare ? { failure: 'expected status 200, got 403 ("forbidden")' } : {}),
    })),
    { classname: 'api.CatalogIT', name: 'lists the live match', seconds: seconds(0.04) },
    { classname: 'api.CatalogIT', name: "search finds 'Rovers'", seconds: seconds(0.07) },
    (() => {
      const took = seconds(0.18);
      return { classname: 'api.PlaybackIT', name: 'manifest is served within 500 ms', seconds: took, ...(took > 0.5 ? { failure: `expected latency below 500 ms, got ${Math.round(took * 1000)} ms` } : {}) };
    })(),
    { classname: 'api.PlaybackIT', name: 'manifest has 5 renditions', seconds: seconds(0.03) },
    { classname: 'api.PlaybackIT', name: 'DRM licence is issued', seconds: seconds(0.2), ...(random() < 0.08 ? { flaky: 'licence server timed out after 2000 ms (passed on rerun)' } : {}) },
    { classname: 'api.ProfileIT', name: 'loads the watch history', seconds: seconds(0.05) },
  ];
  const failures = cases.filter((c) => c.failure !== undefined).length;
  const total = cases.reduce((sum, c) => sum + c.seconds, 0);
  const body = cases
    .map((c) => {
      const open = `    <testcase classname="${escapeXml(c.classname)}" name="${escapeXml(c.name)}" time="${c.seconds.toFixed(3)}"`;
      if (c.failure !== undefined) return `${open}>\n      <failure message="${escapeXml(c.failure)}" type="AssertionError">${escapeXml(c.failure)}</failure>\n    </testcase>`;
      if (c.flaky !== undefined) return `${open}>\n      <flakyFailure message="${escapeXml(c.flaky)}" type="TimeoutException"/>\n    </testcase>`;
      return `${open}/>`;
    })
    .join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${SUITE_NAME}" tests="${cases.length}" failures="${failures}" errors="0" time="${total.toFixed(3)}">`,
    `  <testsuite name="${SUITE_NAME}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" time="${total.toFixed(3)}" timestamp="${new Date(at).toISOString()}" hostname="ci-runner-7">`,
    body,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/**
 * The CI job: writes a report into `dir` now and every REPORT_EVERY_SCENARIO_MS of scenario time
 * (at least a second apart), named by its time, written beside and renamed into place so a
 * watcher never reads half a file.
 */
export function startRegressionReports(dir: string, scenario: Scenario, now: () => number): { stop(): void } {
  const random = mulberry32(scenario.seed ^ 0x7e57_c1);
  let stopped = false;
  const run = async (): Promise<void> => {
    const at = now();
    const minute = scenario.scenarioTimeMs(at) / MINUTE_MS;
    const xml = regressionSuiteReport(at, scenario.conditions(at), entitlementDenialShare(minute, scenario.outageMode), random);
    const name = `${SUITE_NAME}-${new Date(at).toISOString().replace(/[:.]/g, '-')}.xml`;
    try {
      await writeFile(join(dir, `.${name}.part`), xml);
      if (!stopped) await rename(join(dir, `.${name}.part`), join(dir, name));
    } catch {
      // The folder went away (the hub stopping): the next run tries again, or the timer is stopped.
    }
  };
  void run();
  const timer = setInterval(() => void run(), Math.max(1000, REPORT_EVERY_SCENARIO_MS / scenario.speed));
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
