import { describe, expect, it } from 'vitest';
import { parsePlan, type Plan } from '../../shared/model/plan.ts';
import type { LivePlan, UpcomingPlan } from '../../shared/protocol/plans.ts';
import { keyMomentAnnotations, keyMomentsOn, livePlansStore, setLivePlans } from '../state/live-plans.ts';
import { aboveForecast, eventBudgetTooEarlyWhy, eventBudgetWords, nextEventFor, plansForWall } from './event-plans.ts';

const final = (): Plan => {
  const r = parsePlan({
    version: 1,
    event: { name: 'Final', type: 'sports', tier: 1, timezone: 'Europe/London', start: '2026-05-30T16:40', end: '2026-05-30T19:10', owner: '@ops', successCriteria: ['no SEV1'] },
    keyMoments: [
      { id: 'half-time', kind: 'half_time', label: 'Half-time', at: 'T+65m' },
      { id: 'stream-opens', kind: 'doors_open', label: 'Stream opens (pre-match show)', at: 'T0' },
      { id: 'kick-off', kind: 'kick_off', label: 'Kick-off', at: 'T+20m' },
    ],
    people: { roster: [{ person: '@ops', role: 'commander', shift: { from: 'T-1h', to: 'T+3h' } }] },
  });
  if (!r.ok) throw new Error(r.issues.map((i) => i.field).join());
  return r.plan;
};
const live = (id: string, plan: Plan): LivePlan => ({ id, revision: 1, plan, checkIns: [], triggers: [], actual: [] });

describe('event mode on a wall', () => {
  it('runs a plan on the walls it names, or on every wall when it names none', () => {
    const everywhere = live('a', final());
    const lobby = final();
    lobby.event.walls = ['lobby'];
    const plans = [everywhere, live('b', lobby)];
    expect(plansForWall(plans, 'platform').map((p) => p.id)).toEqual(['a']);
    expect(plansForWall(plans, 'lobby').map((p) => p.id)).toEqual(['a', 'b']);
  });

  it('shows the plan whose window is running first, then the nearest start, not the one made live first', () => {
    const at = (name: string, start: string, end: string): Plan => ({ ...final(), event: { ...final().event, name, start, end } });
    const early = live('early', at('Premiere next week', '2026-06-05T19:00', '2026-06-05T23:00'));
    const running = live('running', at('Final', '2026-05-30T16:40', '2026-05-30T19:10'));
    const tomorrow = live('tomorrow', at('Semi', '2026-05-31T16:40', '2026-05-31T19:10'));
    const now = Date.parse('2026-05-30T17:30:00Z');
    expect(plansForWall([early, tomorrow, running], 'platform', now).map((p) => p.id)).toEqual(['running', 'tomorrow', 'early']);
    // Before any window opens: the nearest start.
    expect(plansForWall([early, tomorrow], 'platform', now).map((p) => p.id)).toEqual(['tomorrow', 'early']);
  });

  it('counts down to the soonest upcoming event that will run on the wall, unless one runs on it already', () => {
    const upcoming = (id: string, startMs: number, walls: string[] = []): UpcomingPlan => ({ id, name: id, startMs, timeZone: 'Europe/London', walls });
    const soon = [upcoming('lobby-screening', 1000, ['lobby']), upcoming('final', 2000), upcoming('semi', 3000)];
    expect(nextEventFor(soon, [], 'platform')?.id).toBe('final');
    expect(nextEventFor(soon, [], 'lobby')?.id).toBe('lobby-screening');
    expect(nextEventFor([], [], 'platform')).toBeNull();
    // A plan running on the wall has its strip up: no countdown beside it.
    expect(nextEventFor(soon, [live('now', final())], 'platform')).toBeNull();
    const elsewhere = final();
    elsewhere.event.walls = ['lobby'];
    expect(nextEventFor(soon, [live('now', elsewhere)], 'platform')?.id).toBe('final');
  });

  it('marks the key moments on the panels in time order, naming the plan only when several run', () => {
    const one = keyMomentAnnotations([live('a', final())]);
    expect(one.map((a) => a.label).slice(0, 3)).toEqual(['Stream opens (pre-match show)', 'Kick-off', 'Half-time']);
    expect(one.every((a, i) => i === 0 || one[i - 1]!.at <= a.at)).toBe(true);
    expect(one[1]!.at - one[0]!.at).toBe(20 * 60_000);
    const other = final();
    other.event.name = 'Semi';
    const two = keyMomentAnnotations([live('a', final()), live('b', other)]);
    expect(two).toHaveLength(2 * one.length);
    expect(two.some((a) => a.label.startsWith('Semi · '))).toBe(true);
  });

  it('draws a plan\'s key moments only on the walls it names, a plan naming none on every wall', () => {
    const lobby = final();
    lobby.event.name = 'Lobby screening';
    lobby.event.walls = ['lobby'];
    lobby.keyMoments = [{ id: 'doors', kind: 'doors_open', label: 'Doors open', at: 'T-30m', services: [] }];
    setLivePlans([live('everywhere', final()), live('lobby-only', lobby)]);
    const on = (wallId: string | null) => keyMomentsOn(livePlansStore.getState(), wallId).map((a) => a.id);
    expect(on('platform')).toEqual(['plan:everywhere:stream-opens', 'plan:everywhere:kick-off', 'plan:everywhere:half-time']);
    expect(on('lobby')).toContain('plan:lobby-only:doors');
    expect(on('lobby')).toHaveLength(4);
    // Outside a wall (a snapshot in an incident record): every running plan's.
    expect(on(null)).toHaveLength(4);

    // The same moments again (the next poll): the same arrays, so no chart is redrawn for them.
    const before = livePlansStore.getState().byWall;
    setLivePlans([live('everywhere', final()), live('lobby-only', lobby)]);
    expect(livePlansStore.getState().byWall.walls.lobby).toBe(before.walls.lobby);
    expect(livePlansStore.getState().byWall.otherWalls).toBe(before.otherWalls);
    // Only the lobby plan running: the other walls draw nothing.
    setLivePlans([live('lobby-only', lobby)]);
    expect(on('platform')).toEqual([]);
    expect(on('lobby')).toEqual(['plan:lobby-only:doors']);
  });
});

describe('the event budget on the strip', () => {
  it('says in words that it is too early, not a figure projected from a few minutes', () => {
    const early = { budgetRemaining: null, budgetTooEarly: { coveredMs: 3 * 60_000, neededMs: 15 * 60_000 } };
    expect(eventBudgetWords(early)).toBe('event budget: too early');
    expect(eventBudgetTooEarlyWhy(early)).toContain('once 15 min of the event are counted (3 min so far)');
  });

  it('shows the budget left once projected, and a dash without events', () => {
    expect(eventBudgetWords({ budgetRemaining: -24.41, budgetTooEarly: null })).toBe('event budget left −2441%');
    expect(eventBudgetWords({ budgetRemaining: 0.425, budgetTooEarly: null })).toBe('event budget left 43%');
    expect(eventBudgetWords({ budgetRemaining: null, budgetTooEarly: null })).toBe('event budget left —');
    expect(eventBudgetTooEarlyWhy({ budgetTooEarly: null })).toBeNull();
  });
});

describe('demand against the forecast on the strip', () => {
  const withForecast = (peakRange?: { low: number; high: number }): Plan => ({ ...final(), forecast: { metric: 'Concurrent streams', baseline: 200_000, peak: 1_200_000, headroom: 0.3, confidence: 'medium', ...(peakRange ? { peakRange } : {}) } });
  const at = (plan: Plan, now: number, peak = now): Pick<LivePlan, 'plan' | 'actual' | 'actualPeak'> => ({ plan, actual: [[0, now]], actualPeak: [0, peak] });

  it('is trouble only above the forecast range, as the report judges it (the demo: 1.24M against 1.2M, range to 1.4M)', () => {
    const ranged = withForecast({ low: 1_000_000, high: 1_400_000 });
    expect(aboveForecast(at(ranged, 1_240_000))).toBe(false);
    expect(aboveForecast(at(ranged, 1_000_000, 1_450_000))).toBe(true); // the peak so far counts
    // Without a range: +10% of the peak.
    expect(aboveForecast(at(withForecast(), 1_300_000))).toBe(false);
    expect(aboveForecast(at(withForecast(), 1_330_000))).toBe(true);
    expect(aboveForecast(at(final(), 9_000_000))).toBe(false); // no forecast
  });
});
