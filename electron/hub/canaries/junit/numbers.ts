/**
 * The two JUnit attributes no two tools write alike: `time` (seconds, sometimes formatted in the
 * machine's locale) and `timestamp` (ISO 8601 with or without a zone, `… UTC`, RFC 1123).
 *
 * Rules for `time`, decided once and tested (numbers.test.ts):
 *  1. The C locale first: `0.03`, `0.010000`, `1e-05`.
 *  2. Both `.` and `,` present: the one that comes last is the decimal separator and the other
 *     groups thousands (`2,120.532` → 2120.532 s, Surefire 3.1.0; `1.234,5` → 1234.5 s, de_DE).
 *  3. Only commas: one comma is a decimal comma (`0,03` → 0.03 s, old Surefire/TestNG under a
 *     decimal-comma locale). Tools that group thousands always print a decimal part too (rule 2),
 *     so a lone comma is read as a decimal comma; when it could also be a thousands separator
 *     (`2,120`: 1–3 digits, comma, exactly 3 digits) it is still read as 2.12 s and a warning says
 *     so. Several commas (`1,234,567`) only group thousands.
 *  4. Several dots and no comma (`1.234.567`) only group thousands.
 *  5. Spaces, no-break spaces and apostrophes between digits group thousands (fr_FR, de_CH).
 *  6. Anything else — empty, negative, NaN, letters, groups not of three — is no time at all
 *     (null): the case's duration is unknown, which is not the same as 0.
 */

export interface TimeReading {
  /** Milliseconds (to the microsecond), or null when there is no readable time. */
  ms: number | null;
  /** Set when the text was read but not unambiguously, or could not be read. */
  warning?: string;
}

const C_LOCALE = /^\+?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const GROUPED_INT = /^\d{1,3}(?:\|\d{3})+$/; // after replacing the group separator by |

function toMs(seconds: number): number {
  return Math.round(seconds * 1e6) / 1e3;
}

function groupedInteger(intPart: string, sep: string): string | null {
  if (!intPart.includes(sep)) return /^\d+$/.test(intPart) ? intPart : null;
  const marked = intPart.split(sep).join('|');
  return GROUPED_INT.test(marked) ? marked.split('|').join('') : null;
}

export function parseJUnitTime(raw: string | undefined): TimeReading {
  if (raw === undefined) return { ms: null };
  let text = raw.trim();
  if (text === '') return { ms: null };
  if (C_LOCALE.test(text)) {
    const seconds = Number(text);
    return Number.isFinite(seconds) ? { ms: toMs(seconds) } : { ms: null, warning: `unreadable time "${raw}"` };
  }
  const unreadable = (): TimeReading => ({ ms: null, warning: `unreadable time "${clip(raw)}"` });
  // Rule 5: spaces and apostrophes between digits group thousands.
  if (/\d[\s\u00a0\u202f']\d/.test(text)) {
    const parts = text.split(/[\s\u00a0\u202f']/);
    if (!parts.slice(1).every((p) => /^\d{3}/.test(p)) || !/^\d{1,3}$/.test(parts[0]!)) return unreadable();
    text = parts.join('');
    if (C_LOCALE.test(text)) return { ms: toMs(Number(text)) };
  }
  if (!/^\+?[\d.,]+$/.test(text)) return unreadable();
  text = text.replace(/^\+/, '');
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  let intPart: string | null;
  let fraction = '';
  let warning: string | undefined;
  if (lastDot >= 0 && lastComma >= 0) {
    // Rule 2.
    const decimal = lastDot > lastComma ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    const at = text.lastIndexOf(decimal);
    fraction = text.slice(at + 1);
    intPart = groupedInteger(text.slice(0, at), group);
    if (!/^\d*$/.test(fraction) || intPart === null || text.slice(0, at).includes(decimal)) return unreadable();
  } else if (lastComma >= 0) {
    const commas = text.split(',').length - 1;
    if (commas === 1) {
      // Rule 3.
      [intPart, fraction] = text.split(',') as [string, string];
      if (!/^\d*$/.test(intPart) || !/^\d+$/.test(fraction)) return unreadable();
      if (/^[1-9]\d{0,2}$/.test(intPart) && fraction.length === 3) {
        warning = `time "${raw}" read as ${intPart}.${fraction} s (decimal comma), not ${intPart}${fraction} s`;
      }
    } else {
      intPart = groupedInteger(text, ',');
      if (intPart === null) return unreadable();
    }
  } else {
    // Rule 4 (one dot would have matched the C locale).
    intPart = groupedInteger(text, '.');
    if (intPart === null) return unreadable();
  }
  const seconds = Number(`${intPart === '' ? '0' : intPart}.${fraction === '' ? '0' : fraction}`);
  if (!Number.isFinite(seconds)) return unreadable();
  return warning === undefined ? { ms: toMs(seconds) } : { ms: toMs(seconds), warning };
}

export interface TimestampReading {
  /** Epoch milliseconds, or null when absent, unreadable or a zero value (Go's 0001-01-01, the epoch itself). */
  ms: number | null;
  /** Whether the text named its zone; a naive timestamp is read as UTC. */
  zoned: boolean;
  warning?: string;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?|UTC|GMT)?$/;
const RFC1123 = /^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s*(GMT|UTC|UT|Z|[+-]\d{4})?$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || /^(Z|UTC|GMT|UT)$/i.test(zone)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? '0');
  return m[1] === '-' ? -minutes : minutes;
}

function utc(year: number, month: number, day: number, h: number, min: number, s: number, ms: number): number | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || h > 23 || min > 59 || s > 60) return null;
  const t = Date.UTC(year, month - 1, day, h, min, Math.min(s, 59), ms);
  const d = new Date(t);
  // Date.UTC rolls 31 February over into March: refuse that rather than guess.
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? t : null;
}

/**
 * Reads `2024-05-01T12:00:00Z`, `…+02:00`, `…-0500`, naive `2024-05-01T12:00:00.123456`
 * (read as UTC: jest-junit writes UTC without a zone), `2021-03-07T10:36:56 UTC` (TestNG) and
 * `Sat, 03 Dec 2022 23:10:07 GMT` (RFC 1123). Years before 1970 are a zero value, not a time, and
 * so is the epoch itself: jest-junit writes `1970-01-01T00:00:00` for a suite that failed to run
 * (its start time is 0), which would otherwise date the whole report to 1970.
 */
export function parseJUnitTimestamp(raw: string | undefined): TimestampReading {
  if (raw === undefined || raw.trim() === '') return { ms: null, zoned: false };
  const text = raw.trim();
  const unreadable: TimestampReading = { ms: null, zoned: false, warning: `unreadable timestamp "${clip(raw)}"` };
  let iso = ISO.exec(text);
  if (iso) {
    const year = Number(iso[1]);
    if (year < 1970) return { ms: null, zoned: iso[8] !== undefined };
    const fraction = iso[7] === undefined ? 0 : Math.floor(Number(`0.${iso[7]}`) * 1000);
    const t = utc(year, Number(iso[2]), Number(iso[3]), Number(iso[4] ?? 0), Number(iso[5] ?? 0), Number(iso[6] ?? 0), fraction);
    if (t === null) return unreadable;
    const ms = t - offsetMinutes(iso[8]) * 60_000;
    return { ms: ms === 0 ? null : ms, zoned: iso[8] !== undefined };
  }
  iso = RFC1123.exec(text);
  if (iso) {
    const month = MONTHS.indexOf(iso[2]!.toLowerCase()) + 1;
    const year = Number(iso[3]);
    if (month === 0) return unreadable;
    if (year < 1970) return { ms: null, zoned: iso[7] !== undefined };
    const t = utc(year, month, Number(iso[1]), Number(iso[4]), Number(iso[5]), Number(iso[6] ?? 0), 0);
    if (t === null) return unreadable;
    const ms = t - offsetMinutes(iso[7]) * 60_000;
    return { ms: ms === 0 ? null : ms, zoned: iso[7] !== undefined };
  }
  return unreadable;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
