import { describe, expect, it } from 'vitest';
import { timelineEntrySchema, type EntryKind, type TimelineEntry } from '../../model/incident.ts';
import { impactElapsed, impactSpanOf } from './durations.ts';
import { projectTimeline } from './timeline.ts';

const MIN = 60_000;
const T = Date.UTC(2026, 11, 8, 1, 59);
const id = (n: number): string => `01JZ${String(n).padStart(22, '0')}`;
const e = (seq: number, kind: EntryKind, occurredAt: number, data: Record<string, unknown>): TimelineEntry =>
  timelineEntrySchema.parse({ id: id(seq), incidentId: id(0), seq, recordedAt: occurredAt, occurredAt, author: 'bob', console: 'c1', text: '', kind, data });
const status = (seq: number, at: number, to: string) => e(seq, 'status', at, { status: to });
const marker = (seq: number, at: number, kind: string) => e(seq, 'marker', at, { marker: kind });
/** "Impact for" as a console shows it `minutesLater` after impact started. */
const impactMinutes = (log: TimelineEntry[], minutesLater: number): number | null => {
  const now = T + minutesLater * MIN;
  const span = impactSpanOf(projectTimeline(log, { now }));
  return span === null ? null : impactElapsed(span, now) / MIN;
};

describe('how long impact lasted', () => {
  const declared = [e(1, 'bookkeeping', T, { title: 'Entitlement 403s' }), marker(2, T + MIN, 'declared'), marker(3, T, 'impact_started')];
  const resolved = [...declared, status(4, T + 8 * MIN, 'resolved'), marker(5, T + 8 * MIN, 'resolved')];

  it('counts on while impact goes on', () => {
    expect(impactMinutes(declared, 5)).toBe(5);
    expect(impactMinutes(declared, 10)).toBe(10);
  });

  it('stops at the resolved marker, after the incident is resolved and closed as well', () => {
    expect(impactMinutes(resolved, 9)).toBe(8);
    const closed = [...resolved, status(6, T + 9 * MIN, 'closed')];
    expect(impactMinutes(closed, 10)).toBe(8);
    expect(impactMinutes(closed, 600)).toBe(8);
    expect(impactSpanOf(projectTimeline(closed, { now: T + 600 * MIN }))).toMatchObject({ to: T + 8 * MIN, ended: 'resolved' });
  });

  it('stops at the close when nothing marks the resolution', () => {
    const unmarked = [...declared, status(4, T + 8 * MIN, 'resolved'), status(5, T + 11 * MIN, 'closed')];
    expect(impactSpanOf(projectTimeline(unmarked, { now: T + 60 * MIN }))).toMatchObject({ to: T + 11 * MIN, ended: 'closed' });
  });

  it("takes the record's end over the marker, and counts again once the incident is reopened", () => {
    expect(impactMinutes([...resolved, e(6, 'bookkeeping', T + 9 * MIN, { endedAt: T + 6 * MIN })], 30)).toBe(6);
    expect(impactMinutes([...resolved, status(6, T + 12 * MIN, 'investigating')], 20)).toBe(20);
    // Resolved again (the status only: the first marker stands, so none is implied): it ends there.
    const again = [...resolved, status(6, T + 12 * MIN, 'investigating'), status(7, T + 30 * MIN, 'resolved')];
    expect(impactMinutes(again, 40)).toBe(30);
    expect(impactMinutes([...again, status(8, T + 31 * MIN, 'closed')], 90)).toBe(30);
  });

  it('counts from the declaration when no impact start is known', () => {
    const span = impactSpanOf(projectTimeline(declared.slice(0, 2), { now: T + 5 * MIN }));
    expect(span).toMatchObject({ from: T + MIN, fromImpact: false, to: null });
  });
});
