/**
 * Markdown from untrusted text. Everything a person typed goes through `inline` or `block`, so a
 * title like "# hi <script>" stays a title: no heading, list, table cell, link, HTML or code fence
 * can start inside it. The escapes are CommonMark backslash escapes, so the raw file reads cleanly.
 * Bidi overrides show as markers (⟨RLO⟩) and zero-width characters go (shared/domain/safe-text.ts),
 * so a title cannot read as something else in the .md or the .html; the store keeps what was typed.
 */
import { revealInvisibles } from '../../../shared/domain/safe-text.ts';

/** Characters that mean something anywhere in a line (emphasis, links, HTML, tables, entities, heading closers). */
const INLINE = /[\\`*_[\]<>|#~&]/g;

/**
 * One line, escaped inside and at its start (what would open a list, rule or setext heading there).
 * Line breaks are folded after revealing: it turns U+2028/U+2029/U+0085 into real ones.
 */
function escapeLine(line: string): string {
  const escaped = revealInvisibles(line).replace(/\s*[\r\n]+\s*/g, ' ').trim().replace(INLINE, '\\$&');
  if (/^[-+=]/.test(escaped)) return `\\${escaped}`;
  return escaped.replace(/^(\d+)([.)])/, '$1\\$2');
}

/** One line of text, for a heading, a list item or a table cell: line breaks become spaces. */
export const inline = (text: string): string => escapeLine(text.replace(/\s*[\r\n]+\s*/g, ' '));

/**
 * Several lines (a five-whys answer, a status update), kept as lines: each is trimmed (no
 * indented code) and escaped, and continuation lines are indented by `indent` so they stay inside
 * the list item they belong to.
 */
export function block(text: string, indent = ''): string {
  return text
    .trim()
    .split(/\r?\n/)
    .map((line) => (line.trim() === '' ? '' : indent + escapeLine(line)))
    .join('\n')
    .slice(indent.length);
}

/** A table row of already-escaped cells. */
export const row = (cells: readonly string[]): string => `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`;
