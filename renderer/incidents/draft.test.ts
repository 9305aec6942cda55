import { describe, expect, it } from 'vitest';
import { projectTimeline } from '../../shared/domain/incidents/timeline.ts';
import type { TimelineEntry } from '../../shared/model/incident.ts';
import { newId } from '../transport/outbox.ts';
import { draftStatusUpdate } from './draft.ts';

const T = Date.UTC(2026, 6, 1, 12, 0, 0);
const MIN = 60_000;
const incidentId = newId();
let seq = 0;
const e = (fields: Partial<TimelineEntry> & Pick<TimelineEntry, 'kind'>): TimelineEntry =>
  ({ id: newId(), incidentId, text: '', occurredAt: T, author: 'ann', console: 'c', data: {}, seq: ++seq, recordedAt: fields.occurredAt ?? T, ...fields }) as TimelineEntry;

describe('status update draft (Conditions / Actions / Needs)', () => {
  const base = [
    e({ kind: 'marker', data: { marker: 'declared' }, text: '403s' }),
    e({ kind: 'severity', data: { severity: 1 } }),
    e({ kind: 'marker', data: { marker: 'impact_started' }, occurredAt: T - 10 * MIN }),
    e({ kind: 'finding', text: '403s only on the EU edge', occurredAt: T + MIN }),
    e({ kind: 'hypothesis', text: 'the CDN config drops the auth header', data: { state: 'open' }, occurredAt: T + 2 * MIN }),
    e({ kind: 'action', text: 'rolled back the CDN config', occurredAt: T + 3 * MIN }),
    e({ kind: 'task', text: 'check the CDN logs', data: { owner: 'maria', timeboxMs: 10 * MIN, dueAt: T + 13 * MIN, done: false }, occurredAt: T + 3 * MIN }),
  ];

  it('is filled from the timeline in the room’s zone', () => {
    const view = projectTimeline(base, { now: T + 20 * MIN });
    const draft = draftStatusUpdate(view, 'external', T + 20 * MIN, 'Europe/London');
    expect(draft.conditions).toContain('SEV1, declared; impact since 12:50 (30 min).');
    expect(draft.conditions).toContain('- 13:01 403s only on the EU edge');
    expect(draft.conditions).toContain('Working theory: the CDN config drops the auth header');
    expect(draft.actions).toBe('- 13:03 rolled back the CDN config');
    expect(draft.needs).toBe('- @maria: check the CDN logs (due 13:13, overdue)');
    expect(draft.since).toBeNull();
  });

  it('takes only what happened since the last update to that audience', () => {
    const sent = e({ kind: 'status_update', occurredAt: T + 4 * MIN, data: { audience: 'external', conditions: 'c', actions: 'a', needs: 'n', sentAt: T + 4 * MIN } });
    const later = e({ kind: 'decision', text: 'fail over to the US edge', occurredAt: T + 5 * MIN });
    const view = projectTimeline([...base, sent, later], { now: T + 6 * MIN });
    const external = draftStatusUpdate(view, 'external', T + 6 * MIN, 'UTC');
    expect(external.since).toBe(T + 4 * MIN);
    expect(external.actions).toBe('- 12:05 Decided: fail over to the US edge');
    const executive = draftStatusUpdate(view, 'executive', T + 6 * MIN, 'UTC');
    expect(executive.actions.split('\n')).toHaveLength(2);
  });

  it('lists actions in the order they happened, since the last update by when they happened, another day’s with its date', () => {
    const sent = e({ kind: 'status_update', occurredAt: T + 4 * MIN, data: { audience: 'internal', conditions: 'c', actions: 'a', needs: 'n', sentAt: T + 4 * MIN } });
    const purged = e({ kind: 'action', text: 'purged the manifest cache', occurredAt: T + 10 * MIN });
    // Logged after the update and after "purged", backdated to before each; one (from an offline
    // console) to before the update, which it was not in: it is news too, at its time.
    const raised = e({ kind: 'action', text: 'raised packager replicas', occurredAt: T + 6 * MIN, recordedAt: T + 11 * MIN });
    const loggedLate = e({ kind: 'action', text: 'paged the CDN vendor', occurredAt: T + 3.5 * MIN, recordedAt: T + 11 * MIN });
    const view = projectTimeline([...base, sent, purged, raised, loggedLate], { now: T + 12 * MIN });
    expect(draftStatusUpdate(view, 'internal', T + 12 * MIN, 'UTC').actions).toBe('- 12:03 paged the CDN vendor\n- 12:06 raised packager replicas\n- 12:10 purged the manifest cache');

    const yesterday = e({ kind: 'action', text: 'changed the packager config', occurredAt: T - 22 * 60 * MIN + 5 * MIN, recordedAt: T + 11 * MIN });
    const first = projectTimeline([...base, purged, yesterday], { now: T + 12 * MIN });
    expect(draftStatusUpdate(first, 'external', T + 12 * MIN, 'UTC').actions).toBe(
      '- 30 Jun 14:05 changed the packager config\n- 12:03 rolled back the CDN config\n- 12:10 purged the manifest cache',
    );
  });

  it('says a marked mitigation once, with its words, not again as the status it set', () => {
    const marker = e({ kind: 'marker', text: 'drained traffic to eu-central', data: { marker: 'mitigated' }, occurredAt: T + 5 * MIN });
    const status = e({ kind: 'status', data: { status: 'mitigated', from: 'declared' }, occurredAt: T + 5 * MIN });
    const view = projectTimeline([...base, marker, status], { now: T + 6 * MIN });
    expect(draftStatusUpdate(view, 'external', T + 6 * MIN, 'UTC').actions).toBe('- 12:03 rolled back the CDN config\n- 12:05 Marked mitigated: drained traffic to eu-central');
  });
});
