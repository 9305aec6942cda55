import { describe, expect, it } from 'vitest';
import { dataAgeState, worseState } from './data-age.ts';
import { dataPanelAgeSchema } from '../model/workspace.ts';

describe('thresholds on data age', () => {
  const t = { warning: 120_000, critical: 600_000 };

  it('turns amber past the warning age and red past the critical age', () => {
    expect(dataAgeState(60_000, t)).toBe('ok');
    expect(dataAgeState(120_000, t)).toBe('ok');
    expect(dataAgeState(120_001, t)).toBe('warning');
    expect(dataAgeState(600_001, t)).toBe('critical');
    expect(dataAgeState(700_000, { critical: 600_000 })).toBe('critical');
    expect(dataAgeState(300_000, { critical: 600_000 })).toBe('ok');
  });

  it('says nothing without thresholds or before the first data', () => {
    expect(dataAgeState(10_000_000, undefined)).toBeNull();
    expect(dataAgeState(null, t)).toBeNull();
  });

  it('makes a panel as bad as the worse of its value and its age', () => {
    expect(worseState('ok', 'warning')).toBe('warning');
    expect(worseState('critical', 'warning')).toBe('critical');
    expect(worseState('unknown', 'critical')).toBe('critical');
    expect(worseState('unknown', 'ok')).toBe('unknown');
    expect(worseState('warning', null)).toBe('warning');
  });

  it('reads durations from the workspace and refuses a critical age below the warning one', () => {
    expect(dataPanelAgeSchema.parse({ warning: '2m', critical: '10m' })).toEqual(t);
    const bad = dataPanelAgeSchema.safeParse({ warning: '10m', critical: '2m' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/critical.*longer than warning/);
    expect(dataPanelAgeSchema.safeParse({}).success).toBe(false);
  });
});
