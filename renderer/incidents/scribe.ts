/**
 * The console side of the scribe line, around the shared parser: what a parsed line sends, how an
 * entry is turned back into a line to edit (Up arrow), the edit that supersedes it, and the
 * marker shortcuts.
 */
import type { ParsedLine } from '../../shared/domain/incidents/scribe-line.ts';
import { reviseEntry } from '../../shared/domain/incidents/timeline.ts';
import type { VisibleEntry } from '../../shared/domain/incidents/timeline.ts';
import { markerKinds, markerLabels } from '../../shared/model/incident.ts';
import type { MarkerKind, NewTimelineEntry } from '../../shared/model/incident.ts';
import type { CommandDraft } from '../transport/incidents.ts';

type Parsed = Extract<ParsedLine, { ok: true }>;

/** The command a parsed line logs: pinned on Ctrl+Enter, and a marker always (a key moment however it is logged; the hub pins it too). */
export function commandFromLine(parsed: Parsed, incidentId: string, pinned = false): CommandDraft {
  return {
    incidentId,
    kind: parsed.kind,
    text: parsed.text,
    occurredAt: parsed.occurredAt,
    data: parsed.data,
    ...(pinned || parsed.kind === 'marker' ? { pinned: true } : {}),
  } as CommandDraft;
}

const PREFIX: Partial<Record<VisibleEntry['kind'], string>> = { note: '', decision: 'd: ', action: 'a: ', hypothesis: 'h: ', finding: 'f: ', todo: 'todo: ' };

/** Kinds the scribe line can write, and so edit. */
export const lineEditable = (entry: Pick<VisibleEntry, 'kind'>): boolean => entry.kind in PREFIX || entry.kind === 'task';

function spanText(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${Math.round(ms / 1000)}s`;
}

/** The line that would have written this entry ("d: roll back", "@maria 10m check logs"), or null. */
export function lineOf(entry: VisibleEntry): string | null {
  if (entry.kind === 'task') return `@${entry.data.owner} ${entry.data.timeboxMs ? `${spanText(entry.data.timeboxMs)} ` : ''}${entry.text}`;
  const prefix = PREFIX[entry.kind];
  return prefix === undefined ? null : `${prefix}${entry.text}`;
}

/**
 * The new version of `previous` an edited line makes. The line was parsed with the entry's own
 * time as its "first keystroke", so its time stays unless the edit backdates it. Only the kinds
 * the line writes may result (a note can become a decision; not a status change).
 */
export function revisionFromLine(previous: VisibleEntry, parsed: Parsed, meta: { id: string; author: string; console: string }): NewTimelineEntry | { error: string } {
  if (!(parsed.kind in PREFIX) && parsed.kind !== 'task') {
    return { error: `an edit keeps to notes, decisions, actions, hypotheses, findings, follow-ups and tasks; log the ${parsed.kind} as a new line (Esc)` };
  }
  let data: unknown = parsed.data;
  if (parsed.kind === 'task' && previous.kind === 'task' && previous.data.owner.toLowerCase() === parsed.data.owner.toLowerCase()) {
    // The owner already acknowledged it: an edit of the words does not take that back.
    data = { ...parsed.data, ...(previous.data.acknowledgedAt !== undefined ? { acknowledgedAt: previous.data.acknowledgedAt } : {}) };
  }
  if (parsed.kind === 'hypothesis' && previous.kind === 'hypothesis') data = previous.data;
  // Rewording a follow-up keeps its owner, due date, type, ticket and closing; an @owner or due date typed in the edit replaces that one.
  if (parsed.kind === 'todo' && previous.kind === 'todo') data = { ...previous.data, ...parsed.data };
  const revision = reviseEntry(previous, { text: parsed.text, occurredAt: parsed.occurredAt }, meta);
  return { ...revision, kind: parsed.kind, data } as NewTimelineEntry;
}

/** Alt+1 … Alt+6: one key press per marker, in the order they usually happen. */
export const markerShortcuts: readonly { digit: string; marker: MarkerKind; label: string }[] = markerKinds.map((marker, i) => ({
  digit: String(i + 1),
  marker,
  label: markerLabels[marker],
}));

/**
 * The line a marker shortcut logs: whatever was typed (a "-3m" backdates it, words describe it).
 * Logged, it is a key moment, and "mitigated" and "resolved" also set the status (on the hub).
 */
export const markerLine = (marker: MarkerKind, typed: string): string => `!mark ${marker} ${typed}`.trim();
