import { describe, expect, it } from 'vitest';
import { FIX_LOOKBACK_MS, fixesSince, isoWeeksBetween } from './weekend.ts';

const at = (iso: string) => Date.parse(iso);

describe('weekend inputs', () => {
  it('a weekend from Friday evening to Monday morning touches two ISO weeks; one ending at midnight Monday only one', () => {
    expect(isoWeeksBetween(at('2026-06-05T16:00:00Z'), at('2026-06-08T06:00:00Z'), 'Africa/Johannesburg')).toEqual(['2026-W23', '2026-W24']);
    expect(isoWeeksBetween(at('2026-06-05T16:00:00Z'), at('2026-06-07T22:00:00Z'), 'Africa/Johannesburg')).toEqual(['2026-W23']);
  });

  it('counts closed follow-ups and changes to services hurt within four weeks before, since last weekend only', () => {
    const since = at('2026-06-01T06:00:00Z');
    const until = at('2026-06-05T10:00:00Z');
    const fixes = fixesSince({
      since,
      until,
      followUps: [
        { text: 'add origin alarms', owner: '@ann', service: 'cdn', closedAt: at('2026-06-03T10:00:00Z') },
        { text: 'still open', closedAt: null },
        { text: 'closed before', closedAt: at('2026-05-30T10:00:00Z') },
      ],
      changes: [
        { at: at('2026-06-02T08:00:00Z'), service: 'cdn', kind: 'feature_flag', description: 'shield on', author: 'bob' },
        { at: at('2026-06-02T09:00:00Z'), service: 'login', kind: 'deploy', description: 'unrelated' },
        { at: at('2026-06-02T10:00:00Z'), service: 'drm', kind: 'config', description: 'too long after its incident' },
      ],
      incidents: [
        { service: 'cdn', startedAt: at('2026-05-31T20:00:00Z') },
        { service: 'drm', startedAt: at('2026-06-02T10:00:00Z') - FIX_LOOKBACK_MS - 1 },
      ],
    });
    expect(fixes).toEqual([
      { title: 'feature flag: shield on', closedAt: at('2026-06-02T08:00:00Z'), service: 'cdn', owner: 'bob' },
      { title: 'add origin alarms', closedAt: at('2026-06-03T10:00:00Z'), owner: '@ann', service: 'cdn' },
    ]);
  });
});
