/**
 * Maintenance windows from the workspace, as the concrete windows the state model takes. Recurring
 * windows are expanded lazily: only the occurrences overlapping [now − 7 d, now + horizon] exist at
 * any time, so a weekly window never grows into an endless list of slots (Uptime Kuma #2889).
 */
import type { MaintenanceWindow } from '../../../shared/model/canary.ts';
import { weekdays, type MaintenanceConfig, type Weekday } from '../../../shared/model/canary-checks.ts';

export const MAINTENANCE_HORIZON_MS = 48 * 3_600_000;
const DAY_MS = 86_400_000;

/** The offset of a time zone from UTC at an instant, in ms (positive east of Greenwich). */
function zoneOffsetMs(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** The instant a wall-clock time happens in a zone (the later one in a DST fold, shifted forward in a gap). */
export function zonedTime(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  const guess = Date.UTC(year, month, day, hour, minute);
  let at = guess - zoneOffsetMs(guess, timeZone);
  at = guess - zoneOffsetMs(at, timeZone);
  return at;
}

/** The calendar date of an instant in a zone. */
function localDate(at: number, timeZone: string): { year: number; month: number; day: number; weekday: Weekday } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'short' }).formatToParts(new Date(at));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { year: Number(get('year')), month: Number(get('month')) - 1, day: Number(get('day')), weekday: get('weekday').toLowerCase().slice(0, 3) as Weekday };
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
  // Walk local days from (from − duration − a day) to (to + a day).
  for (let t = from - config.duration - DAY_MS; t <= to + DAY_MS; t += DAY_MS) {
    const d = localDate(t, tz);
    if (!days.has(d.weekday)) continue;
    const startsAt = zonedTime(d.year, d.month, d.day, hour, minute, tz);
    const endsAt = startsAt + config.duration;
    if (endsAt > from && startsAt < to && !out.some((w) => w.startsAt === startsAt)) out.push(base(`cfg:${config.id}@${startsAt}`, startsAt, endsAt));
  }
  return out.sort((a, b) => a.startsAt - b.startsAt);
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
