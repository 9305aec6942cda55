import { describe, expect, it } from 'vitest';
import { durationFieldText, readDurationField } from './duration-field.ts';

describe('a duration typed in a plan form', () => {
  it('reads what planners type into milliseconds and shows it back the same way', () => {
    expect(readDurationField('5m', false)).toEqual({ ok: true, ms: 300_000 });
    expect(readDurationField(' 1h ', false)).toEqual({ ok: true, ms: 3_600_000 });
    expect(durationFieldText(300_000)).toBe('5m');
    expect(durationFieldText(5_400_000)).toBe('90m');
  });

  it('leaves an optional field empty, but not a required one', () => {
    expect(readDurationField('', true)).toEqual({ ok: true, ms: undefined });
    expect(durationFieldText(undefined)).toBe('');
    expect(readDurationField('', false).ok).toBe(false);
  });

  it('says why a typo is not a duration instead of storing it', () => {
    for (const typo of ['5', '5 min', 'm5', '0m', '-5m']) {
      const r = readDurationField(typo, true);
      expect(r.ok, typo).toBe(false);
      if (!r.ok) expect(r.message).toContain('"5m"');
    }
  });
});
