import { describe, expect, it } from 'vitest';
import { timelineEntrySchema, type EntryKind, type NewTimelineEntry, type TimelineEntry } from '../../model/incident.ts';
import { effectiveDueAt, followUpClosure, followUpEntry, followUpStateAt } from './follow-ups.ts';
import { projectTimeline } from './timeline.ts';

const DAY = 86_400_000;
const T = Date.UTC(2025, 5, 14, 19, 0);
const INC = '01JZ0000000000000000000000';
const id = (n: number): string => `01JZ${String(n).padStart(22, '0')}`;

function e(seq: number, kind: EntryKind, fields: Record<string, unknown> = {}): TimelineEntry {
  return timelineEntrySchema.parse({ id: id(seq), incidentId: INC, seq, recordedAt: T + seq * 1000, occurredAt: T + seq * 1000, author: 'ann', console: 'c1', text: '', kind, ...fields });
}
const stored = (draft: NewTimelineEntry, seq: number, recordedAt = T + seq * 1000): TimelineEntry => timelineEntrySchema.parse({ ...draft, seq, recordedAt });
const by = (author: string, n: number) => ({ id: id(n), author, console: 'c2' });

// Logged during the incident, backdated 5 minutes; owned and dated a day later.
const todo = e(1, 'todo', { text: 'alert on the 403 rate per edge', occurredAt: T - 5 * 60_000 });
const dated = stored({ ...todo, id: id(2), supersedes: todo.id, author: 'sam', data: { owner: 'bob', dueAt: T + 7 * DAY } } as NewTimelineEntry, 2, T + DAY);

describe('a follow-up’s lifecycle', () => {
  it('is created at its own first entry’s time, and open until closed', () => {
    const view = projectTimeline([todo, dated], { now: T + 2 * DAY });
    expect(view.followUps).toEqual([
      expect.objectContaining({ id: todo.id, entryId: dated.id, owner: 'bob', dueAt: T + 7 * DAY, createdAt: T - 5 * 60_000, closedAt: null, closedBy: null, pending: false }),
    ]);
    expect(followUpStateAt(view.followUps[0]!, T + 2 * DAY, 30)).toBe('open');
    expect(followUpStateAt(view.followUps[0]!, T + 8 * DAY, 30)).toBe('overdue');
  });

  it('closes and reopens as new versions, keeping who closed it when, and the rest of it as written', () => {
    let view = projectTimeline([todo, dated], { now: T + 3 * DAY });
    const close = stored(followUpClosure(followUpEntry(view, todo.id)!, T + 3 * DAY, by('bob', 3)), 3, T + 3 * DAY);
    expect(close).toMatchObject({ supersedes: dated.id, kind: 'todo', text: todo.text, data: { owner: 'bob', dueAt: T + 7 * DAY, closedAt: T + 3 * DAY } });
    // Rewording it afterwards does not make the editor its closer.
    const reword = stored({ ...close, id: id(4), supersedes: close.id, author: 'sam', text: 'alert on the 403 rate per edge (EU first)' } as NewTimelineEntry, 4);
    view = projectTimeline([todo, dated, close, reword], { now: T + 4 * DAY });
    expect(view.followUps[0]).toMatchObject({ closedAt: T + 3 * DAY, closedBy: 'bob', text: 'alert on the 403 rate per edge (EU first)' });
    expect(followUpStateAt(view.followUps[0]!, T + 9 * DAY, 30)).toBe('closed_on_time');

    // Found wanting: reopened, then closed again after its due date.
    const reopen = stored(followUpClosure(followUpEntry(view, reword.id)!, null, by('sam', 5)), 5, T + 5 * DAY);
    view = projectTimeline([todo, dated, close, reword, reopen], { now: T + 5 * DAY });
    expect(view.followUps[0]).toMatchObject({ closedAt: null, closedBy: null, owner: 'bob' });
    // A look back at day 4 still sees it closed, as it was then; at day 5 it is open again.
    expect(view.followUps[0]!.closedSpans).toEqual([{ from: T + 3 * DAY, to: reopen.recordedAt }]);
    expect(followUpStateAt(view.followUps[0]!, T + 4 * DAY, 30)).toBe('closed_on_time');
    expect(followUpStateAt(view.followUps[0]!, reopen.recordedAt, 30)).toBe('open');
    const late = stored(followUpClosure(followUpEntry(view, todo.id)!, T + 10 * DAY, by('bob', 6)), 6);
    view = projectTimeline([todo, dated, close, reword, reopen, late], { now: T + 10 * DAY });
    expect(followUpStateAt(view.followUps[0]!, T + 10 * DAY, 30)).toBe('closed_late');
  });

  it('is due the workspace’s N days after it was logged when nobody dated it', () => {
    const view = projectTimeline([todo], { now: T });
    const f = view.followUps[0]!;
    expect(effectiveDueAt(f, 14)).toBe(T - 5 * 60_000 + 14 * DAY);
    expect(followUpStateAt(f, T + 13 * DAY, 14)).toBe('open');
    expect(followUpStateAt(f, T + 15 * DAY, 14)).toBe('overdue');
    expect(followUpStateAt(f, T + 15 * DAY, 30)).toBe('open');
    expect(f.pending).toBe(true);
    // Done before anyone owned it: nothing left to assign before the incident closes.
    const done = stored(followUpClosure(followUpEntry(view, todo.id)!, T + DAY, by('sam', 7)), 7);
    expect(projectTimeline([todo, done], { now: T + DAY }).followUps[0]).toMatchObject({ pending: false, closedBy: 'sam' });
  });

  it('finds a follow-up by any version’s id, and nothing else', () => {
    const note = e(3, 'note', { text: 'not a follow-up' });
    const view = projectTimeline([todo, dated, note], { now: T });
    expect(followUpEntry(view, dated.id)?.rootId).toBe(todo.id);
    expect(followUpEntry(view, note.id)).toBeNull();
    expect(followUpEntry(view, id(99))).toBeNull();
  });
});
