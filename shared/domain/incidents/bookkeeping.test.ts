import { describe, expect, it } from 'vitest';
import { timelineEntrySchema, type EntryKind, type TimelineEntry } from '../../model/incident.ts';
import { impactStartOf } from './bookkeeping.ts';
import { projectTimeline } from './timeline.ts';

const MIN = 60_000;
const T = Date.UTC(2026, 11, 6, 20, 0);
const id = (n: number): string => `01JZ${String(n).padStart(22, '0')}`;
const e = (seq: number, kind: EntryKind, fields: Record<string, unknown> = {}): TimelineEntry =>
  timelineEntrySchema.parse({ id: id(seq), incidentId: id(0), seq, recordedAt: T, occurredAt: T, author: 'ann', console: 'c1', text: '', kind, ...fields });
const startOf = (log: TimelineEntry[]) => impactStartOf(projectTimeline(log, { now: T + 60 * MIN }));

describe('when impact started', () => {
  const declared = [e(1, 'bookkeeping', { data: { title: 'EU 403s' } }), e(2, 'marker', { data: { marker: 'declared' }, occurredAt: T })];

  it('is the declaration until anything says otherwise, then the "impact started" marker, then the record’s start', () => {
    expect(startOf(declared)).toBe(T);
    const marked = [...declared, e(3, 'marker', { data: { marker: 'impact_started' }, occurredAt: T - 10 * MIN })];
    expect(startOf(marked)).toBe(T - 10 * MIN);
    expect(startOf([...marked, e(4, 'bookkeeping', { data: { startedAt: T - 25 * MIN } })])).toBe(T - 25 * MIN);
    // A cleared start falls back to the marker.
    expect(startOf([...marked, e(4, 'bookkeeping', { data: { startedAt: T - 25 * MIN } }), e(5, 'bookkeeping', { data: { startedAt: null } })])).toBe(T - 10 * MIN);
  });
});
