/**
 * Markdown for generated reports, with every piece of user text escaped so it cannot change the
 * document's structure: a risk titled "# Ignore the above", a note with a newline and "| a | b |",
 * or `<script>` stays text inside its cell or list item.
 *
 * How (CommonMark 0.31 §2.4: any ASCII punctuation may be backslash-escaped):
 * - control characters, bidi overrides and zero-width characters are removed; line breaks,
 *   tabs and runs of spaces become one space (inline text never starts a new block);
 * - the characters that make inline structure are escaped wherever they are:
 *   \ ` * _ ~ [ ] < > # | & ! $ (emphasis, code, links, HTML and entities, tables, strikethrough,
 *   footnotes, math);
 * - the characters that only matter at the start of a block are escaped there: - + = and "1." /
 *   "1)" list markers.
 * Links are only made to http(s) URLs that pass the app's external-link rule; anything else is
 * shown as escaped text. A bare "https://…", "www.…" or e-mail address in user text is left as
 * it is: GFM renderers turn it into a link after escapes are resolved (no escape prevents it), it
 * is inline and changes no structure, and the app opens links only through that same rule.
 */
import { safeExternalUrl } from '../external-url.ts';
import { offsetAt, wallClockAt } from '../incidents/zoned-time.ts';
import { formatOffset } from './t-minus.ts';

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;
const BREAKS = /[\s\u0085\u2028\u2029]+/g;
const INLINE_SPECIAL = /[\\`*_~[\]<>#|&!$]/g;

/** User text for inline use (a heading, a table cell, a list item): one line, fully escaped. */
export function escapeInline(text: string, maxLength = 2000): string {
  let s = String(text).replace(INVISIBLE, '').replace(BREAKS, ' ').trim();
  if (s.length > maxLength) s = `${s.slice(0, maxLength - 1)}…`;
  s = s.replace(INLINE_SPECIAL, (c) => `\\${c}`);
  // Block starters, at the start only.
  s = s.replace(/^([-+=])/, '\\$1').replace(/^(\d{1,9})([.)])/, '$1\\$2');
  return s;
}

/** Multi-line user text (a note): paragraphs kept, each line escaped as inline text. */
export function escapeBlock(text: string, maxLength = 20_000): string {
  const clipped = String(text).length > maxLength ? `${String(text).slice(0, maxLength - 1)}…` : String(text);
  return clipped
    .replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((para) =>
      para
        .split('\n')
        .map((line) => escapeInline(line, maxLength))
        .filter((line) => line !== '')
        .join('  \n'),
    )
    .filter((para) => para !== '')
    .join('\n\n');
}

/** A link when the URL is a safe http(s) URL, else the label alone. The label is escaped here. */
export function link(label: string, url: string | null | undefined): string {
  const safe = url ? safeExternalUrl(url) : null;
  const text = escapeInline(label) || escapeInline(url ?? '');
  if (!safe) return text;
  // Inside <...> a destination may hold anything but < > and line breaks (the URL rule already
  // refused whitespace; the parser encodes < and >, but be sure).
  const dest = safe.replace(/[<>]/g, (c) => (c === '<' ? '%3C' : '%3E'));
  return `[${text}](<${dest}>)`;
}

/** A link to a page of the app itself ("#/review/..."), joined to its base URL when one is known. */
export function appLink(label: string, base: string | undefined, path: string): string {
  return base ? link(label, `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`) : escapeInline(label);
}

export const heading = (level: 1 | 2 | 3 | 4, text: string): string => `${'#'.repeat(level)} ${escapeInline(text)}`;

/**
 * A GFM table. Cells are pre-rendered Markdown (use escapeInline for user text); a cell never
 * holds a line break or an unescaped pipe after escapeInline. Empty cells show "—".
 */
export function table(headers: readonly string[], rows: readonly (readonly string[])[], align?: readonly ('left' | 'right')[]): string {
  const cell = (c: string) => (c === '' ? '—' : c);
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const rule = `|${headers.map((_, i) => (align?.[i] === 'right' ? ' ---: ' : ' --- ')).join('|')}|`;
  return [line(headers), rule, ...rows.map((r) => line(headers.map((_, i) => r[i] ?? '')))].join('\n');
}

/** A bullet list of pre-rendered items. */
export const bullets = (items: readonly string[]): string => items.map((i) => `- ${i}`).join('\n');

/** Join blocks with blank lines, dropping empty ones; end with a newline. */
export const doc = (blocks: readonly (string | null | undefined | false)[]): string =>
  `${blocks.filter((b): b is string => typeof b === 'string' && b.trim() !== '').join('\n\n')}\n`;

/** "12.3%", to one decimal. */
export const percent = (share: number | null | undefined, digits = 1): string =>
  share === null || share === undefined || !Number.isFinite(share) ? '—' : `${(share * 100).toFixed(digits)}%`;

/** 1 234 567 → "1,234,567" without locale surprises. */
export function count(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const rounded = Math.round(n);
  const s = String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return rounded < 0 ? `−${s}` : s;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Sat 30 May 2026" for a calendar date. */
export function formatDate(date: { year: number; month: number; day: number }): string {
  const weekday = WEEKDAYS[(new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7];
  return `${weekday} ${date.day} ${MONTHS[date.month - 1]} ${date.year}`;
}

/** "Sat 30 May 2026 17:00" on `timeZone`'s clock (Intl only; the same on every machine). */
export function formatLocal(ms: number, timeZone: string): string {
  const w = wallClockAt(ms, timeZone);
  return `${formatDate(w)} ${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
}

/** "UTC+02:00" (or "UTC" itself): the zone's offset at that instant. */
export const utcOffsetLabel = (ms: number, timeZone: string): string => (timeZone === 'UTC' ? 'UTC' : `UTC${formatOffset(offsetAt(ms, timeZone))}`);

/**
 * A time that stands alone in a sentence, with its zone named and UTC beside it (as the incident
 * timeline shows them): "Tue 8 Dec 2026 02:01 Africa/Johannesburg (Mon 7 Dec 2026 23:59 UTC)";
 * the UTC date is left out when it is the same day. Table cells use formatLocal under a header
 * that names the zone.
 */
export function formatZoned(ms: number, timeZone: string): string {
  const local = formatLocal(ms, timeZone);
  if (timeZone === 'UTC') return `${local} UTC`;
  const utc = formatLocal(ms, 'UTC');
  const sameDay = utc.slice(0, -6) === local.slice(0, -6);
  return `${local} ${escapeInline(timeZone)} (${sameDay ? utc.slice(-5) : utc} UTC)`;
}
