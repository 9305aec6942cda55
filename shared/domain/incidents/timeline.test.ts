import { describe, expect, it } from 'vitest';
import { briefingSchema, timelineEntrySchema, type EntryKind, type NewTimelineEntry, type TimelineEntry } from '../../model/incident.ts';
import { incidentDurations } from './durations.ts';
import { briefingFor, entryHistory, HANDOFF_TIMEOUT_MS, pendingHandoffs, projectTimeline, reviseEntry } from './timeline.ts';

const MIN = 60_000;
const T = Date.UTC(2025, 5, 14, 19, 0);
const INC = '01JZ0000000000000000000000';
const id = (n: number): string => `01JZ${String(n).padStart(22, '0')}`;

/** Entry number `seq` as the hub stored it: recorded `seq` × 10 s after T unless told otherwise. */
function e(seq: number, kind: EntryKind, fields: Record<string, unknown> = {}): TimelineEntry {
  const recordedAt = T + seq * 10_000;
  return timelineEntrySchema.parse({ id: id(seq), incidentId: INC, seq, recordedAt, occurredAt: recordedAt, author: 'ann', console: 'c1', text: '', kind, ...fields });
}
/** A revision as the hub stores it. */
const stored = (draft: NewTimelineEntry, seq: number): TimelineEntry => timelineEntrySchema.parse({ ...draft, seq, recordedAt: T + seq * 10_000 });
const by = (author: string, n: number) => ({ id: id(n), author, console: 'c2' });
const view = (log: TimelineEntry[], now = T + 60 * MIN) => projectTimeline(log, { now });
const texts = (log: TimelineEntry[], now?: number) => view(log, now).entries.map((x) => x.text);

describe('timeline: order and history', () => {
  it('shows every wall the same order, by seq, whatever order entries arrived in', () => {
    const log = [
      e(1, 'note', { text: 'first 403s' }),
      e(2, 'note', { text: 'paged CDN team', occurredAt: T - 5 * MIN }), // backdated: still second
      e(3, 'decision', { text: 'roll back' }),
      e(4, 'action', { text: 'rolled back' }),
    ];
    const expected = ['first 403s', 'paged CDN team', 'roll back', 'rolled back'];
    expect(texts(log)).toEqual(expected);
    expect(texts([log[3]!, log[1]!, log[0]!, log[2]!])).toEqual(expected);
    expect(texts([...log].reverse())).toEqual(expected);
  });

  it('replaces the text of an edited entry in place and keeps every version', () => {
    const original = e(1, 'note', { text: 'CDN 403s' });
    const edit1 = stored(reviseEntry(original, { text: 'CDN 403s on the EU edge' }, by('bob', 3)), 3);
    const edit2 = stored(reviseEntry(edit1, { text: 'CDN 403s on the EU edge since 20:04' }, by('carl', 4)), 4);
    const v = view([original, e(2, 'note', { text: 'paged CDN team' }), edit1, edit2]);
    expect(v.entries.map((x) => x.text)).toEqual(['CDN 403s on the EU edge since 20:04', 'paged CDN team']);
    expect(v.entries[0]).toMatchObject({ rootId: id(1), id: id(4), edited: true, position: 1, author: 'carl' });
    expect(entryHistory(v, id(3)).map((x) => [x.text, x.author])).toEqual([
      ['CDN 403s', 'ann'],
      ['CDN 403s on the EU edge', 'bob'],
      ['CDN 403s on the EU edge since 20:04', 'carl'],
    ]);
  });

  it('keeps both of two concurrent edits, and shows the one the hub stored last', () => {
    const original = e(1, 'note', { text: 'origin ok' });
    const a = stored(reviseEntry(original, { text: 'origin ok (checked by bob)' }, by('bob', 2)), 2);
    const b = stored(reviseEntry(original, { text: 'origin saturated' }, by('carl', 3)), 3);
    const v = view([b, original, a]);
    expect(v.entries.map((x) => x.text)).toEqual(['origin saturated']);
    expect(entryHistory(v, id(1))).toHaveLength(3);
  });

  it('hides a deleted entry but keeps it in the history, and can restore it', () => {
    const note = e(1, 'note', { text: 'wrong incident, sorry' });
    const tomb = stored(reviseEntry(note, { deleted: true }, by('ann', 2)), 2);
    const v = view([note, tomb, e(3, 'note', { text: 'still here' })]);
    expect(v.entries.map((x) => x.text)).toEqual(['still here']);
    expect(entryHistory(v, id(1)).map((x) => x.deleted ?? false)).toEqual([false, true]);
    const restored = stored(reviseEntry(tomb, { deleted: false }, by('ann', 4)), 4);
    expect(texts([note, tomb, e(3, 'note', { text: 'still here' }), restored])).toEqual(['wrong incident, sorry', 'still here']);
  });

  it('shows an edit that arrived before its original, and merges them when it comes', () => {
    const original = e(2, 'note', { text: 'typo hypothsis' });
    const edit = stored(reviseEntry(original, { text: 'typo fixed' }, by('ann', 5)), 5);
    expect(texts([edit])).toEqual(['typo fixed']);
    expect(texts([edit, e(1, 'note', { text: 'first' }), original, e(3, 'note', { text: 'third' })])).toEqual(['first', 'typo fixed', 'third']);
  });

  it('shows a retried command once', () => {
    const note = e(1, 'note', { text: 'sent twice by a flaky network' });
    expect(texts([note, { ...note }])).toEqual(['sent twice by a flaky network']);
  });

  it('lists pinned moments for the wall and the postmortem', () => {
    const decision = e(2, 'decision', { text: 'fail over to CDN B' });
    const pin = stored(reviseEntry(decision, { pinned: true }, by('ann', 3)), 3);
    const v = view([e(1, 'note', { text: 'noise' }), decision, pin, e(4, 'marker', { data: { marker: 'mitigated' }, pinned: true })]);
    expect(v.pinned.map((x) => x.kind)).toEqual(['decision', 'marker']);
  });

  it('lists pinned moments in the order they happened: a backdated one in its place, not last', () => {
    const v = view([
      e(1, 'marker', { data: { marker: 'declared' }, pinned: true, occurredAt: T }),
      e(2, 'decision', { text: 'roll back', pinned: true, occurredAt: T + 2 * MIN }),
      e(3, 'finding', { text: '403s started after the push', pinned: true, occurredAt: T - 3 * MIN }),
    ]);
    expect(v.pinned.map((x) => x.position)).toEqual([3, 1, 2]);
  });
});

describe('timeline: tasks, hypotheses, follow-ups', () => {
  const maria = e(1, 'task', { text: 'check CDN logs', data: { owner: 'maria', timeboxMs: 10 * MIN, dueAt: T + 10 * MIN } });
  const bob = e(2, 'task', { text: 'watch canaries', data: { owner: 'bob' } });

  it('lists open tasks and turns the late ones overdue', () => {
    expect(view([maria, bob], T + 5 * MIN).overdueTasks).toEqual([]);
    const late = view([maria, bob], T + 11 * MIN);
    expect(late.openTasks.map((t) => t.owner)).toEqual(['maria', 'bob']);
    expect(late.overdueTasks.map((t) => [t.owner, t.text])).toEqual([['maria', 'check CDN logs']]);
  });

  it('shows the acknowledgement and drops a done task from the open list', () => {
    const ack = stored(reviseEntry(maria, { data: { ...maria.data, acknowledgedAt: T + MIN } as typeof maria.data }, by('maria', 3)), 3);
    expect(view([maria, bob, ack], T + 2 * MIN).openTasks[0]).toMatchObject({ id: id(1), entryId: id(3), acknowledgedAt: T + MIN });
    const done = stored(reviseEntry(ack, { data: { ...ack.data, done: true, doneAt: T + 9 * MIN } as typeof maria.data }, by('maria', 4)), 4);
    const v = view([maria, bob, ack, done], T + 11 * MIN);
    expect(v.openTasks.map((t) => t.owner)).toEqual(['bob']);
    expect(v.overdueTasks).toEqual([]);
  });

  it('says who acknowledged a task, and does not call its progress an edit (rewording it is one)', () => {
    const ack = stored(reviseEntry(maria, { data: { ...maria.data, acknowledgedAt: T + MIN } as typeof maria.data }, by('maria', 3)), 3);
    const done = stored(reviseEntry(ack, { data: { ...ack.data, done: true, doneAt: T + 9 * MIN } as typeof maria.data }, by('bob', 4)), 4);
    const progressed = view([maria, bob, ack, done], T + 11 * MIN);
    expect(progressed.tasks[0]).toMatchObject({ acknowledgedAt: T + MIN, acknowledgedBy: 'maria', done: true });
    expect(progressed.entries.find((x) => x.rootId === id(1))).toMatchObject({ author: 'bob', edited: false });
    const reworded = stored(reviseEntry(done, { text: 'check CDN logs in eu-west' }, by('ann', 5)), 5);
    const after = view([maria, bob, ack, done, reworded], T + 11 * MIN);
    expect(after.entries.find((x) => x.rootId === id(1))).toMatchObject({ edited: true });
    expect(after.tasks[0]).toMatchObject({ acknowledgedBy: 'maria' });
  });

  it('keeps only hypotheses that are neither confirmed nor ruled out live', () => {
    const h1 = e(1, 'hypothesis', { text: 'CDN config drops auth header' });
    const h2 = e(2, 'hypothesis', { text: 'DRM licence server overloaded' });
    const h3 = e(3, 'hypothesis', { text: 'token clock skew' });
    const ruledOut = stored(reviseEntry(h2, { data: { state: 'ruled_out' } }, by('bob', 4)), 4);
    const confirmed = stored(reviseEntry(h3, { data: { state: 'confirmed' } }, by('bob', 5)), 5);
    expect(view([h1, h2, h3, ruledOut, confirmed]).liveHypotheses.map((h) => h.text)).toEqual(['CDN config drops auth header']);
  });

  it('calls a follow-up pending until it has an owner and a due date', () => {
    const bare = e(1, 'todo', { text: 'alert on 403 rate per edge' });
    const owned = e(2, 'todo', { text: 'runbook for CDN failover', data: { owner: 'bob', dueAt: T + 7 * 24 * 60 * MIN, type: 'mitigate' } });
    const v = view([bare, owned]);
    expect(v.followUps.map((f) => [f.text, f.pending, f.missing])).toEqual([
      ['alert on 403 rate per edge', true, ['owner', 'dueAt', 'type']],
      ['runbook for CDN failover', false, []],
    ]);
  });
});

describe('timeline: status, severity, markers', () => {
  it('follows the lifecycle, back to investigating when impact returns, and refuses what it forbids', () => {
    const log = [
      e(1, 'status', { data: { status: 'investigating' } }),
      e(2, 'status', { data: { status: 'mitigated' } }),
      e(3, 'status', { data: { status: 'investigating' } }),
      e(4, 'status', { data: { status: 'resolved' } }),
      e(5, 'status', { data: { status: 'mitigated' } }),
    ];
    const v = view(log);
    expect(v.status).toBe('resolved');
    expect(v.statusHistory.map((s) => s.status)).toEqual(['investigating', 'mitigated', 'investigating', 'resolved']);
    expect(v.problems).toEqual([{ entryId: id(5), message: 'status "mitigated" cannot follow "resolved"' }]);
  });

  it('starts as declared and keeps the severity with its history', () => {
    expect(view([]).status).toBe('declared');
    const v = view([e(1, 'severity', { data: { severity: 2 } }), e(2, 'severity', { data: { severity: 1 }, occurredAt: T + 20 * MIN })]);
    expect(v.severity).toBe(1);
    expect(v.severityHistory.map((s) => [s.severity, s.at])).toEqual([
      [2, T + 10_000],
      [1, T + 20 * MIN],
    ]);
  });

  it('computes durations from the markers people can still see', () => {
    const wrong = e(3, 'marker', { data: { marker: 'mitigated' }, occurredAt: T + 5 * MIN });
    const log = [
      e(1, 'marker', { data: { marker: 'impact_started' }, occurredAt: T }),
      e(2, 'marker', { data: { marker: 'detected' }, occurredAt: T + 3 * MIN }),
      wrong,
      stored(reviseEntry(wrong, { deleted: true }, by('ann', 4)), 4),
    ];
    expect(incidentDurations(view(log).markers).mitigate.state).toBe('missing');
    const moved = stored(reviseEntry(log[1]!, { occurredAt: T + 7 * MIN }, by('ann', 5)), 5);
    expect(incidentDurations(view([...log, moved]).markers).detect.ms).toBe(7 * MIN);
  });
});

describe('timeline: roles and handoffs', () => {
  const assign = (seq: number, role: string, person: string, author = 'ann') => e(seq, 'role', { author, data: { role, person, action: 'assign' } });
  const offer = (seq: number, role: string, from: string, to: string, recordedAt?: number) =>
    e(seq, 'handoff', { author: from, data: { step: 'offer', role, from, to }, ...(recordedAt ? { recordedAt } : {}) });
  const answer = (seq: number, step: 'accept' | 'decline' | 'cancel', offerSeq: number, author: string, recordedAt?: number) =>
    e(seq, 'handoff', { author, data: { step, offerId: id(offerSeq) }, ...(recordedAt ? { recordedAt, occurredAt: recordedAt } : {}) });
  const base = [assign(1, 'commander', 'ann'), assign(2, 'scribe', 'carl')];

  it('fills empty roles, but never moves a held one by assignment', () => {
    const v = view([...base, assign(3, 'commander', 'bob', 'dave'), assign(4, 'sme', 'erin'), assign(5, 'sme', 'frank')]);
    expect(v.roles.commander).toEqual(['ann']);
    expect(v.roles.sme).toEqual(['erin', 'frank']);
    expect(v.problems.map((p) => p.message)).toEqual(['commander is held by ann: hand it over, and it moves when bob accepts']);
  });

  it('keeps the role with the giver while the offer waits, and moves it on the receiver’s accept', () => {
    const waiting = view([...base, offer(3, 'commander', 'ann', 'bob')], T + MIN);
    expect(waiting.roles.commander).toEqual(['ann']);
    expect(pendingHandoffs(waiting).map((h) => [h.role, h.from, h.to])).toEqual([['commander', 'ann', 'bob']]);

    const accepted = view([...base, offer(3, 'commander', 'ann', 'bob'), answer(4, 'accept', 3, 'Bob')], T + MIN);
    expect(accepted.roles.commander).toEqual(['bob']);
    expect(accepted.handoffs[0]).toMatchObject({ state: 'accepted', settledAt: T + 40_000 });
    expect(accepted.roleHistory.filter((s) => s.role === 'commander').map((s) => [s.person, s.from, s.to, s.via])).toEqual([
      ['ann', T + 10_000, T + 40_000, 'assigned'],
      ['bob', T + 40_000, null, 'handoff'],
    ]);
  });

  it('does not move the role on an accept by anyone but the receiver, or on a decline', () => {
    const wrong = view([...base, offer(3, 'commander', 'ann', 'bob'), answer(4, 'accept', 3, 'carl')], T + MIN);
    expect(wrong.roles.commander).toEqual(['ann']);
    expect(wrong.problems.map((p) => p.message)).toEqual(['only bob can accept the commander handoff']);
    const declined = view([...base, offer(3, 'commander', 'ann', 'bob'), answer(4, 'decline', 3, 'bob'), answer(5, 'accept', 3, 'bob')], T + MIN);
    expect(declined.roles.commander).toEqual(['ann']);
    expect(declined.handoffs[0]!.state).toBe('declined');
  });

  it('lets an unanswered offer expire after five minutes, and refuses a late accept', () => {
    const offeredAt = T + 30_000;
    const log = [...base, offer(3, 'commander', 'ann', 'bob', offeredAt)];
    expect(view(log, offeredAt + HANDOFF_TIMEOUT_MS).handoffs[0]!.state).toBe('pending');
    const lapsed = view(log, offeredAt + HANDOFF_TIMEOUT_MS + 1);
    expect(lapsed.handoffs[0]).toMatchObject({ state: 'expired', settledAt: offeredAt + 5 * MIN });
    expect(lapsed.roles.commander).toEqual(['ann']);

    const late = view([...log, answer(4, 'accept', 3, 'bob', offeredAt + 6 * MIN)], offeredAt + 6 * MIN);
    expect(late.roles.commander).toEqual(['ann']);
    expect(late.problems.map((p) => p.message)).toEqual(['the commander handoff to bob was already expired']);
    const inTime = view([...log, answer(4, 'accept', 3, 'bob', offeredAt + 4 * MIN)], offeredAt + 6 * MIN);
    expect(inTime.roles.commander).toEqual(['bob']);
  });

  it('refuses an offer from someone who does not hold the role; a new offer replaces an open one', () => {
    const v = view([...base, offer(3, 'commander', 'carl', 'bob')]);
    expect(v.handoffs).toEqual([]);
    expect(v.problems.map((p) => p.message)).toEqual(['carl cannot hand over commander: they do not hold it']);

    const changed = view([...base, offer(3, 'commander', 'ann', 'bob'), offer(4, 'commander', 'ann', 'dave'), answer(5, 'accept', 3, 'bob'), answer(6, 'accept', 4, 'dave')], T + MIN);
    expect(changed.roles.commander).toEqual(['dave']);
    expect(changed.handoffs.map((h) => [h.to, h.state])).toEqual([
      ['bob', 'cancelled'],
      ['dave', 'accepted'],
    ]);
  });
});

describe('briefing', () => {
  it('tells the incoming commander what is open, what is suspected, what was said and what is due', () => {
    const log = [
      e(1, 'marker', { data: { marker: 'declared' }, occurredAt: T }),
      e(2, 'severity', { data: { severity: 1 }, occurredAt: T }),
      e(3, 'status', { data: { status: 'investigating' } }),
      e(4, 'task', { text: 'check CDN logs', data: { owner: 'maria', dueAt: T + 10 * MIN } }),
      e(5, 'task', { text: 'call DRM vendor', data: { owner: 'bob', dueAt: T + 30 * MIN, done: true } }),
      e(6, 'hypothesis', { text: 'CDN config drops auth header' }),
      e(7, 'hypothesis', { text: 'DRM overloaded', data: { state: 'ruled_out' } }),
      e(8, 'status_update', {
        text: 'Playback failing for some EU viewers',
        data: { audience: 'external', conditions: '403s on EU edge', actions: 'rolling back CDN config', needs: '', sentAt: T + 4 * MIN },
      }),
      e(9, 'status_update', { text: 'draft', data: { audience: 'executive' } }),
      e(10, 'todo', { text: 'alert on 403 rate per edge' }),
      e(11, 'todo', { text: 'runbook for failover', data: { owner: 'bob', dueAt: T + 7 * 24 * 60 * MIN } }),
    ];
    const now = T + 12 * MIN;
    const b = briefingFor(view(log, now), now);
    expect(briefingSchema.safeParse(b).success).toBe(true); // it can be stored with the offer
    expect(b.status).toBe('investigating');
    expect(b.severity).toBe(1);
    expect(b.openTasks).toEqual([{ id: id(4), owner: 'maria', text: 'check CDN logs', dueAt: T + 10 * MIN, overdue: true }]);
    expect(b.liveHypotheses.map((h) => h.text)).toEqual(['CDN config drops auth header']);
    expect(b.lastStatusUpdate).toMatchObject({ audience: 'external', conditions: '403s on EU edge', sentAt: T + 4 * MIN });
    // External: 20 min after the last one; internal: first due 5 min after the declaration, now late.
    expect(b.nextUpdates).toEqual([
      { audience: 'internal', dueAt: T + 5 * MIN, overdue: true },
      { audience: 'executive', dueAt: T + 30 * MIN, overdue: false },
      { audience: 'external', dueAt: T + 24 * MIN, overdue: false },
    ]);
    expect(b.pendingTodos.map((t) => t.text)).toEqual(['alert on 403 rate per edge']);
    // Comms sent: the update that went out, not the draft.
    expect(b.commsSent).toEqual([{ id: id(8), audience: 'external', sentAt: T + 4 * MIN, text: 'Playback failing for some EU viewers' }]);
  });

  it('still reads a briefing stored before it listed the comms sent', () => {
    const now = T + 12 * MIN;
    const { commsSent: _c, ...older } = briefingFor(view([e(1, 'marker', { data: { marker: 'declared' }, occurredAt: T })], now), now);
    expect(briefingSchema.safeParse(older).success).toBe(true);
  });
});

describe('timeline: links to other incidents', () => {
  const OTHER = '01JZ9999999999999999999999';
  const THIRD = '01JZ8888888888888888888888';
  const link = (seq: number, other: string, action: 'link' | 'unlink', text = '', author = 'ann') =>
    e(seq, 'link', { text, author, data: { other, action, ...(action === 'link' ? { title: `incident ${other.slice(-1)}` } : {}) } });

  it('lists the incidents linked now, with the note, who linked them and when', () => {
    const v = view([link(1, OTHER, 'link', 'same CDN origin'), link(2, THIRD, 'link', '', 'bob')]);
    expect(v.links.map((l) => [l.incidentId, l.note, l.linkedBy, l.title])).toEqual([
      [OTHER, 'same CDN origin', 'ann', 'incident 9'],
      [THIRD, '', 'bob', 'incident 8'],
    ]);
    expect(v.links[0]!.linkedAt).toBe(T + 10_000);
    expect(v.problems).toEqual([]);
  });

  it('drops an unlinked incident, and links it again afresh', () => {
    expect(view([link(1, OTHER, 'link'), link(2, OTHER, 'unlink')]).links).toEqual([]);
    const again = view([link(1, OTHER, 'link', 'first'), link(2, OTHER, 'unlink'), link(3, OTHER, 'link', 'second', 'carl')]);
    expect(again.links.map((l) => [l.note, l.linkedBy])).toEqual([['second', 'carl']]);
  });

  it('refuses in words a second link, an unlink of what is not linked, and a link to itself', () => {
    const v = view([link(1, OTHER, 'link'), link(2, OTHER, 'link'), link(3, THIRD, 'unlink'), link(4, INC, 'link')]);
    expect(v.links.map((l) => l.incidentId)).toEqual([OTHER]);
    expect(v.problems.map((p) => p.message)).toEqual([
      'this incident is already linked to "incident 9"',
      `this incident is not linked to ${THIRD}`,
      'an incident cannot be linked to itself',
    ]);
  });
});
