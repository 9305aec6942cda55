import { describe, expect, it } from 'vitest';
import { projectTimeline } from '../../shared/domain/incidents/timeline.ts';
import type { IncidentCommand } from '../../shared/protocol/incidents.ts';
import { newId } from '../transport/outbox.ts';
import type { OutboxItem } from '../transport/outbox.ts';
import { causeChoices, currentRecord, recordChange, serviceChoices, withKnownCause } from './record.ts';
import { testIncident } from './test-entries.ts';

const T = Date.UTC(2026, 6, 1, 12, 0, 0);
const MIN = 60_000;
const incidentId = newId();
const { entry: e, queued: queuedAt } = testIncident(incidentId, T);
const queued = (payload: Partial<IncidentCommand>, refused = false) => queuedAt({ occurredAt: T + 9 * MIN, ...payload }, refused);

const log = [
  e({ kind: 'bookkeeping', data: { title: 'Paying viewers denied', service: 'entitlement' } }),
  e({ kind: 'marker', data: { marker: 'declared' } }),
  e({ kind: 'severity', data: { severity: 1 } }),
  e({ kind: 'bookkeeping', author: 'bob', occurredAt: T + 5 * MIN, data: { region: 'eu-west', rootCauseCategory: 'change' } }),
  e({ kind: 'bookkeeping', author: 'ann', occurredAt: T + 7 * MIN, data: { region: null, impact: 'EU viewers could not start playback' } }),
];

describe('the incident record', () => {
  it('folds bookkeeping entries in timeline order: a field given replaces, null clears, each with who set it', () => {
    const record = currentRecord(projectTimeline(log, { now: T + 10 * MIN }));
    expect(record.title).toEqual({ value: 'Paying viewers denied', by: 'ann', at: T, pending: false });
    expect(record.service.value).toBe('entitlement');
    expect(record.rootCauseCategory).toMatchObject({ value: 'change', by: 'bob', at: T + 5 * MIN });
    expect(record.region).toMatchObject({ value: null, by: 'ann', at: T + 7 * MIN });
    expect(record.impact.value).toBe('EU viewers could not start playback');
    expect(record.platform).toEqual({ value: null, by: null, at: null, pending: false });
  });

  it("shows this console's unsent bookkeeping on top, marked, but not a refused one", () => {
    const outbox = [queued({ kind: 'bookkeeping', data: { platform: 'web' } }), queued({ kind: 'bookkeeping', data: { service: 'cdn' } }, true)];
    const record = currentRecord(projectTimeline(log, { now: T + 10 * MIN }), outbox);
    expect(record.platform).toMatchObject({ value: 'web', by: 'cat', pending: true });
    expect(record.service).toMatchObject({ value: 'entitlement', pending: false });
  });

  it('a command the hub has stored and broadcast, its ack not yet in, counts once and is no longer pending', () => {
    const platform = e({ kind: 'bookkeeping', author: 'cat', occurredAt: T + 9 * MIN, data: { platform: 'web' } });
    const item = { ...queued({ kind: 'bookkeeping', data: { platform: 'web' } }), id: platform.id } as OutboxItem;
    const record = currentRecord(projectTimeline([...log, platform], { now: T + 10 * MIN }), [item]);
    expect(record.platform).toEqual({ value: 'web', by: 'cat', at: T + 9 * MIN, pending: false });
  });

  it('an unsent declaration gives the title, priority and service', () => {
    const declare = { id: incidentId, type: 'declare', incidentId, queuedAt: T, attempts: 0, payload: { id: incidentId, title: 'CDN 5xx', severity: 2, priority: 'P2', service: 'cdn', author: 'ann', console: 'c' } } as OutboxItem;
    const record = currentRecord(projectTimeline([], { now: T }), [declare]);
    expect([record.title.value, record.priority.value, record.service.value, record.region.value]).toEqual(['CDN 5xx', 'P2', 'cdn', null]);
    expect(record.title.pending).toBe(true);
  });

  it('a save sends only the fields that changed, trimmed, a blank one cleared, with a sentence for the timeline', () => {
    const record = currentRecord(projectTimeline(log, { now: T + 10 * MIN }));
    const change = recordChange(record, { service: ' entitlement ', rootCauseCategory: 'config', impact: '', region: ' eu-west-1 ', priority: 'P1' });
    expect(change).toEqual({
      kind: 'change',
      data: { priority: 'P1', region: 'eu-west-1', rootCauseCategory: 'config', impact: null },
      text: 'Record — priority: P1; region: eu-west-1; root cause category: config; impact cleared',
    });
    expect(recordChange(record, { service: 'entitlement', region: '  ', platform: '' })).toEqual({ kind: 'none' });
    expect(recordChange(record, {})).toEqual({ kind: 'none' });
  });

  it('refuses, in words, what the hub would refuse: a blank title, an unknown priority, an overlong value', () => {
    const record = currentRecord(projectTimeline(log, { now: T + 10 * MIN }));
    expect(recordChange(record, { title: ' ' })).toMatchObject({ kind: 'invalid', message: expect.stringContaining('title cannot be blank') });
    expect(recordChange(record, { priority: 'urgent' })).toMatchObject({ kind: 'invalid', message: 'Priority: one of P1, P2, P3, P4' });
    const long = recordChange(record, { region: 'x'.repeat(121) });
    expect(long).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/^Region: .*120/) });
  });

  it("keeps a long value whole in the data and short in the timeline's sentence", () => {
    const record = currentRecord(projectTimeline(log, { now: T }));
    const impact = `Viewers\nin the EU ${'could not play '.repeat(20)}`.trim();
    const change = recordChange(record, { impact });
    expect(change.kind === 'change' && change.data.impact).toBe(impact);
    expect(change.kind === 'change' && change.text).toMatch(/^Record — impact: Viewers in the EU could not play .{40,}…$/);
    expect(change.kind === 'change' && change.text.length).toBeLessThan(100);
  });
});

describe('service choices', () => {
  it("are the teams' services, each once with its first team, by name", () => {
    const teams = [
      { id: 'identity', name: 'Identity', services: ['login', 'entitlement'] },
      { id: 'streaming', services: ['playback', 'cdn', 'login'] },
    ];
    expect(serviceChoices(teams)).toEqual([
      { service: 'cdn', team: 'streaming' },
      { service: 'entitlement', team: 'Identity' },
      { service: 'login', team: 'Identity' },
      { service: 'playback', team: 'streaming' },
    ]);
    expect(serviceChoices(undefined)).toEqual([]);
  });
});

describe('cause choices', () => {
  it("are the workspace's causes (else the usual ones), then those used in the room's incidents", () => {
    expect(causeChoices(['Change', 'Capacity'], ['vendor outage', 'change', null])).toEqual(['Change', 'Capacity', 'vendor outage']);
    expect(causeChoices(undefined, ['vendor outage'])).toEqual(expect.arrayContaining(['change', 'capacity', 'vendor outage']));
  });

  it('save a known cause typed another way in its known spelling, and a new one as typed', () => {
    const known = ['Change', 'Config change'];
    expect(withKnownCause({ rootCauseCategory: ' config-Change ', region: 'eu' }, known)).toEqual({ rootCauseCategory: 'Config change', region: 'eu' });
    expect(withKnownCause({ rootCauseCategory: 'cosmic ray' }, known)).toEqual({ rootCauseCategory: 'cosmic ray' });
    expect(withKnownCause({ rootCauseCategory: '' }, known)).toEqual({ rootCauseCategory: '' });
    // the record already says "Change": typing "change" is no change to send
    const current = currentRecord(projectTimeline([...log, e({ kind: 'bookkeeping', occurredAt: T + 8 * MIN, data: { rootCauseCategory: 'Change' } })], { now: T + 10 * MIN }), []);
    expect(recordChange(current, withKnownCause({ rootCauseCategory: 'change ' }, known))).toEqual({ kind: 'none' });
  });
});
