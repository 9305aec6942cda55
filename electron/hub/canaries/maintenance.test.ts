import { describe, expect, it } from 'vitest';
import { maintenanceSchema } from '../../../shared/model/canary-checks.ts';
import { covers, localOccurrence, occurrences, windowsFor } from './maintenance.ts';

const w = (input: Record<string, unknown>) => maintenanceSchema.parse(input);
const iso = (t: number) => new Date(t).toISOString();

describe('maintenance windows', () => {
  it('a weekly window in a zone, across the clocks going back', () => {
    // Europe/London leaves BST on Sunday 26 October 2025.
    const nightly = w({ id: 'db', days: ['sat', 'mon'], at: '02:30', duration: '1h', timezone: 'Europe/London', reason: 'DB patching' });
    const found = occurrences(nightly, Date.parse('2025-10-24T00:00:00Z'), Date.parse('2025-10-28T00:00:00Z'), 'UTC');
    expect(found.map((o) => [iso(o.startsAt), iso(o.endsAt), o.reason])).toEqual([
      ['2025-10-25T01:30:00.000Z', '2025-10-25T02:30:00.000Z', 'DB patching'], // Saturday, BST (UTC+1)
      ['2025-10-27T02:30:00.000Z', '2025-10-27T03:30:00.000Z', 'DB patching'], // Monday, GMT
    ]);
    expect(found[0]!.id).toBe(`cfg:db@${found[0]!.startsAt}`);
  });

  it('only the occurrences near now exist: a daily window never becomes an endless list', () => {
    const daily = w({ id: 'daily', at: '03:00', duration: '30m' });
    const now = Date.parse('2026-03-10T12:00:00Z');
    const held = windowsFor([daily], { id: 'x', service: null }, now, 'Africa/Johannesburg');
    expect(held.map((o) => iso(o.startsAt))).toEqual(['2026-03-11T01:00:00.000Z', '2026-03-12T01:00:00.000Z']);
  });

  it('one-off windows, and the scope by check id or service', () => {
    const once = w({ id: 'cdn', from: '2026-03-10T22:00:00+00:00', to: '2026-03-10T23:00:00+00:00', services: ['cdn'], checks: ['manifest'] });
    expect(covers(once, { id: 'manifest', service: null })).toBe(true);
    expect(covers(once, { id: 'x', service: 'cdn' })).toBe(true);
    expect(covers(once, { id: 'x', service: 'login' })).toBe(false);
    expect(covers(w({ id: 'all', at: '01:00', duration: '1m' }), { id: 'x', service: null })).toBe(true);
    expect(occurrences(once, Date.parse('2026-03-10T00:00:00Z'), Date.parse('2026-03-11T00:00:00Z'), 'UTC')).toEqual([
      { id: 'cfg:cdn', startsAt: Date.parse('2026-03-10T22:00:00Z'), endsAt: Date.parse('2026-03-10T23:00:00Z') },
    ]);
  });

  it('wall-clock time in a zone', () => {
    expect(iso(localOccurrence({ year: 2026, month: 1, day: 15 }, 9, 0, 60_000, 'America/New_York').startsAt)).toBe('2026-01-15T14:00:00.000Z');
    expect(iso(localOccurrence({ year: 2026, month: 7, day: 15 }, 9, 0, 60_000, 'America/New_York').startsAt)).toBe('2026-07-15T13:00:00.000Z');
  });

  const nightly = (at: string, duration: string, timezone: string) => w({ id: 'n', at, duration, timezone });
  const spans = (config: ReturnType<typeof w>, from: string, to: string) =>
    occurrences(config, Date.parse(from), Date.parse(to), 'UTC').map((o) => `${iso(o.startsAt)} → ${iso(o.endsAt)}`);

  it('the night the clocks go forward: a window starting in the gap starts when it ends, one wholly inside moves by the gap', () => {
    // New York skips 02:00–03:00 EST on Sunday 8 March 2026 (02:00 EST becomes 03:00 EDT).
    expect(spans(nightly('02:30', '1h', 'America/New_York'), '2026-03-07T00:00:00Z', '2026-03-10T00:00:00Z')).toEqual([
      '2026-03-07T07:30:00.000Z → 2026-03-07T08:30:00.000Z', // 02:30–03:30 EST
      '2026-03-08T07:00:00.000Z → 2026-03-08T07:30:00.000Z', // 03:00–03:30 EDT
      '2026-03-09T06:30:00.000Z → 2026-03-09T07:30:00.000Z', // 02:30–03:30 EDT
    ]);
    expect(spans(nightly('02:10', '30m', 'America/New_York'), '2026-03-08T00:00:00Z', '2026-03-09T00:00:00Z')).toEqual([
      '2026-03-08T07:10:00.000Z → 2026-03-08T07:40:00.000Z', // 03:10–03:40 EDT
    ]);
    // London skips 01:00–02:00 GMT on Sunday 29 March 2026.
    expect(spans(nightly('01:30', '1h', 'Europe/London'), '2026-03-28T00:00:00Z', '2026-03-31T00:00:00Z')).toEqual([
      '2026-03-28T01:30:00.000Z → 2026-03-28T02:30:00.000Z', // 01:30–02:30 GMT
      '2026-03-29T01:00:00.000Z → 2026-03-29T01:30:00.000Z', // 02:00–02:30 BST
      '2026-03-30T00:30:00.000Z → 2026-03-30T01:30:00.000Z', // 01:30–02:30 BST
    ]);
    expect(spans(nightly('01:15', '30m', 'Europe/London'), '2026-03-29T00:00:00Z', '2026-03-30T00:00:00Z')).toEqual([
      '2026-03-29T01:15:00.000Z → 2026-03-29T01:45:00.000Z', // 02:15–02:45 BST
    ]);
  });

  it('the night the clocks go back: a window at a time that happens twice happens once, from the first', () => {
    // New York repeats 01:00–02:00 on Sunday 1 November 2026 (EDT, then EST).
    expect(spans(nightly('01:30', '1h', 'America/New_York'), '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z')).toEqual([
      '2026-11-01T05:30:00.000Z → 2026-11-01T06:30:00.000Z', // from 01:30 EDT
    ]);
    // London repeats 01:00–02:00 on Sunday 25 October 2026 (BST, then GMT).
    expect(spans(nightly('01:30', '1h', 'Europe/London'), '2026-10-24T12:00:00Z', '2026-10-26T00:00:00Z')).toEqual([
      '2026-10-25T00:30:00.000Z → 2026-10-25T01:30:00.000Z', // from 01:30 BST
    ]);
  });
});
