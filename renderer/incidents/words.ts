/**
 * How incidents and entries look and read: every kind and severity by colour AND icon AND word,
 * and a sentence for the entries that carry only data. Entry text is untrusted: it is only ever
 * returned as a string for React to render as text.
 */
import { revealInvisibles } from '../../shared/domain/safe-text.ts';
import { formatDuration } from '../../shared/domain/incidents/durations.ts';
import { markerLabels, severityLabel } from '../../shared/model/incident.ts';
import type { EntryKind, IncidentStatus, NewTimelineEntry, RoleName, Severity, TimelineEntry } from '../../shared/model/incident.ts';
import type { IncidentCommand } from '../../shared/protocol/incidents.ts';

export interface KindLook {
  readonly icon: string;
  readonly word: string;
}

export const kindLook: Record<EntryKind, KindLook> = {
  note: { icon: '✎', word: 'Note' },
  decision: { icon: '⚖', word: 'Decision' },
  action: { icon: '▶', word: 'Action' },
  hypothesis: { icon: '?', word: 'Hypothesis' },
  finding: { icon: '◆', word: 'Finding' },
  todo: { icon: '☐', word: 'Follow-up' },
  status: { icon: '⇄', word: 'Status' },
  severity: { icon: '▲', word: 'Severity' },
  marker: { icon: '⚑', word: 'Marker' },
  task: { icon: '☑', word: 'Task' },
  role: { icon: '◉', word: 'Role' },
  handoff: { icon: '⇆', word: 'Handoff' },
  status_update: { icon: '✉', word: 'Update' },
  change: { icon: '⟳', word: 'Change' },
  snapshot: { icon: '▣', word: 'Snapshot' },
  bookkeeping: { icon: '≡', word: 'Record' },
  link: { icon: '⇔', word: 'Link' },
};

export const severityIcon: Record<Severity, string> = { 1: '✖', 2: '▲', 3: '◆', 4: '●' };
export const severityWord: Record<Severity, string> = { 1: 'critical', 2: 'major', 3: 'minor', 4: 'low' };
export const sevText = (severity: Severity): string => severityLabel(severity);

export const statusIcon: Record<IncidentStatus, string> = {
  declared: '⚠',
  investigating: '⌕',
  identified: '◎',
  mitigated: '◐',
  monitoring: '◔',
  resolved: '✓',
  closed: '■',
};

export const roleLabel = (role: RoleName): string =>
  ({
    commander: 'Commander',
    deputy: 'Deputy',
    scribe: 'Scribe',
    ops_lead: 'Ops lead',
    comms_lead: 'Comms lead',
    customer_liaison: 'Customer liaison',
    internal_liaison: 'Internal liaison',
    sme: 'Subject-matter expert',
    observer: 'Observer',
  })[role];

type AnyEntry = TimelineEntry | NewTimelineEntry | IncidentCommand;

/** The entry's words, or a sentence for entries that carry only data; invisibles shown, not obeyed (shared/domain/safe-text.ts). */
export function entryWords(entry: AnyEntry): string {
  return revealInvisibles(rawWords(entry));
}

/** An incident's title as shown: a bidi override cannot make it read as something else. */
export function titleWords(title: string): string {
  return revealInvisibles(title);
}

function rawWords(entry: AnyEntry): string {
  const text = (entry.text ?? '').trim();
  const e = entry as TimelineEntry;
  switch (e.kind) {
    case 'marker':
      return text ? `${markerLabels[e.data.marker]} — ${text}` : markerLabels[e.data.marker];
    case 'status':
      return `${e.data.from ? `${e.data.from} → ` : 'status '}${e.data.status}${text ? ` — ${text}` : ''}`;
    case 'severity':
      return `${e.data.from ? `${severityLabel(e.data.from)} → ` : ''}${severityLabel(e.data.severity)}${text ? ` — ${text}` : ''}`;
    case 'link':
      return `${e.data.action === 'link' ? 'linked to' : 'unlinked from'} "${e.data.title ?? e.data.other}"${text ? ` — ${text}` : ''}`;
    case 'role':
      return `${e.data.person} ${e.data.action === 'assign' ? 'takes' : 'releases'} ${roleLabel(e.data.role).toLowerCase()}`;
    case 'handoff': {
      const d = e.data;
      if (d.step === 'offer') return `${d.from} offers ${roleLabel(d.role).toLowerCase()} to ${d.to}`;
      if (d.step === 'accept') return `${e.author} accepts the handoff`;
      if (d.step === 'decline') return `${e.author} declines the handoff${d.reason ? `: ${d.reason}` : ''}`;
      return `${e.author} withdraws the offer`;
    }
    case 'task': {
      const d = e.data;
      const box = d.timeboxMs ? ` (${formatDuration(d.timeboxMs)})` : '';
      return `@${d.owner}${box}: ${text}`;
    }
    case 'status_update':
      return text || `${e.data.audience} update: ${e.data.conditions}`.slice(0, 300);
    case 'bookkeeping':
      return (
        text ||
        Object.entries(e.data)
          .map(([key, value]) => `${key}: ${value ?? '(cleared)'}`)
          .join('; ')
      );
    case 'change':
      // A copy of a change another incident's console logged says where it came from.
      return e.data.from ? `${text} — logged in "${e.data.from.title}"` : text;
    default:
      return text;
  }
}

/** "4:05" or "1:02:03": a countdown read at a glance; negative spans get a leading minus. */
export function countdown(ms: number): string {
  const sign = ms < 0 ? '−' : '';
  const s = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${sign}${h}:${two(m)}:${two(sec)}` : `${sign}${m}:${two(sec)}`;
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();
/** "14:03:12" in the zone. */
export function clock(ms: number, timeZone: string): string {
  let f = clockFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    clockFormats.set(timeZone, f);
  }
  return f.format(ms);
}

/** "2026-07-01 13:03:12 UTC": the UTC time shown beside (or on hover over) a local one. */
export function utcText(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
