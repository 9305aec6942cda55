/** Times in exports: ISO 8601 in UTC, and the same instant on the room's wall clock with its offset. */
import { offsetAt, wallClockAt } from '../../../shared/domain/incidents/zoned-time.ts';

const pad = (n: number, width = 2): string => String(Math.abs(n)).padStart(width, '0');

/** "2025-06-14T19:04:05Z" (milliseconds dropped: nobody types a timeline to the millisecond). */
export const utcIso = (ms: number): string => new Date(ms - (((ms % 1000) + 1000) % 1000)).toISOString().replace('.000Z', 'Z');

/** "2025-06-14T21:04:05+02:00" in `timeZone`. */
export function localIso(ms: number, timeZone: string): string {
  const w = wallClockAt(ms, timeZone);
  const offset = Math.round(offsetAt(ms, timeZone) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

/** "2025-06-14 19:04:05" for a table: the ISO form with a space, zone named in the column header. */
export const readable = (iso: string): string => iso.replace('T', ' ').replace(/(Z|[+-]\d\d:\d\d)$/, '');

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function knownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
