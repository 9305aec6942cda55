/**
 * What the hub derives from an incident's projected timeline: the row it keeps in SQL (title,
 * status, severity, bookkeeping) and the summary the walls' banner shows. Both are projections:
 * the log stays the only thing written by hand.
 */
import type { BookkeepingData, CadencePolicy, IncidentStatus } from '../../../shared/model/incident.ts';
import { bookkeepingSettings } from '../../../shared/domain/incidents/bookkeeping.ts';
import { impactSpanOf } from '../../../shared/domain/incidents/durations.ts';
import { nextUpdatesFor, type TimelineView } from '../../../shared/domain/incidents/timeline.ts';
import type { IncidentSummary } from '../../../shared/protocol/incidents.ts';
import type { IncidentRecord } from '../store/incidents.ts';

/** Not yet resolved: changes land on its timeline, the walls show it in incident mode. */
export const isOpen = (status: IncidentStatus): boolean => status !== 'resolved' && status !== 'closed';

export type Bookkeeping = { [K in keyof BookkeepingData]-?: Exclude<BookkeepingData[K], undefined> | null };

/** The bookkeeping entries folded in timeline order: a field given replaces, null clears. */
export function bookkeepingOf(view: TimelineView): Bookkeeping {
  const out: Bookkeeping = {
    title: null,
    priority: null,
    startedAt: null,
    endedAt: null,
    impact: null,
    service: null,
    region: null,
    platform: null,
    rootCauseCategory: null,
    responsibleProperty: null,
  };
  for (const [key, setting] of Object.entries(bookkeepingSettings(view))) (out as Record<string, unknown>)[key] = setting.value;
  return out;
}

/** Who declared it and when: the first entry of its log. */
export interface IncidentOrigin {
  readonly id: string;
  readonly createdAt: number;
  readonly createdBy: string;
}

/** The row, or why the log cannot make one (a tombstone took the title or the severity away). */
export function recordOf(origin: IncidentOrigin, view: TimelineView): IncidentRecord | { missing: string } {
  const b = bookkeepingOf(view);
  if (b.title === null) return { missing: 'a title' };
  if (view.severity === null) return { missing: 'a severity' };
  return {
    ...origin,
    title: b.title,
    severity: view.severity,
    priority: b.priority,
    status: view.status,
    startedAt: b.startedAt ?? view.markers.impact_started ?? null,
    endedAt: b.endedAt ?? view.markers.resolved ?? null,
    impact: b.impact,
    service: b.service,
    region: b.region,
    platform: b.platform,
    rootCauseCategory: b.rootCauseCategory,
    responsibleProperty: b.responsibleProperty,
  };
}

const earliest = (times: readonly number[]): number | null => (times.length ? Math.min(...times) : null);

/** The banner: nothing in it depends on the clock, so it changes only when the log does. */
export function summaryOf(record: IncidentRecord, view: TimelineView, policy?: CadencePolicy): IncidentSummary {
  const due = nextUpdatesFor(view, view.now, policy).filter((u): u is typeof u & { dueAt: number } => u.dueAt !== null);
  const next = due.reduce<(typeof due)[number] | null>((best, u) => (best === null || u.dueAt < best.dueAt ? u : best), null);
  return {
    id: record.id,
    title: record.title,
    severity: record.severity,
    priority: record.priority,
    status: record.status,
    open: isOpen(record.status),
    commander: view.roles.commander[0] ?? null,
    rootCauseCategory: record.rootCauseCategory,
    declaredAt: view.declaredAt ?? record.createdAt,
    impactStartedAt: record.startedAt,
    impactEndedAt: impactSpanOf(view)?.to ?? null,
    openTasks: view.openTasks.length,
    nextTaskDueAt: earliest(view.openTasks.flatMap((t) => (t.dueAt === null ? [] : [t.dueAt]))),
    nextUpdateDue: next ? { audience: next.audience, dueAt: next.dueAt } : null,
  };
}
