/**
 * Wall-clock time in the room's IANA time zone, with nothing but Intl and epoch ms: no Date string
 * parsing, whose results depend on the machine's own zone.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface WallClock {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall clock in `timeZone` at instant `ms`. */
export function wallClockAt(ms: number, timeZone: string): WallClock {
  const out: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(ms)) {
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  }
  return { year: out.year!, month: out.month!, day: out.day!, hour: out.hour!, minute: out.minute!, second: out.second! };
}

const asUtc = (w: WallClock): number => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

/** The zone's offset from UTC at instant `ms`, in ms (London in summer: +3 600 000). */
export function offsetAt(ms: number, timeZone: string): number {
  const whole = ms - (((ms % 1000) + 1000) % 1000);
  return asUtc(wallClockAt(whole, timeZone)) - whole;
}

const DAY = 86_400_000;

/**
 * Every instant at which the wall clock in `timeZone` reads `wall`: usually one, two in the hour
 * the clocks go back, none in the hour they go forward. In that last case the caller gets the
 * instant the clock would show had it not jumped (01:30 on the spring-forward night in London is
 * 02:30 BST), as Temporal's "compatible" disambiguation does; `exact` says which case it was.
 */
export function instantsAt(wall: WallClock, timeZone: string): { instants: number[]; exact: boolean } {
  const local = asUtc(wall);
  // Offsets either side of any transition near this time (zones change at most once a day).
  const offsets = new Set([offsetAt(local - DAY, timeZone), offsetAt(local, timeZone), offsetAt(local + DAY, timeZone)]);
  const instants = [...offsets]
    .map((offset) => local - offset)
    .filter((t) => asUtc(wallClockAt(t, timeZone)) === local)
    .sort((a, b) => a - b);
  if (instants.length > 0) return { instants, exact: true };
  return { instants: [local - offsetAt(local - DAY, timeZone)], exact: false };
}

/** The calendar day before (or after, with a positive `days`) a date, whatever the month. */
export function addDays(w: Pick<WallClock, 'year' | 'month' | 'day'>, days: number): Pick<WallClock, 'year' | 'month' | 'day'> {
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** "14:03:12", or "14:05" when the seconds are zero (a time someone typed as @14:05). */
export function formatClock(ms: number, timeZone: string): string {
  const w = wallClockAt(ms, timeZone);
  return w.second === 0 ? `${pad(w.hour)}:${pad(w.minute)}` : `${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

/** Whether two instants fall on the same calendar day in `timeZone`. */
export function sameDay(a: number, b: number, timeZone: string): boolean {
  const x = wallClockAt(a, timeZone);
  const y = wallClockAt(b, timeZone);
  return x.year === y.year && x.month === y.month && x.day === y.day;
}
