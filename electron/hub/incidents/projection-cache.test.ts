import { mkdtemp, rm } from 'node:fs/promises';
import type { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ulid } from 'ulid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newTimelineEntrySchema, type NewTimelineEntry } from '../../../shared/model/incident.ts';
import { projectTimeline } from '../../../shared/domain/incidents/timeline.ts';
import { openDatabase } from '../store/db.ts';
import { IncidentRepository } from '../store/incidents.ts';
import { CommandRefused } from './errors.ts';
import { IncidentService, PROJECTED_ENTRY_BYTES } from './service.ts';

const MIN = 60_000;
const T0 = Date.UTC(2025, 5, 14, 19, 0);
const actor = { tokenId: 'tok', tokenName: 'console 1' };
const events = { entry() {}, summary() {}, change() {}, changeWithdrawn() {} };

let dir: string;
let db: DatabaseSync;
let clock: number;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mc-projections-'));
  db = openDatabase(join(dir, 'x.sqlite'));
  clock = T0;
});
afterEach(async () => {
  db.close();
  await rm(dir, { recursive: true, force: true });
});

const service = (projectionsKept?: number, projectionBytes?: number) =>
  new IncidentService(new IncidentRepository(db), {
    now: () => clock,
    timeZone: () => 'UTC',
    events,
    ...(projectionsKept === undefined ? {} : { projectionsKept }),
    ...(projectionBytes === undefined ? {} : { projectionBytes }),
  });
const entry = (incidentId: string, fields: Record<string, unknown>): NewTimelineEntry =>
  newTimelineEntrySchema.parse({ id: ulid(), incidentId, text: '', occurredAt: clock, author: 'ann', console: 'c1', ...fields });
const declare = (hub: IncidentService, title: string): string => hub.declare({ id: ulid(), title, severity: 2, author: 'ann', console: 'c1' }, actor).incident.id;
/** An edit of a stored entry: its next version. */
const edit = (hub: IncidentService, id: string, fields: Record<string, unknown>): NewTimelineEntry => {
  const { seq: _s, recordedAt: _r, ...rest } = hub.entry(id)!;
  return newTimelineEntrySchema.parse({ ...rest, id: ulid(), supersedes: id, ...fields });
};

describe("an incident's kept projection", () => {
  it('reads as a fresh projection of the log after notes, edits, deletions and time passing', () => {
    const hub = service();
    const id = declare(hub, 'EU edge 403s');
    const fresh = () => projectTimeline(hub.timeline(id).log, { now: clock });
    expect(hub.timeline(id).view).toEqual(fresh());

    const note = entry(id, { kind: 'note', text: 'origin returns 403' });
    hub.command(note, actor);
    expect(hub.timeline(id).view.entries.map((e) => e.text)).toContain('origin returns 403');
    hub.command(edit(hub, note.id, { text: 'origin returns 403 for /entitlement' }), actor);
    expect(hub.timeline(id).view.entries.map((e) => e.text)).toContain('origin returns 403 for /entitlement');
    expect(hub.timeline(id).view).toEqual(fresh());
    hub.command(edit(hub, hub.timeline(id).view.entries.find((e) => e.kind === 'note')!.id, { deleted: true }), actor);
    expect(hub.timeline(id).view.entries.some((e) => e.kind === 'note')).toBe(false);

    const task = entry(id, { kind: 'task', text: 'check the CDN logs', data: { owner: 'bob', done: false, dueAt: clock + 10 * MIN } });
    hub.command(task, actor);
    hub.command(entry(id, { kind: 'handoff', data: { step: 'offer', role: 'commander', from: 'ann', to: 'bob' } }), actor);
    expect(hub.timeline(id).view.overdueTasks).toEqual([]);
    expect(hub.timeline(id).view.handoffs.map((h) => h.state)).toEqual(['pending']);
    // Nothing logged since: the clock alone makes the task overdue and the offer expire.
    clock += 15 * MIN;
    expect(hub.timeline(id).view.overdueTasks.map((t) => t.text)).toEqual(['check the CDN logs']);
    expect(hub.timeline(id).view.handoffs.map((h) => h.state)).toEqual(['expired']);
    expect(hub.timeline(id).view).toEqual(fresh());
    expect(hub.postmortem(id)).toEqual(service(0).postmortem(id));

    hub.command(edit(hub, task.id, { data: { owner: 'bob', done: true, dueAt: T0 + 10 * MIN } }), actor);
    expect(hub.timeline(id).view.overdueTasks).toEqual([]);
    expect(hub.timeline(id).view).toEqual(fresh());
  });

  it('is kept between reads while the log is unchanged, and no longer once it grows', () => {
    const hub = service();
    const id = declare(hub, 'EU edge 403s');
    const first = hub.timeline(id).view;
    clock += MIN;
    expect(hub.timeline(id).view.entries).toBe(first.entries);
    hub.command(entry(id, { kind: 'note', text: 'origin returns 403' }), actor);
    expect(hub.timeline(id).view.entries).not.toBe(first.entries);
  });

  it('keeps at most the projections it is allowed, the least recently read dropped first', () => {
    const hub = service(2);
    const [a, b, c] = ['one', 'two', 'three'].map((title) => declare(hub, title)) as [string, string, string];
    const entriesOf = (id: string) => hub.timeline(id).view.entries;
    const kept = { a: entriesOf(a), b: entriesOf(b) };
    expect(entriesOf(a)).toBe(kept.a); // a read again: b is now the least recent
    entriesOf(c);
    expect(entriesOf(a)).toBe(kept.a);
    expect(entriesOf(b)).not.toBe(kept.b);
  });

  it('weighs what it keeps: a few huge incidents push each other out while many small ones stay', () => {
    const setup = service();
    const small = Array.from({ length: 20 }, (_, i) => declare(setup, `small ${i}`));
    const huge = ['huge A', 'huge B'].map((title) => {
      const id = declare(setup, title);
      for (let i = 0; i < 120; i++) setup.command(entry(id, { kind: 'note', text: `line ${i}` }), actor);
      return id;
    }) as [string, string];
    const entriesIn = (id: string) => setup.timeline(id).log.length;
    // Room for every small incident and one huge one, not two; the count alone (10,000) would keep all.
    const smallWeight = small.reduce((sum, id) => sum + entriesIn(id), 0);
    const hub = service(undefined, (smallWeight + 1.5 * entriesIn(huge[0])) * PROJECTED_ENTRY_BYTES);
    const entriesOf = (id: string) => hub.timeline(id).view.entries;
    const kept = small.map(entriesOf);
    const smallStayed = () => small.forEach((id, i) => expect(entriesOf(id), `small ${i}`).toBe(kept[i]));

    // Each time, the reports read the small ones again before the next huge one: it is the least recent.
    const a = entriesOf(huge[0]);
    expect(entriesOf(huge[0])).toBe(a);
    smallStayed();
    const b = entriesOf(huge[1]);
    smallStayed();
    expect(entriesOf(huge[0])).not.toBe(a); // B pushed A out
    smallStayed();
    expect(entriesOf(huge[1])).not.toBe(b); // and A, read again, pushed B out
    smallStayed();
  });

  it('lets commands on an incident it no longer keeps check against its log as before', () => {
    const hub = service(1);
    const id = declare(hub, 'EU edge 403s');
    const note = entry(id, { kind: 'note', text: 'origin returns 403' });
    hub.command(note, actor);
    hub.command(entry(id, { kind: 'handoff', data: { step: 'offer', role: 'commander', from: 'ann', to: 'bob' } }), actor);
    declare(hub, 'Checkout errors'); // the only one kept now
    // A revision is checked against the projection (who may edit), an answer against the offer.
    const bobEdits = { ...edit(hub, note.id, { text: 'rewritten' }), author: 'bob' };
    expect(() => hub.command(bobEdits, actor)).toThrow(CommandRefused);
    expect(() => hub.command(bobEdits, actor)).toThrow("bob may not change ann's entry");
    const offer = hub.timeline(id).view.handoffs[0]!;
    declare(hub, 'Payment timeouts');
    hub.command(entry(id, { kind: 'handoff', author: 'bob', data: { step: 'accept', offerId: offer.offerId } }), actor);
    declare(hub, 'Login failures');
    hub.command(bobEdits, actor); // bob commands now
    expect(hub.timeline(id).view).toEqual(projectTimeline(hub.timeline(id).log, { now: clock }));
    expect(hub.timeline(id).view.roles.commander).toEqual(['bob']);
    expect(hub.timeline(id).view.entries.find((e) => e.kind === 'note')?.text).toBe('rewritten');
    expect(service().list()).toEqual(hub.list());
  });
});
