import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { cadencePolicyFrom } from '../../shared/domain/incidents/cadence.ts';
import { projectTimeline } from '../../shared/domain/incidents/timeline.ts';
import type { TimelineView } from '../../shared/domain/incidents/timeline.ts';
import type { CadencePolicy, TimelineEntry } from '../../shared/model/incident.ts';
import type { IncidentSummary } from '../../shared/protocol/incidents.ts';
import { roomTimeZone } from '../state/incidents.ts';
import { useApp, useAppStoreApi } from '../state/react.tsx';
import type { OutboxItem } from '../transport/outbox.ts';

const NO_ENTRIES: readonly TimelineEntry[] = [];

/** The room's time zone (the workspace's, or the last one known when the hub is away), in which every time is shown. */
export function useRoomTimeZone(): string {
  return useApp(roomTimeZone);
}

/**
 * The incident projected from its stored entries, recomputed when an entry arrives (not every
 * second: what depends on the clock — countdowns, expiry, overdue — is worked out when rendering).
 */
export function useIncidentView(incidentId: string): { view: TimelineView; entries: readonly TimelineEntry[] } {
  const entries = useApp((s) => s.incidents.entries[incidentId] ?? NO_ENTRIES);
  const store = useAppStoreApi();
  const view = useMemo(() => projectTimeline(entries, { now: Date.now() + store.getState().connection.clockOffsetMs }), [entries, store]);
  return { view, entries };
}

/** This console's unsent (and refused) commands for one incident, oldest first. */
export function useOutboxFor(incidentId: string): OutboxItem[] {
  return useApp(useShallow((s) => s.incidents.outbox.filter((i) => i.incidentId === incidentId)));
}

export function useSummary(incidentId: string): IncidentSummary | undefined {
  return useApp((s) => s.incidents.summaries[incidentId]);
}

/** The most severe open incident first, then the most recent. */
export function byUrgency(a: Pick<IncidentSummary, 'severity' | 'declaredAt'>, b: Pick<IncidentSummary, 'severity' | 'declaredAt'>): number {
  return a.severity - b.severity || b.declaredAt - a.declaredAt;
}

/** The status-update cadence in force: the workspace's overrides on the defaults (the hub uses the same). */
export function useCadencePolicy(): CadencePolicy {
  const overrides = useApp((s) => s.workspace.workspace?.incidents?.cadence);
  return useMemo(() => cadencePolicyFrom(overrides), [overrides]);
}
