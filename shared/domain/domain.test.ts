import { describe, expect, it } from 'vitest';
import { statusSchema, thresholdsSchema } from '../model/workspace.ts';
import { canonicalJson, frameKey } from './frame-key.ts';
import { formatValue } from './format.ts';
import { formatAge, formatAgeBeyond, freshnessOf, worstFreshness } from './freshness.ts';
import { appendBounded, panelValue } from './panel-value.ts';
import { evaluateStatus, type PanelReading } from './status-radiator.ts';
import { stateOf } from './thresholds.ts';

describe('freshness', () => {
  const at = (ageMs: number, connected = true) => freshnessOf({ lastSuccessAt: 100_000 - ageMs, expectedIntervalMs: 5000, now: 100_000, connected });
  it('is live within two intervals, delayed after, stale after five, disconnected without the hub', () => {
    expect(at(0)).toBe('live');
    expect(at(10_000)).toBe('live');
    expect(at(10_001)).toBe('delayed');
    expect(at(25_000)).toBe('delayed');
    expect(at(25_001)).toBe('stale');
    expect(at(0, false)).toBe('disconnected');
    expect(freshnessOf({ lastSuccessAt: null, expectedIntervalMs: 5000, now: 1, connected: true })).toBe('stale');
  });
  it('takes the worst for the header', () => {
    expect(worstFreshness(['live', 'stale', 'delayed'])).toBe('stale');
    expect(worstFreshness([])).toBe('live');
  });
  it('formats ages for a glance', () => {
    expect([formatAge(4_400), formatAge(61_000), formatAge(2 * 3_600_000 + 5 * 60_000), formatAge(3 * 86_400_000)]).toEqual(['4 s', '1 min', '2 h 5 min', '3 d']);
  });
  it('shows an age past a limit as a different figure from the limit, even where both round to one unit', () => {
    const hour = 3_600_000;
    const day = 24 * hour;
    expect(formatAgeBeyond(61 * 60_000, hour)).toBe('1 h 1 min');
    // "ended 1 h ago, longer than 1 h" would contradict itself.
    expect(formatAgeBeyond(hour + 30_000, hour)).toBe('1 h 0 min 30 s');
    expect(formatAgeBeyond(hour + 1, hour)).toBe('1 h 0 min 1 s');
    expect(formatAgeBeyond(2 * day + 5 * hour, 2 * day)).toBe('2 d 5 h');
    expect(formatAgeBeyond(10 * 60_000 + 59_000, 10 * 60_000)).toBe('10 min 59 s');
    expect(formatAgeBeyond(1_600, 1_500)).toBe('more than 2 s');
  });
});

describe('thresholds', () => {
  const steps = thresholdsSchema.parse([
    { value: null, state: 'ok' },
    { value: 5, state: 'warning' },
    { value: 50, state: 'critical' },
  ]);
  it('takes the last step reached, Grafana-style', () => {
    expect([stateOf(0, steps), stateOf(5, steps), stateOf(49.9, steps), stateOf(50, steps)]).toEqual(['ok', 'warning', 'warning', 'critical']);
    expect(stateOf(null, steps)).toBeNull();
    expect(stateOf(3, undefined)).toBe('ok');
  });
  it('refuses steps out of order or without a base', () => {
    expect(thresholdsSchema.safeParse([{ value: 1, state: 'ok' }]).success).toBe(false);
    expect(thresholdsSchema.safeParse([{ value: null, state: 'ok' }, { value: 9, state: 'warning' }, { value: 3, state: 'critical' }]).success).toBe(false);
  });
});

describe('status radiator', () => {
  const config = statusSchema.parse({
    levels: [
      { level: 'ICU', tone: 'critical', when: [{ panel: 'errors', state: 'critical' }] },
      { level: 'High Care', tone: 'warning', when: [{ panel: 'errors', state: 'warning' }, { panel: 'latency', above: 2 }] },
    ],
  });
  const reading = (value: number | null, state: PanelReading['state'], live = true): PanelReading => ({ value, state, live });

  it('names the first level whose condition holds, with the reason', () => {
    const icu = evaluateStatus(config, new Map([['errors', reading(80, 'critical')], ['latency', reading(3, 'ok')]]));
    expect(icu).toMatchObject({ level: 'ICU', tone: 'critical', reasons: ['errors critical'] });
    const care = evaluateStatus(config, new Map([['errors', reading(1, 'ok')], ['latency', reading(3, 'ok')]]));
    expect(care).toMatchObject({ level: 'High Care', reasons: ['latency above 2'] });
    const stable = evaluateStatus(config, new Map([['errors', reading(1, 'ok')], ['latency', reading(1, 'ok')]]));
    expect(stable).toMatchObject({ level: 'Stable', tone: 'ok', unverified: [] });
  });

  it('never says Stable on data that is not live', () => {
    const verdict = evaluateStatus(config, new Map([['errors', reading(1, 'ok', false)], ['latency', reading(1, 'ok')]]));
    expect(verdict).toMatchObject({ level: 'Stable?', tone: 'unknown', unverified: ['errors'] });
    const missing = evaluateStatus(config, new Map());
    expect(missing.tone).toBe('unknown');
  });

  it('still raises an alarm from old data (better safe)', () => {
    expect(evaluateStatus(config, new Map([['errors', reading(80, 'critical', false)]])).level).toBe('ICU');
  });
});

describe('formatValue', () => {
  it('formats counts, rates, percentages, bytes, bits and durations for a wall', () => {
    expect(formatValue(1234, 'short')).toBe('1.23K');
    expect(formatValue(3_400_000, 'short')).toBe('3.4M');
    expect(formatValue(12.345, 'reqps')).toBe('12.3 req/s');
    expect(formatValue(0.953, 'percentunit')).toBe('95.3%');
    expect(formatValue(1536, 'bytes')).toBe('1.5 KiB');
    expect(formatValue(2_500_000, 'bps')).toBe('2.5 Mb/s');
    expect(formatValue(0.25, 's')).toBe('250 ms');
    expect(formatValue(1500, 'ms')).toBe('1.5 s');
    expect(formatValue(null, 'short')).toBe('–');
    expect(formatValue(2, 'none', 2)).toBe('2.00');
  });
});

describe('frame keys and panel values', () => {
  it('gives equal queries equal keys whatever the key order', () => {
    expect(frameKey('s', { b: 1, a: [1, { d: 2, c: undefined }] })).toBe(frameKey('s', { a: [1, { d: 2 }], b: 1 }));
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });
  it('reduces the latest points of all series with the query aggregate', () => {
    const frame = { series: [{ name: 'a', labels: {}, points: [[1, 5], [2, 7]] as const }, { name: 'b', labels: {}, points: [[2, 3]] as const }] };
    expect(panelValue(frame, 'sum')).toBe(10);
    expect(panelValue(frame, 'max')).toBe(7);
    expect(panelValue({ series: [] })).toBeNull();
  });
  it('bounds appended history by count and age', () => {
    const pts = appendBounded([[1, 1], [2, 2], [3, 3]], [[4, 4], [5, 5]], 4, 3);
    expect(pts).toEqual([[3, 3], [4, 4], [5, 5]]);
  });
});
