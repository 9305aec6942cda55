import { describe, expect, it } from 'vitest';
import { planSchema } from '../../model/plan.ts';
import type { PlatformState } from './platform-state.ts';
import { platformConcerns } from './platform-state.ts';
import { weekendReadinessReport } from './reports.ts';

// A plan with nothing left to do: its own readiness alone says READY.
const plan = planSchema.parse({
  version: 1,
  event: { name: 'Weekend', type: 'weekend', tier: 2, timezone: 'Europe/London', start: '2026-06-05T18:00', end: '2026-06-08T08:00', owner: '@duty', successCriteria: ['calm'] },
  people: { roster: [{ person: '@primary', role: 'primary on-call', shift: { from: 'T0', to: 'T+2d14h' } }] },
});
const FRIDAY = Date.UTC(2026, 5, 5, 14, 0); // 15:00 in London

const calm: PlatformState = {
  openIncidents: [{ id: 'INC-7', title: 'Slow thumbnails', severity: 4, status: 'monitoring', declaredAt: FRIDAY - 3_600_000 }],
  canaries: { total: 3, notPassing: [] },
  slos: [{ name: 'Playback availability', alert: 'ok', remaining: 0.82, coverage: null, error: null }],
  overdueFollowUps: 0,
};
const troubled: PlatformState = {
  openIncidents: [{ id: 'INC-9', title: 'Entitlement 403s | *login*', severity: 2, status: 'investigating', declaredAt: FRIDAY - 2 * 3_600_000 }],
  canaries: {
    total: 3,
    notPassing: [
      { name: 'Login journey', status: 'failing-confirmed', critical: true, since: FRIDAY - 30 * 60_000, message: 'expected status 200, got 403' },
      { name: 'Thumbnails', status: 'flaky', critical: false, since: null, message: null },
    ],
  },
  slos: [
    { name: 'Entitlement availability', alert: 'page', remaining: -0.4, coverage: 'over the 3 d with data, of 28 d', error: null },
    { name: 'API latency', alert: null, remaining: null, coverage: null, error: 'connect ECONNREFUSED 127.0.0.1:9090' },
  ],
  overdueFollowUps: 2,
};

describe('the platform entering the weekend, in the Friday report', () => {
  it('a SEV1/SEV2 open, a critical canary failing or an SLO paging bars READY; lesser trouble does not', () => {
    expect(platformConcerns(calm)).toEqual([]);
    expect(platformConcerns(troubled)).toEqual(['SEV2 open: Entitlement 403s | *login*', 'critical canary failing: Login journey', 'SLO paging: Entitlement availability']);
  });

  it('turns a READY plan into READY WITH GAPS and says why, with the incidents, canaries and SLOs behind it', () => {
    expect(weekendReadinessReport({ plan, now: FRIDAY, fixesSinceLastWeekend: [], platform: calm })).toContain('## Verdict: READY\n');
    const md = weekendReadinessReport({ plan, now: FRIDAY, fixesSinceLastWeekend: [], platform: troubled });
    expect(md).toContain('## Verdict: READY WITH GAPS');
    expect(md).toContain('## Platform entering the weekend');
    // Run days ahead with an item still to do and not yet due: on track, not READY.
    const ahead = planSchema.parse({ ...plan, readiness: [{ id: 'drill', item: 'CDN failover drill', category: 'resilience', owner: '@cdn', due: 'T-1d', status: 'todo' }] });
    expect(weekendReadinessReport({ plan: ahead, now: FRIDAY - 3 * 86_400_000, fixesSinceLastWeekend: [], platform: calm })).toContain('## Verdict: ON TRACK (1 to do, none late)\n');
    expect(md).toContain('- Canaries: 1 of 3 passing or not yet due.');
    expect(md).toContain('- SLOs: 1 of 2 alerting.');
    expect(md).toContain('- Follow-ups overdue: 2.');
    // Outside text is escaped: a title cannot break the table or add emphasis.
    expect(md).toContain('Bars READY: SEV2 open: Entitlement 403s \\| \\*login\\*; critical canary failing: Login journey; SLO paging: Entitlement availability.');
    expect(md).toContain('| INC-9 Entitlement 403s \\| \\*login\\* | SEV2 | investigating | Fri 5 Jun 2026 13:00 |');
    expect(md).toContain('| Login journey | failing-confirmed | yes | Fri 5 Jun 2026 14:30 | expected status 200, got 403 |');
    expect(md).toContain('| Entitlement availability | PAGE | -40% (over the 3 d with data, of 28 d) |');
    expect(md).toContain('| API latency | error | connect ECONNREFUSED 127.0.0.1:9090 |');
  });

  it('is left out when the report has no hub to ask (a plan file alone)', () => {
    expect(weekendReadinessReport({ plan, now: FRIDAY, fixesSinceLastWeekend: [] })).not.toContain('Platform entering the weekend');
  });
});
