/**
 * Maintenance windows from the workspace, as the concrete windows the state model takes. Recurring
 * windows are expanded lazily: only the occurrences overlapping [now − 7 d, now + horizon] exist at
 * any time, so a weekly window never grows into an endless list of slots (Uptime Kuma #2889).
 */
import type { MaintenanceWindow } from '../../../shared/model/canary.ts';
import { weekdays, type MaintenanceConfig, type Weekday } from '../../../shared/model/canary-checks.ts';
import { addDays, instantsAt, offsetAt, wallClockAt, type WallClock } from '../../../shared/domain/incidents/zoned-time.ts';

export const MAINTENANCE_HORIZON_MS = 48 * 3_600_000;
const DAY_MS = 86_400_000;

type LocalDate = Pick<WallClock, 'year' | 'month' | 'day'>;

const dateOf = (at: number, timeZone: string): LocalDate => {
  const { year, month, day } = wallClockAt(at, timeZone);
  return { year, month, day };
};
const dayNumber = (d: LocalDate) => Date.UTC(d.year, d.month - 1, d.day) / DAY_MS;
/** weekdays[] starts on Monday; getUTCDay on Sunday. */
const weekdayOf = (d: LocalDate): Weekday => weekdays[(new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay() + 6) % 7]!;
const wallMs = (w: WallClock) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

/** The first instant in [low, high] at which the zone's clock reads `wall` or later (high must). */
function firstInstantAtOrAfter(wall: number, low: number, high: number, timeZone: string): number {
  while (high - low > 1000) {
    const mid = low + Math.floor((high - low) / 2000) * 1000;
    if (wallMs(wallClockAt(mid, timeZone)) >= wall) high = mid;
    else low = mid;
  }
  return high;
}

/**
 * One occurrence of a window that starts at a local time on a local date. Where the clocks go
 * back it starts at the first of the two instants that read that time (once a night). Where they
 * go forward over its start, it starts at the first instant after the gap and ends when it
 * normally does (02:30 for 1h on the night New York skips 02:00–03:00 is 03:00–03:30); a window
 * wholly inside the gap moves forward by the gap, as cron does.
 */
export function localOccurrence(date: LocalDate, hour: number, minute: number, durationMs: number, timeZone: string): { startsAt: number; endsAt: number } {
  const wall: WallClock = { ...date, hour, minute, second: 0 };
  const { instants, exact } = instantsAt(wall, timeZone);
  const first = instants[0]!;
  if (exact) return { startsAt: first, endsAt: first + durationMs };
  // In the gap: `first` is the wall time read with the offset before it, i.e. moved forward by the gap.
  const local = wallMs(wall);
  const offsetAfter = offsetAt(first, timeZone);
  const normalEnd = local + durationMs - offsetAfter;
  const gapEnd = firstInstantAtOrAfter(local, local - offsetAfter, first, timeZone);
  return normalEnd > gapEnd ? { startsAt: gapEnd, endsAt: normalEnd } : { startsAt: first, endsAt: first + durationMs };
}

/** The occurrences of one configured window that overlap [from, to]. */
export function occurrences(config: MaintenanceConfig, from: number, to: number, defaultTimeZone: string): MaintenanceWindow[] {
  const reason = config.reason;
  const base = (id: string, startsAt: number, endsAt: number): MaintenanceWindow => ({ id, startsAt, endsAt, ...(reason !== undefined ? { reason } : {}) });
  if ('from' in config) {
    const startsAt = Date.parse(config.from);
    const endsAt = Date.parse(config.to);
    return endsAt > from && startsAt < to ? [base(`cfg:${config.id}`, startsAt, endsAt)] : [];
  }
  const tz = config.timezone ?? defaultTimeZone;
  const [hour, minute] = config.at.split(':').map(Number) as [number, number];
  const days = new Set<Weekday>(config.days ?? weekdays);
  const out: MaintenanceWindow[] = [];
  // Walk the zone's calendar days (not 24 h steps, which skip or repeat a date around a clock
  // change) from the day of (from − duration − a day) to the day of (to + a day).
  const last = dayNumber(dateOf(to + DAY_MS, tz));
  for (let d = dateOf(from - config.duration - DAY_MS, tz); dayNumber(d) <= last; d = addDays(d, 1)) {
    if (!days.has(weekdayOf(d))) continue;
    const { startsAt, endsAt } = localOccurrence(d, hour, minute, config.duration, tz);
    if (endsAt > from && startsAt < to) out.push(base(`cfg:${config.id}@${startsAt}`, startsAt, endsAt));
  }
  return out;
}

/** Whether a configured window covers a canary. */
export function covers(config: MaintenanceConfig, canary: { id: string; service: string | null }): boolean {
  if (config.checks === undefined && config.services === undefined) return true;
  return (config.checks ?? []).includes(canary.id) || (canary.service !== null && (config.services ?? []).includes(canary.service));
}

/** Every window a canary should hold now: current and upcoming occurrences within the horizon. */
export function windowsFor(
  configs: readonly MaintenanceConfig[],
  canary: { id: string; service: string | null },
  now: number,
  defaultTimeZone: string,
  horizonMs = MAINTENANCE_HORIZON_MS,
): MaintenanceWindow[] {
  return configs
    .filter((c) => covers(c, canary))
    .flatMap((c) => occurrences(c, now, now + horizonMs, defaultTimeZone))
    .filter((w) => w.endsAt > now)
    .sort((a, b) => a.startsAt - b.startsAt);
}
