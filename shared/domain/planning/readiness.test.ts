import { describe, expect, it } from 'vitest';
import { planSchema, readinessItemSchema, type Plan } from '../../model/plan.ts';
import { assessReadinessItem, DEFAULT_FRESH_FOR_MS, readinessSummary } from './readiness.ts';

const DAY = 86_400_000;
const START = Date.UTC(2026, 4, 30, 16, 0); // 17:00 BST
const anchor = { startMs: START, timeZone: 'Europe/London' };
const item = (extra: Record<string, unknown>) =>
  readinessItemSchema.parse({ id: 'load', item: 'Load test at 1.5×', category: 'testing', owner: '@perf', due: 'T-7d', ...extra });
const at = (ms: number) => new Date(ms).toISOString();

describe('readiness with evidence that goes stale', () => {
  it('is green while fresh evidence is linked and verified', () => {
    const a = assessReadinessItem(item({ status: 'done', evidence: 'https://ci.example.com/runs/42', verifiedAt: at(START - 10 * DAY), freshFor: '14d' }), anchor, START - 9 * DAY);
    expect(a).toMatchObject({ state: 'green', stale: false, overdue: false, evidenceAgeMs: DAY, expiresAt: START + 4 * DAY, reason: null });
  });

  it('turns amber once the evidence is older than its freshness window', () => {
    const i = item({ status: 'done', evidence: 'https://ci.example.com/runs/42', verifiedAt: at(START - 20 * DAY), freshFor: '14d' });
    expect(assessReadinessItem(i, anchor, START - 6 * DAY - 1).state).toBe('green'); // exactly 14 d old: still fresh
    expect(assessReadinessItem(i, anchor, START - 6 * DAY).state).toBe('green');
    const stale = assessReadinessItem(i, anchor, START - 6 * DAY + 1);
    expect(stale.state).toBe('amber');
    expect(stale.stale).toBe(true);
    expect(stale.reason).toBe('evidence is 14 d old; fresh for 14 d');
  });

  it('uses a 30-day window when the item gives none', () => {
    const i = item({ status: 'done', evidence: 'https://ci.example.com/runs/42', verifiedAt: at(START - 40 * DAY) });
    expect(assessReadinessItem(i, anchor, START - 40 * DAY + DEFAULT_FRESH_FOR_MS).state).toBe('green');
    expect(assessReadinessItem(i, anchor, START - 40 * DAY + DEFAULT_FRESH_FOR_MS + 1).state).toBe('amber');
  });

  it('says when green evidence will go stale before the event', () => {
    const a = assessReadinessItem(item({ status: 'done', evidence: 'https://ci.example.com/runs/42', verifiedAt: at(START - 20 * DAY), freshFor: '14d' }), anchor, START - 10 * DAY);
    expect(a.state).toBe('green');
    expect(a.expiresBeforeStart).toBe(true);
    expect(a.reason).toBe('evidence goes stale 6 d before the start');
  });

  it('counts done without proof as amber', () => {
    expect(assessReadinessItem(item({ status: 'done' }), anchor, START - 8 * DAY)).toMatchObject({ state: 'amber', reason: 'done, but no evidence linked' });
    expect(assessReadinessItem(item({ status: 'done', evidence: 'https://wiki.example.com/runbook' }), anchor, START - 8 * DAY)).toMatchObject({
      state: 'amber',
      reason: 'evidence never verified',
    });
  });

  it('is red once overdue, whatever else, and open before its due time', () => {
    expect(assessReadinessItem(item({ status: 'todo' }), anchor, START - 8 * DAY)).toMatchObject({ state: 'open', reason: 'due in 1 d' });
    expect(assessReadinessItem(item({ status: 'in_progress' }), anchor, START - 7 * DAY)).toMatchObject({ state: 'open' }); // at the due time: not yet late
    expect(assessReadinessItem(item({ status: 'in_progress' }), anchor, START - 7 * DAY + 1).state).toBe('red');
    expect(assessReadinessItem(item({ status: 'blocked' }), anchor, START - 8 * DAY)).toMatchObject({ state: 'amber', reason: 'blocked' });
    expect(assessReadinessItem(item({ status: 'blocked' }), anchor, START - 5 * DAY)).toMatchObject({ state: 'red', overdue: true, reason: 'overdue by 2 d' });
    expect(assessReadinessItem(item({ status: 'n_a' }), anchor, START).state).toBe('n_a');
  });

  it('measures "due" on the event calendar: T-7d is 17:00 a week before, across the clock change', () => {
    // The event is on 2 April (BST); T-7d is 26 March 17:00 GMT: the week held a 23-hour day.
    const springStart = Date.UTC(2026, 3, 2, 16, 0);
    const a = assessReadinessItem(item({ status: 'todo' }), { startMs: springStart, timeZone: 'Europe/London' }, 0);
    expect(springStart - a.dueAt).toBe(7 * DAY - 3_600_000);
  });

  it('summarises a plan', () => {
    const plan: Plan = planSchema.parse({
      version: 1,
      event: { name: 'Final', type: 'sports', tier: 1, timezone: 'Europe/London', start: '2026-05-30T17:00', end: '2026-05-30T19:30', owner: '@m', successCriteria: ['ok'] },
      people: { roster: [{ person: '@m', role: 'commander', shift: { from: 'T-1h', to: 'T+3h' } }] },
      readiness: [
        { id: 'a', item: 'fresh', category: 'testing', owner: '@m', due: 'T-7d', status: 'done', evidence: 'https://x.example.com/a', verifiedAt: at(START - 2 * DAY) },
        { id: 'b', item: 'stale', category: 'testing', owner: '@m', due: 'T-7d', status: 'done', evidence: 'https://x.example.com/b', verifiedAt: at(START - 60 * DAY) },
        { id: 'c', item: 'late', category: 'people', owner: '@m', due: 'T-2d', status: 'todo' },
        { id: 'd', item: 'later', category: 'partners', owner: '@m', due: 'T-1h', status: 'todo' },
        { id: 'e', item: 'skip', category: 'other', owner: '@m', due: 'T-1h', status: 'n_a' },
      ],
    });
    const s = readinessSummary(plan, START - DAY);
    expect(s.counts).toEqual({ green: 1, amber: 1, red: 1, open: 1, n_a: 1 });
    expect(s.greenShare).toBe(0.25);
    expect(s.overall).toBe('red');
    expect(s.items.map((i) => i.state)).toEqual(['green', 'amber', 'red', 'open', 'n_a']);
  });
});
