/**
 * ISO 8601 weeks ("2026-W01"): weeks start on Monday, and week 1 is the week with the year's first
 * Thursday, so 29 December can be in week 1 of the next year and 1 January in week 52 or 53 of the
 * last. A week belongs to a team's (or the room's) time zone: it runs from Monday 00:00 to the next
 * Monday 00:00 on that zone's clocks, so a week with a daylight-saving change is 167 or 169 hours.
 */
import { addDays, instantsAt, wallClockAt } from '../incidents/zoned-time.ts';
import { formatDate } from '../planning/markdown.ts';

export interface IsoWeek {
  readonly year: number;
  readonly week: number;
}

export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: CalendarDate): number {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The ISO week of a calendar date. */
export function isoWeekOfDate(date: CalendarDate): IsoWeek {
  // The Thursday of this week decides the year.
  const thursday = addDays(date, 4 - isoWeekday(date));
  const jan1 = Date.UTC(thursday.year, 0, 1);
  const dayOfYear = Math.round((Date.UTC(thursday.year, thursday.month - 1, thursday.day) - jan1) / 86_400_000);
  return { year: thursday.year, week: Math.floor(dayOfYear / 7) + 1 };
}

/** The ISO week that instant `ms` falls in, on `timeZone`'s calendar. */
export function isoWeekAt(ms: number, timeZone: string): IsoWeek {
  return isoWeekOfDate(wallClockAt(ms, timeZone));
}

/** 52 or 53: a year has 53 weeks when it starts on a Thursday, or is a leap year starting on a Wednesday. */
export function weeksInIsoYear(year: number): 52 | 53 {
  return isoWeekOfDate({ year, month: 12, day: 28 }).week === 53 ? 53 : 52;
}

/** "2026-W01". */
export function formatIsoWeek(w: IsoWeek): string {
  return `${String(w.year).padStart(4, '0')}-W${String(w.week).padStart(2, '0')}`;
}

/** "2026-W01" (or "2026W01"); null when malformed or the year has no such week. */
export function parseIsoWeek(text: string): IsoWeek | null {
  const match = /^(\d{4})-?W(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (week < 1 || week > weeksInIsoYear(year)) return null;
  return { year, week };
}

/** The Monday of an ISO week. */
export function isoWeekMonday(w: IsoWeek): CalendarDate {
  // 4 January is always in week 1.
  const jan4: CalendarDate = { year: w.year, month: 1, day: 4 };
  return addDays(jan4, 1 - isoWeekday(jan4) + (w.week - 1) * 7);
}

/** The week `n` weeks after (or before, with a negative n). */
export function addIsoWeeks(w: IsoWeek, n: number): IsoWeek {
  return isoWeekOfDate(addDays(isoWeekMonday(w), 7 * n));
}

/** Midnight at the start of a date in `timeZone` (the first instant of the day, should midnight be skipped). */
export function startOfDay(date: CalendarDate, timeZone: string): number {
  return instantsAt({ ...date, hour: 0, minute: 0, second: 0 }, timeZone).instants[0]!;
}

/** [start, end) of an ISO week in `timeZone`: Monday 00:00 to the next Monday 00:00 local. */
export function isoWeekRange(w: IsoWeek, timeZone: string): { startMs: number; endMs: number } {
  const monday = isoWeekMonday(w);
  return { startMs: startOfDay(monday, timeZone), endMs: startOfDay(addDays(monday, 7), timeZone) };
}

/**
 * The week as a calendar says it, with whose clock: "Mon 30 Nov – Sun 6 Dec 2026, Europe/London".
 * The review's tables each name theirs: incidents follow the room's week, pager load each team's.
 */
export function weekCalendarLabel(week: IsoWeek | string, timeZone: string): string {
  const w = typeof week === 'string' ? parseIsoWeek(week) : week;
  if (!w) return `${String(week)}, ${timeZone}`;
  const monday = isoWeekMonday(w);
  const sunday = addDays(monday, 6);
  const first = formatDate(monday);
  return `${monday.year === sunday.year ? first.slice(0, first.lastIndexOf(' ')) : first} – ${formatDate(sunday)}, ${timeZone}`;
}
