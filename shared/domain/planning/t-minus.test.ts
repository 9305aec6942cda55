import { describe, expect, it } from 'vitest';
import {
  describeOffset,
  formatInstant,
  formatTOffset,
  parseInstant,
  parseLocalDateTime,
  parseTOffset,
  resolveLocalDateTime,
  resolveTOffset,
  resolveWhen,
} from './t-minus.ts';

const H = 3_600_000;
const M = 60_000;
const at = (text: string, tz: string): number => {
  const r = resolveLocalDateTime(text, tz);
  if (!r.ok) throw new Error(r.message);
  return r.ms;
};
const offset = (text: string) => {
  const o = parseTOffset(text);
  if (!o) throw new Error(`not an offset: ${text}`);
  return o;
};
const resolve = (text: string, start: string, tz: string): number => resolveTOffset(offset(text), at(start, tz), tz);
const iso = (ms: number) => new Date(ms).toISOString();

describe('parsing T-offsets', () => {
  it('reads the usual spellings', () => {
    expect(parseTOffset('T-7d')).toEqual({ sign: -1, weeks: 0, days: 7, hours: 0, minutes: 0, seconds: 0 });
    expect(parseTOffset('T-1h30m')).toEqual({ sign: -1, weeks: 0, days: 0, hours: 1, minutes: 30, seconds: 0 });
    expect(parseTOffset('T+15m')).toEqual({ sign: 1, weeks: 0, days: 0, hours: 0, minutes: 15, seconds: 0 });
    expect(parseTOffset('T-2w3d')).toMatchObject({ sign: -1, weeks: 2, days: 3 });
    expect(parseTOffset(' T+1d2h3m4s ')).toEqual({ sign: 1, weeks: 0, days: 1, hours: 2, minutes: 3, seconds: 4 });
    for (const zero of ['T0', 'T-0', 'T+0']) expect(formatTOffset(parseTOffset(zero)!)).toBe('T0');
  });

  it('refuses what is not one', () => {
    for (const bad of ['T+-3h', 'T+2d-', 'T+2d-3d', 'T+2d+-3h', 'T-3h+1d',  'T-7', 'T-1m1h', 'T-7 d', 't-7d', 'T-7D', 'T−7d', 'T-1.5h', 'T--1d', 'T-1y']) {
      expect(parseTOffset(bad), bad).toBeNull();
    }
  });

  it('formats canonically, dropping zero parts', () => {
    expect(formatTOffset(offset('T-1d0h30m'))).toBe('T-1d30m');
    expect(formatTOffset(offset('T+90m'))).toBe('T+90m');
    expect(describeOffset(Date.UTC(2026, 0, 1, 10, 30), Date.UTC(2026, 0, 1, 12))).toBe('T-1h30m');
    expect(describeOffset(Date.UTC(2026, 0, 3, 15), Date.UTC(2026, 0, 1, 12))).toBe('T+2d3h');
    expect(describeOffset(Date.UTC(2026, 0, 1, 12), Date.UTC(2026, 0, 1, 12))).toBe('T0');
  });
});

describe('T-offsets against the event start in its time zone', () => {
  it('hours and minutes are elapsed time', () => {
    const start = at('2026-05-30T17:00', 'Europe/London');
    expect(resolve('T-1h30m', '2026-05-30T17:00', 'Europe/London')).toBe(start - 90 * M);
    expect(resolve('T+15m', '2026-05-30T17:00', 'Europe/London')).toBe(start + 15 * M);
    expect(resolve('T0', '2026-05-30T17:00', 'Europe/London')).toBe(start);
  });

  // Decision: days and weeks are calendar units (same wall-clock time), hours are elapsed time.
  describe('Europe/London', () => {
    it('spring forward: T-1d is 20:00 the evening before, 23 hours earlier; T-24h is 19:00', () => {
      const start = at('2026-03-29T20:00', 'Europe/London'); // BST
      expect(iso(start)).toBe('2026-03-29T19:00:00.000Z');
      const dayBefore = resolve('T-1d', '2026-03-29T20:00', 'Europe/London');
      expect(iso(dayBefore)).toBe('2026-03-28T20:00:00.000Z'); // 20:00 GMT
      expect(start - dayBefore).toBe(23 * H);
      const hoursBefore = resolve('T-24h', '2026-03-29T20:00', 'Europe/London');
      expect(start - hoursBefore).toBe(24 * H);
      expect(iso(hoursBefore)).toBe('2026-03-28T19:00:00.000Z'); // 19:00 GMT on the clock
    });

    it('fall back: T-1d is 25 hours earlier, at the same wall-clock time', () => {
      const start = at('2026-10-25T20:00', 'Europe/London'); // GMT
      const dayBefore = resolve('T-1d', '2026-10-25T20:00', 'Europe/London');
      expect(iso(dayBefore)).toBe('2026-10-24T19:00:00.000Z'); // 20:00 BST
      expect(start - dayBefore).toBe(25 * H);
      expect(iso(resolve('T-24h', '2026-10-25T20:00', 'Europe/London'))).toBe('2026-10-24T20:00:00.000Z'); // 21:00 BST
    });

    it('T+1d across the change keeps the wall-clock time too', () => {
      const start = at('2026-03-28T20:00', 'Europe/London');
      expect(resolve('T+1d', '2026-03-28T20:00', 'Europe/London') - start).toBe(23 * H);
      const autumn = at('2026-10-24T20:00', 'Europe/London');
      expect(resolve('T+1d', '2026-10-24T20:00', 'Europe/London') - autumn).toBe(25 * H);
    });

    it('a mixed offset applies the days on the calendar, then the hours as elapsed time', () => {
      expect(iso(resolve('T-1d2h', '2026-03-29T20:00', 'Europe/London'))).toBe('2026-03-28T18:00:00.000Z');
      expect(iso(resolve('T-2w', '2026-04-04T20:00', 'Europe/London'))).toBe('2026-03-21T20:00:00.000Z'); // 20:00 GMT, two weeks before 20:00 BST
    });

    it('an elapsed part with its own sign counts back from the calendar day: T+2d-3h is 15:00 on Sunday', () => {
      expect(parseTOffset('T+2d-3h')).toEqual({ sign: 1, weeks: 0, days: 2, hours: 3, minutes: 0, seconds: 0, elapsedSign: -1 });
      expect(formatTOffset(parseTOffset('T+2d-3h')!)).toBe('T+2d-3h');
      expect(formatTOffset(parseTOffset('T+2d+3h')!)).toBe('T+2d3h');
      expect(formatTOffset(parseTOffset('T-1d+2h')!)).toBe('T-1d+2h');
      // Friday 18:00 on the weekends the clocks change: Sunday 15:00 local either way.
      expect(iso(resolve('T+2d-3h', '2026-03-27T18:00', 'Europe/London'))).toBe('2026-03-29T14:00:00.000Z'); // 15:00 BST
      expect(iso(resolve('T+2d-3h', '2026-10-23T18:00', 'Europe/London'))).toBe('2026-10-25T15:00:00.000Z'); // 15:00 GMT
    });

    it('a day step into the skipped hour moves forward by the gap; into the repeated hour takes the earlier', () => {
      // 01:30 on 29 March does not exist: it becomes 02:30 BST.
      expect(iso(resolve('T-1d', '2026-03-30T01:30', 'Europe/London'))).toBe('2026-03-29T01:30:00.000Z');
      // 01:30 on 25 October happens twice: the first (BST) is taken.
      expect(iso(resolve('T-1d', '2026-10-26T01:30', 'Europe/London'))).toBe('2026-10-25T00:30:00.000Z');
    });
  });

  describe('America/New_York', () => {
    it('spring forward: T-1d is 23 hours before, T-24h is 24', () => {
      const start = at('2026-03-08T20:00', 'America/New_York'); // EDT
      expect(iso(start)).toBe('2026-03-09T00:00:00.000Z');
      const dayBefore = resolve('T-1d', '2026-03-08T20:00', 'America/New_York');
      expect(iso(dayBefore)).toBe('2026-03-08T01:00:00.000Z'); // 20:00 EST
      expect(start - dayBefore).toBe(23 * H);
      expect(start - resolve('T-24h', '2026-03-08T20:00', 'America/New_York')).toBe(24 * H);
    });

    it('fall back: T-1d is 25 hours before; T+1d from the day before is 25 hours after', () => {
      const start = at('2026-11-01T20:00', 'America/New_York'); // EST
      const dayBefore = resolve('T-1d', '2026-11-01T20:00', 'America/New_York');
      expect(iso(dayBefore)).toBe('2026-11-01T00:00:00.000Z'); // 20:00 EDT on 31 October
      expect(start - dayBefore).toBe(25 * H);
      const saturday = at('2026-10-31T20:00', 'America/New_York');
      expect(resolve('T+1d', '2026-10-31T20:00', 'America/New_York') - saturday).toBe(25 * H);
    });

    it('T-7d a week before the change is a plain week of wall-clock days', () => {
      const start = at('2026-03-12T19:30', 'America/New_York'); // EDT
      const weekBefore = resolve('T-7d', '2026-03-12T19:30', 'America/New_York'); // 19:30 EST
      expect(start - weekBefore).toBe(7 * 24 * H - H);
    });
  });

  it('a zone without daylight saving has 24-hour days', () => {
    const start = at('2026-06-06T20:00', 'Africa/Johannesburg');
    expect(start - resolve('T-1d', '2026-06-06T20:00', 'Africa/Johannesburg')).toBe(24 * H);
  });
});

describe('local date-times', () => {
  it('refuses a time the clocks skip, and says why', () => {
    const r = resolveLocalDateTime('2026-03-29T01:30', 'Europe/London');
    expect(r).toEqual({ ok: false, message: '2026-03-29T01:30 does not exist in Europe/London: the clocks skip that hour' });
  });

  it('refuses a repeated time without its offset, and names both', () => {
    const r = resolveLocalDateTime('2026-10-25T01:30', 'Europe/London');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('2026-10-25T01:30+01:00 or 2026-10-25T01:30+00:00');
    expect(iso(at('2026-10-25T01:30+01:00', 'Europe/London'))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(at('2026-10-25T01:30+00:00', 'Europe/London'))).toBe('2026-10-25T01:30:00.000Z');
  });

  it('refuses an offset the zone does not have at that time', () => {
    const r = resolveLocalDateTime('2026-07-01T12:00+00:00', 'Europe/London');
    expect(r).toEqual({ ok: false, message: '+00:00 is not the offset of Europe/London at that time (it is +01:00)' });
  });

  it('refuses dates that do not exist', () => {
    for (const bad of ['2026-02-30T10:00', '2026-13-01T10:00', '2026-01-01T24:00', '2026-01-01', '2026-01-01 10:00']) {
      expect(parseLocalDateTime(bad), bad).toBeNull();
    }
  });

  it('resolveWhen takes either form', () => {
    const anchor = { startMs: at('2026-05-30T17:00', 'Europe/London'), timeZone: 'Europe/London' };
    expect(resolveWhen('T-1h', anchor)).toEqual({ ok: true, ms: anchor.startMs - H });
    expect(resolveWhen('2026-05-30T18:00', anchor)).toEqual({ ok: true, ms: anchor.startMs + H });
    expect(resolveWhen('tomorrow', anchor).ok).toBe(false);
  });
});

describe('recorded instants', () => {
  it('needs the offset, and honours it', () => {
    expect(parseInstant('2026-05-23T09:30:00Z')).toBe(Date.UTC(2026, 4, 23, 9, 30));
    expect(parseInstant('2026-05-23T10:30+01:00')).toBe(Date.UTC(2026, 4, 23, 9, 30));
    expect(parseInstant('2026-05-23T09:30:00.250Z')).toBe(Date.UTC(2026, 4, 23, 9, 30, 0, 250));
    expect(parseInstant('2026-05-23T09:30:00')).toBeNull();
    expect(parseInstant('23/05/2026')).toBeNull();
    expect(formatInstant(Date.UTC(2026, 4, 23, 9, 30))).toBe('2026-05-23T09:30:00Z');
  });
});
