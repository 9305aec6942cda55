/**
 * The workspace's canaries: section as the loader sees it: clear errors naming the field (timeout
 * not shorter than the interval, a ${vars.X} nobody extracts), and what a check resolves to.
 */
import { describe, expect, it } from 'vitest';
import { suiteTileName } from '../../../shared/model/canary-checks.ts';
import { parseWorkspace } from '../workspace/load.ts';

const base = `
version: 1
title: Canaries
sources:
  - { id: s, type: scrape, url: "http://127.0.0.1:1/metrics" }
walls:
  - id: w
    title: W
    panels:
      - { id: p, title: P, type: stat, gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: s, query: { metric: up } }
`;

function load(canaries: string, vars: Record<string, string> = {}) {
  return parseWorkspace(`${base}canaries:\n${canaries}`, 'workspace.yaml', vars);
}

function issues(canaries: string): string[] {
  const r = load(canaries);
  if (r.ok) throw new Error('expected the workspace to be refused');
  return r.issues.map((i) => `${i.line}:${i.column} ${i.field}: ${i.message}`);
}

describe('canaries in the workspace', () => {
  it('refuses a timeout that is not shorter than the interval, naming the field', () => {
    expect(
      issues(`
  checks:
    - id: api
      request: { url: "https://api.example.com/health" }
      interval: 5s
      timeout: 5s
`),
    ).toEqual(['17:16 canaries.checks[0].timeout: expected a timeout shorter than the interval (5s), got 5s']);
  });

  it('names the interval when the too-long timeout comes from the defaults', () => {
    expect(
      issues(`
  defaults: { timeout: 10s }
  checks:
    - id: fast
      request: { url: "https://api.example.com/health" }
      interval: 5s
`),
    ).toEqual([
      '17:17 canaries.checks[0].interval: expected an interval longer than the timeout from canaries.defaults (10s), got 5s; set a shorter timeout on this check',
    ]);
  });

  it('refuses a ${vars.X} that no earlier step extracts, and unknown assertion shapes', () => {
    const found = issues(`
  checks:
    - id: journey
      steps:
        - request: { url: "https://api.example.com/login", method: POST }
          extract: { token: { json: $.token } }
        - request: { url: "https://api.example.com/entitlement", headers: { Authorization: "Bearer \${vars.tokn}" } }
          assert:
            - { status: 200 }
            - { json: $.entitled }
`);
    expect(found).toEqual([
      expect.stringContaining('canaries.checks[0].steps[1].assert[1]: expected exactly one of equals, notEquals, above, below, atLeast, atMost, exists, matches'),
      expect.stringContaining('canaries.checks[0].steps[1].request.headers.Authorization: expected ${vars.tokn} to be extracted by an earlier step'),
    ]);
    const vars = issues(`
  checks:
    - id: journey
      steps:
        - request: { url: "https://api.example.com/login", method: POST }
          extract: { token: { json: $.token } }
        - request: { url: "https://api.example.com/entitlement", headers: { Authorization: "Bearer \${vars.tokn}" } }
`);
    expect(vars).toEqual([expect.stringContaining('canaries.checks[0].steps[1].request.headers.Authorization: expected ${vars.tokn} to be extracted by an earlier step')]);
  });

  it('refuses duplicate ids across checks and suites, and maintenance for an unknown canary', () => {
    expect(
      issues(`
  checks:
    - { id: api, request: { url: "https://a.example.com" } }
  suites:
    - { id: api }
  maintenance:
    - { id: nightly, at: "02:00", duration: 30m, checks: [apii] }
`),
    ).toEqual([
      expect.stringContaining('canaries.suites[0].id: duplicate canary id "api" (also checks[0])'),
      expect.stringContaining('canaries.maintenance[0].checks[0]: expected a check or suite id, got "apii"'),
    ]);
  });

  it('resolves defaults: 30s interval, timeout at most half of it, retries on network failures only, 3 in a row confirm', () => {
    const r = load(`
  defaults: { headers: { x-canary: "yes" }, warnLatency: 800ms }
  checks:
    - id: api
      service: playback
      request: { url: "\${API}/health", headers: { accept: application/json } }
    - id: quick
      interval: 4s
      confirm: { window: { failures: 2, of: 5 } }
      request: { url: "\${API}/health" }
  suites:
    - { id: e2e, expectEvery: 15m }
`, { API: 'https://api.example.com' });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const [api, quick] = r.workspace.canaries!.checks;
    expect(api).toMatchObject({
      intervalMs: 30_000,
      timeoutMs: 10_000,
      jitterMs: 1500,
      followRedirects: true,
      certExpiryWarnDays: 14,
      retries: { count: 1, delayMs: 250, on: ['dns', 'connect-refused', 'connect-reset', 'timeout'] },
      steps: [{ name: 'request', request: { method: 'GET', url: 'https://api.example.com/health', headers: { 'x-canary': 'yes', accept: 'application/json' } }, assert: [] }],
      state: { expectedIntervalMs: 30_000, warnLatencyMs: 800, confirm: { consecutive: 3, window: null }, alertOnStale: false },
    });
    // Stale once a whole run is overdue: the interval, the slowest run (2 attempts timing out + the wait), another interval.
    expect(api!.state.staleGrace).toBeCloseTo((60_000 + 20_000 + 250) / 30_000);
    expect(quick).toMatchObject({ timeoutMs: 2000, state: { confirm: { consecutive: null, window: { failures: 2, of: 5 } } } });
    expect(r.workspace.canaries!.suites[0]).toMatchObject({ expectEveryMs: 900_000, state: { expectedIntervalMs: 900_000, staleGrace: 1.5, alertOnStale: true, confirm: { consecutive: 2 } } });
    expect(r.workspace.canaries!.retention).toEqual({ rawDays: 14, rollupDays: 365 });
  });
});

describe('suite names with a build number', () => {
  const tile = (name: string, canaries = '  acceptUnknownSuites: true\n') => {
    const r = load(canaries);
    if (!r.ok || !r.workspace.canaries) throw new Error('expected the workspace to load');
    return suiteTileName(name, r.workspace.canaries.suiteBuildSuffix);
  };

  it('lose a trailing build number or run id by default, and keep numbers that are part of the name', () => {
    const cut = ['checkout-build-1234', 'checkout_build_7', 'checkout #1235', 'checkout run 42', 'checkout-job-9', 'checkout.pipeline#88', 'checkout-20261207', 'Checkout-BUILD-5'];
    expect(cut.map((n) => tile(n))).toEqual(['checkout', 'checkout', 'checkout', 'checkout', 'checkout', 'checkout', 'checkout', 'Checkout']);
    const kept = ['node-22', 'api-v2', 'python-3.12', 'rerun5', 'checkout'];
    expect(kept.map((n) => tile(n))).toEqual(kept);
  });

  it('follow the workspace pattern, or none with false; a bad pattern is refused, naming the field', () => {
    expect(tile('checkout-r7', '  suiteBuildSuffix: "-r\\\\d+"\n')).toBe('checkout');
    expect(tile('checkout-build-1234', '  suiteBuildSuffix: false\n')).toBe('checkout-build-1234');
    expect(issues('  suiteBuildSuffix: "(-build"\n')).toEqual(['12:21 canaries.suiteBuildSuffix: expected a regular expression, got "(-build"']);
  });
});
