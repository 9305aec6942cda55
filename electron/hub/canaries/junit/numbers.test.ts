import { describe, expect, it } from 'vitest';
import { parseJUnitTime, parseJUnitTimestamp } from './numbers.ts';

const ms = (text: string | undefined) => parseJUnitTime(text).ms;

describe('parseJUnitTime', () => {
  it('reads the C locale as tools normally write it', () => {
    expect(ms('0.03')).toBe(30);
    expect(ms('0.010000')).toBe(10); // Go %f
    expect(ms('0.4540354')).toBe(454.035); // .NET, 7 decimals (kept to the microsecond)
    expect(ms('6')).toBe(6000); // jest-junit README
    expect(ms('1e-05')).toBe(0.01);
    expect(ms('12.')).toBe(12_000);
    expect(ms('.5')).toBe(500);
    expect(ms(' 0.161 ')).toBe(161);
  });

  it('takes the last of "." and "," as the decimal separator when both appear', () => {
    expect(ms('2,120.532')).toBe(2_120_532); // Surefire 3.1.0 (SUREFIRE-2176)
    expect(ms('14,029.255')).toBe(14_029_255); // JUnit Platform console
    expect(ms('1.234,5')).toBe(1_234_500); // de_DE with grouping
    expect(ms('1,234,567.5')).toBe(1_234_567_500);
    expect(parseJUnitTime('1.234,5').warning).toBeUndefined();
  });

  it('reads a lone comma as a decimal comma, and warns when it could group thousands', () => {
    expect(parseJUnitTime('0,03')).toEqual({ ms: 30 }); // old Surefire under de_DE
    expect(parseJUnitTime('0,500000')).toEqual({ ms: 500 }); // %f under de_DE
    expect(parseJUnitTime('12,5')).toEqual({ ms: 12_500 });
    const ambiguous = parseJUnitTime('2,120');
    expect(ambiguous.ms).toBe(2120);
    expect(ambiguous.warning).toBe('time "2,120" read as 2.120 s (decimal comma), not 2120 s');
    expect(parseJUnitTime('0,120').warning).toBeUndefined(); // 0-something cannot be a thousands group
    expect(parseJUnitTime('1234,567').warning).toBeUndefined(); // 4 digits before: not a group
  });

  it('reads several identical separators as thousands groups only', () => {
    expect(ms('1,234,567')).toBe(1_234_567_000);
    expect(ms('1.234.567')).toBe(1_234_567_000);
    expect(ms('1 234,5')).toBe(1_234_500); // fr_FR (space)
    expect(ms('1\u202f234,5')).toBe(1_234_500); // fr_FR (narrow no-break space)
    expect(ms("1'234.5")).toBe(1_234_500); // de_CH
  });

  it('gives null — unknown, not zero — for a missing or unreadable time', () => {
    expect(parseJUnitTime(undefined)).toEqual({ ms: null });
    expect(parseJUnitTime('')).toEqual({ ms: null });
    for (const bad of ['-1', 'NaN', 'abc', '1,2.3', '1.2.3', '1,23,4', '12 34', '0x1A', '1.2,3.4', 'Infinity']) {
      const r = parseJUnitTime(bad);
      expect(r.ms, bad).toBeNull();
      expect(r.warning, bad).toMatch(/^unreadable time/);
    }
  });
});

describe('parseJUnitTimestamp', () => {
  const utc = (text: string) => parseJUnitTimestamp(text);

  it('reads ISO 8601 with a zone', () => {
    expect(utc('2024-05-18T19:02:11Z')).toEqual({ ms: Date.UTC(2024, 4, 18, 19, 2, 11), zoned: true });
    expect(utc('2024-05-18T21:10:03+02:00').ms).toBe(Date.UTC(2024, 4, 18, 19, 10, 3));
    expect(utc('2025-11-15T11:51:49.548396-05:00').ms).toBe(Date.UTC(2025, 10, 15, 16, 51, 49, 548));
    expect(utc('2024-05-18T19:02:11-0130').ms).toBe(Date.UTC(2024, 4, 18, 20, 32, 11));
    expect(utc('2021-03-07T10:36:56 UTC')).toEqual({ ms: Date.UTC(2021, 2, 7, 10, 36, 56), zoned: true }); // TestNG
  });

  it('reads a timestamp without a zone as UTC and says it had none', () => {
    expect(utc('2024-05-18T19:02:11')).toEqual({ ms: Date.UTC(2024, 4, 18, 19, 2, 11), zoned: false }); // jest-junit
    expect(utc('2024-05-18T21:04:55.318224').ms).toBe(Date.UTC(2024, 4, 18, 21, 4, 55, 318)); // pytest
    expect(utc('2024-05-18 19:45:00').zoned).toBe(false);
  });

  it('reads RFC 1123 (mocha xunit)', () => {
    expect(utc('Sat, 18 May 2024 19:30:12 GMT')).toEqual({ ms: Date.UTC(2024, 4, 18, 19, 30, 12), zoned: true });
    expect(utc('18 May 2024 19:30:12 +0200').ms).toBe(Date.UTC(2024, 4, 18, 17, 30, 12));
  });

  it('treats a zero time as absent and refuses impossible dates', () => {
    expect(utc('0001-01-01T00:00:00Z')).toEqual({ ms: null, zoned: true }); // gotestsum golden files
    expect(utc('1970-01-01T00:00:00')).toEqual({ ms: null, zoned: false }); // jest-junit, a suite that failed to run
    expect(utc('Thu, 01 Jan 1970 00:00:00 GMT').ms).toBeNull();
    expect(utc('1970-01-01T00:00:01Z').ms).toBe(1000); // only the epoch itself
    expect(parseJUnitTimestamp(undefined)).toEqual({ ms: null, zoned: false });
    expect(utc('2024-02-31T00:00:00Z').warning).toMatch(/unreadable timestamp/);
    expect(utc('2024-13-01T00:00:00Z').ms).toBeNull();
    expect(utc('yesterday').warning).toBe('unreadable timestamp "yesterday"');
    expect(utc('Sat, 18 Foo 2024 19:30:12 GMT').ms).toBeNull();
  });
});
