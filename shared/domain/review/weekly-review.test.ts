import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { describe, expect, it } from 'vitest';
import { pagerLoadForWeek } from './pager-load.ts';
import { incidentTrends } from './incident-trends.ts';
import { errorBudget } from './slo.ts';
import { toilByTeam } from './toil.ts';
import { weeklyReview, type WeeklyReviewInput } from './weekly-review.ts';

const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;
const MON = Date.UTC(2026, 1, 9, 0, 0); // Monday of 2026-W07 in London
const render = (md: string): string => renderToStaticMarkup(createElement(Markdown, { remarkPlugins: [remarkGfm] }, md));

const evil = '| x | y |\n# Boom <img src=x onerror=alert(1)>';
const input: WeeklyReviewInput = {
  week: '2026-W07',
  timeZone: 'Europe/London',
  now: MON + 7 * DAY + 9 * H,
  pagerLoad: pagerLoadForWeek(
    [
      { id: 'p1', at: MON + 20 * H, team: 'sre', service: 'entitlement' },
      { id: 'p2', at: MON + 20 * H + 2 * MIN, team: 'sre', service: 'entitlement' },
      { id: 'p3', at: MON + 2 * DAY + 3 * H, team: 'sre', service: 'cdn' },
    ],
    '2026-W07',
    ['identity', 'sre'],
    { defaultTimeZone: 'Europe/London' },
  ),
  slos: [{ name: 'Playback starts', target: 0.999, windowMs: 28 * DAY, budget: errorBudget({ good: 9_996_000, total: 10_000_000 }, 0.999), burnedThisWeek: 0.3, burnRateNow: 0.2, alert: 'ok' }],
  incidents: [
    { id: 'old', title: 'Entitlement 403s last month', severity: 2, team: 'sre', service: 'entitlement', cause: 'change', startedAt: MON - 20 * DAY },
    { id: 'i1', title: 'Entitlement 403s again', severity: 2, team: 'sre', service: 'entitlement', cause: 'change', startedAt: MON + 20 * H, detectedAt: MON + 20 * H + 3 * MIN, mitigatedAt: MON + 20 * H + 20 * MIN, resolvedAt: MON + 21 * H },
    { id: 'i2', title: evil, severity: 3, team: 'sre', service: 'cdn', cause: 'capacity', startedAt: MON + 2 * DAY + 3 * H },
    { id: 'next', title: 'Next week', severity: 3, team: 'sre', service: 'cdn', cause: 'capacity', startedAt: MON + 8 * DAY },
  ],
  followUps: [
    { id: 'f1', text: 'Cache entitlement grants', owner: '@ann', team: 'sre', createdAt: MON - 20 * DAY, dueAt: MON + DAY },
    { id: 'f2', text: 'Alert on 403s', owner: '@bob', team: 'sre', createdAt: MON - 20 * DAY, dueAt: MON + 10 * DAY, closedAt: MON + 2 * DAY },
    { id: 'f3', text: evil, team: 'sre', createdAt: MON + 3 * DAY },
  ],
  risks: [
    { id: 'r1', title: 'Entitlement has one region', category: 'operational', likelihood: 3, impact: 5, effort: 4, owner: '@ann', mitigation: 'Second region', status: 'open' },
    { id: 'r2', title: 'Admin API without MFA', category: 'security', likelihood: 2, impact: 5, effort: 1, status: 'open' },
  ],
  toil: toilByTeam([
    { team: 'sre', at: MON + H, durationMs: 12 * H, toil: true },
    { team: 'sre', at: MON + H, durationMs: 28 * H, toil: false },
  ]),
  changes: [{ at: MON + 19 * H, service: 'entitlement', text: 'Entitlement v2.3 rolled out', url: 'https://deploys.example.com/123' }],
  appUrl: 'https://mc.example.com/',
};

describe('the weekly operational review', () => {
  const md = weeklyReview(input);
  const html = render(md);

  it('has every section, each linking to its detail in the app', () => {
    expect([...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1])).toEqual([
      'Pager load',
      'SLOs and error budgets',
      'Incidents',
      'Follow-up actions',
      'Top risks',
      'Toil',
      'Notable changes',
    ]);
    expect(md).toContain('[Details in Mission Control](<https://mc.example.com/#/review/pager?week=2026-W07>)');
    expect(md).toContain('[Details in Mission Control](<https://mc.example.com/#/review/risks?week=2026-W07>)');
    expect(md).toContain('**Week:** Mon 9 Feb 2026 – Sun 15 Feb 2026 (Europe/London)');
    // A time standing alone names its zone, and UTC beside it (as the plan's reports do).
    expect(md).toContain('**Generated:** Mon 16 Feb 2026 09:00 Europe/London (09:00 UTC)');
  });

  it('shows pager load with its band and the raw count beside', () => {
    expect(md).toContain('| identity | 0 | 0 | healthy | 0 |');
    expect(md).toContain('| sre | 2 | 3 | walking the edge | 2 |');
  });

  it("names the week each table counts: each team's own on pager load, the room's on the rest", () => {
    expect(md).toContain('| identity | 0 | 0 | healthy | 0 | Mon 9 Feb – Sun 15 Feb 2026, Europe/London |');
    for (const section of ['SLOs and error budgets', 'Incidents', 'Follow-up actions', 'Toil', 'Notable changes']) {
      expect(md.split(`## ${section}\n`)[1]!.split('\n## ')[0]).toContain("_The room's week: Mon 9 Feb – Sun 15 Feb 2026, Europe/London._");
    }
    // the note on whose week is whose only when a team's is not the room's
    expect(md).not.toContain("Each team's pages are counted in its own week");
    // sre works from Johannesburg: Sunday 22:30 in London is already Monday there, the next week
    const split = weeklyReview({
      ...input,
      pagerLoad: pagerLoadForWeek(
        [{ id: 'late', at: MON + 6 * DAY + 22 * H + 30 * MIN, team: 'sre', service: 'cdn' }],
        '2026-W07',
        ['identity', 'sre'],
        { defaultTimeZone: 'Europe/London', hours: { sre: { timeZone: 'Africa/Johannesburg', days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' } } },
      ),
    });
    expect(split).toContain('| identity | 0 | 0 | healthy | 0 | Mon 9 Feb – Sun 15 Feb 2026, Europe/London |');
    expect(split).toContain('| sre | 0 | 0 | healthy | 0 | Mon 9 Feb – Sun 15 Feb 2026, Africa/Johannesburg |');
    expect(split).toContain("Each team's pages are counted in its own week and working hours (its time zone); incidents, SLOs and the rest of this review in the room's week (Mon 9 Feb – Sun 15 Feb 2026, Europe/London).");
  });

  it('shows the SLO budget', () => {
    expect(md).toContain('| Playback starts | 99.90% | 28 d | 99.960% | 60.0% | 30.0% | 0.20 | ok |');
  });

  it('says when the budget is over part of the window only (a Prometheus younger than it)', () => {
    const young = weeklyReview({ ...input, slos: [{ ...input.slos[0]!, budget: errorBudget({ good: 9_996_000, total: 10_000_000 }, 0.999, 3 / 28) }] });
    expect(young).toContain('| Playback starts | 99.90% | 28 d | 99.960% | 95.7% (over the 3 d with data, of 28 d) |');
  });

  it('lists the week’s incidents with durations and calls out repeats', () => {
    expect(md).toContain('| [Entitlement 403s again](<https://mc.example.com/#/incidents/i1>) | SEV2 | entitlement | change | Mon 9 Feb 2026 20:00 | 3 min | 20 min | 1 h | **repeat** of Entitlement 403s last month |');
    expect(md).not.toContain('Next week');
    expect(md).not.toContain('of this week\'s incidents had the cause'); // one each: no dominant cause
    const three = weeklyReview({ ...input, incidents: [...input.incidents, { id: 'i3', title: 'Config push', severity: 3, team: 'sre', service: 'cdn', cause: 'change', startedAt: MON + 3 * DAY }] });
    expect(three).toContain('67% of this week\'s incidents had the cause "change".');
  });

  it('counts follow-ups, and puts the top risks with their plans', () => {
    expect(md).toContain('- Opened this week: 1; closed this week: 1.');
    expect(md).toContain('- Open: 2, of which overdue: 1; without an owner: 1.');
    expect(md).toContain('| 1 | Entitlement has one region | operational | 3×5 = 15 | high | 4 | @ann | yes |');
    expect(md).toContain('| 2 | Admin API without MFA | security | 2×5 = 10 | high | 1 | — | **no plan** |');
    expect(md).toContain('| sre | 30% | 25% | **yes** |');
  });

  it('keeps hostile text in its place', () => {
    expect((html.match(/<h1>/g) ?? []).length).toBe(1);
    expect(html).not.toContain('<img');
    for (const t of html.split('<table>').slice(1)) {
      const head = (t.split('</thead>')[0]!.match(/<th[ >]/g) ?? []).length;
      for (const row of t.split('</thead>')[1]!.split('<tr>').slice(1)) expect((row.match(/<td[ >]/g) ?? []).length).toBe(head);
    }
  });

  it('adds incident trends over the weeks when given: median and worst times, repeats, severity, cause and service per week, the dominant cause', () => {
    const trends = incidentTrends(input.incidents.filter((i) => i.startedAt < MON + 7 * DAY), 'Europe/London');
    const doc = weeklyReview({ ...input, trends });
    expect(doc).toContain('### Incident trends');
    expect(doc).toContain('| 2026-W04 | 1 | — | — | — | 0 | SEV2 1 | change 1 | entitlement 1 |');
    expect(doc).toContain('| 2026-W07 | 2 | 3 min / 3 min | 20 min / 20 min | 1 h / 1 h | **1** | SEV2 1, SEV3 1 | capacity 1, change 1 | cdn 1, entitlement 1 |');
    expect(doc).toContain('All weeks — by service: entitlement 2, cdn 1. By severity: SEV2 2, SEV3 1. 67% of these incidents had the cause "change".');
    expect(md).not.toContain('Incident trends');
  });

  it('filters to one team and refuses a malformed week', () => {
    const team = weeklyReview({ ...input, team: 'identity' });
    expect(team).toContain('# Weekly operational review: 2026-W07 (identity)');
    expect(team).toContain('#/review/pager?week=2026-W07&team=identity');
    expect(team).toContain('No incidents.');
    expect(() => weeklyReview({ ...input, week: '2025-W53' })).toThrow(RangeError);
  });
});
