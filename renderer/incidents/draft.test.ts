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
});
