import { describe, expect, it } from 'vitest';
import { forecastSchema, planSchema } from '../../model/plan.ts';
import { eventBurnAlerts, eventSloStatus } from './event-slo.ts';
import { forecastVsActual } from './forecast.ts';
import { inFreeze, keyMomentConcerns, nextKeyMoment, onDuty, planTimeline, planWindow } from './timeline.ts';

const MIN = 60_000;
const H = 60 * MIN;
const plan = planSchema.parse({
  version: 1,
  event: { name: 'Final', type: 'sports', tier: 1, timezone: 'Europe/London', start: '2026-05-30T17:00', end: '2026-05-30T21:00', owner: '@m', successCriteria: ['ok'] },
  keyMoments: [
    { id: 'ht', kind: 'half_time', label: 'Half-time', at: 'T+65m' },
    { id: 'ko', kind: 'kick_off', label: 'Kick-off', at: 'T+20m' },
    { id: 'fw', kind: 'final_whistle', label: 'Final whistle', at: '2026-05-30T19:05' },
  ],
  capacity: [{ id: 'ent', component: 'Entitlement', target: '3×', when: 'T-2h', leadTime: '30m', owner: '@m', validation: 'canary', scaleDown: 'T+3h' }],
  people: {
    roster: [
      { person: '@early', role: 'ops', shift: { from: 'T-3h', to: 'T+1h' } },
      { person: '@late', role: 'ops', shift: { from: 'T+1h', to: 'T+5h' } },
    ],
  },
  freeze: { from: 'T-14d', to: 'T+1d', scope: 'all', exceptionApprover: '@m' },
  goNoGo: { at: 'T-1d', decider: '@m', criteria: [{ text: 'ready' }] },
  slos: [{ id: 'play', name: 'Playback starts', objective: 0.995 }],
});
const START = Date.UTC(2026, 4, 30, 16, 0);

describe('the plan timeline', () => {
  it('puts every dated thing in order with its T-offset', () => {
    expect(planTimeline(plan).map((i) => `${i.offset} ${i.kind}`)).toEqual([
      'T-14d freeze_start',
      'T-1d go_no_go',
      'T-2h30m scale_up_start',
      'T-2h scale_up',
      'T0 event_start',
      'T+20m key_moment',
      'T+1h5m key_moment',
      'T+2h5m key_moment',
      'T+3h scale_down',
      'T+4h event_end',
      'T+1d freeze_end',
    ]);
  });

  it('counts down to the next key moment', () => {
    expect(nextKeyMoment(plan, START)).toMatchObject({ moment: { id: 'ko' }, inMs: 20 * MIN });
    expect(nextKeyMoment(plan, START + 20 * MIN)).toMatchObject({ moment: { id: 'ko' }, inMs: 0 });
    expect(nextKeyMoment(plan, START + 21 * MIN)).toMatchObject({ moment: { id: 'ht' }, inMs: 44 * MIN });
    expect(nextKeyMoment(plan, START + 3 * H)).toBeNull();
  });

  it('knows the freeze and who is on duty', () => {
    expect(inFreeze(plan, START - 15 * 24 * H)).toBe(false);
    expect(inFreeze(plan, START)).toBe(true);
    expect(inFreeze(plan, START + 24 * H)).toBe(false);
    expect(onDuty(plan, START).map((r) => r.person)).toEqual(['@early']);
    expect(onDuty(plan, START + H).map((r) => r.person)).toEqual(['@late']); // handover: the incoming shift
  });
});

describe('forecast vs actual', () => {
  const forecast = forecastSchema.parse({ metric: 'streams', baseline: 150_000, peak: 1_200_000, peakRange: { low: 1_000_000, high: 1_400_000 }, ramp: { perMinute: 70_000, from: 'T0', to: 'T+20m' }, confidence: 'medium' });
  const samples: [number, number][] = [
    [START, 150_000],
    [START + 10 * MIN, 400_000],
    [START + 18 * MIN, 950_000],
    [START + 83 * MIN, 1_230_000],
    [START + 130 * MIN, 600_000],
  ];

  it('compares the peaks, the multiplier and the ramp', () => {
    const r = forecastVsActual(forecast, samples);
    expect(r).toMatchObject({ actualPeak: 1_230_000, actualPeakAt: START + 83 * MIN, verdict: 'within', capacityExceeded: false, builtFor: 1_560_000, samples: 5 });
    expect(r.ratio).toBeCloseTo(1.025);
    expect(r.error).toBeCloseTo(0.025);
    expect(r.actualMultiplier).toBeCloseTo(8.2);
    expect(r.steepestRampPerMinute).toBeCloseTo(68_750);
    expect(r.forecastRampPerMinute).toBe(70_000);
  });

  it('says when the night was bigger than the range, or than what we built for', () => {
    expect(forecastVsActual(forecast, [[START, 1_500_000]]).verdict).toBe('above');
    expect(forecastVsActual(forecast, [[START, 1_600_000]]).capacityExceeded).toBe(true);
    expect(forecastVsActual(forecast, [[START, 900_000]]).verdict).toBe('below');
    const noRange = forecastSchema.parse({ metric: 'streams', baseline: 100, peak: 1000, confidence: 'low' });
    expect(forecastVsActual(noRange, [[0, 1099]]).verdict).toBe('within');
    expect(forecastVsActual(noRange, [[0, 1101]]).verdict).toBe('above');
    expect(forecastVsActual(noRange, [])).toMatchObject({ actualPeak: null, verdict: null });
  });
});

describe('event-scoped SLOs', () => {
  it('derives the thresholds from the event window: 4 hours → 2.4 and 1.0', () => {
    const alerts = eventBurnAlerts(plan.slos[0]!, planWindow(plan).endMs - planWindow(plan).startMs);
    expect(alerts.map((a) => [a.severity, Number(a.threshold.toFixed(6)), a.longWindowMs / MIN, a.shortWindowMs / 1000])).toEqual([
      ['page', 2.4, 10, 50],
      ['page', 1, 60, 300],
    ]);
  });

  it('drops alerts whose window is longer than the event, and honours the plan’s own', () => {
    expect(eventBurnAlerts({}, 45 * MIN).map((a) => a.longWindowMs / MIN)).toEqual([10]);
    expect(eventBurnAlerts({ alerts: [{ severity: 'page', budgetFraction: 0.05, longWindow: 5 * MIN }] }, 150 * MIN)[0]!.threshold).toBeCloseTo(1.5);
  });

  it('burns the event budget and pages on a fast burn', () => {
    // 100 requests per 10 s bucket (shorter than the 50 s short window); 0.5% may fail. From T+60m,
    // 3% fail: burn rate 6.
    const buckets = Array.from({ length: 90 * 6 }, (_, i) => ({ t: START + i * 10_000, total: 100, good: i >= 60 * 6 ? 97 : 100 }));
    const s = eventSloStatus(plan, plan.slos[0]!, buckets, START + 90 * MIN);
    expect(s.windowMs).toBe(4 * H);
    // The event's budget: 100 requests per 10 s over its 4 hours may have 720 failures; 540 failed.
    expect(s.budget.bad).toBe(540);
    expect(s.budget.allowedBad).toBeCloseTo(720);
    expect(s.budget.consumed).toBeCloseTo(0.75);
    expect(s.alerts.state).toBe('page');
    expect(s.alerts.alerts.map((a) => a.firing)).toEqual([true, true]);
    const calm = eventSloStatus(plan, plan.slos[0]!, buckets, START + 60 * MIN);
    expect(calm.alerts.state).toBe('ok');
  });

  it('measures the errors of the first minutes against the whole event’s budget, at the rate of requests so far', () => {
    // 1% fail from the start (burn rate 2, as the event's alerts allow): 5 minutes of a 4-hour
    // event spend 2 × 5/240 of its budget, not twice the budget of the 5 minutes' requests.
    const buckets = Array.from({ length: 24 * 60 * 6 }, (_, i) => ({ t: START + i * 10_000, total: 100, good: 99 }));
    const early = eventSloStatus(plan, plan.slos[0]!, buckets, START + 5 * MIN);
    expect(early.budget.bad).toBe(30);
    expect(early.budget.allowedBad).toBeCloseTo(720);
    expect(early.budget.remaining).toBeCloseTo(1 - 2 * (5 / 240));
    expect(early.alerts.state).toBe('ok');
    // Once the event is over its budget is the requests it had: kept up, the burn rate 2 spent it twice.
    expect(eventSloStatus(plan, plan.slos[0]!, buckets, START + 5 * H).budget.remaining).toBeCloseTo(-1);
  });

  it('extrapolates from the span its buckets count, not from the event’s start: a bucket’s alignment does not sway the budget', () => {
    // Buckets 10 s long, the first starting 7 s after the start (as the hub's range query, aligned
    // on its last sample, lays them); 1% failing (burn rate 2) for the minute they cover.
    const buckets = Array.from({ length: 6 }, (_, i) => ({ t: START + 7_000 + i * 10_000, total: 100, good: 99 }));
    const minute = eventSloStatus(plan, plan.slos[0]!, buckets, START + 67_000);
    expect(minute.budget.remaining).toBeCloseTo(1 - 2 * (60_000 / (4 * H)), 6);
  });

  it('judges the hour’s alert early in the event on what the hour burned, the part before the start burning nothing', () => {
    // From the start, 0.75% fail (burn rate 1.5, above the hour's 1.0): 25% of the 4-hour budget
    // is spent after 40 minutes, not after the first few.
    const buckets = Array.from({ length: 90 * 6 }, (_, i) => ({ t: START + i * 10_000, total: 400, good: 397 }));
    const early = eventSloStatus(plan, plan.slos[0]!, buckets, START + 15 * MIN);
    // Shown as the rate it burns at; judged on what the hour's window spent (1.5 × 15/60).
    expect(early.alerts.alerts[1]!.longBurn).toBeCloseTo(1.5);
    expect(early.alerts.alerts[1]!.firing).toBe(false);
    expect(early.alerts.state).toBe('ok');
    expect(eventSloStatus(plan, plan.slos[0]!, buckets, START + 39 * MIN).alerts.state).toBe('ok');
    expect(eventSloStatus(plan, plan.slos[0]!, buckets, START + 41 * MIN).alerts.state).toBe('page');
    // Half the requests failing from the start still pages within the first minute.
    const outage = buckets.map((b) => ({ ...b, good: 200 }));
    expect(eventSloStatus(plan, plan.slos[0]!, outage, START + MIN).alerts.state).toBe('page');
  });
});

describe('key moment concerns', () => {
  it('names a moment out of order, and one outside the window, in words', () => {
    const moved = structuredClone(plan);
    moved.keyMoments[2]!.at = '2026-06-20T20:00';
    expect(keyMomentConcerns(moved)).toEqual([
      null,
      'earlier than row 1 above (T+20m is before T+1h5m)',
      'outside the event window (T+21d3h; the window is T0 to T+4h)',
    ]);
  });

  it('says nothing while the end is before the start: that is the header\'s one error, not every moment\'s', () => {
    const inverted = structuredClone(plan);
    inverted.event.end = '2026-05-29T20:00';
    expect(keyMomentConcerns(inverted)).toEqual([null, null, null]);
  });
});
