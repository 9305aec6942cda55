/**
 * Status and markers tell one story. "!status mitigated" marks the moment (impliedMarker in
 * durations.ts); the other way round, a "mitigated" or "resolved" marker (Alt+5, Alt+6, "!mark",
 * the API) moves the status there, as incident.io and FireHydrant do, so the console and the
 * walls never say "declared" after someone marked the incident mitigated.
 */
import { canTransition, incidentStatuses, type IncidentStatus, type MarkerKind } from '../../model/incident.ts';
import { statusMarkers } from './durations.ts';

/** The status each marker implies: the inverse of statusMarkers. */
export const markerStatuses: Readonly<Partial<Record<MarkerKind, IncidentStatus>>> = Object.fromEntries(
  Object.entries(statusMarkers).map(([status, marker]) => [marker, status]),
);

const rank = (status: IncidentStatus): number => incidentStatuses.indexOf(status);

/**
 * The status a marker logged at `at` should also set, or null: none when the status is already
 * there or further along (a "mitigated" marker never takes a resolved incident back), and none
 * when the status last changed after the marked moment (the room's later word stands: a backdated
 * correction of when it was first mitigated does not undo a reopening).
 */
export function impliedStatus(current: { status: IncidentStatus; changedAt: number | null }, marker: MarkerKind, at: number): IncidentStatus | null {
  const target = markerStatuses[marker];
  if (target === undefined || rank(current.status) >= rank(target)) return null;
  if (current.changedAt !== null && at < current.changedAt) return null;
  return canTransition(current.status, target) ? target : null;
}
