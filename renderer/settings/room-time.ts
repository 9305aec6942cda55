import { wallClockAt } from '../../shared/domain/incidents/zoned-time.ts';
import { formatDate } from '../../shared/domain/planning/markdown.ts';
import { clock } from '../incidents/words.ts';

/**
 * "Mon 7 Dec 2026 23:59:22" on the room's clock, as every other time in the app is shown: not the
 * browser's own locale and zone ("12/7/2026, 9:59:22 PM" beside a wall reading 23:59).
 */
export function roomDateTime(ms: number | null, timeZone: string, none = '–'): string {
  if (ms === null) return none;
  return `${formatDate(wallClockAt(ms, timeZone))} ${clock(ms, timeZone)}`;
}
