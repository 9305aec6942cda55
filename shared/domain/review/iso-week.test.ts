import { describe, expect, it } from 'vitest';
import { addIsoWeeks, formatIsoWeek, isoWeekAt, isoWeekMonday, isoWeekOfDate, isoWeekRange, parseIsoWeek, weekCalendarLabel, weeksInIsoYear } from './iso-week.ts';

const week = (y: number, m: number, d: number) => formatIsoWeek(isoWeekOfDate({ year: y, month: m, day: d }));
const H = 3_600_000;

describe('ISO weeks', () => {
  it('puts the days around new year in the right year', () => {
    expect(week(2020, 12, 31)).toBe('2020-W53'); // 2020 began on a Wednesday and was a leap year
    expect(week(2021, 1, 1)).toBe('2020-W53');
    expect(week(2021, 1, 3)).toBe('2020-W53'); // Sunday
    expect(week(2021, 1, 4)).toBe('2021-W01'); // Monday
    expect(week(2024, 12, 29)).toBe('2024-W52');
    expect(week(2024, 12, 30)).toBe('2025-W01'); // Monday in December, week 1 of next year
    expect(week(2025, 12, 29)).toBe('2026-W01');
    expect(week(2026, 1, 1)).toBe('2026-W01');
    expect(week(2026, 12, 31)).toBe('2026-W53'); // 2026 begins on a Thursday
    expect(week(2027, 1, 3)).toBe('2026-W53');
    expect(week(2027, 1, 4)).toBe('2027-W01');
  });

  it('knows which years have 53 weeks', () => {
    expect([2015, 2020, 2026, 2032].map(weeksInIsoYear)).toEqual([53, 53, 53, 53]);
    expect([2021, 2024, 2025, 2027].map(weeksInIsoYear)).toEqual([52, 52, 52, 52]);
  });

  it('parses and formats YYYY-Www, refusing weeks the year does not have', () => {
    expect(parseIsoWeek('2026-W07')).toEqual({ year: 2026, week: 7 });
    expect(parseIsoWeek('2026W07')).toEqual({ year: 2026, week: 7 });
    expect(parseIsoWeek('2026-W53')).toEqual({ year: 2026, week: 53 });
    expect(parseIsoWeek('2025-W53')).toBeNull();
    expect(parseIsoWeek('2026-W00')).toBeNull();
    expect(parseIsoWeek('2026-7')).toBeNull();
    expect(formatIsoWeek({ year: 2026, week: 7 })).toBe('2026-W07');
  });

  it('finds the Monday and steps across years', () => {
    expect(isoWeekMonday({ year: 2026, week: 1 })).toEqual({ year: 2025, month: 12, day: 29 });
    expect(isoWeekMonday({ year: 2020, week: 53 })).toEqual({ year: 2020, month: 12, day: 28 });
    expect(addIsoWeeks({ year: 2026, week: 53 }, 1)).toEqual({ year: 2027, week: 1 });
    expect(addIsoWeeks({ year: 2025, week: 1 }, -1)).toEqual({ year: 2024, week: 52 });
  });

  it('takes the week on the given time zone’s calendar', () => {
    const sundayNightUtc = Date.UTC(2026, 1, 15, 23, 30); // Sunday 23:30 UTC
    expect(formatIsoWeek(isoWeekAt(sundayNightUtc, 'UTC'))).toBe('2026-W07');
    expect(formatIsoWeek(isoWeekAt(sundayNightUtc, 'Africa/Johannesburg'))).toBe('2026-W08'); // Monday 01:30
    expect(formatIsoWeek(isoWeekAt(sundayNightUtc, 'America/New_York'))).toBe('2026-W07');
    // New year's eve in New York is already 2027 in London.
    expect(formatIsoWeek(isoWeekAt(Date.UTC(2027, 0, 1, 1), 'America/New_York'))).toBe('2026-W53');
  });

  it('runs Monday 00:00 to Monday 00:00 local: 167 or 169 hours across a clock change', () => {
    const spring = isoWeekRange({ year: 2026, week: 13 }, 'Europe/London'); // 23–29 March, clocks forward on the 29th
    expect(new Date(spring.startMs).toISOString()).toBe('2026-03-23T00:00:00.000Z');
    expect(new Date(spring.endMs).toISOString()).toBe('2026-03-29T23:00:00.000Z');
    expect(spring.endMs - spring.startMs).toBe(167 * H);
    const autumn = isoWeekRange({ year: 2026, week: 44 }, 'America/New_York'); // clocks back on 1 November
    expect(autumn.endMs - autumn.startMs).toBe(169 * H);
    const plain = isoWeekRange({ year: 2026, week: 7 }, 'Africa/Johannesburg');
    expect(plain.endMs - plain.startMs).toBe(168 * H);
    expect(new Date(plain.startMs).toISOString()).toBe('2026-02-08T22:00:00.000Z');
  });
});

describe('weekCalendarLabel', () => {
  it('says the days and whose clock, the year once unless the week spans two', () => {
    expect(weekCalendarLabel('2026-W49', 'Europe/London')).toBe('Mon 30 Nov – Sun 6 Dec 2026, Europe/London');
    expect(weekCalendarLabel('2026-W53', 'America/New_York')).toBe('Mon 28 Dec 2026 – Sun 3 Jan 2027, America/New_York');
  });
});
