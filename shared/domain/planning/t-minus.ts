/**
 * T-minus times: "T-7d", "T-1h30m", "T+15m", "T0", measured from the event's start in the event's
 * IANA time zone; and the plan's other ways of naming a time (a local date-time, a recorded
 * instant).
 *
 * Across a daylight-saving change the two kinds of unit mean different things, as in RFC 5545
 * (§3.3.6: "the duration of a week or a day depends on its position in the calendar") and in
 * Temporal's ZonedDateTime arithmetic:
 * - **Weeks and days are calendar units.** "T-1d" is the same wall-clock time on the day before,
 *   so a 20:00 kick-off's T-1d readiness check is at 20:00 the evening before even when the clocks
 *   changed overnight (23 or 25 hours earlier). People plan by the calendar ("the day before, same
 *   time"), and a check due at 19:00 because of a clock change is a check nobody expects.
 * - **Hours, minutes and seconds are elapsed time.** "T-24h" is exactly 24 hours before the
 *   start, whatever the clocks did; "T-1h30m" is 90 minutes before. Pre-scaling and check-ins are
 *   about elapsed time.
 * - A mixed offset applies the calendar part first, then the elapsed part: "T-1d2h" is 2 hours
 *   before the same wall-clock time on the previous day. The elapsed part may carry its own sign,
 *   "T+2d-3h" (3 hours before the same wall-clock time two days on): Sunday 15:00 of a weekend
 *   starting Friday 18:00 without counting hours through Sunday night, when the clocks change.
 * - A calendar step that lands in the hour the clocks skip moves forward by the gap (01:30 on
 *   the spring-forward night in London is 02:30 BST); one that lands in the repeated hour takes
 *   the earlier of the two (Temporal's "compatible" disambiguation).
 *
 * Everything here uses Intl and epoch milliseconds only (see ../incidents/zoned-time.ts), never
 * Date string parsing, whose results depend on the machine's own zone.
 */
import { addDays, instantsAt, offsetAt, wallClockAt, type WallClock } from '../incidents/zoned-time.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** A parsed T-offset. All parts are non-negative; `sign` says before (-1) or after (+1) T0. */
export interface TOffset {
  readonly sign: -1 | 1;
  readonly weeks: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
  /** The sign of the hours, minutes and seconds when written apart ("T+2d-3h"); else `sign`. */
  readonly elapsedSign?: -1 | 1;
}

const T_OFFSET = /^T(?:([+-])(?:(\d{1,3})w)?(?:(\d{1,4})d)?([+-])?(?:(\d{1,5})h)?(?:(\d{1,6})m)?(?:(\d{1,7})s)?)?$/;

/** Parse "T-7d", "T-1h30m", "T+15m", "T-2w", "T+2d-3h", "T0" (also "T-0", "T+0"); null when it is not one. */
export function parseTOffset(text: string): TOffset | null {
  const trimmed = text.trim();
  if (/^T(?:[+-]?0)$/.test(trimmed)) return { sign: 1, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };
  const match = T_OFFSET.exec(trimmed);
  if (!match || match[1] === undefined) return null;
  const [, sign, w, d, elapsedSign, h, m, s] = match;
  if ([w, d, h, m, s].every((part) => part === undefined)) return null; // "T-" alone
  // A second sign only between a calendar part and an elapsed one: "T+2d-3h", not "T+-3h" or "T+2d-".
  if (elapsedSign !== undefined && ((w === undefined && d === undefined) || [h, m, s].every((part) => part === undefined))) return null;
  const n = (part: string | undefined): number => (part === undefined ? 0 : Number(part));
  const base = { sign: sign === '-' ? -1 : 1, weeks: n(w), days: n(d), hours: n(h), minutes: n(m), seconds: n(s) } as const;
  return elapsedSign === undefined ? base : { ...base, elapsedSign: elapsedSign === '-' ? -1 : 1 };
}

/** Whether the text is a T-offset. */
export function isTOffset(text: string): boolean {
  return parseTOffset(text) !== null;
}

/** "T-1d2h", "T+15m", "T+2d-3h", "T0": the canonical spelling (zero parts left out). */
export function formatTOffset(offset: TOffset): string {
  const join = (parts: readonly (readonly [number, string])[]) =>
    parts
      .filter(([value]) => value > 0)
      .map(([value, unit]) => `${value}${unit}`)
      .join('');
  const sign = (s: number) => (s < 0 ? '-' : '+');
  const calendar = join([[offset.weeks, 'w'], [offset.days, 'd']]);
  const elapsed = join([[offset.hours, 'h'], [offset.minutes, 'm'], [offset.seconds, 's']]);
  if (calendar === '' && elapsed === '') return 'T0';
  const elapsedSign = offset.elapsedSign ?? offset.sign;
  if (calendar === '') return `T${sign(elapsedSign)}${elapsed}`;
  return `T${sign(offset.sign)}${calendar}${elapsed !== '' && elapsedSign !== offset.sign ? sign(elapsedSign) : ''}${elapsed}`;
}

/** The calendar part in days (signed). */
const calendarDays = (o: TOffset): number => o.sign * (o.weeks * 7 + o.days);
/** The elapsed part in ms (signed). */
const elapsedMs = (o: TOffset): number => (o.elapsedSign ?? o.sign) * (o.hours * HOUR + o.minutes * MINUTE + o.seconds * SECOND);

/**
 * The instant of a T-offset from an event starting at `startMs` in `timeZone`: days and weeks on
 * the calendar (same wall-clock time), hours and smaller as elapsed time. See the file comment.
 */
export function resolveTOffset(offset: TOffset, startMs: number, timeZone: string): number {
  const days = calendarDays(offset);
  let base = startMs;
  if (days !== 0) {
    const wall = wallClockAt(startMs, timeZone);
    const date = addDays(wall, days);
    const target: WallClock = { ...date, hour: wall.hour, minute: wall.minute, second: wall.second };
    const subSecond = ((startMs % SECOND) + SECOND) % SECOND;
    base = instantsAt(target, timeZone).instants[0]! + subSecond;
  }
  return base + elapsedMs(offset);
}

/**
 * A T-offset as a signed length in ms if days were always 24 hours: for sorting and for showing
 * "how far out" in a list. Scheduling uses {@link resolveTOffset}.
 */
export function nominalOffsetMs(offset: TOffset): number {
  return calendarDays(offset) * 24 * HOUR + elapsedMs(offset);
}

// ---- local date-times ------------------------------------------------------------------------

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$/;

export interface LocalDateTime {
  readonly wall: WallClock;
  /** The UTC offset written after the time, in ms (Z is 0), or null when none was written. */
  readonly offsetMs: number | null;
}

/**
 * "2026-05-30T17:00", "2026-05-30T17:00:30", or with an offset to pick a side of the repeated hour
 * ("2025-10-26T01:30+01:00"). Null when it is not one, or is no real date ("2026-02-30T10:00").
 */
export function parseLocalDateTime(text: string): LocalDateTime | null {
  const match = LOCAL_DATE_TIME.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s, off] = match;
  const wall: WallClock = { year: Number(y), month: Number(mo), day: Number(d), hour: Number(h), minute: Number(mi), second: Number(s ?? 0) };
  if (wall.hour > 23 || wall.minute > 59 || wall.second > 59) return null;
  const check = new Date(Date.UTC(wall.year, wall.month - 1, wall.day));
  if (check.getUTCFullYear() !== wall.year || check.getUTCMonth() !== wall.month - 1 || check.getUTCDate() !== wall.day) return null;
  let offsetMs: number | null = null;
  if (off !== undefined) {
    if (off === 'Z') offsetMs = 0;
    else {
      const oh = Number(off.slice(1, 3));
      const om = Number(off.slice(4, 6));
      if (oh > 18 || om > 59) return null;
      offsetMs = (off[0] === '-' ? -1 : 1) * (oh * HOUR + om * MINUTE);
    }
  }
  return { wall, offsetMs };
}

const wallAsUtc = (w: WallClock): number => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

/** "+01:00", "-04:00", "+05:45". */
export function formatOffset(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const abs = Math.abs(ms);
  const h = Math.floor(abs / HOUR);
  const m = Math.floor((abs % HOUR) / MINUTE);
  return `${sign}${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

export type Resolved = { ok: true; ms: number } | { ok: false; message: string };

/**
 * The instant a local date-time names in `timeZone`. Refused, with the reason, when the time does
 * not exist there (the clocks skip it), when it happens twice and no offset says which, or when
 * the written offset is not the zone's offset at that time.
 */
export function resolveLocalDateTime(text: string, timeZone: string): Resolved {
  const parsed = parseLocalDateTime(text);
  if (!parsed) return { ok: false, message: `expected a local date-time such as "2026-05-30T17:00", got ${JSON.stringify(text)}` };
  const { wall, offsetMs } = parsed;
  if (offsetMs !== null) {
    const ms = wallAsUtc(wall) - offsetMs;
    const actual = offsetAt(ms, timeZone);
    if (actual !== offsetMs) {
      return { ok: false, message: `${formatOffset(offsetMs)} is not the offset of ${timeZone} at that time (it is ${formatOffset(actual)})` };
    }
    return { ok: true, ms };
  }
  const { instants, exact } = instantsAt(wall, timeZone);
  if (!exact) return { ok: false, message: `${text.trim()} does not exist in ${timeZone}: the clocks skip that hour` };
  if (instants.length > 1) {
    const offsets = instants.map((t) => formatOffset(offsetAt(t, timeZone)));
    return {
      ok: false,
      message: `${text.trim()} happens twice in ${timeZone} (the clocks go back): add the offset, ${offsets.map((o) => `${text.trim()}${o}`).join(' or ')}`,
    };
  }
  return { ok: true, ms: instants[0]! };
}

/**
 * Like {@link resolveLocalDateTime}, for a time someone typed without thinking of the clocks (a new
 * plan's start): one the clocks skip moves forward by the gap, one they repeat takes its first
 * occurrence (the earlier offset), as Temporal's "compatible" disambiguation and most schedulers do.
 * A written offset that is not the zone's is still refused.
 */
export function resolveLocalDateTimeCompatible(text: string, timeZone: string): Resolved {
  const parsed = parseLocalDateTime(text);
  if (!parsed || parsed.offsetMs !== null) return resolveLocalDateTime(text, timeZone);
  return { ok: true, ms: instantsAt(parsed.wall, timeZone).instants[0]! };
}

// ---- "when": a T-offset or a local date-time -------------------------------------------------

/** The event a plan's times are measured from. */
export interface EventAnchor {
  readonly startMs: number;
  readonly timeZone: string;
}

/** Whether the text is a T-offset or a local date-time (checked for syntax only). */
export function isWhen(text: string): boolean {
  return isTOffset(text) || parseLocalDateTime(text) !== null;
}

/** What a plan time may be, in the words of every message that refuses one. */
export const WHEN_EXPECTED = 'expected a T-offset such as "T-7d", "T-1h30m", "T+15m", or a local date-time such as "2026-05-30T17:00"';

/** The instant of a plan time: a T-offset from the event's start, or a local date-time in its zone. */
export function resolveWhen(text: string, anchor: EventAnchor): Resolved {
  const offset = parseTOffset(text);
  if (offset) return { ok: true, ms: resolveTOffset(offset, anchor.startMs, anchor.timeZone) };
  // Neither shape: name both, as the plan's refusal does ("T+abc" was meant as a T-offset).
  if (parseLocalDateTime(text) === null) return { ok: false, message: `${WHEN_EXPECTED}, got ${JSON.stringify(text)}` };
  return resolveLocalDateTime(text, anchor.timeZone);
}

/** Like {@link resolveWhen} for a plan already validated (where every time resolves). */
export function whenMs(text: string, anchor: EventAnchor): number {
  const r = resolveWhen(text, anchor);
  if (!r.ok) throw new Error(r.message);
  return r.ms;
}

/** The T-offset of an instant from the event start in elapsed time: "T-1h30m", "T+2d3h". */
export function describeOffset(ms: number, startMs: number): string {
  const delta = ms - startMs;
  let rest = Math.round(Math.abs(delta) / SECOND);
  const days = Math.floor(rest / 86_400);
  rest -= days * 86_400;
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  const minutes = Math.floor(rest / 60);
  const seconds = rest - minutes * 60;
  return formatTOffset({ sign: delta < 0 ? -1 : 1, weeks: 0, days, hours, minutes, seconds });
}

// ---- recorded instants -----------------------------------------------------------------------

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An instant as recorded in a plan: ISO 8601 with its offset or Z ("2026-05-23T09:30:00Z",
 * "2026-05-23T10:30+01:00"). Epoch ms, or null when the text is not one.
 */
export function parseInstant(text: string): number | null {
  const match = INSTANT.exec(text.trim());
  if (!match) return null;
  const parsed = parseLocalDateTime(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6] ?? '00'}${match[8]}`);
  if (!parsed || parsed.offsetMs === null) return null;
  const fraction = match[7] === undefined ? 0 : Number(match[7].padEnd(3, '0'));
  return wallAsUtc(parsed.wall) - parsed.offsetMs + fraction;
}

/** An instant in ISO 8601 with Z, to the second: "2026-05-23T09:30:00Z". */
export function formatInstant(ms: number): string {
  return new Date(Math.floor(ms / SECOND) * SECOND).toISOString().replace('.000Z', 'Z');
}
