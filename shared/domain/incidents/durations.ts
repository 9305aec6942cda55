/**
 * Time to detect / acknowledge / declare / mitigate / resolve, from the incident's markers.
 *
 * Where each one starts (see also research/incident-timeline.md):
 * - detect, mitigate, resolve are measured from *impact started*: the customer's pain starts
 *   there, not when we noticed (Grafana users asked for exactly this start marker, #107).
 * - acknowledge is measured from *detected* (the alert or report) to *acknowledged* (a human
 *   took it), as PagerDuty's time-to-acknowledge runs from trigger to ack.
 * - declare, from *detected* to *declared*: how long before someone pulled the andon cord.
 *
 * A duration whose end is before its start is not shown: it is flagged so that someone fixes the
 * marker, since a negative "time to mitigate" in a postmortem is worse than none.
 */
import { markerLabels, type IncidentStatus, type MarkerKind, type TimelineEntry } from '../../model/incident.ts';
import { bookkeepingSettings } from './bookkeeping.ts';
import type { TimelineView } from './timeline.ts';
import { formatClock } from './zoned-time.ts';

export type MarkerTimes = Partial<Record<MarkerKind, number>>;

/**
 * The time of each marker. The last marker of a kind in the list wins (a re-mark corrects the
 * earlier one; a second "mitigated" after impact returned is the one that counts). Pass the
 * visible entries in timeline order; tombstones are ignored.
 */
export function latestMarkers(entries: readonly TimelineEntry[]): MarkerTimes {
  const times: MarkerTimes = {};
  for (const entry of entries) {
    if (entry.kind === 'marker' && !entry.deleted) times[entry.data.marker] = entry.occurredAt;
  }
  return times;
}

/** Statuses that are also a moment: reaching them marks it, so the durations need no second key press. */
export const statusMarkers: Readonly<Partial<Record<IncidentStatus, MarkerKind>>> = { mitigated: 'mitigated', resolved: 'resolved' };

/**
 * The marker a status change should also set: its own, unless one is already marked (an explicit
 * or backdated marker is the better record; a re-mark after impact returned is done by hand).
 */
export function impliedMarker(markers: MarkerTimes, status: IncidentStatus): MarkerKind | null {
  const marker = statusMarkers[status];
  return marker !== undefined && markers[marker] === undefined ? marker : null;
}

export const durationDefinitions = [
  { key: 'detect', label: 'Time to detect', from: 'impact_started', to: 'detected' },
  { key: 'acknowledge', label: 'Time to acknowledge', from: 'detected', to: 'acknowledged' },
  { key: 'declare', label: 'Time to declare', from: 'detected', to: 'declared' },
  { key: 'mitigate', label: 'Time to mitigate', from: 'impact_started', to: 'mitigated' },
  { key: 'resolve', label: 'Time to resolve', from: 'impact_started', to: 'resolved' },
] as const satisfies readonly { key: string; label: string; from: MarkerKind; to: MarkerKind }[];

export type DurationKey = (typeof durationDefinitions)[number]['key'];

export interface MeasuredDuration {
  key: DurationKey;
  label: string;
  from: MarkerKind;
  to: MarkerKind;
  /** The duration; null when a marker is missing or the markers contradict each other. */
  ms: number | null;
  state: 'ok' | 'missing' | 'inconsistent';
  /** Why there is no number, in words for the console. */
  reason?: string;
}

/** Every duration the markers allow; `timeZone` is only used to word the inconsistencies. */
export function incidentDurations(markers: MarkerTimes, timeZone = 'UTC'): Record<DurationKey, MeasuredDuration> {
  const out = {} as Record<DurationKey, MeasuredDuration>;
  for (const { key, label, from, to } of durationDefinitions) {
    const start = markers[from];
    const end = markers[to];
    const base = { key, label, from, to };
    if (start === undefined || end === undefined) {
      const missing = [start === undefined ? from : null, end === undefined ? to : null].filter((m) => m !== null);
      out[key] = { ...base, ms: null, state: 'missing', reason: `no "${missing.map((m) => markerLabels[m]).join('" or "')}" marker` };
    } else if (end < start) {
      out[key] = {
        ...base,
        ms: null,
        state: 'inconsistent',
        reason:
          `"${markerLabels[to]}" (${formatClock(end, timeZone)}) is marked ${formatDuration(start - end)} before ` +
          `"${markerLabels[from]}" (${formatClock(start, timeZone)}): correct one of the markers`,
      };
    } else {
      out[key] = { ...base, ms: end - start, state: 'ok' };
    }
  }
  return out;
}

/** "45 s", "12 min", "1 h 4 min", "2 d 3 h": a duration read at a glance, rounded down. */
export function formatDuration(ms: number): string {
  if (ms < 0) return `−${formatDuration(-ms)}`;
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

/**
 * How long the customers' pain lasted, or has lasted so far: from impact started (the record's
 * start, else the marker; else, none known, the declaration) to resolved (the record's end, else
 * the marker; else, closed without one, the close). The console's header, the incident list, the
 * wall's banner and the postmortem read it, so a closed incident's "8 min" stays 8 min everywhere.
 */
export interface ImpactSpan {
  from: number;
  /** false: no impact start is known, so it counts from the declaration. */
  fromImpact: boolean;
  /** When impact stopped; null while it goes on. */
  to: number | null;
  ended: 'resolved' | 'closed' | null;
}

type SpanView = Pick<TimelineView, 'entries' | 'markers' | 'declaredAt' | 'status' | 'statusHistory'>;

export function impactSpanOf(view: SpanView): ImpactSpan | null {
  const settings = bookkeepingSettings(view);
  const startedAt = settings.startedAt?.value;
  const endedAt = settings.endedAt?.value;
  const start = typeof startedAt === 'number' ? startedAt : (view.markers.impact_started ?? null);
  const from = start ?? view.declaredAt;
  if (from === null) return null;
  const history = view.statusHistory;
  // Reopened after it was resolved: impact came back, so the old end no longer holds.
  const reopenedAt = history.findLast((s, i) => i > 0 && history[i - 1]!.status === 'resolved' && s.status !== 'closed')?.at ?? null;
  const stillOpen = view.status !== 'resolved' && view.status !== 'closed';
  const marked = typeof endedAt === 'number' ? endedAt : (view.markers.resolved ?? null);
  // A resolution from before the reopen no longer holds: resolved again since, it ends there (the
  // status, as no second marker is implied by it), else impact goes on (or ended with the close).
  const resolvedAt =
    marked !== null && reopenedAt !== null && marked <= reopenedAt ? (stillOpen ? null : (history.findLast((s) => s.status === 'resolved' && s.at >= reopenedAt)?.at ?? null)) : marked;
  const closedAt = view.status === 'closed' ? (history.findLast((s) => s.status === 'closed')?.at ?? null) : null;
  let to: number | null = null;
  let ended: ImpactSpan['ended'] = null;
  if (resolvedAt !== null) [to, ended] = [resolvedAt, 'resolved'];
  else if (closedAt !== null) [to, ended] = [closedAt, 'closed'];
  return { from, fromImpact: start !== null, to, ended };
}

/** The span's length at `now`: fixed once impact stopped, growing while it goes on. */
export const impactElapsed = (span: Pick<ImpactSpan, 'from' | 'to'>, now: number): number => Math.max(0, (span.to ?? now) - span.from);

/** The same span from the hub's summary of an incident (the list and the wall's banner have no timeline). */
export const summaryImpactSpan = (s: { impactStartedAt: number | null; impactEndedAt?: number | null; declaredAt: number }): Pick<ImpactSpan, 'from' | 'to' | 'fromImpact'> => ({
  from: s.impactStartedAt ?? s.declaredAt,
  fromImpact: s.impactStartedAt !== null,
  to: s.impactEndedAt ?? null,
});
