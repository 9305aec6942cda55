import { describe, expect, it } from 'vitest';
import { knownCauses, unifySpellings } from './incident-trends.ts';

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

describe('causes typed with a hyphen or an underscore', () => {
  it('are one bucket with those typed with a space', () => {
    const causeOf = unifySpellings(['config change', 'Config-change', 'CONFIG_CHANGE ', 'config change']);
    expect(new Set(['Config-change', 'config  change', 'config_change'].map(causeOf))).toEqual(new Set(['config change']));
  });
});

describe('knownCauses', () => {
  it("offers the workspace's first, in its spelling, then those used before, most used first, each once", () => {
    const used = ['dependency', 'Config-change', 'vendor outage', 'Vendor Outage', ' vendor outage', 'capacity', null, ''];
    expect(knownCauses(['Change', 'Config change', 'capacity'], used)).toEqual(['Change', 'Config change', 'capacity', 'vendor outage', 'dependency']);
    expect(knownCauses([], [])).toEqual([]);
  });
});
