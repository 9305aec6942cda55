import { describe, expect, it } from 'vitest';
import { alertLook, formatBudget, formatBurn, formatBurned, noDataReason } from './slo-view.ts';

describe('an SLO on the wall', () => {
  it('says the alert state in a word as well as a colour', () => {
    expect(alertLook('page')).toEqual({ tone: 'critical', word: 'PAGE' });
    expect(alertLook('ticket')).toEqual({ tone: 'warning', word: 'TICKET' });
    expect(alertLook('ok')).toEqual({ tone: 'ok', word: 'OK' });
    expect(alertLook(null)).toEqual({ tone: 'unknown', word: 'NO DATA' });
  });
  it('shows the budget left, overspent below zero, and the burn rate as a multiple', () => {
    expect(formatBudget(0.425)).toBe('43%');
    expect(formatBudget(0.042)).toBe('4.2%');
    expect(formatBudget(-1.2)).toBe('−120%');
    expect(formatBudget(null)).toBe('—');
    expect(formatBurn(14.4)).toBe('×14');
    expect(formatBurn(0.6)).toBe('×0.6');
    expect(formatBurn(Number.NaN)).toBe('—');
  });
  it('never shows a budget that has been dipped into as 100% left', () => {
    // 0.06% of the 28-day budget gone in the first minute of an outage.
    expect(formatBudget(0.9994)).toBe('99.9%');
    expect(formatBudget(0.99999)).toBe('99.9%');
    expect(formatBudget(0.993)).toBe('99.3%');
    expect(formatBudget(1)).toBe('100%');
  });
  it('says a budget burned too little for one decimal is "<0.1%", not "0.0%" beside 99.9% left', () => {
    expect(formatBurned(0.0004)).toBe('<0.1%');
    expect(formatBurned(0)).toBe('0.0%');
    expect(formatBurned(0.02)).toBe('2.0%');
    expect(formatBurned(null)).toBe('—');
  });
});

describe('an SLO that reads NO DATA', () => {
  const budget = (total: number) => ({ total }) as NonNullable<Parameters<typeof noDataReason>[0]['budget']>;
  it('says why under the chip: nothing counted yet, or nothing lately', () => {
    expect(noDataReason({ error: null, alert: null, budget: null })).toBe('no events counted in its window yet');
    expect(noDataReason({ error: null, alert: null, budget: budget(0) })).toBe('no events counted in its window yet');
    expect(noDataReason({ error: null, alert: null, budget: budget(5_000) })).toBe('no events counted lately');
  });
  it('says nothing more when there is a verdict or an error of its own', () => {
    expect(noDataReason({ error: null, alert: 'ok', budget: budget(5_000) })).toBeNull();
    expect(noDataReason({ error: 'Prometheus: connection refused', alert: null, budget: null })).toBeNull();
  });
});
