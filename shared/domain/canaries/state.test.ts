import { describe, expect, it } from 'vitest';
import { canaryConfigSchema, type CanaryAlert, type CanaryConfigInput, type CanaryEvent, type CanaryResult, type CanaryState, type JUnitSummary, type MaintenanceDigest } from '../../model/canary.ts';
import { canaryResultFromJUnit } from './junit-result.ts';
import { createCanaryState, describeProgress, nextCanaryState, uptimeOf } from './state.ts';

const S = 1000;
const MIN = 60 * S;
const T0 = Date.UTC(2024, 4, 18, 14, 0, 0);

/** One check on a controllable clock: every event goes through the reducer, alerts and digests are kept. */
class Clock {
  now = T0;
  state: CanaryState;
  readonly config;
  alerts: CanaryAlert[] = [];
  digests: MaintenanceDigest[] = [];
  constructor(config: CanaryConfigInput = {}) {
    this.config = canaryConfigSchema.parse(config);
    this.state = createCanaryState(this.now);
  }
  /** Advance the clock by `ms` and send the event (a tick by default). */
  after(ms: number, event: CanaryEvent = { type: 'tick' }): CanaryAlert[] {
    this.now += ms;
    return this.send(event);
  }
  send(event: CanaryEvent): CanaryAlert[] {
    const previous = deepFreeze(structuredClone(this.state));
    const { state, alerts, digest } = nextCanaryState(previous, event, this.config, this.now);
    this.state = state;
    this.alerts.push(...alerts);
    if (digest) this.digests.push(digest);
    return alerts;
  }
  pass(ms = MIN, extra: Partial<CanaryResult> = {}) {
    return this.after(ms, { type: 'result', outcome: 'pass', latencyMs: 120, ...extra });
  }
  fail(ms = MIN, extra: Partial<CanaryResult> = {}) {
    return this.after(ms, { type: 'result', outcome: 'fail', classification: 'http-status', message: 'expected status 200, got 503', ...extra });
  }
  get kinds() {
    return this.alerts.map((a) => a.kind);
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe('confirmation', () => {
  it('a single failed check never alerts, and shows its progress', () => {
    const c = new Clock({ expectedIntervalMs: MIN });
    c.pass();
    expect(c.state.health).toBe('passing');
    c.fail();
    expect(c.state).toMatchObject({ health: 'failing-unconfirmed', status: 'failing-unconfirmed', failStreak: 1 });
    expect(describeProgress(c.state.progress!)).toBe('1 of 3 failed');
    expect(c.state.incident).toMatchObject({ failingSince: T0 + 2 * MIN, confirmedAt: null });
    c.pass();
    expect(c.state).toMatchObject({ health: 'passing', incident: null, progress: null });
    expect(c.alerts).toEqual([]);
  });

  it('N consecutive failures confirm, alert once per incident, and "failing since" is the first of them', () => {
    const c = new Clock({ confirm: { consecutive: 3 } });
    c.pass();
    c.fail(MIN, { classification: 'timeout', message: 'no response within 5s' });
    c.fail();
    expect(describeProgress(c.state.progress!)).toBe('2 of 3 failed');
    expect(c.alerts).toEqual([]);
    const [alert] = c.fail();
    expect(c.state.health).toBe('failing-confirmed');
    expect(alert).toEqual({
      kind: 'failure',
      at: T0 + 4 * MIN,
      incidentSeq: 1,
      failingSince: T0 + 2 * MIN,
      message: 'confirmed failing: 3 consecutive failed runs (HTTP status: expected status 200, got 503)',
    });
    for (let i = 0; i < 5; i++) c.fail();
    expect(c.kinds).toEqual(['failure']); // not on every failed run
    expect(c.state.incident).toMatchObject({ seq: 1, failingSince: T0 + 2 * MIN, confirmedAt: T0 + 4 * MIN, alertedAt: T0 + 4 * MIN });
  });

  it('an error (the run itself broke) counts as a failed run too', () => {
    const c = new Clock({ confirm: { consecutive: 2 } });
    c.after(MIN, { type: 'result', outcome: 'error', classification: 'dns', message: 'ENOTFOUND api.example.tv' });
    c.after(MIN, { type: 'result', outcome: 'error', classification: 'dns', message: 'ENOTFOUND api.example.tv' });
    expect(c.alerts[0]!.message).toBe('confirmed failing: 2 consecutive failed runs (DNS: ENOTFOUND api.example.tv)');
  });

  it('k of the last n catches an intermittent failure that never makes a streak', () => {
    const c = new Clock({ confirm: { consecutive: 3, window: { failures: 3, of: 10 } } });
    c.fail(); // T0+1
    c.pass();
    expect(c.state.health).toBe('passing');
    // The window rule keeps the unconfirmed incident open (its progress still shows) after a pass.
    expect(describeProgress(c.state.progress!)).toBe('1 of the last 10 failed (3 confirm)');
    c.fail();
    c.pass();
    expect(c.alerts).toEqual([]);
    const [alert] = c.fail(); // T0+5: the third failure in 5 runs
    expect(alert).toMatchObject({ kind: 'failure', failingSince: T0 + MIN, message: 'confirmed failing: 3 of the last 10 runs failed (HTTP status: expected status 200, got 503)' });
    expect(c.state.health).toBe('failing-confirmed');
    // It stays confirmed while the window still holds 3 failures…
    for (let i = 0; i < 5; i++) c.pass();
    expect(c.state.health).toBe('failing-confirmed');
    expect(c.kinds).toEqual(['failure']);
    // …and recovers once the first failure slides out of the last 10.
    const [recovery] = c.pass();
    expect(recovery).toMatchObject({ kind: 'recovery', incidentSeq: 1, message: 'recovered after 10 min' });
    expect(c.state).toMatchObject({ health: 'passing', incident: null, recovered: { seq: 1, failingSince: T0 + MIN, recoveredAt: T0 + 11 * MIN } });
  });

  it('consecutive failures alone would never confirm 1-in-3 failures', () => {
    const c = new Clock({ confirm: { consecutive: 3 } });
    for (let i = 0; i < 10; i++) {
      c.fail();
      c.pass();
      c.pass();
    }
    expect(c.alerts).toEqual([]);
    expect(c.state.health).toBe('passing');
  });
});

describe('passing states', () => {
  it('flaky: passed on retry', () => {
    const c = new Clock();
    c.pass(MIN, { retried: true, attempts: 2 });
    expect(c.state).toMatchObject({ health: 'flaky', status: 'flaky', incident: null });
    expect(c.state.history.at(-1)).toMatchObject({ outcome: 'pass', retried: true });
    c.pass();
    expect(c.state.health).toBe('passing');
    expect(c.alerts).toEqual([]);
  });

  it('degraded: slower than the warn latency for degradeAfter runs', () => {
    const c = new Clock({ warnLatencyMs: 500, degradeAfter: 2 });
    c.pass(MIN, { latencyMs: 900 });
    expect(c.state.health).toBe('passing'); // one slow run is noise
    c.pass(MIN, { latencyMs: 800 });
    expect(c.state.health).toBe('degraded');
    c.pass(MIN, { latencyMs: 80 });
    expect(c.state.health).toBe('passing');
    expect(c.alerts).toEqual([]);
  });
});

describe('recovery', () => {
  it('closes after recoverAfter passes, sends one recovery notice, and the next incident alerts again', () => {
    const c = new Clock({ confirm: { consecutive: 2 }, recoverAfter: 2 });
    c.fail();
    c.fail();
    c.pass();
    expect(c.state.health).toBe('failing-confirmed'); // one pass is not a recovery yet
    const [recovery] = c.pass();
    expect(recovery).toEqual({ kind: 'recovery', at: T0 + 4 * MIN, incidentSeq: 1, failingSince: T0 + MIN, message: 'recovered after 3 min' });
    expect(c.state.recovered).toEqual({ seq: 1, failingSince: T0 + MIN, recoveredAt: T0 + 4 * MIN });
    c.fail();
    c.fail();
    expect(c.kinds).toEqual(['failure', 'recovery', 'failure']);
    expect(c.alerts[2]!.incidentSeq).toBe(2);
  });
});

describe('staleness', () => {
  it('goes stale after interval × grace without a result, alerts once if asked to, and says when results return', () => {
    const c = new Clock({ expectedIntervalMs: MIN, staleGrace: 2, alertOnStale: true });
    c.pass();
    c.after(2 * MIN - S);
    expect(c.state.health).toBe('passing');
    const [stale] = c.after(2 * S);
    expect(c.state.health).toBe('stale');
    expect(stale).toMatchObject({ kind: 'stale', message: 'no result for 2 min (expected every 1 min)' });
    c.after(5 * MIN);
    c.after(5 * MIN);
    expect(c.kinds).toEqual(['stale']);
    const [back] = c.pass();
    expect(back).toMatchObject({ kind: 'recovery', message: 'reporting again' });
    expect(c.state.health).toBe('passing');
  });

  it('a check that never reported goes stale once its first result is overdue; without a schedule it never does', () => {
    const scheduled = new Clock({ expectedIntervalMs: 30 * S });
    scheduled.after(59 * S);
    expect(scheduled.state.health).toBe('pending');
    scheduled.after(2 * S);
    expect(scheduled.state.health).toBe('stale');
    expect(scheduled.alerts).toEqual([]); // alertOnStale is off by default
    const unscheduled = new Clock();
    unscheduled.after(24 * 60 * MIN);
    expect(unscheduled.state.health).toBe('pending');
  });

  it('a confirmed failure stays open while stale: nothing is known to have recovered', () => {
    const c = new Clock({ expectedIntervalMs: MIN, confirm: { consecutive: 2 } });
    c.fail();
    c.fail();
    c.after(10 * MIN);
    expect(c.state).toMatchObject({ health: 'stale', incident: { seq: 1, confirmedAt: T0 + 2 * MIN } });
    c.pass();
    expect(c.kinds).toEqual(['failure', 'recovery']);
  });
});

describe('maintenance', () => {
  const window = (id: string, from: number, to: number) => ({ type: 'maintenance' as const, window: { id, startsAt: T0 + from, endsAt: T0 + to, reason: 'CDN migration', by: '@ops' } });

  it('checks keep running, nothing alerts, and the end brings a digest and what was held back', () => {
    const c = new Clock({ confirm: { consecutive: 3 }, recoverAfter: 2 });
    c.send(window('w1', 10 * MIN, 20 * MIN));
    c.pass(); // T0+1
    expect(c.state.status).toBe('passing');
    c.after(9 * MIN); // T0+10: the window opens
    expect(c.state).toMatchObject({ status: 'maintenance', health: 'passing' });
    c.fail(MIN, { classification: 'timeout', message: 'no response within 5s' }); // 11
    c.fail(MIN, { classification: 'timeout', message: 'no response within 5s' }); // 12
    c.fail(MIN, { classification: 'connect-refused', message: 'ECONNREFUSED' }); // 13: confirmed, but quiet
    c.pass(); // 14: one pass does not recover (recoverAfter: 2)
    expect(c.state).toMatchObject({ status: 'maintenance', health: 'failing-confirmed' });
    expect(c.state.history.at(-1)!.maintenance).toBe(true);
    c.fail(); // 15
    expect(c.alerts).toEqual([]);
    const alerts = c.after(5 * MIN); // 20: the window ends
    expect(c.digests).toEqual([
      {
        windowIds: ['w1'],
        reasons: ['CDN migration'],
        startedAt: T0 + 10 * MIN,
        endedAt: T0 + 20 * MIN,
        healthBefore: 'passing',
        healthAfter: 'failing-confirmed',
        runs: 5,
        passes: 1,
        failures: 4,
        failuresByClass: { timeout: 2, 'connect-refused': 1, 'http-status': 1 },
        transitions: [
          { at: T0 + 11 * MIN, from: 'passing', to: 'failing-unconfirmed' },
          { at: T0 + 13 * MIN, from: 'failing-unconfirmed', to: 'failing-confirmed' },
        ],
        summary: 'started failing during the window and is still failing (failing for 9 min); 4 of 5 runs failed',
      },
    ]);
    expect(alerts).toEqual([
      {
        kind: 'failure',
        at: T0 + 20 * MIN,
        incidentSeq: 1,
        failingSince: T0 + 11 * MIN,
        message: 'confirmed failing during the maintenance window, still failing (HTTP status: expected status 200, got 503)',
      },
    ]);
    expect(c.state.status).toBe('failing-confirmed');
  });

  it('a check that was already failing (and announced) is not announced again after the window', () => {
    const c = new Clock({ confirm: { consecutive: 2 } });
    c.fail();
    c.fail(); // announced
    c.send(window('nightly', 5 * MIN, 65 * MIN));
    c.fail(3 * MIN);
    c.fail(30 * MIN);
    c.after(40 * MIN); // T0+75: ended at T0+65
    expect(c.kinds).toEqual(['failure']);
    expect(c.digests[0]).toMatchObject({ healthBefore: 'failing-confirmed', healthAfter: 'failing-confirmed', endedAt: T0 + 65 * MIN });
    expect(c.digests[0]!.summary).toBe('still failing, as before the window (failing for 1 h 4 min); 2 of 2 runs failed');
  });

  it('an announced failure that recovers during the window gets its recovery notice when the window ends', () => {
    const c = new Clock({ confirm: { consecutive: 2 } });
    c.fail();
    c.fail(); // announced
    c.send(window('deploy', 3 * MIN, 10 * MIN));
    c.after(MIN); // T0+3: open
    c.pass(); // recovered, quietly
    expect(c.kinds).toEqual(['failure']);
    expect(c.state).toMatchObject({ status: 'maintenance', health: 'passing', incident: null });
    const alerts = c.after(6 * MIN); // T0+10
    expect(alerts).toEqual([{ kind: 'recovery', at: T0 + 10 * MIN, incidentSeq: 1, failingSince: T0 + MIN, message: 'recovered during the maintenance window' }]);
    expect(c.digests[0]!.summary).toBe('recovered during the window; 1 run, all passed');
  });

  it('cancelling an active window ends it now, with its digest; a window between two events still gets one', () => {
    const c = new Clock();
    c.send(window('w', 0, 60 * MIN));
    expect(c.state.status).toBe('maintenance');
    c.pass();
    c.after(MIN, { type: 'maintenance-cancel', id: 'w' });
    expect(c.digests[0]).toMatchObject({ startedAt: T0, endedAt: T0 + 2 * MIN, runs: 1, summary: '1 run, all passed' });
    expect(c.state.status).toBe('passing');

    c.send(window('short', 5 * MIN, 7 * MIN));
    c.after(10 * MIN); // no event during the window
    expect(c.digests[1]).toMatchObject({ windowIds: ['short'], startedAt: T0 + 5 * MIN, endedAt: T0 + 7 * MIN, runs: 0, summary: 'no results arrived' });
    expect(c.state.windows).toEqual([]);
  });

  it('maintenance time counts neither as up nor as down', () => {
    const c = new Clock();
    c.send(window('w', 10 * MIN, 30 * MIN));
    c.fail(); // T0+1: down from here
    c.after(39 * MIN); // T0+40
    const u = uptimeOf(c.state, c.config, c.now);
    expect(u.downMs).toBe(19 * MIN); // 1–10 and 30–40
    expect(u.upMs).toBe(0);
  });
});

describe('acknowledgements and snoozes', () => {
  it('an acknowledgement silences until recovery; the recovery notice still goes out and the ack ends with it', () => {
    const c = new Clock({ confirm: { consecutive: 2 } });
    c.fail();
    c.fail(); // announced
    c.after(S, { type: 'ack', by: '@maria', note: 'looking at the CDN' });
    expect(c.state).toMatchObject({ status: 'acknowledged', health: 'failing-confirmed', ack: { by: '@maria', until: null, note: 'looking at the CDN' } });
    for (let i = 0; i < 5; i++) c.fail();
    c.pass();
    expect(c.kinds).toEqual(['failure', 'recovery']);
    expect(c.state.ack).toBeNull();
    c.fail();
    c.fail();
    expect(c.kinds).toEqual(['failure', 'recovery', 'failure']); // a new incident is not covered
  });

  it('a snooze taken before confirmation holds the alert back until it ends', () => {
    const c = new Clock({ confirm: { consecutive: 3 } });
    c.fail(); // T0+1
    c.after(S, { type: 'ack', by: '@maria', until: T0 + 30 * MIN });
    expect(c.state.status).toBe('acknowledged');
    c.fail();
    c.fail(); // confirmed at T0+3, silently
    expect(c.alerts).toEqual([]);
    c.after(26 * MIN); // T0+29:01
    expect(c.alerts).toEqual([]);
    const [alert] = c.after(MIN); // past T0+30
    expect(alert).toMatchObject({ kind: 'failure', message: "confirmed failing after @maria's acknowledgement ended (failing for 29 min) (HTTP status: expected status 200, got 503)" });
    expect(c.state).toMatchObject({ status: 'failing-confirmed', ack: null });
  });

  it('a snooze that runs out on an announced failure sends a reminder; so does withdrawing an ack', () => {
    const c = new Clock({ confirm: { consecutive: 1 } });
    c.fail(); // a consecutive count of 1 alerts on the first failure: the config asks for it
    c.after(S, { type: 'ack', by: '@li', until: c.now + 10 * MIN });
    c.after(10 * MIN);
    expect(c.kinds).toEqual(['failure', 'reminder']);
    c.after(S, { type: 'ack', by: '@li' });
    c.after(MIN, { type: 'unack', by: '@li' });
    expect(c.kinds).toEqual(['failure', 'reminder', 'reminder']);
  });

  it('there is nothing to acknowledge on a passing check, and a snooze in the past is ignored', () => {
    const c = new Clock();
    c.pass();
    c.after(S, { type: 'ack', by: '@maria' });
    expect(c.state.ack).toBeNull();
    c.fail();
    c.after(S, { type: 'ack', by: '@maria', until: c.now - 1 });
    expect(c.state.ack).toBeNull();
  });
});

describe('history, uptime and pass ratio', () => {
  it('keeps a bounded history strip', () => {
    const c = new Clock({ historySize: 5 });
    for (let i = 0; i < 12; i++) c.pass(MIN, { latencyMs: i });
    expect(c.state.history.map((h) => h.latencyMs)).toEqual([7, 8, 9, 10, 11]);
  });

  it('uptime is time-based and differs from the pass ratio', () => {
    const c = new Clock({ expectedIntervalMs: 10 * MIN, staleGrace: 3 });
    c.pass(0); // T0
    c.fail(10 * MIN); // T0+10, down for one minute
    c.pass(MIN); // T0+11
    c.after(9 * MIN); // T0+20
    const u = uptimeOf(c.state, c.config, c.now);
    expect(u).toMatchObject({ upMs: 19 * MIN, downMs: MIN, passes: 2, failures: 1 });
    expect(u.uptime).toBeCloseTo(0.95);
    expect(u.passRatio).toBeCloseTo(2 / 3);
    // Reading it later accrues up to then without changing the state.
    expect(uptimeOf(c.state, c.config, c.now + 10 * MIN).upMs).toBe(29 * MIN);
    // Stale time (from T0+41: 30 minutes after the last result) is unknown, not up.
    expect(uptimeOf(c.state, c.config, c.now + 60 * MIN).upMs).toBe(40 * MIN);
  });

  it('forgets what fell out of the uptime window', () => {
    const c = new Clock({ uptimeWindowMs: 60 * MIN });
    c.fail(0);
    c.pass(30 * MIN);
    c.after(120 * MIN);
    const u = uptimeOf(c.state, c.config, c.now);
    expect(u.downMs).toBe(0);
    expect(u.upMs).toBe(60 * MIN);
    expect(u.passes + u.failures).toBe(0);
    expect(c.state.uptime.length).toBeLessThanOrEqual(97);
  });

  it('never changes the previous state (the Clock freezes it before every call)', () => {
    const c = new Clock({ confirm: { consecutive: 2 }, expectedIntervalMs: MIN });
    c.send({ type: 'maintenance', window: { id: 'w', startsAt: T0 + 5 * MIN, endsAt: T0 + 6 * MIN } });
    c.fail();
    c.fail();
    c.after(S, { type: 'ack', by: '@a', until: T0 + 4 * MIN });
    c.after(10 * MIN);
    c.pass();
    expect(c.kinds).toEqual(['failure', 'reminder', 'recovery']);
  });
});

describe('a JUnit report as a canary result', () => {
  const summary = (over: Partial<JUnitSummary>): JUnitSummary => ({
    suite: 'api',
    tests: 10,
    passed: 10,
    failed: 0,
    errored: 0,
    skipped: 0,
    flaky: 0,
    durationMs: 4200,
    failures: [],
    cases: [],
    suites: [],
    warnings: [],
    ...over,
  });

  it('maps failures, errors, flaky passes and empty reports', () => {
    expect(canaryResultFromJUnit(summary({}), T0)).toEqual({ type: 'result', outcome: 'pass', at: T0, latencyMs: 4200, message: '10 of 10 tests passed' });
    const failures = ['a', 'b', 'c', 'd'].map((name) => ({ name, classname: 'x', message: 'm', type: '', kind: 'failure' as const }));
    expect(canaryResultFromJUnit(summary({ passed: 5, failed: 4, errored: 1, failures }))).toMatchObject({ outcome: 'fail', classification: 'assertion', message: '5 of 10 tests failed: a, b, c and 1 more' });
    expect(canaryResultFromJUnit(summary({ passed: 9, errored: 1, failures: [{ ...failures[0]!, kind: 'error' }] }))).toMatchObject({ outcome: 'error', classification: 'error' });
    expect(canaryResultFromJUnit(summary({ passed: 8, flaky: 2 }))).toMatchObject({ outcome: 'pass', retried: true, message: '10 of 10 tests passed, 2 only on retry' });
    expect(canaryResultFromJUnit(summary({ tests: 0, passed: 0 }))).toMatchObject({ outcome: 'error', message: 'the report has no test cases' });
  });

  it('drives the same state model', () => {
    const c = new Clock({ confirm: { consecutive: 2 } });
    c.after(MIN, canaryResultFromJUnit(summary({ passed: 8, flaky: 2 })));
    expect(c.state.health).toBe('flaky');
  });
});

describe('configuration', () => {
  it('has safe defaults and refuses a rule that can never fire', () => {
    const config = canaryConfigSchema.parse({});
    expect(config).toMatchObject({ confirm: { consecutive: 3, window: null }, recoverAfter: 1, staleGrace: 2, historySize: 30, alertOnStale: false });
    expect(canaryConfigSchema.safeParse({ confirm: { consecutive: null } }).success).toBe(false);
    expect(canaryConfigSchema.safeParse({ confirm: { window: { failures: 4, of: 3 } } }).success).toBe(false);
  });
});
