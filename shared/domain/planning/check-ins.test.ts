import { describe, expect, it } from 'vitest';
import { planSchema, type CheckIn } from '../../model/plan.ts';
import { planCheckIns, slotTimes } from './check-ins.ts';

const MIN = 60_000;
const START = Date.UTC(2026, 4, 30, 16, 0); // 17:00 in London
const plan = planSchema.parse({
  version: 1,
  event: { name: 'Final', type: 'sports', tier: 1, timezone: 'Europe/London', start: '2026-05-30T17:00', end: '2026-05-30T19:00', owner: '@m', successCriteria: ['ok'] },
  people: {
    roster: [
      { person: '@cdn', role: 'CDN SME', shift: { from: 'T-2h', to: 'T+3h' } },
      { person: '@care', role: 'care lead', shift: { from: 'T-2h', to: 'T+3h' } },
    ],
  },
  checkIns: [
    { id: 'cdn', who: '@cdn', reports: 'CDN health', service: 'cdn', every: '30m', from: 'T-1h' },
    { id: 'care', who: '@care', reports: 'Contacts', every: '1h', from: 'T0', until: 'T+1h' },
  ],
});
const report = (scheduleId: string, at: number): CheckIn => ({ scheduleId, at, by: '@x', service: 's', status: 'green', note: '' });

describe('check-in schedules', () => {
  it('puts slots every interval from the first time up to and including the last', () => {
    expect(slotTimes(0, 90, 30)).toEqual([0, 30, 60, 90]);
    const { slots } = planCheckIns(plan, [], 0);
    const cdn = slots.filter((s) => s.scheduleId === 'cdn').map((s) => (s.dueAt - START) / MIN);
    expect(cdn).toEqual([-60, -30, 0, 30, 60, 90, 120]); // every 30 min from T-1h to the end (T+2h)
    expect(slots.filter((s) => s.scheduleId === 'care').map((s) => (s.dueAt - START) / MIN)).toEqual([0, 60]);
  });

  it('tells upcoming, due, overdue and missed apart at a given now', () => {
    const state = (now: number) => planCheckIns(plan, [], now).slots.find((s) => s.scheduleId === 'cdn' && s.index === 0)!.state;
    const due = START - 60 * MIN;
    expect(state(due - 6 * MIN)).toBe('upcoming');
    expect(state(due - 5 * MIN)).toBe('due'); // the window opens 5 min early
    expect(state(due + 5 * MIN)).toBe('due'); // grace
    expect(state(due + 5 * MIN + 1)).toBe('overdue');
    expect(state(due + 25 * MIN - 1)).toBe('overdue');
    expect(state(due + 25 * MIN)).toBe('missed'); // the next slot's window has opened
  });

  it('counts a check-in for the slot whose window it falls in: kept, late, or extra', () => {
    const due = START - 60 * MIN;
    const checkIns = [
      report('cdn', due - 3 * MIN), // early, kept
      report('cdn', due + 2 * MIN), // a second one for the same slot: counted once
      report('cdn', due + 30 * MIN + 12 * MIN), // slot 2, late
      report('care', START + 4 * MIN),
      report('other', START),
    ];
    const status = planCheckIns(plan, checkIns, START + 10 * MIN);
    const cdn = status.slots.filter((s) => s.scheduleId === 'cdn');
    expect(cdn.map((s) => s.state)).toEqual(['kept', 'late', 'overdue', 'upcoming', 'upcoming', 'upcoming', 'upcoming']);
    expect(cdn[0]!.checkIn!.at).toBe(due - 3 * MIN);
    expect(status.counts).toEqual({ upcoming: 5, due: 0, overdue: 1, kept: 2, late: 1, missed: 0 });
    expect(status.byPerson['@cdn']).toEqual({ upcoming: 4, due: 0, overdue: 1, kept: 1, late: 1, missed: 0 });
    expect(status.attention.map((s) => `${s.who}#${s.index}`)).toEqual(['@cdn#2']);
  });

  it('ignores check-ins from the future when judging the past', () => {
    const due = START - 60 * MIN;
    const status = planCheckIns(plan, [report('cdn', due)], due - MIN);
    expect(status.slots[0]!.state).toBe('due');
  });

  it('at the end of the night everything is kept, late or missed', () => {
    const status = planCheckIns(plan, [report('care', START + 61 * MIN)], START + 6 * 60 * MIN);
    expect(status.counts.upcoming + status.counts.due + status.counts.overdue).toBe(0);
    expect(status.counts).toMatchObject({ kept: 1, missed: 8 });
  });
});
