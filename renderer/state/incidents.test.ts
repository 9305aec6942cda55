import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../shared/model/incident.ts';
import type { Change, IncidentSummary } from '../../shared/protocol/incidents.ts';
import { newId } from '../transport/outbox.ts';
import type { OutboxItem } from '../transport/outbox.ts';
import { chartAnnotations } from './incident-annotations.ts';
import { CHANGES_WINDOW_MS, incidentNow, MAX_CHANGES, mergeEntries, roomTimeZone } from './incidents.ts';
import { createAppStore } from './store.ts';

const A = newId();
const B = newId();
let seq = 0;
function entry(incidentId: string, fields: Partial<TimelineEntry> & Pick<TimelineEntry, 'kind'>): TimelineEntry {
  seq += 1;
  return { id: newId(), incidentId, text: '', occurredAt: seq * 1000, author: 'ann', console: 'c', data: {}, seq, recordedAt: seq * 1000, ...fields } as TimelineEntry;
}
const summary = (id: string, fields: Partial<IncidentSummary> = {}): IncidentSummary => ({
  id,
  title: 'CDN 403s',
  severity: 1,
  priority: null,
  status: 'investigating',
  open: true,
  commander: 'ann',
  declaredAt: 0,
  impactStartedAt: null,
  openTasks: 0,
  nextTaskDueAt: null,
  nextUpdateDue: null,
  ...fields,
});
const change = (id: string, at: number): Change => ({ id, service: 'cdn-config', description: 'push', author: null, at, kind: 'deploy', url: null, recordedAt: at, incidentIds: [] });

describe('mergeEntries', () => {
  it('appends newer entries per incident, sorts late ones in, and holds each seq once', () => {
    const [a1, a2, b1, a3] = [entry(A, { kind: 'note' }), entry(A, { kind: 'note' }), entry(B, { kind: 'note' }), entry(A, { kind: 'note' })];
    let held = mergeEntries({}, [a1!, b1!]).entries;
    held = mergeEntries(held, [a3!]).entries;
    const late = mergeEntries(held, [a2!, a3!]);
    expect(late.changed).toEqual([A]);
    expect(late.entries[A]!.map((e) => e.seq)).toEqual([a1!.seq, a2!.seq, a3!.seq]);
    expect(late.entries[B]).toBe(held[B]);
    const again = mergeEntries(late.entries, [a1!, b1!]);
    expect(again.changed).toEqual([]);
    expect(again.entries).toBe(late.entries);
  });
});

describe('incidents slice', () => {
  it('takes entries from catch-ups and broadcasts without duplicates, and replaces arrays only when they change', () => {
    const store = createAppStore();
    const e1 = entry(A, { kind: 'note', text: 'one' });
    const e2 = entry(A, { kind: 'note', text: 'two' });
    store.getState().incidentEntriesReceived([e1, e2]);
    const before = store.getState().incidents.entries[A];
    store.getState().incidentEntriesReceived([e2]);
    expect(store.getState().incidents.entries[A]).toBe(before);
    expect(before!.map((e) => e.text)).toEqual(['one', 'two']);
  });

  it('summaries: a list replaces, a broadcast updates one', () => {
    const store = createAppStore();
    store.getState().incidentSummariesReceived([summary(A), summary(B)], true);
    store.getState().incidentSummariesReceived([summary(A, { status: 'mitigated' })], false);
    expect(store.getState().incidents.summaries[A]!.status).toBe('mitigated');
    expect(Object.keys(store.getState().incidents.summaries)).toHaveLength(2);
    store.getState().incidentSummariesReceived([summary(B)], true);
    expect(Object.keys(store.getState().incidents.summaries)).toEqual([B]);
  });

  it('keeps the outbox as the transport reports it', () => {
    const store = createAppStore();
    const item = { id: newId(), type: 'command', incidentId: A, payload: { id: 'x', incidentId: A, kind: 'note', text: 't', occurredAt: 1, author: 'ann', console: 'c', data: {} }, queuedAt: 1, attempts: 0 } as OutboxItem;
    store.getState().incidentOutboxChanged([item]);
    expect(store.getState().incidents.outbox).toEqual([item]);
  });

  it('keeps a day of changes at most, and at most MAX_CHANGES', () => {
    const store = createAppStore();
    const now = 10 * CHANGES_WINDOW_MS;
    store.getState().changesReceived([change('old', now - CHANGES_WINDOW_MS - 1), change('new', now - 1000)], true, now);
    expect(store.getState().incidents.changes.map((c) => c.id)).toEqual(['new']);
    const many = Array.from({ length: MAX_CHANGES + 10 }, (_, i) => change(`c${i}`, now - 900 + i));
    store.getState().changesReceived(many, false, now);
    expect(store.getState().incidents.changes).toHaveLength(MAX_CHANGES);
    expect(store.getState().incidents.changes.at(-1)!.id).toBe(`c${MAX_CHANGES + 9}`);
  });

  it('moves a change edited where it was logged, and drops one withdrawn, markers included', () => {
    const store = createAppStore();
    const now = Date.now();
    store.getState().changesReceived([change('a', now - 5000), change('b', now - 4000)], true, now);
    store.getState().changesReceived([{ ...change('a', now - 3000), description: 'edited' }], false, now);
    expect(store.getState().incidents.changes.map((c) => [c.id, c.at])).toEqual([['b', now - 4000], ['a', now - 3000]]);
    store.getState().changeWithdrawn('b');
    expect(store.getState().incidents.changes.map((c) => c.id)).toEqual(['a']);
    expect(store.getState().incidents.annotations.map((m) => [m.id, m.at])).toEqual([['change:a', now - 3000]]);
  });

  it('forgets the log (entries and summaries) when the hub has another one', () => {
    const store = createAppStore();
    store.getState().incidentEntriesReceived([entry(A, { kind: 'note' })]);
    store.getState().incidentSummariesReceived([summary(A)], true);
    store.getState().incidentLogReset();
    expect(store.getState().incidents.entries).toEqual({});
    expect(store.getState().incidents.summaries).toEqual({});
  });

  it('the room’s zone and the hub’s clock fall back to what was remembered while the hub is away', () => {
    const store = createAppStore();
    expect(roomTimeZone(store.getState())).toBe('UTC');
    store.getState().incidentRemembered({ timeZone: 'Africa/Johannesburg', clockOffsetMs: 5000 });
    expect(roomTimeZone(store.getState())).toBe('Africa/Johannesburg');
    expect(incidentNow(store.getState(), 1000)).toBe(6000);
    store.getState().connectionHello({ version: 'v', role: 'responder', tokenName: 't', serverTime: 1000 + 200, workspace: { workspace: null, issues: null, loadedAt: null } }, 1000);
    expect(incidentNow(store.getState(), 1000)).toBe(1200);
  });
});

describe('chart annotations', () => {
  it('draws the markers of open incidents where they now are (edits and tombstones followed) and the changes', () => {
    seq = 0;
    const impact = entry(A, { kind: 'marker', data: { marker: 'impact_started' }, occurredAt: 1000 });
    const mitigated = entry(A, { kind: 'marker', data: { marker: 'mitigated' }, occurredAt: 5000 });
    const moved = entry(A, { kind: 'marker', data: { marker: 'impact_started' }, occurredAt: 500, supersedes: impact.id });
    const gone = entry(A, { kind: 'marker', data: { marker: 'mitigated' }, occurredAt: 5000, supersedes: mitigated.id, deleted: true });
    const out = chartAnnotations({ [A]: summary(A) }, { [A]: [impact, mitigated, moved, gone] }, [change('d1', 3000)], 10_000);
    expect(out.map((a) => [a.at, a.label, a.tone])).toEqual([
      [500, 'impact', 'critical'],
      [3000, 'deploy · cdn-config', 'info'],
    ]);
  });

  it('names the incident when several are marked, and leaves out incidents resolved long ago', () => {
    seq = 0;
    const a = entry(A, { kind: 'marker', data: { marker: 'impact_started' }, occurredAt: 1000, recordedAt: 1000 });
    const b = entry(B, { kind: 'marker', data: { marker: 'detected' }, occurredAt: 2000, recordedAt: 2000 });
    const both = chartAnnotations({ [A]: summary(A), [B]: summary(B, { severity: 2, title: 'Login errors' }) }, { [A]: [a], [B]: [b] }, [], 3000);
    expect(both.map((x) => x.label)).toEqual(['SEV1 · impact', 'SEV2 · detected']);
    const later = chartAnnotations({ [A]: summary(A), [B]: summary(B, { open: false }) }, { [A]: [a], [B]: [b] }, [], 2000 + 2 * 86_400_000);
    expect(later.map((x) => x.label)).toEqual(['impact']);
  });

  it('keeps the same array when nothing moved, so the charts do not redraw', () => {
    const store = createAppStore();
    store.getState().incidentSummariesReceived([summary(A)], true);
    store.getState().incidentEntriesReceived([entry(A, { kind: 'marker', data: { marker: 'impact_started' } })]);
    const first = store.getState().incidents.annotations;
    expect(first).toHaveLength(1);
    store.getState().incidentSummariesReceived([summary(A, { openTasks: 3 })], false);
    expect(store.getState().incidents.annotations).toBe(first);
  });
});

describe('webhook deliveries in the store', () => {
  it('merges each broadcast by id, keeps the newest state, and stays bounded', () => {
    const store = createAppStore();
    const delivery = (id: string, state: 'pending' | 'retrying' | 'delivered' | 'failed', attempts = 0) => ({
      id,
      webhook: 'war-room',
      incidentId: A,
      event: 'declared' as const,
      summary: 'SEV1 declared',
      state,
      attempts,
      lastError: state === 'failed' ? 'HTTP 404' : null,
      nextAttemptAt: null,
      createdAt: 0,
      settledAt: null,
    });
    const first = newId();
    store.getState().deliveriesReceived([delivery(first, 'pending')], false);
    store.getState().deliveriesReceived([delivery(first, 'retrying', 1)], false);
    store.getState().deliveriesReceived([delivery(first, 'failed', 2)], false);
    expect(store.getState().incidents.deliveries).toEqual([delivery(first, 'failed', 2)]);
    store.getState().deliveriesReceived(Array.from({ length: 250 }, () => delivery(newId(), 'delivered', 1)), false);
    expect(store.getState().incidents.deliveries).toHaveLength(200);
    expect(store.getState().incidents.deliveries.some((d) => d.id === first)).toBe(false);
    store.getState().deliveriesReceived([delivery(first, 'failed', 2)], true);
    expect(store.getState().incidents.deliveries).toHaveLength(1);
  });
});
