import { describe, expect, it } from 'vitest';
import { projectTimeline, type TimelineView, type VisibleEntryOf } from '../../shared/domain/incidents/timeline.ts';
import { newTimelineEntrySchema, type FollowUpData, type TimelineEntry } from '../../shared/model/incident.ts';
import type { IncidentCommand } from '../../shared/protocol/incidents.ts';
import type { OutboxItem } from '../transport/outbox.ts';
import { newId } from '../transport/outbox.ts';
import { changesSomething, closingBlockers, fieldsOf, followUpEdit, peopleIn, readFields, refusedClose, stillNeeds, withQueuedEdits, type FollowUpFields } from './follow-up-edit.ts';

const DAY = 86_400_000;
const LONDON = 'Europe/London';
const T = Date.UTC(2026, 6, 1, 12, 0, 0); // Wednesday 1 July 2026, 13:00 in London (BST)
const now = T + 60_000;
const incidentId = newId();
const meta = { id: newId(), author: 'ann', console: 'c1' };
let seq = 0;
const stored = (fields: Partial<TimelineEntry> & Pick<TimelineEntry, 'kind'>): TimelineEntry =>
  ({ id: newId(), incidentId, text: '', occurredAt: T, author: 'ann', console: 'c1', data: {}, seq: ++seq, recordedAt: T + 1000, ...fields }) as TimelineEntry;
const project = (entries: TimelineEntry[]): TimelineView => projectTimeline(entries, { now });
const todo = (data: FollowUpData = {}, fields: Partial<TimelineEntry> = {}) => stored({ kind: 'todo', text: 'alert on the 403 rate', data, ...fields } as TimelineEntry);
const headOf = (view: TimelineView) => view.entries.find((e) => e.kind === 'todo') as VisibleEntryOf<'todo'>;
const blank: FollowUpFields = { owner: '', due: '', type: '', priority: '', ticketUrl: '' };
const read = (fields: Partial<FollowUpFields>, was: { dueAt?: number } = {}, opened: FollowUpFields = blank) => readFields({ ...blank, ...fields }, was, opened, now, LONDON);
const queued = (payload: Partial<IncidentCommand>, extra: Partial<OutboxItem> = {}): OutboxItem =>
  ({ id: payload.id ?? newId(), type: 'command', incidentId, payload: { incidentId, author: 'ann', console: 'c1', ...payload }, queuedAt: now, attempts: 0, ...extra }) as OutboxItem;

describe('the follow-up editor reads what was typed', () => {
  it('takes an owner with or without "@", a due date as on the scribe line, a type, a priority and a ticket link', () => {
    expect(read({ owner: '@bob', due: '7d', type: 'detect', priority: 'P2', ticketUrl: ' https://tickets.example/OPS-12 ' })).toEqual({
      ok: true,
      data: { owner: 'bob', dueAt: now + 7 * DAY, type: 'detect', priority: 'P2', ticketUrl: 'https://tickets.example/OPS-12' },
    });
    // A date is the end of that day in the room (London is on GMT in December).
    expect(read({ owner: 'bob', due: '2026-12-20' })).toEqual({ ok: true, data: { owner: 'bob', dueAt: Date.UTC(2026, 11, 20, 23, 59, 59, 999) } });
    expect(read({})).toEqual({ ok: true, data: {} });
  });

  it('says what is wrong with each field, and never takes a link that is not http(s)', () => {
    const reading = read({ owner: 'bob smith', due: 'next week', ticketUrl: 'javascript:alert(1)' });
    expect(reading).toEqual({
      ok: false,
      errors: {
        owner: '"bob smith" is not a handle: one word others can @mention (letters first, then letters, digits, ".", "_" or "-")',
        due: '"next week" is not a due date: write 7d, 2w or a date (2026-12-20)',
        ticketUrl: '"javascript:alert(1)" is not a link: a ticket\'s address starts with https:// (or http://)',
      },
    });
    expect(read({ due: '2026-06-30' })).toEqual({ ok: false, errors: { due: '"2026-06-30" has already passed: a follow-up is due today or later' } });
    expect(read({ ticketUrl: 'ftp://tickets.example/1' })).toMatchObject({ ok: false, errors: { ticketUrl: expect.stringMatching(/not a link/) } });
  });

  it('keeps the exact due instant when its day is left as the editor showed it, even once it has passed', () => {
    const dueAt = T - 3 * DAY + 12_345; // overdue: shown as its day
    const opened = fieldsOf({ owner: 'bob', dueAt }, LONDON);
    expect(opened).toEqual({ owner: 'bob', due: '2026-06-28', type: '', priority: '', ticketUrl: '' });
    expect(read({ ...opened, priority: 'P1' }, { dueAt }, opened)).toEqual({ ok: true, data: { owner: 'bob', dueAt, priority: 'P1' } });
    // Cleared, it is gone; retyped, it is read anew.
    expect(read({ ...opened, due: '' }, { dueAt }, opened)).toEqual({ ok: true, data: { owner: 'bob' } });
    expect(read({ ...opened, due: '1w' }, { dueAt }, opened)).toEqual({ ok: true, data: { owner: 'bob', dueAt: now + 7 * DAY } });
  });

  it('knows when nothing changed', () => {
    expect(changesSomething({ owner: 'bob', dueAt: 5 }, { owner: 'bob', dueAt: 5 })).toBe(false);
    expect(changesSomething({ owner: 'bob' }, { owner: 'bob', type: 'prevent' })).toBe(true);
    expect(changesSomething({ owner: 'bob', ticketUrl: 'https://t.example/1' }, { owner: 'bob' })).toBe(true);
  });
});

describe('an edited follow-up', () => {
  it('is a new version of the todo entry the hub accepts, its words, time and closing kept', () => {
    const view = project([todo({ type: 'detect', closedAt: T + 5000 }, { text: 'alert on the 403 rate', occurredAt: T - DAY })]);
    const head = headOf(view);
    const edit = followUpEdit(head, { owner: 'bob', dueAt: now + 7 * DAY }, meta);
    expect(edit).toMatchObject({ supersedes: head.id, id: meta.id, kind: 'todo', text: 'alert on the 403 rate', occurredAt: T - DAY, data: { owner: 'bob', dueAt: now + 7 * DAY, closedAt: T + 5000 } });
    // The editor sets type too: left empty, it is cleared.
    expect(edit.data).not.toHaveProperty('type');
    expect(edit).not.toHaveProperty('seq');
    expect(newTimelineEntrySchema.safeParse(edit).success).toBe(true);
  });

  it('no longer keeps the incident from closing once owned and dated: the same rule the hub applies', () => {
    const log = [todo()];
    const before = project(log);
    expect(before.followUps[0]).toMatchObject({ pending: true });
    expect(stillNeeds(before.followUps[0]!)).toEqual(['owner', 'due date']);
    const edit = { ...followUpEdit(headOf(before), { owner: 'bob', dueAt: now + 7 * DAY }, meta), seq: ++seq, recordedAt: now } as TimelineEntry;
    const after = project([...log, edit]);
    expect(after.followUps[0]).toMatchObject({ pending: false, owner: 'bob', dueAt: now + 7 * DAY });
    expect(stillNeeds(after.followUps[0]!)).toEqual([]);
  });

  it('needs what the projection says it needs, for every combination', () => {
    for (const data of [{}, { owner: 'bob' }, { dueAt: now }, { owner: 'bob', dueAt: now }, { closedAt: now }, { owner: 'bob', closedAt: now }] as FollowUpData[]) {
      const [f] = project([todo(data)]).followUps;
      expect(stillNeeds(f!).length > 0, JSON.stringify(data)).toBe(f!.pending);
    }
    expect(stillNeeds(project([todo({ dueAt: now })]).followUps[0]!)).toEqual(['owner']);
  });
});

describe('follow-ups with this console’s unsent changes', () => {
  it('counts an edit still in the outbox, so a close logged after it is not held back', () => {
    const view = project([todo(), todo({}, { text: 'page the CDN vendor' })]);
    const [first, second] = view.followUps;
    const edit = followUpEdit(headOf(view), { owner: 'bob', dueAt: now + DAY }, meta);
    const shown = withQueuedEdits(view, [queued(edit as IncidentCommand)]);
    expect(shown[0]).toMatchObject({ id: first!.id, owner: 'bob', dueAt: now + DAY, pending: false, queued: true, data: { owner: 'bob', dueAt: now + DAY } });
    expect(shown[1]).toMatchObject({ id: second!.id, pending: true, queued: false });
    expect(closingBlockers(shown).map((f) => f.text)).toEqual(['page the CDN vendor']);
  });

  it('ignores a change the hub refused, or one already stored', () => {
    const view = project([todo()]);
    const edit = followUpEdit(headOf(view), { owner: 'bob', dueAt: now + DAY }, meta) as IncidentCommand;
    expect(withQueuedEdits(view, [queued(edit, { refused: { code: 'forbidden', message: 'no' } })])[0]).toMatchObject({ pending: true, queued: false });
    const storedView = project([...view.history[view.followUps[0]!.id]!, { ...edit, seq: ++seq, recordedAt: now } as TimelineEntry]);
    expect(withQueuedEdits(storedView, [queued(edit)])[0]).toMatchObject({ pending: false, queued: false });
  });

  it('finds this console’s refused close, and nothing else', () => {
    const close = queued({ kind: 'status', text: '', occurredAt: now, data: { status: 'closed', from: 'resolved' } } as Partial<IncidentCommand>, {
      refused: { code: 'invalid', message: 'the incident cannot be closed while a follow-up has no owner and due date: "alert"' },
    });
    const mitigated = queued({ kind: 'status', text: '', occurredAt: now, data: { status: 'mitigated' } } as Partial<IncidentCommand>, { refused: { code: 'invalid', message: 'x' } });
    const waiting = queued({ kind: 'status', text: '', occurredAt: now, data: { status: 'closed' } } as Partial<IncidentCommand>);
    expect(refusedClose([mitigated, waiting, close])).toBe(close);
    expect(refusedClose([mitigated, waiting])).toBeUndefined();
  });
});

it('offers everyone the incident names as an owner, once each', () => {
  const view = project([
    stored({ kind: 'role', data: { role: 'commander', person: 'ann', action: 'assign' } }),
    stored({ kind: 'task', author: 'Ann', text: 'check', data: { owner: 'maria', done: false } }),
    todo({ owner: 'bob' }, { author: 'carl' }),
  ]);
  expect(peopleIn(view)).toEqual(['ann', 'bob', 'carl', 'maria']);
});
