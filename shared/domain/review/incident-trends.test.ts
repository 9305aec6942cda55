import { describe, expect, it } from 'vitest';
import { unifySpellings } from './incident-trends.ts';

describe('unifySpellings', () => {
  it('takes the spelling most used, ties to the first seen, a preferred one over both', () => {
    const causeOf = unifySpellings(['Change', 'change', ' change', 'Capacity', 'capacity  ', null, '  ']);
    expect(causeOf('CHANGE')).toBe('change');
    expect(causeOf('capacity')).toBe('Capacity');
    expect(causeOf('Config  change')).toBe('Config change'); // never seen: itself, tidied
    expect(causeOf(null)).toBeNull();
    expect(causeOf(' ')).toBeNull();
    expect(unifySpellings(['Entitlement', 'Entitlement'], ['entitlement'])('ENTITLEMENT ')).toBe('entitlement');
  });
});
