import type { IncidentRecord } from '../../../shared/domain/review/incident-trends.ts';
import type { IncidentService } from '../incidents/service.ts';

/** Every incident as the plan reports count them: when impact started, was detected, mitigated, resolved. */
export function incidentRecordsFor(incidents: IncidentService): IncidentRecord[] {
  return incidents.list().map((summary) => {
    const { record, view } = incidents.timeline(summary.id);
    const m = view.markers;
    return {
      id: record.id,
      title: record.title,
      severity: record.severity,
      service: record.service,
      cause: record.rootCauseCategory,
      startedAt: record.startedAt ?? m.impact_started ?? m.declared ?? record.createdAt,
      startKnown: (record.startedAt ?? m.impact_started ?? null) !== null,
      declaredAt: m.declared ?? record.createdAt,
      detectedAt: m.detected ?? m.declared ?? null,
      mitigatedAt: m.mitigated ?? null,
      resolvedAt: m.resolved ?? record.endedAt,
    };
  });
}
