import { describe, expect, it } from 'vitest';
import { panelSchema } from '../model/workspace.ts';
import type { Thresholds, ValueMapping } from '../model/workspace.ts';
import { displayValue, matchMapping, splitUnit, valueState, worstSeriesState } from './value-mapping.ts';

const upDown: ValueMapping[] = [
  { value: 1, text: 'UP', state: 'ok' },
  { value: 0, text: 'DOWN', state: 'critical' },
];
const thresholds: Thresholds = [
  { value: null, state: 'ok' },
  { value: 5, state: 'warning' },
  { value: 50, state: 'critical' },
];

describe('value mappings', () => {
  it('matches exact values, then ranges with inclusive and open ends, first match wins', () => {
    const ranges: ValueMapping[] = [
      { value: 0, text: 'IDLE' },
      { from: 0, to: 10, text: 'LOW', state: 'ok' },
      { from: 10, text: 'HIGH', state: 'critical' },
      { to: 0, text: 'NEGATIVE', state: 'warning' },
    ];
    expect(matchMapping(0, ranges)?.text).toBe('IDLE');
    expect(matchMapping(10, ranges)?.text).toBe('LOW');
    expect(matchMapping(10.0001, ranges)?.text).toBe('HIGH');
    expect(matchMapping(1e9, ranges)?.text).toBe('HIGH');
    expect(matchMapping(-3, ranges)?.text).toBe('NEGATIVE');
    expect(matchMapping(0.5, upDown)).toBeNull();
    expect(matchMapping(null, upDown)).toBeNull();
    expect(matchMapping(Number.NaN, ranges)).toBeNull();
    expect(matchMapping(1, undefined)).toBeNull();
  });

  it('shows the mapped text and state instead of the number and the thresholds', () => {
    expect(displayValue(1, { unit: 'short', mappings: upDown })).toMatchObject({ text: 'UP', number: 'UP', unit: '', state: 'ok', judged: true });
    expect(displayValue(0, { unit: 'short', mappings: upDown, thresholds })).toMatchObject({ text: 'DOWN', state: 'critical', judged: true });
    // A mapping with text only keeps the thresholds' state.
    expect(displayValue(60, { unit: 'short', thresholds, mappings: [{ from: 50, text: 'MELTDOWN' }] })).toMatchObject({ text: 'MELTDOWN', state: 'critical' });
    // A mapping with a state only keeps the number.
    expect(displayValue(2410, { unit: 'reqps', mappings: [{ from: 1000, state: 'warning' }] })).toMatchObject({ number: '2.41K', unit: ' req/s', state: 'warning', judged: true });
  });

  it('falls back to the unit and the thresholds; unknown and unjudged without a value', () => {
    expect(displayValue(7, { unit: 'percent', thresholds })).toMatchObject({ text: '7%', state: 'warning', judged: true, mapping: null });
    expect(displayValue(7, { unit: 'bytes' })).toMatchObject({ number: '7', unit: ' B', state: 'ok', judged: false });
    expect(displayValue(null, { unit: 'short', thresholds, mappings: upDown })).toMatchObject({ text: '–', state: 'unknown', judged: false });
    expect(valueState(0, { mappings: upDown, thresholds })).toBe('critical');
    expect(valueState(60, { thresholds })).toBe('critical');
    expect(valueState(null, { thresholds })).toBeNull();
  });

  it('splits the unit from the number', () => {
    expect(splitUnit('2.41K req/s')).toEqual({ number: '2.41K', unit: ' req/s' });
    expect(splitUnit('93%')).toEqual({ number: '93%', unit: '' });
  });

  it('the schema refuses mappings that say nothing or ranges the wrong way round', () => {
    const stat = (mappings: unknown) =>
      panelSchema.safeParse({ id: 's', title: 'S', type: 'stat', gridPos: { x: 0, y: 0, w: 4, h: 4 }, source: 'demo', query: { metric: 'up' }, mappings });
    expect(stat(upDown).success).toBe(true);
    expect(stat([{ from: 0, to: 1, text: 'LOW' }]).success).toBe(true);
    expect(stat([{ value: 1 }]).success).toBe(false);
    expect(stat([{ text: 'X' }]).success).toBe(false);
    expect(stat([{ from: 5, to: 1, text: 'X' }]).success).toBe(false);
    expect(stat([{ value: 1, text: 'UP', state: 'bad' }]).success).toBe(false);
  });
});

describe('the worst of several series', () => {
  it('is the worst latest state; series without a value do not count', () => {
    const series = (v: number | null) => ({ points: v === null ? [] : ([[1, v]] as [number, number][]) });
    expect(worstSeriesState([series(1), series(7), series(60)], { thresholds })).toBe('critical');
    expect(worstSeriesState([series(1), series(null)], { thresholds })).toBe('ok');
    expect(worstSeriesState([series(null)], { thresholds })).toBe('unknown');
    expect(worstSeriesState([series(1), series(0)], { mappings: upDown })).toBe('critical');
    expect(worstSeriesState([], { thresholds })).toBe('unknown');
  });
});
