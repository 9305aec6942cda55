import { describe, expect, it } from 'vitest';
import { timelineEntrySchema, type EntryKind, type NewTimelineEntry, type TimelineEntry } from '../../../shared/model/incident.ts';
import { projectTimeline, reviseEntry } from '../../../shared/domain/incidents/timeline.ts';
import { changedFields, closingRefusal, handoffAnswerRefusal, newProblems, problemKeys, revisionRefusal } from './rules.ts';

const T = Date.UTC(2025, 5, 14, 19, 0);
const INC = '01JZ0000000000000000000000';
const id = (n: number): string => `01JZ${String(n).padStart(22, '0')}`;

function e(seq: number, kind: EntryKind, fields: Record<string, unknown> = {}): TimelineEntry {
  return timelineEntrySchema.parse({ id: id(seq), incidentId: INC, seq, recordedAt: T + seq * 1000, occurredAt: T + seq * 1000, author: 'ann', console: 'c1', text: '', kind, ...fields });
}
const stored = (draft: NewTimelineEntry, seq: number): TimelineEntry => timelineEntrySchema.parse({ ...draft, seq, recordedAt: T + seq * 1000 });
const by = (author: string, n: number) => ({ id: id(n), author, console: 'c2' });

const roles = [
  e(1, 'role', { data: { role: 'commander', person: 'ann', action: 'assign' } }),
  e(2, 'role', { data: { role: 'scribe', person: 'sam', action: 'assign' } }),
  e(3, 'role', { data: { role: 'observer', person: 'olga', action: 'assign' } }),
];
const note = e(4, 'note', { text: 'CDN 403s', author: 'bob' });
const task = e(5, 'task', { text: 'check CDN logs', author: 'ann', data: { owner: 'maria', dueAt: T + 600_000 } });
const view = projectTimeline([...roles, note, task], { now: T + 60_000 });

describe('who may change an entry', () => {
  it('lets its author, the commander and the scribe rewrite it; not an observer', () => {
    const edit = (author: string) => stored(reviseEntry(note, { text: 'CDN 403s on the EU edge' }, by(author, 10)), 10);
    expect(revisionRefusal(view, note, edit('bob'))).toBeNull();
    expect(revisionRefusal(view, note, edit('ANN'))).toBeNull();
    expect(revisionRefusal(view, note, edit('sam'))).toBeNull();
    expect(revisionRefusal(view, note, edit('olga'))).toBe(
      "olga may not change bob's entry: only its author, the commander, the deputy or the scribe can (anyone may pin it)",
    );
    const tomb = stored(reviseEntry(note, { deleted: true }, by('olga', 11)), 11);
    expect(revisionRefusal(view, note, tomb)).toMatch(/^olga may not delete bob's entry/);
  });

  it('lets anyone pin, and a task’s owner acknowledge or finish it but not reword it', () => {
    expect(revisionRefusal(view, note, stored(reviseEntry(note, { pinned: true }, by('olga', 12)), 12))).toBeNull();
    const ack = stored(reviseEntry(task, { data: { ...task.data, acknowledgedAt: T + 70_000 } as typeof task.data }, by('maria', 13)), 13);
    expect(changedFields(task, ack)).toEqual(new Set(['data.acknowledgedAt']));
    expect(revisionRefusal(view, task, ack)).toBeNull();
    const reword = stored(reviseEntry(task, { text: 'never mind' }, by('maria', 14)), 14);
    expect(revisionRefusal(view, task, reword)).toMatch(/^maria may not change ann's entry/);
    const steal = stored(reviseEntry(task, { data: { ...task.data, acknowledgedAt: T + 70_000 } as typeof task.data }, by('olga', 15)), 15);
    expect(revisionRefusal(view, task, steal)).not.toBeNull();
  });
});

describe('handoffs and closing', () => {
  const offer = e(6, 'handoff', { data: { step: 'offer', role: 'commander', from: 'ann', to: 'bob' } });
  const withOffer = projectTimeline([...roles, offer], { now: T + 60_000 });

  it('leaves accept and decline to the receiver, withdrawal to the giver', () => {
    const answer = (step: 'accept' | 'decline' | 'cancel', author: string) => e(7, 'handoff', { author, data: { step, offerId: offer.id } });
    expect(handoffAnswerRefusal(withOffer, answer('accept', 'Bob'))).toBeNull();
    expect(handoffAnswerRefusal(withOffer, answer('accept', 'carl'))).toBe('only bob can accept the commander handoff; this accept is from carl');
    expect(handoffAnswerRefusal(withOffer, answer('decline', 'ann'))).toBe('only bob can decline the commander handoff; this decline is from ann');
    expect(handoffAnswerRefusal(withOffer, answer('cancel', 'bob'))).toBe('only ann can withdraw the commander offer to bob; this is from bob');
    expect(handoffAnswerRefusal(withOffer, answer('cancel', 'ann'))).toBeNull();
  });

  it('finds what a command would break that was not broken before', () => {
    const before = problemKeys(withOffer);
    const wrong = e(7, 'handoff', { author: 'carl', data: { step: 'accept', offerId: offer.id } });
    expect(newProblems(before, projectTimeline([...roles, offer, wrong], { now: T + 60_000 })).map((p) => p.message)).toEqual([
      'only bob can accept the commander handoff',
    ]);
    expect(newProblems(before, projectTimeline([...roles, offer, e(7, 'note')], { now: T + 60_000 }))).toEqual([]);
  });

  it('keeps an incident open while a follow-up has no owner and due date', () => {
    const todo = e(8, 'todo', { text: 'alert on 403 rate' });
    const close = e(9, 'status', { data: { status: 'closed' } });
    expect(closingRefusal(projectTimeline([todo, close], { now: T }), close)).toBe(
      'the incident cannot be closed while a follow-up has no owner and due date: "alert on 403 rate"',
    );
    const owned = e(8, 'todo', { text: 'alert on 403 rate', data: { owner: 'bob', dueAt: T + 1 } });
    expect(closingRefusal(projectTimeline([owned, close], { now: T }), close)).toBeNull();
  });
});

describe('who may close a follow-up', () => {
  const todo = e(20, 'todo', { text: 'alert on 403s', author: 'bob', data: { owner: 'maria', dueAt: T + 86_400_000 } });
  const v = projectTimeline([...roles, todo], { now: T + 60_000 });
  const close = (author: string, data: Record<string, unknown>) =>
    stored(reviseEntry(todo, { data: { ...todo.data, ...data } as typeof todo.data }, by(author, 21)), 21);

  it('lets its owner close and reopen it, but not re-date it; not an observer at all', () => {
    expect(revisionRefusal(v, todo, close('maria', { closedAt: T + 3_600_000 }))).toBeNull();
    expect(revisionRefusal(v, todo, close('maria', { dueAt: T + 9 * 86_400_000 }))).toMatch(/^maria may not change bob's entry/);
    expect(revisionRefusal(v, todo, close('olga', { closedAt: T + 3_600_000 }))).toMatch(/^olga may not change bob's entry/);
    expect(revisionRefusal(v, todo, close('sam', { closedAt: T + 3_600_000 }))).toBeNull();
  });

  it('lets a task’s owner take more time at a check-in, but not change its time box', () => {
    const more = stored(reviseEntry(task, { data: { ...task.data, dueAt: T + 30 * 60_000, acknowledgedAt: T + 20 * 60_000 } as typeof task.data }, by('maria', 23)), 23);
    expect(revisionRefusal(view, task, more)).toBeNull();
    const longer = stored(reviseEntry(task, { data: { ...task.data, timeboxMs: 30 * 60_000, dueAt: T + 30 * 60_000 } as typeof task.data }, by('maria', 24)), 24);
    expect(revisionRefusal(view, task, longer)).toMatch(/maria may not change/);
    // Not back: the commander's time box is neither moved earlier nor dropped by its owner.
    const { dueAt: _dropped, ...noDue } = task.data as { dueAt?: number };
    const earlier = stored(reviseEntry(task, { data: { ...task.data, dueAt: T + 60_000 } as typeof task.data }, by('maria', 25)), 25);
    const dropped = stored(reviseEntry(task, { data: noDue as typeof task.data }, by('maria', 26)), 26);
    expect(revisionRefusal(view, task, earlier)).toMatch(/maria may not change/);
    expect(revisionRefusal(view, task, dropped)).toMatch(/maria may not change/);
  });

  it('lets a task’s owner mark it toil', () => {
    const toil = stored(reviseEntry(task, { data: { ...task.data, toil: true } as typeof task.data }, by('maria', 22)), 22);
    expect(revisionRefusal(view, task, toil)).toBeNull();
  });
});
