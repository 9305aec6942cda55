import { describe, expect, it } from 'vitest';
import { alertLook, formatBudget, formatBurn } from './slo-view.ts';

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
});
