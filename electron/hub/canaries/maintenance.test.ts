import { describe, expect, it } from 'vitest';
import { maintenanceSchema } from '../../../shared/model/canary-checks.ts';
import { covers, occurrences, windowsFor, zonedTime } from './maintenance.ts';

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
    expect(iso(zonedTime(2026, 0, 15, 9, 0, 'America/New_York'))).toBe('2026-01-15T14:00:00.000Z');
    expect(iso(zonedTime(2026, 6, 15, 9, 0, 'America/New_York'))).toBe('2026-07-15T13:00:00.000Z');
  });
});
