import { mkdtemp, rm } from 'node:fs/promises';
import type { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ulid } from 'ulid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newTimelineEntrySchema, type NewTimelineEntry, type TimelineEntry } from '../../../shared/model/incident.ts';
import { declareIncidentSchema, type IncidentSummary } from '../../../shared/protocol/incidents.ts';
import { openDatabase } from '../store/db.ts';
import { IncidentRepository } from '../store/incidents.ts';
import { CommandRefused } from './errors.ts';
import { IncidentService, type IncidentEvents } from './service.ts';

const MIN = 60_000;
const T0 = Date.UTC(2025, 5, 14, 19, 0);
const actor = { tokenId: 'tok', tokenName: 'console 1' };

let dir: string;
let db: DatabaseSync;
let clock: number;
let heard: { entries: TimelineEntry[]; summaries: IncidentSummary[] };

const events: IncidentEvents = {
  entry: (e) => heard.entries.push(e),
  summary: (s) => heard.summaries.push(s),
  change: () => {},
  changeWithdrawn: () => {},
};
const service = () => new IncidentService(new IncidentRepository(db), { now: () => clock, timeZone: () => 'Europe/London', events });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mc-incidents-'));
  db = openDatabase(join(dir, 'x.sqlite'));
  clock = T0;
  heard = { entries: [], summaries: [] };
});
afterEach(async () => {
  db.close();
  await rm(dir, { recursive: true, force: true });
});

const entry = (incidentId: string, fields: Record<string, unknown>): NewTimelineEntry =>
  newTimelineEntrySchema.parse({ id: ulid(), incidentId, text: '', occurredAt: clock, author: 'ann', console: 'c1', ...fields });

/** A little PRNG, so the mixed run below is the same every time. */
function prng(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe('the incident service', () => {
  it('keeps the same state in memory as a hub rebuilt from the log, whatever mix of commands it took', () => {
    const hub = service();
    const { incident } = hub.declare({ id: ulid(), title: 'EU edge 403s', severity: 2, author: 'ann', console: 'c1' }, actor);
    const random = prng(42);
    const ids: string[] = [];
    let refused = 0;
    const people = ['ann', 'bob', 'carl'];
    for (let i = 0; i < 400; i++) {
      clock += 7_000;
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
      const r = random();
      let draft: NewTimelineEntry;
      if (r < 0.5) draft = entry(incident.id, { kind: pick(['note', 'decision', 'action', 'finding', 'hypothesis', 'todo'] as const), text: `line ${i}` });
      else if (r < 0.6) draft = entry(incident.id, { kind: 'task', text: `task ${i}`, data: { owner: pick(people), dueAt: clock + 10 * MIN } });
      else if (r < 0.7) draft = entry(incident.id, { kind: 'status', data: { status: pick(['investigating', 'identified', 'mitigated', 'monitoring', 'resolved'] as const) } });
      else if (r < 0.75) draft = entry(incident.id, { kind: 'severity', data: { severity: pick([1, 2, 3] as const) } });
      else if (r < 0.8) draft = entry(incident.id, { kind: 'marker', data: { marker: pick(['impact_started', 'detected', 'mitigated'] as const) } });
      else if (r < 0.85) draft = entry(incident.id, { kind: 'handoff', author: 'ann', data: { step: 'offer', role: 'commander', from: pick(people), to: pick(people) } });
      else if (r < 0.9) draft = entry(incident.id, { kind: 'status_update', data: { audience: pick(['internal', 'external'] as const), sentAt: clock } });
      else {
        const target = ids.length ? pick(ids) : null;
        const previous = target ? hub.entry(target) : null;
        if (!previous) continue;
        const { seq: _s, recordedAt: _r, ...rest } = previous;
        draft = newTimelineEntrySchema.parse({ ...rest, id: ulid(), supersedes: previous.id, author: pick(people), ...(random() < 0.3 ? { deleted: true } : { text: `${previous.text} (edited)` }) });
      }
      try {
        hub.command(draft, actor);
        ids.push(draft.id);
      } catch (error) {
        if (!(error instanceof CommandRefused)) throw error;
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(10); // the mix did try illegal things
    const rebuilt = service();
    expect(rebuilt.list()).toEqual(hub.list());
    expect(rebuilt.headSeq).toBe(hub.headSeq);
    // The row SQL reports on is the same projection.
    const row = db.prepare('SELECT title, severity, status FROM incidents WHERE id = ?').get(incident.id);
    const [summary] = hub.list();
    expect(row).toEqual({ title: 'EU edge 403s', severity: summary!.severity, status: summary!.status });
    // And everything that was broadcast is what is stored.
    expect(heard.entries.map((e) => e.seq)).toEqual(hub.sync({ afterSeq: 0, limit: 10_000 }).entries.map((e) => e.seq));
  });

  it('rebuilds links on both sides from the log, and writes nothing for a refused link', () => {
    const hub = service();
    const a = hub.declare({ id: ulid(), title: 'Checkout errors', severity: 2, author: 'ann', console: 'c1' }, actor).incident;
    clock += MIN;
    const b = hub.declare({ id: ulid(), title: 'Payment gateway timeouts', severity: 2, author: 'ann', console: 'c1' }, actor).incident;
    hub.command(entry(b.id, { kind: 'link', text: 'same PSP', author: 'bob', data: { other: a.id } }), actor);
    const head = hub.headSeq;
    expect(() => hub.command(entry(a.id, { kind: 'link', data: { other: b.id } }), actor)).toThrow('this incident is already linked to "Payment gateway timeouts"');
    expect(hub.headSeq).toBe(head);
    const rebuilt = service();
    for (const [id, other] of [
      [a.id, b.id],
      [b.id, a.id],
    ] as const) {
      expect(rebuilt.related(id).map((r) => [r.id, r.linked?.by, r.linked?.note])).toEqual([[other, 'bob', 'same PSP']]);
      expect(rebuilt.postmortem(id).linkedIncidents.map((l) => l.id)).toEqual([other]);
    }
  });

  it('records the affected service and priority given at declare time in the first bookkeeping entry', () => {
    const hub = service();
    const { incident } = hub.declare(declareIncidentSchema.parse({ id: ulid(), title: 'Paying viewers denied', severity: 1, priority: 'P1', service: ' entitlement ', author: 'ann', console: 'c1' }), actor);
    const first = hub.sync({ incidentId: incident.id, afterSeq: 0 }).entries[0]!;
    expect(first).toMatchObject({ kind: 'bookkeeping', author: 'ann', data: { title: 'Paying viewers denied', priority: 'P1', service: 'entitlement' } });
    expect(hub.timeline(incident.id).record).toMatchObject({ service: 'entitlement', priority: 'P1' });
    expect(service().timeline(incident.id).record).toMatchObject({ service: 'entitlement', priority: 'P1' });
    // Without one, nothing is recorded for it (a later bookkeeping entry sets it).
    const bare = hub.declare({ id: ulid(), title: 'x', severity: 3, author: 'ann', console: 'c1' }, actor).incident;
    expect(hub.sync({ incidentId: bare.id, afterSeq: 0 }).entries[0]!.data).toEqual({ title: 'x' });
    expect(() => declareIncidentSchema.parse({ id: ulid(), title: 'x', severity: 3, service: '  ', author: 'ann', console: 'c1' })).toThrow();
  });

  it('stores nothing and broadcasts nothing for a refused command', () => {
    const hub = service();
    const { incident } = hub.declare({ id: ulid(), title: 'x', severity: 1, author: 'ann', console: 'c1' }, actor);
    const head = hub.headSeq;
    const heardBefore = heard.entries.length;
    const severity = hub.sync({ incidentId: incident.id, afterSeq: 0 }).entries.find((e) => e.kind === 'severity')!;
    const { seq: _s, recordedAt: _r, ...rest } = severity;
    const deleteSeverity = newTimelineEntrySchema.parse({ ...rest, id: ulid(), supersedes: severity.id, deleted: true });
    expect(() => hub.command(deleteSeverity, actor)).toThrow('the incident needs a severity: log the right one instead of deleting it');
    expect(() => hub.command(entry(incident.id, { kind: 'note', deleted: true }), actor)).toThrow('a deletion must name the entry it deletes');
    expect(hub.headSeq).toBe(head);
    expect(heard.entries.length).toBe(heardBefore);
    expect((db.prepare('SELECT count(*) AS n FROM entries').get() as { n: number }).n).toBe(head);
  });

  it('pages a catch-up and refuses to rewrite the log in SQL', () => {
    const hub = service();
    const { incident } = hub.declare({ id: ulid(), title: 'x', severity: 3, author: 'ann', console: 'c1' }, actor);
    for (let i = 0; i < 10; i++) hub.command(entry(incident.id, { kind: 'note', text: `n${i}` }), actor);
    const page = hub.sync({ afterSeq: 2, limit: 5 });
    expect(page.entries.map((e) => e.seq)).toEqual([3, 4, 5, 6, 7]);
    expect(page).toMatchObject({ more: true, headSeq: 14 });
    expect(hub.sync({ afterSeq: 7, limit: 10 })).toMatchObject({ more: false });
    expect(() => db.exec("UPDATE entries SET payload = '{}' WHERE seq = 5")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM entries')).toThrow(/append-only/);
  });

  it('broadcasts a summary only when the banner changes', () => {
    const hub = service();
    const { incident } = hub.declare({ id: ulid(), title: 'x', severity: 1, author: 'ann', console: 'c1' }, actor);
    const after = heard.summaries.length;
    hub.command(entry(incident.id, { kind: 'note', text: 'just words' }), actor);
    expect(heard.summaries.length).toBe(after);
    hub.command(entry(incident.id, { kind: 'status', data: { status: 'investigating' } }), actor);
    expect(heard.summaries.at(-1)).toMatchObject({ status: 'investigating', nextUpdateDue: { audience: 'internal', dueAt: T0 + 5 * MIN } });
  });

  it('marks mitigated and resolved when the status reaches them, once, in the same commit, so the durations follow', () => {
    const hub = service();
    const { incident } = hub.declare({ id: ulid(), title: 'x', severity: 1, author: 'ann', console: 'c1' }, actor);
    hub.command(entry(incident.id, { kind: 'marker', occurredAt: T0 - 10 * MIN, data: { marker: 'impact_started' } }), actor);
    clock += 30 * MIN;
    const mitigate = entry(incident.id, { kind: 'status', occurredAt: clock - 2 * MIN, data: { status: 'mitigated' } });
    const { seq } = hub.command(mitigate, actor);
    const marker = heard.entries.at(-1)!;
    expect(marker).toMatchObject({ kind: 'marker', seq: seq + 1, occurredAt: clock - 2 * MIN, author: 'ann', data: { marker: 'mitigated' }, pinned: true });
    expect(hub.timeline(incident.id).view.markers.mitigated).toBe(clock - 2 * MIN);
    // A retry is answered from the first commit: no second marker.
    expect(hub.command(mitigate, actor)).toEqual({ seq, duplicate: true });
    // Impact returns and is mitigated again: the first mitigation stays the one marked (re-mark by hand to move it).
    hub.command(entry(incident.id, { kind: 'status', data: { status: 'investigating' } }), actor);
    hub.command(entry(incident.id, { kind: 'status', data: { status: 'mitigated' } }), actor);
    expect(hub.sync({ incidentId: incident.id, afterSeq: 0 }).entries.filter((e) => e.kind === 'marker' && e.data.marker === 'mitigated')).toHaveLength(1);
    clock += 10 * MIN;
    hub.command(entry(incident.id, { kind: 'status', data: { status: 'resolved' } }), actor);
    const { view, record } = hub.timeline(incident.id);
    expect(view.markers.resolved).toBe(clock);
    expect(record.endedAt).toBe(clock);
    // A rebuilt hub reads the same markers from the log.
    expect(service().timeline(incident.id).view.markers).toEqual(view.markers);
  });

  it('syncs only the entries of open incidents when asked, a page at a time', () => {
    const hub = service();
    const closed = hub.declare({ id: ulid(), title: 'old', severity: 3, author: 'ann', console: 'c1' }, actor).incident;
    const open = hub.declare({ id: ulid(), title: 'now', severity: 2, author: 'ann', console: 'c1' }, actor).incident;
    for (let i = 0; i < 3; i++) hub.command(entry(closed.id, { kind: 'note', text: `old ${i}` }), actor);
    for (let i = 0; i < 3; i++) hub.command(entry(open.id, { kind: 'note', text: `now ${i}` }), actor);
    hub.command(entry(closed.id, { kind: 'status', data: { status: 'resolved' } }), actor);
    const first = hub.sync({ afterSeq: 0, open: true, limit: 5 });
    expect(first.entries.every((e) => e.incidentId === open.id)).toBe(true);
    expect(first).toMatchObject({ more: true, headSeq: hub.headSeq });
    const rest = hub.sync({ afterSeq: first.entries.at(-1)!.seq, open: true, limit: 5 });
    expect(rest.more).toBe(false);
    expect([...first.entries, ...rest.entries].map((e) => e.text).filter(Boolean)).toEqual(['now', 'now 0', 'now 1', 'now 2']);
    expect(hub.sync({ afterSeq: 0 }).entries.filter((e) => e.incidentId === closed.id).length).toBeGreaterThan(4);
  });
});
