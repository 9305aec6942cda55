/**
 * Untrusted text (posts, incident titles and entries, test output) made fit to show as TEXT (a React text node, never HTML): the characters
 * that let a post lie about what it says or spill over its tile are removed, long posts are cut
 * at a grapheme boundary with an ellipsis, and links are kept only when they are http(s).
 *
 * What is removed, and why:
 * - bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the bidi marks
 *   (U+200E, U+200F, U+061C): "Trojan Source"-style reordering makes "gnp.exe" read as "exe.png";
 * - zero-width and invisible characters (U+200B–U+200D, U+2060–U+2064, U+FEFF, U+180E, soft
 *   hyphen, Hangul fillers): hidden text, split keywords and blank-looking names. A zero-width
 *   joiner between two pictographs is kept (it builds emoji like 👩‍💻), and a zero-width non-joiner
 *   between two letters of a script that shapes with it (Persian, Indic) is kept;
 * - control characters (C0 except tab and newline, DEL, C1), lone surrogates (→ U+FFFD),
 *   noncharacters, and Unicode tag characters except inside a flag sequence (🏴 + tags);
 * - runs of combining marks beyond a few per character ("Zalgo" text that overflows its line).
 *
 * Runtime-neutral: no DOM, no Node. Intl.Segmenter is used for graphemes where the runtime has it.
 */
import { safeExternalUrl } from './external-url.ts';

/** Graphemes shown of a post on the wall before "…" (the whole text is kept in the store). */
export const MAX_DISPLAY_GRAPHEMES = 560;
/** Graphemes of an author name, on one line. */
export const MAX_AUTHOR_GRAPHEMES = 64;
/** Combining marks kept on one base character (Vietnamese needs 2, Thai and Indic stacks ~3). */
export const MAX_COMBINING_MARKS = 4;
export const ELLIPSIS = '…';

export interface SafeTextOptions {
  /** Cut to at most this many graphemes (the ellipsis included). Default MAX_DISPLAY_GRAPHEMES. */
  maxGraphemes?: number;
  /** Fold line breaks into spaces (author names, titles). Default false. */
  singleLine?: boolean;
  ellipsis?: string;
}

export interface SafeText {
  text: string;
  /** The text was cut to fit. */
  truncated: boolean;
  /** How many invisible, control or formatting characters were removed. */
  removed: number;
}

// Always removed. Bidi controls and marks; zero-width space, word joiner and invisible operators;
// BOM / zero-width no-break space; Mongolian vowel separator; soft hyphen; Hangul fillers;
// interlinear annotation characters; C0 (but tab and newline), DEL and C1 controls; noncharacters.
const ALWAYS =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B\u2060-\u2064\uFEFF\u180E\u00AD\u115F\u1160\u3164\uFFA0\uFFF9-\uFFFB\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]/gu;
const ZWJ_OR_ZWNJ = /\u200D|\u200C/gu;
const PICTOGRAPH = /\p{Extended_Pictographic}|[\u{1F3FB}-\u{1F3FF}]|\uFE0F/u;
const JOINING_LETTER = /[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}\p{Script=Mongolian}\p{M}]/u;
const TAGS = /[\u{E0000}-\u{E007F}]+/gu;
const FLAG_BASE = '\u{1F3F4}';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const MARK_RUN = /\p{M}{5,}/u;
const LINE_SEPARATORS = /\r\n?|[\u2028\u2029\u0085]/g;
// Anything any of the above would change.
const SUSPECT =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u00AD\u061C\u115F\u1160\u180E\u200B-\u200F\u2028-\u202E\u2060-\u2069\u3164\uD800-\uDFFF\uFDD0-\uFDEF\uFEFF\uFFA0\uFFF9-\uFFFB\uFFFE\uFFFF\u{E0000}-\u{E007F}]/u;

/** The previous / next code point around index `i` (UTF-16 index of a BMP char). */
function codePointBefore(text: string, i: number): string {
  if (i <= 0) return '';
  const low = text.charCodeAt(i - 1);
  if (low >= 0xdc00 && low <= 0xdfff && i >= 2) return text.slice(i - 2, i);
  return text.slice(i - 1, i);
}
function codePointAfter(text: string, i: number): string {
  const cp = text.codePointAt(i + 1);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

/**
 * Remove the invisible, control and formatting characters listed above; count them. Line breaks
 * are normalised to "\n" and tabs to spaces; nothing else about the text changes.
 */
export function neutraliseInvisibles(input: string): { text: string; removed: number } {
  // Most posts contain none of it: one scan decides. (With the u flag a class matches lone
  // surrogates only, not the pairs of an emoji.)
  if (!SUSPECT.test(input) && !MARK_RUN.test(input)) return { text: input, removed: 0 };
  let removed = 0;
  let text = input.replace(LONE_SURROGATE, () => {
    removed++;
    return '\uFFFD';
  });
  text = text.replace(LINE_SEPARATORS, '\n').replace(/\t/g, ' ');
  text = text.replace(ALWAYS, () => {
    removed++;
    return '';
  });
  text = text.replace(ZWJ_OR_ZWNJ, (joiner, offset: number, whole: string) => {
    const before = codePointBefore(whole, offset);
    const after = codePointAfter(whole, offset);
    if (joiner === '\u200D' && PICTOGRAPH.test(before) && PICTOGRAPH.test(after)) return joiner;
    if (joiner === '\u200C' && JOINING_LETTER.test(before) && JOINING_LETTER.test(after)) return joiner;
    removed++;
    return '';
  });
  text = text.replace(TAGS, (tags, offset: number, whole: string) => {
    // A subdivision flag is 🏴 followed by tag letters and a cancel tag (U+E007F).
    if (codePointBefore(whole, offset) === FLAG_BASE && tags.endsWith('\u{E007F}')) return tags;
    removed += [...tags].length;
    return '';
  });
  if (MARK_RUN.test(text)) {
    text = text.replace(/(\P{M})(\p{M}+)/gu, (_all, base: string, marks: string) => {
      const list = [...marks];
      if (list.length <= MAX_COMBINING_MARKS) return base + marks;
      removed += list.length - MAX_COMBINING_MARKS;
      return base + list.slice(0, MAX_COMBINING_MARKS).join('');
    });
  }
  return { text, removed };
}

interface Segment {
  segment: string;
  index: number;
}
type Segmenter = { segment(input: string): Iterable<Segment> };
const SegmenterCtor = (globalThis as unknown as { Intl: { Segmenter?: new (locale?: string, options?: { granularity: 'grapheme' }) => Segmenter } }).Intl.Segmenter;
const graphemeSegmenter: Segmenter | null = SegmenterCtor ? new SegmenterCtor(undefined, { granularity: 'grapheme' }) : null;

/**
 * The text's graphemes (user-perceived characters), at most `limit` of them; code points where
 * Intl.Segmenter is missing. Segmenting is lazy, so a limit makes a 10 KB post cheap.
 */
export function graphemes(text: string, limit = Infinity): string[] {
  const out: string[] = [];
  if (graphemeSegmenter === null) {
    for (const ch of text) {
      if (out.length >= limit) break;
      out.push(ch);
    }
    return out;
  }
  for (const { segment } of graphemeSegmenter.segment(text)) {
    if (out.length >= limit) break;
    out.push(segment);
  }
  return out;
}

export function graphemeCount(text: string): number {
  return graphemes(text).length;
}

/**
 * Cut `text` to at most `max` graphemes, the ellipsis included, never inside a grapheme (an emoji
 * with its skin tone, a letter with its accents). Prefers to end at a word boundary when one is
 * close to the cut; trailing spaces before the ellipsis are dropped.
 */
export function truncateGraphemes(text: string, max: number, ellipsis: string = ELLIPSIS): { text: string; truncated: boolean } {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`max must be a positive integer, got ${max}`);
  if (text.length <= max) return { text, truncated: false }; // fewer UTF-16 units than max: fits
  const parts = graphemes(text, max + 1);
  if (parts.length <= max) return { text, truncated: false };
  const room = Math.max(0, max - graphemes(ellipsis).length);
  let cut = room;
  // Back up to a space if one is within the last fifth of the room.
  for (let i = room; i > room - Math.ceil(room / 5) && i > 0; i--) {
    if (/^\s$/u.test(parts[i]!)) {
      cut = i;
      break;
    }
  }
  const head = parts.slice(0, cut).join('').replace(/\s+$/u, '');
  return { text: head + ellipsis, truncated: true };
}

/** UTF-8 length of a string, counted without TextEncoder (not in shared/'s runtime-neutral typings). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** Cut `text` to at most `maxBytes` of UTF-8, the ellipsis included, at a grapheme boundary. */
export function truncateUtf8(text: string, maxBytes: number, ellipsis: string = ELLIPSIS): { text: string; truncated: boolean } {
  if (utf8Length(text) <= maxBytes) return { text, truncated: false };
  const budget = maxBytes - utf8Length(ellipsis);
  let used = 0;
  let out = '';
  for (const g of graphemes(text, maxBytes)) {
    const size = utf8Length(g);
    if (used + size > budget) break;
    used += size;
    out += g;
  }
  return { text: out.replace(/\s+$/u, '') + ellipsis, truncated: true };
}

const BIDI_NAMES: Record<string, string> = {
  '\u202A': 'LRE',
  '\u202B': 'RLE',
  '\u202C': 'PDF',
  '\u202D': 'LRO',
  '\u202E': 'RLO',
  '\u2066': 'LRI',
  '\u2067': 'RLI',
  '\u2068': 'FSI',
  '\u2069': 'PDI',
};
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/gu;

/**
 * Text someone typed, shown where a record is read (an incident's title and timeline, the walls'
 * banner, the postmortem): a bidi embedding, override or isolate becomes a visible marker (⟨RLO⟩),
 * so "…gnp.exe" cannot read as "exe.png" and the reader sees something was hidden; the other
 * invisibles are removed as neutraliseInvisibles does. Nothing is cut; the stored text stays as typed.
 */
export function revealInvisibles(input: string): string {
  if (!SUSPECT.test(input) && !MARK_RUN.test(input)) return input;
  return neutraliseInvisibles(input.replace(BIDI_CONTROL, (c) => `⟨${BIDI_NAMES[c]!}⟩`)).text;
}

/**
 * Make untrusted text safe to show as text: invisibles neutralised, whitespace tidied (at most one
 * blank line in a row, no trailing spaces), optionally on one line, and cut to `maxGraphemes`.
 * Non-strings give ''.
 */
export function safeText(input: unknown, options: SafeTextOptions = {}): SafeText {
  if (typeof input !== 'string') return { text: '', truncated: false, removed: 0 };
  const { text: visible, removed } = neutraliseInvisibles(input);
  let text = visible
    .split('\n')
    .map((line) => line.replace(/[ \u00A0\u3000]{2,}/g, ' ').trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (options.singleLine) text = text.replace(/\s*\n\s*/g, ' ');
  const { text: cut, truncated } = truncateGraphemes(text, options.maxGraphemes ?? MAX_DISPLAY_GRAPHEMES, options.ellipsis ?? ELLIPSIS);
  return { text: cut, truncated, removed };
}

/** An author or display name for the wall: one line, at most MAX_AUTHOR_GRAPHEMES. */
export function safeAuthor(input: unknown): string {
  return safeText(input, { singleLine: true, maxGraphemes: MAX_AUTHOR_GRAPHEMES }).text;
}

/**
 * A link from a post, or null when it must not be a link: only absolute http(s) URLs without
 * credentials, whitespace or control characters (the app's one rule, shared/domain/external-url.ts),
 * and without invisible or bidi characters.
 */
export function safeLink(url: unknown): string | null {
  // Invisible or bidi characters in a link are how a link is made to look like another one.
  if (typeof url === 'string' && neutraliseInvisibles(url).removed > 0) return null;
  return safeExternalUrl(url);
}
