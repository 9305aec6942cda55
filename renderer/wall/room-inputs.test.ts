import { describe, expect, it } from 'vitest';
import { readRoom } from '../../shared/domain/room-signals.ts';
import { parsePlan, type Plan } from '../../shared/model/plan.ts';
import type { LivePlan } from '../../shared/protocol/plans.ts';
import type { SloStatus } from '../../shared/protocol/review.ts';
import { roomInputs } from './room-inputs.ts';
import type { RoomState } from './useRoomState.ts';

const NOW = 1_800_000_000_000;

const slo = (alert: SloStatus['alert'], at = NOW - 10_000, error: string | null = null): SloStatus => ({
  id: 'playback',
  name: 'playback availability',
  team: null,
  service: null,
  target: 0.999,
  windowMs: 28 * 86_400_000,
  at,
  error,
  budget: null,
  burnRateNow: null,
  alert,
  alerts: [],
  budgetOverTime: [],
  burnedInRange: null,
});

/** A final that started an hour before NOW, its freeze from T-1h to `freezeTo` (by default on until T+90m), with `changes` recorded inside it. */
const finalWithFreeze = (changes: number, freezeTo = 'T+90m'): LivePlan => {
  const start = new Date(NOW - 3_600_000).toISOString().slice(0, 16);
  const end = new Date(NOW + 3_600_000).toISOString().slice(0, 16);
  const r = parsePlan({
    version: 1,
    event: { name: 'Final', type: 'sports', tier: 1, timezone: 'UTC', start, end, owner: '@ops', successCriteria: ['no SEV1'] },
    people: { roster: [{ person: '@ops', role: 'commander', shift: { from: 'T-1h', to: 'T+3h' } }] },
    freeze: { from: 'T-1h', to: freezeTo, scope: 'production', exceptionApprover: '@cto' },
  });
  if (!r.ok) throw new Error(r.issues.map((i) => i.field).join());
  const plan: Plan = r.plan;
  return { id: 'final', revision: 1, plan, checkIns: [], triggers: [], actual: [], freezeChanges: { count: changes, latest: null } };
};

const room = (over: Partial<RoomState> = {}): RoomState => ({
  counted: new Set(['incidents', 'canaries', 'slos', 'pulse', 'event']),
  incidents: { known: true, open: [] },
  canaries: { known: true, failing: [], staleFailing: [] },
  slos: { configured: [{ id: 'playback', name: 'playback availability' }], slos: [slo('ok')], error: null },
  pulse: { ready: true, spike: null },
  plans: { known: true, running: [] },
  ...over,
});

/** What the radiator reads from the wall's room state at NOW. */
const read = (state: RoomState, connected = true) => readRoom(roomInputs(state, NOW, connected));

describe('the room as the radiator reads it', () => {
  it('is calm when every counted state is received and calm', () => {
    expect(read(room())).toEqual({ signals: [], unknown: [] });
  });

  it('trusts an SLO "ok" only from a live evaluation; a PAGE counts however old', () => {
    const old = NOW - 10 * 60_000;
    expect(read(room({ slos: { ...room().slos, slos: [slo('ok', old)] } })).unknown).toEqual(['SLO playback availability']);
    expect(read(room({ slos: { ...room().slos, slos: [slo('page', old)] } })).signals.map((s) => s.reason)).toEqual(['SLO playback availability: PAGE']);
    expect(read(room({ slos: { ...room().slos, slos: [slo('ok', NOW, 'Prometheus is down')] } })).unknown).toEqual(['SLO playback availability']);
  });

  it('does not know the SLOs before the hub answered, when the ask failed, or offline', () => {
    expect(read(room({ slos: { ...room().slos, slos: null } })).unknown).toEqual(['SLOs']);
    expect(read(room({ slos: { ...room().slos, error: '503 Service Unavailable' } })).unknown).toEqual(['SLOs']);
    // Offline, a change recorded during the freeze could not reach the wall either.
    expect(read(room(), false).unknown).toEqual(['SLOs', 'event plan']);
  });

  it('does not wait for an SLO the hub runs no Prometheus for (the demo without one), but does for one whose Prometheus is down', () => {
    const none = { ...slo(null, NOW, 'no Prometheus beside the demo'), absent: true as const };
    expect(read(room({ slos: { ...room().slos, slos: [none] } }))).toEqual({ signals: [], unknown: [] });
    expect(read(room({ slos: { ...room().slos, slos: [slo(null, NOW, 'connect ECONNREFUSED 127.0.0.1:9090')] } })).unknown).toEqual(['SLO playback availability']);
  });

  it('reads only the states the workspace counts', () => {
    const counted = new Set(['incidents'] as const);
    expect(read(room({ counted, canaries: { known: false, failing: [], staleFailing: [] }, pulse: { ready: false, spike: null } }))).toEqual({ signals: [], unknown: [] });
    expect(read(room({ counted, incidents: { known: false, open: [] } })).unknown).toEqual(['incidents']);
  });

  it('counts the changes during the freeze of the plan the strip shows while it is on, once the live plans are known', () => {
    const reasons = (state: RoomState) => read(state).signals.map((s) => `${s.tone} ${s.reason}`);
    expect(reasons(room({ plans: { known: true, running: [finalWithFreeze(2)] } }))).toEqual(['warning 2 changes during the freeze']);
    expect(read(room({ plans: { known: true, running: [finalWithFreeze(0)] } }))).toEqual({ signals: [], unknown: [] });
    // The freeze is over (it ended 30 minutes ago): the strip no longer flags it, nor does the radiator.
    expect(read(room({ plans: { known: true, running: [finalWithFreeze(2, 'T+30m')] } }))).toEqual({ signals: [], unknown: [] });
    expect(read(room({ plans: { known: false, running: [] } })).unknown).toEqual(['event plan']);
    expect(read(room({ counted: new Set(['incidents']), plans: { known: true, running: [finalWithFreeze(2)] } }))).toEqual({ signals: [], unknown: [] });
  });

  it('counts the fired risk triggers of the plan the strip shows, the one firing longest first (the risks scoring alike), not those clear or pending', () => {
    const trigger = (riskId: string, state: LivePlan['triggers'][number]['state'], since: number | null) =>
      ({ riskId, title: riskId, description: `${riskId} over its threshold`, contingency: 'switch', state, value: 1, since }) as LivePlan['triggers'][number];
    const final = { ...finalWithFreeze(0), triggers: [trigger('cdn', 'fired', NOW - 60_000), trigger('drm', 'clear', null), trigger('playback', 'fired', NOW - 300_000), trigger('login', 'pending', NOW - 10_000)] };
    const reasons = read(room({ plans: { known: true, running: [final] } })).signals.map((s) => `${s.tone} ${s.reason}`);
    expect(reasons).toEqual(['warning trigger fired: playback over its threshold', 'warning trigger fired: cdn over its threshold']);
    // Offline, what the wall last heard still counts: a fired trigger is not forgotten for a dropped link.
    expect(read(room({ plans: { known: true, running: [final] } }), false).signals).toHaveLength(2);
  });
});
