import { describe, expect, it } from 'vitest';
import { blankRiskFields, newRiskId, readRiskFields, riskFieldsOf } from './risk-form.ts';

describe('the review page risk form', () => {
  it('reads a new risk into the API body: levels as numbers, blanks as null', () => {
    const reading = readRiskFields({ ...blankRiskFields('identity'), title: 'CDN single vendor', likelihood: '4', owner: ' ' }, 'cdn-single-vendor');
    expect(reading).toEqual({
      ok: true,
      body: { id: 'cdn-single-vendor', title: 'CDN single vendor', category: 'operational', likelihood: 4, impact: 3, effort: 3, owner: null, mitigation: null, team: 'identity', status: 'open' },
    });
  });

  it('says which field is wrong, in words: a blank title is required, a long owner too long', () => {
    const reading = readRiskFields({ ...blankRiskFields(null), title: '  ', owner: 'x'.repeat(81) }, 'r1');
    expect(reading.ok).toBe(false);
    if (reading.ok) return;
    expect(reading.errors.title).toBe('required: this cannot be left blank');
    expect(reading.errors.owner).toMatch(/at most 80 character/);
    expect(reading.errors.likelihood).toBeUndefined();
  });

  it('opens an edit on the stored risk as it is, and a new id never replaces a stored one', () => {
    const stored = { id: 'db', title: 'DB failover untested', category: 'security', likelihood: 2, impact: 5, effort: 4, owner: '@ann', mitigation: 'drill', team: null, status: 'closed', updatedAt: 1 };
    expect(riskFieldsOf(stored)).toEqual({ title: 'DB failover untested', category: 'security', likelihood: '2', impact: '5', effort: '4', owner: '@ann', mitigation: 'drill', team: '', status: 'closed' });
    expect(newRiskId('DB', [stored])).toBe('db-2');
  });
});
