import { describe, expect, it } from 'vitest';
import { followUpState, followUpSummary, type FollowUp } from './follow-ups.ts';
import { dominantShare, findRepeats, incidentTrends, median, type IncidentRecord } from './incident-trends.ts';
import { riskBacklog, type BacklogRisk } from './risk-backlog.ts';
import { toilByTeam } from './toil.ts';

const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;
const MON = Date.UTC(2026, 1, 9, 12, 0); // Monday of 2026-W07

describe('incident trends', () => {
  const incidents: IncidentRecord[] = [
    { id: 'a', title: 'A', severity: 2, service: 'entitlement', cause: 'change', startedAt: MON, detectedAt: MON + 4 * MIN, mitigatedAt: MON + 30 * MIN, resolvedAt: MON + 60 * MIN },
    { id: 'b', title: 'B', severity: 3, service: 'cdn', cause: 'capacity', startedAt: MON + DAY, detectedAt: MON + DAY + 10 * MIN, mitigatedAt: MON + DAY + 20 * MIN, resolvedAt: MON + DAY + 40 * MIN },
    { id: 'c', title: 'C', severity: 2, service: 'entitlement', cause: 'change', startedAt: MON + 2 * DAY, detectedAt: MON + 2 * DAY + 2 * MIN, resolvedAt: MON + 2 * DAY + 3 * H },
    { id: 'd', title: 'D', severity: 1, service: 'entitlement', cause: 'change', startedAt: MON + 7 * DAY, detectedAt: MON + 7 * DAY + MIN, mitigatedAt: MON + 7 * DAY + 5 * MIN },
    { id: 'e', title: 'E', severity: 4, startedAt: MON + 8 * DAY, detectedAt: MON + 8 * DAY - MIN },
  ];

  it('gives the median and worst time to detect, mitigate and resolve per week', () => {
    const t = incidentTrends(incidents, 'Europe/London');
    expect(t.weeks.map((w) => w.week)).toEqual(['2026-W07', '2026-W08']);
    const w7 = t.weeks[0]!;
    expect(w7.count).toBe(3);
    expect(w7.detect).toEqual({ n: 3, medianMs: 4 * MIN, worstMs: 10 * MIN });
    expect(w7.mitigate).toEqual({ n: 2, medianMs: 25 * MIN, worstMs: 30 * MIN }); // c was never marked mitigated
    expect(w7.resolve).toEqual({ n: 3, medianMs: 60 * MIN, worstMs: 3 * H });
    // A marker before the start is not a negative duration.
    expect(t.weeks[1]!.detect).toEqual({ n: 1, medianMs: MIN, worstMs: MIN });
  });

  it('counts by cause, service and severity', () => {
    const t = incidentTrends(incidents, 'Europe/London');
    expect(t.byCause).toEqual({ change: 3, capacity: 1, unknown: 1 });
    expect(t.byService).toEqual({ entitlement: 3, cdn: 1, unknown: 1 });
    expect(t.bySeverity).toEqual({ SEV1: 1, SEV2: 2, SEV3: 1, SEV4: 1 });
    expect(t.weeks[0]!.byCause).toEqual({ change: 2, capacity: 1 });
    expect(dominantShare(t.byCause)).toEqual({ key: 'change', share: 0.6 });
    expect(dominantShare({ change: 2, capacity: 2 })).toBeNull();
  });

  it('flags repeats: the same service and cause within the window', () => {
    expect(findRepeats(incidents)).toEqual([
      { id: 'c', repeatOf: 'a', key: 'entitlement · change' },
      { id: 'd', repeatOf: 'c', key: 'entitlement · change' },
    ]);
    expect(findRepeats(incidents, 3 * DAY)).toEqual([{ id: 'c', repeatOf: 'a', key: 'entitlement · change' }]);
    expect(incidentTrends(incidents, 'UTC').weeks.map((w) => w.repeats)).toEqual([1, 1]);
    expect(findRepeats([{ ...incidents[1]!, repeatKey: 'cdn-x' }, { ...incidents[4]!, repeatKey: 'cdn-x' }])).toEqual([{ id: 'e', repeatOf: 'b', key: 'cdn-x' }]);
  });

  it('takes the middle of an even count as the mean of the two', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe('follow-up actions', () => {
  const items: FollowUp[] = [
    { id: '1', owner: '@ann', team: 'sre', createdAt: MON - 20 * DAY, dueAt: MON - 6 * DAY, closedAt: MON - 7 * DAY },
    { id: '2', owner: '@ann', team: 'sre', createdAt: MON - 20 * DAY, dueAt: MON - 6 * DAY, closedAt: MON + DAY },
    { id: '3', owner: '@bob', team: 'identity', createdAt: MON - 10 * DAY, dueAt: MON + 2 * DAY },
    { id: '4', owner: '@bob', team: 'identity', createdAt: MON - 10 * DAY, dueAt: MON + 9 * DAY },
    { id: '5', team: 'identity', createdAt: MON + DAY },
    { id: '6', owner: '@ann', team: 'sre', createdAt: MON - 60 * DAY, closedAt: MON - 5 * DAY },
  ];

  it('knows open, overdue, closed on time and closed late', () => {
    const now = MON + 3 * DAY;
    expect(items.map((i) => followUpState(i, now))).toEqual(['closed_on_time', 'closed_late', 'overdue', 'open', 'open', 'closed_on_time']);
    // As it stood before item 2 closed, it was overdue.
    expect(followUpState(items[1]!, MON)).toBe('overdue');
  });

  it('summarises by owner and team, with opened and closed in the week', () => {
    const s = followUpSummary(items, MON + 3 * DAY, { from: MON, to: MON + 7 * DAY, withinDays: 30 });
    expect(s).toMatchObject({ total: 6, open: 2, overdue: 1, closedOnTime: 2, closedLate: 1, unowned: 1, openedInRange: 1, closedInRange: 1 });
    expect(s.byOwner['@ann']).toEqual({ total: 3, open: 0, overdue: 0, closedOnTime: 2, closedLate: 1, unowned: 0 });
    expect(s.byOwner['(no owner)']).toMatchObject({ open: 1, unowned: 1 });
    expect(s.byTeam.identity).toMatchObject({ total: 3, open: 2, overdue: 1 });
    expect(s.closedWithinDays).toBeCloseTo(2 / 3); // item 6 took 55 days
    expect(s.overdueItems.map((i) => i.id)).toEqual(['3']);
  });
});

describe('the risk backlog', () => {
  const risk = (id: string, l: number, i: number, effort: number, extra: Partial<BacklogRisk> = {}): BacklogRisk => ({
    id,
    title: id,
    category: 'operational',
    likelihood: l,
    impact: i,
    effort,
    owner: '@ann',
    mitigation: 'plan',
    status: 'open',
    ...extra,
  });

  it('lists the top 10 open risks by score, the cheaper fix first, with or without a plan', () => {
    const risks = [
      ...Array.from({ length: 11 }, (_, k) => risk(`r${k}`, 1 + (k % 5), 2, 1 + (k % 3))),
      risk('sec', 5, 5, 4, { category: 'security', mitigation: null }),
      risk('cheap', 5, 5, 1, { owner: '' }),
      risk('done', 5, 5, 1, { status: 'mitigated' }),
      risk('accepted', 5, 5, 1, { status: 'accepted' }),
    ];
    const b = riskBacklog(risks);
    expect(b.open).toBe(13);
    expect(b.top).toHaveLength(10);
    expect(b.top.slice(0, 2).map((r) => [r.risk.id, r.score, r.band, r.hasPlan])).toEqual([
      ['cheap', 25, 'critical', false],
      ['sec', 25, 'critical', false],
    ]);
    expect(b.top.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(b.topWithoutPlan).toBe(2);
    expect(b.byBand).toEqual({ low: 5, medium: 4, high: 2, critical: 2 });
    const scores = b.top.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
  });
});

describe('toil', () => {
  const logs = [
    { team: 'sre', person: '@ann', at: MON, durationMs: 10 * H, toil: true },
    { team: 'sre', person: '@bob', at: MON, durationMs: 30 * H, toil: false },
    { team: 'identity', person: '@cy', at: MON, durationMs: 4 * H, toil: true },
    { team: 'identity', person: '@cy', at: MON, durationMs: 6 * H, toil: false },
    { team: 'sre', person: '@ann', at: MON - 8 * DAY, durationMs: 40 * H, toil: true }, // last week
  ];

  it('is the share of logged time, against a 25% target', () => {
    const rows = toilByTeam(logs, { from: MON - DAY, to: MON + 6 * DAY });
    expect(rows.map((r) => [r.team, r.share, r.overTarget, r.people, r.basis])).toEqual([
      ['identity', 0.4, true, 1, 'logged'],
      ['sre', 0.25, false, 2, 'logged'],
    ]);
  });

  it('can be a share of the team’s capacity, and is unknown rather than zero when nothing was logged', () => {
    const rows = toilByTeam(logs, { from: MON - DAY, to: MON + 6 * DAY, capacityMs: { identity: 40 * H, api: 80 * H } });
    expect(rows.find((r) => r.team === 'identity')).toMatchObject({ share: 0.1, basis: 'capacity', overTarget: false });
    expect(rows.find((r) => r.team === 'api')).toMatchObject({ share: 0, totalMs: 80 * H });
    expect(toilByTeam([{ team: 'x', at: 0, durationMs: 0, toil: true }])).toEqual([]);
  });
});
