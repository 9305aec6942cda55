/**
 * A follow-up's due date as a person types it, on the scribe line (`todo: @bob 7d …`,
 * `due:2026-12-20`) or in the console's Follow-ups card: "7d" and "2w" count from now, a date is
 * the end of that day in the room's time zone (due on the 20th is late on the 21st).
 */
import { addDays, instantsAt, wallClockAt } from './zoned-time.ts';

const DAY = 86_400_000;
/** Further out than this is a wish, not a date: most likely a typo ("70d"). */
export const MAX_DUE_DAYS = 366;

export type DueReading = { dueAt: number } | { error: string };

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * "7d", "2w" (from `now`) or "2026-12-20" (the end of that day in `timeZone`) → the due instant;
 * an error for a date that is past, impossible or too far; null for anything that is not a due date.
 */
export function readDue(token: string, now: number, timeZone: string): DueReading | null {
  const span = /^(\d{1,4})([dw])$/i.exec(token);
  if (span) {
    const days = Number(span[1]) * (span[2]!.toLowerCase() === 'w' ? 7 : 1);
    if (days === 0) return { error: `"${token}" is now: a follow-up is due at least a day ahead (1d)` };
    if (days > MAX_DUE_DAYS) return { error: `"${token}" is more than a year away: give a date within ${MAX_DUE_DAYS} days` };
    return { dueAt: now + days * DAY };
  }
  const date = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(token);
  if (!date) return null;
  const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
  const real = addDays({ year, month, day }, 0);
  if (real.year !== year || real.month !== month || real.day !== day) return { error: `"${token}" is not a date in the calendar` };
  const dueAt = Math.max(...instantsAt({ year, month, day, hour: 23, minute: 59, second: 59 }, timeZone).instants) + 999;
  if (dueAt < now) return { error: `"${token}" has already passed: a follow-up is due today or later` };
  if (dueAt - now > (MAX_DUE_DAYS + 1) * DAY) return { error: `"${token}" is more than a year away: give a date within ${MAX_DUE_DAYS} days` };
  return { dueAt };
}

/** "2026-12-20": the day an instant falls on in `timeZone`, as `readDue` reads it back. */
export function dueDateText(ms: number, timeZone: string): string {
  const w = wallClockAt(ms, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** "Mon 7 Dec" in the room's zone: a due date is a day, not a minute. */
export function dueDayWords(ms: number, timeZone: string): string {
  let f = dayFormats.get(timeZone);
  if (!f) dayFormats.set(timeZone, (f = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short' })));
  return f.format(ms);
}
