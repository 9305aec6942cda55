/**
 * A status update drafted from the timeline in the Conditions / Actions / Needs form (PagerDuty's
 * CAN, Dispatch's tactical report): what is true now, what was done since the last update to this
 * audience, and what is needed. The person edits it before sending; nothing here is sent as is.
 */
import { formatDuration } from '../../shared/domain/incidents/durations.ts';
import type { TimelineView } from '../../shared/domain/incidents/timeline.ts';
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

const bullet = (at: number, text: string, timeZone: string) => `- ${clock(at, timeZone).slice(0, 5)} ${text}`;

export function draftStatusUpdate(view: TimelineView, audience: Audience, now: number, timeZone: string): CanDraft {
  const since = view.lastSentAt[audience] ?? null;
  const fresh = view.entries.filter((e) => since === null || e.occurredAt > since || e.createdAt > since);

  const conditions: string[] = [];
  const impact = view.markers.impact_started;
  const head = `${view.severity ? `${severityLabel(view.severity)}, ` : ''}${view.status}`;
  conditions.push(impact !== undefined ? `${head}; impact since ${clock(impact, timeZone).slice(0, 5)} (${formatDuration(Math.max(0, now - impact))}).` : `${head}.`);
  if (view.markers.mitigated !== undefined && view.status !== 'investigating' && view.status !== 'identified') {
    conditions.push(`Mitigated at ${clock(view.markers.mitigated, timeZone).slice(0, 5)}.`);
  }
  for (const e of fresh) if (e.kind === 'finding') conditions.push(bullet(e.occurredAt, e.text, timeZone));
  for (const h of view.liveHypotheses) conditions.push(`- Working theory: ${h.text}`);

  const actions: string[] = [];
  for (const e of fresh) {
    if (e.kind === 'action' || e.kind === 'decision') actions.push(bullet(e.occurredAt, `${e.kind === 'decision' ? 'Decided: ' : ''}${e.text}`, timeZone));
    else if (e.kind === 'status') actions.push(bullet(e.occurredAt, `Status set to ${e.data.status}`, timeZone));
    else if (e.kind === 'marker' && (e.data.marker === 'mitigated' || e.data.marker === 'resolved')) actions.push(bullet(e.occurredAt, `Marked ${e.data.marker}`, timeZone));
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
