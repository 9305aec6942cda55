/**
 * What the walls draw across their time-series panels: the markers of recent incidents (impact
 * started, detected, declared, acknowledged, mitigated, resolved) and the changes and deploys
 * recorded by the hub ("what changed?").
 */
import { projectTimeline } from '../../shared/domain/incidents/timeline.ts';
import { severityLabel } from '../../shared/model/incident.ts';
import type { MarkerKind, TimelineEntry } from '../../shared/model/incident.ts';
import type { Change, IncidentSummary } from '../../shared/protocol/incidents.ts';
import type { ChartAnnotation } from '../charts/options.ts';

/** Markers of incidents resolved longer ago than this are no longer drawn. */
export const RECENT_INCIDENT_MS = 24 * 3600_000;

export const markerTone: Record<MarkerKind, ChartAnnotation['tone']> = {
  impact_started: 'critical',
  detected: 'warning',
  declared: 'warning',
  acknowledged: 'warning',
  mitigated: 'ok',
  resolved: 'ok',
};

/** Short words: a wall's plots can be a few lines high, and the label runs up beside the mark. */
export const markerWord: Record<MarkerKind, string> = {
  impact_started: 'impact',
  detected: 'detected',
  declared: 'declared',
  acknowledged: 'ack',
  mitigated: 'mitigated',
  resolved: 'resolved',
};

const changeWord: Record<Change['kind'], string> = { deploy: 'deploy', config: 'config', feature_flag: 'flag', rollback: 'rollback' };

/** An incident worth marking: open, or resolved within the last day. */
function recent(summary: IncidentSummary | undefined, entries: readonly TimelineEntry[], now: number): boolean {
  if (summary?.open) return true;
  const last = entries.at(-1);
  return last !== undefined && now - last.recordedAt < RECENT_INCIDENT_MS;
}

export function chartAnnotations(
  summaries: Readonly<Record<string, IncidentSummary>>,
  entriesByIncident: Readonly<Record<string, readonly TimelineEntry[]>>,
  changes: readonly Change[],
  now: number,
): ChartAnnotation[] {
  const out: ChartAnnotation[] = [];
  const incidentIds = Object.keys(entriesByIncident).filter((id) => recent(summaries[id], entriesByIncident[id]!, now));
  const several = incidentIds.length > 1;
  for (const id of incidentIds) {
    const entries = entriesByIncident[id]!;
    if (!entries.some((e) => e.kind === 'marker')) continue;
    // The projection follows edits and tombstones: a corrected marker is drawn where it now is.
    const view = projectTimeline(entries, { now });
    const sev = summaries[id]?.severity ?? view.severity;
    // One incident: the marker says it all (the banner says which). Several: its severity says which.
    const prefix = several ? `${sev ? severityLabel(sev) : 'Incident'} · ` : '';
    for (const [marker, at] of Object.entries(view.markers) as [MarkerKind, number][]) {
      out.push({ id: `${id}:${marker}`, at, label: `${prefix}${markerWord[marker]}`, tone: markerTone[marker] });
    }
  }
  for (const change of changes) {
    out.push({ id: `change:${change.id}`, at: change.at, label: `${changeWord[change.kind]} · ${change.service}`.slice(0, 40), tone: 'info' });
  }
  return out.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
}

export function sameAnnotations(a: readonly ChartAnnotation[], b: readonly ChartAnnotation[]): boolean {
  return a.length === b.length && a.every((x, i) => x.id === b[i]!.id && x.at === b[i]!.at && x.label === b[i]!.label && x.tone === b[i]!.tone);
}
