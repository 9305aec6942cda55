/**
 * A status update drafted from the timeline in the Conditions / Actions / Needs form (PagerDuty's
 * CAN, Dispatch's tactical report): what is true now, what was done since the last update to this
 * audience (or logged since: an entry logged late was in none), in the order it happened, another day's entry with its date, and what is needed. The person edits it before sending; nothing here is sent as is.
 */
import { formatDuration } from '../../shared/domain/incidents/durations.ts';
import type { TimelineView, VisibleEntry } from '../../shared/domain/incidents/timeline.ts';
import { byHappened } from '../../shared/domain/incidents/time-order.ts';
import { sameDay } from '../../shared/domain/incidents/zoned-time.ts';
import { severityLabel } from '../../shared/model/incident.ts';
import type { Audience } from '../../shared/model/incident.ts';
import { clock } from './words.ts';

export interface CanDraft {
  conditions: string;
  actions: string;
  needs: string;
  /** The entries considered start after this time (the last update to this audience), or null: all of them. */
  since: number | null;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** "7 Dec": the day, for an entry that happened on another day than the update. */
function day(ms: number, timeZone: string): string {
  let f = dayFormats.get(timeZone);
  if (!f) dayFormats.set(timeZone, (f = new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short' })));
  return f.format(ms);
}

/** "- 02:03 raised packager replicas"; "- 7 Dec 14:05 …" when it happened on another day than `now`. */
const bullet = (at: number, text: string, now: number, timeZone: string) =>
  `- ${sameDay(at, now, timeZone) ? '' : `${day(at, timeZone)} `}${clock(at, timeZone).slice(0, 5)} ${text}`;

export function draftStatusUpdate(view: TimelineView, audience: Audience, now: number, timeZone: string): CanDraft {
  const since = view.lastSentAt[audience] ?? null;
  // What happened or was logged since the last update (one logged late, from an offline console,
  // was in no update yet), in the order it happened: a backdated entry at its time, not where it was logged.
  const fresh = view.entries
    .filter((e) => since === null || e.occurredAt > since || e.createdAt > since)
    .sort((a, b) => byHappened({ at: a.occurredAt, seq: a.position, recordedAt: a.createdAt }, { at: b.occurredAt, seq: b.position, recordedAt: b.createdAt }));

  const conditions: string[] = [];
  const impact = view.markers.impact_started;
  const head = `${view.severity ? `${severityLabel(view.severity)}, ` : ''}${view.status}`;
  conditions.push(impact !== undefined ? `${head}; impact since ${clock(impact, timeZone).slice(0, 5)} (${formatDuration(Math.max(0, now - impact))}).` : `${head}.`);
  if (view.markers.mitigated !== undefined && view.status !== 'investigating' && view.status !== 'identified') {
    conditions.push(`Mitigated at ${clock(view.markers.mitigated, timeZone).slice(0, 5)}.`);
  }
  for (const e of fresh) if (e.kind === 'finding') conditions.push(bullet(e.occurredAt, e.text, now, timeZone));
  for (const h of view.liveHypotheses) conditions.push(`- Working theory: ${h.text}`);

  const actions: string[] = [];
  // A status and the marker it goes with (one implies the other, at the same time) are one line: the marker's, with its words.
  const saidByMarker = (e: VisibleEntry): boolean => e.kind === 'status' && fresh.some((m) => m.kind === 'marker' && m.data.marker === e.data.status && m.occurredAt === e.occurredAt);
  for (const e of fresh) {
    if (e.kind === 'action' || e.kind === 'decision') actions.push(bullet(e.occurredAt, `${e.kind === 'decision' ? 'Decided: ' : ''}${e.text}`, now, timeZone));
    else if (e.kind === 'status' && !saidByMarker(e)) actions.push(bullet(e.occurredAt, `Status set to ${e.data.status}`, now, timeZone));
    else if (e.kind === 'marker' && (e.data.marker === 'mitigated' || e.data.marker === 'resolved')) actions.push(bullet(e.occurredAt, `Marked ${e.data.marker}${e.text ? `: ${e.text}` : ''}`, now, timeZone));
  }

  const needs: string[] = [];
  for (const t of view.openTasks) {
    needs.push(`- @${t.owner}: ${t.text}${t.dueAt !== null ? ` (due ${clock(t.dueAt, timeZone).slice(0, 5)}${t.dueAt < now ? ', overdue' : ''})` : ''}`);
  }

  return {
    conditions: conditions.join('\n'),
    actions: actions.length ? actions.join('\n') : 'No new actions since the last update.',
    needs: needs.length ? needs.join('\n') : 'Nothing further.',
    since,
  };
}
