import { describe, expect, it } from 'vitest';
import type { CanaryStatus } from '../../shared/model/canary.ts';
import { workspaceSchema } from '../../shared/model/workspace.ts';
import type { FrameEntry } from '../state/frames.ts';
import { panelFrameKey } from './model.ts';
import { initialRotation, rotate } from '../../shared/domain/rotation.ts';
import type { RoomSignalKind } from '../../shared/domain/room-signals.ts';
import { parsePlan } from '../../shared/model/plan.ts';
import type { LivePlan } from '../../shared/protocol/plans.ts';
import { heldRoomPanels, pageHealth, placeRoomAlerts, roomAlerts, roomHolds, spikeAlert, unsettledRoomAlerts, wallPages, type RoomAlert, type ShownPage } from './pages.ts';
import type { RoomState } from './useRoomState.ts';

const ws = workspaceSchema.parse({
  version: 1,
  title: 'T',
  sources: [{ id: 'ops', type: 'push' }],
  walls: [
    {
      id: 'room',
      title: 'Room',
      pages: [
        { id: 'one', title: 'One', panels: ['a', 'b'] },
        { id: 'two', title: 'Two', panels: ['note'] },
      ],
      rotation: { interval: '10s', holdOn: ['a'] },
      panels: [
        { id: 'a', title: 'Errors', type: 'stat', gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: 'ops', query: { series: 'a' }, thresholds: [{ value: null, state: 'ok' }, { value: 100, state: 'critical' }] },
        { id: 'b', title: 'B', type: 'stat', gridPos: { x: 6, y: 0, w: 6, h: 4 }, source: 'ops', query: { series: 'b' } },
        { id: 'note', title: 'Note', type: 'text', gridPos: { x: 0, y: 0, w: 6, h: 4 }, content: 'hi' },
      ],
    },
  ],
});
const wall = ws.walls[0]!;
/** A wall `room` of `pages` of `panels` on the push source `ops`, rotating every 10 s. */
const rotatingRoom = (pages: { id: string; title: string; panels: string[] }[], panels: Record<string, unknown>[]) =>
  workspaceSchema.parse({ version: 1, title: 'T', sources: [{ id: 'ops', type: 'push' }], walls: [{ id: 'room', title: 'Room', pages, rotation: { interval: '10s' }, panels }] }).walls[0]!;
const entry = (value: number, lastError: string | null): FrameEntry => ({
  key: '',
  series: [{ name: '{}', labels: {}, points: [[1, value]] }],
  meta: { sourceId: 'ops', lastSuccessAt: 1, lastAttemptAt: 1, lastError, expectedIntervalMs: 1000 },
  receivedAt: 1,
});
const key = (id: string) => {
  const panel = wall.panels.find((p) => p.id === id)!;
  if (!('query' in panel)) throw new Error(id);
  return panelFrameKey(panel);
};

describe('wall pages', () => {
  it('shows the pages with their panels, or one page of every panel for a wall without pages', () => {
    expect(wallPages(wall).map((p) => [p.id, p.panels.map((x) => x.id)])).toEqual([
      ['one', ['a', 'b']],
      ['two', ['note']],
    ]);
    expect(wallPages({ ...wall, pages: undefined }).map((p) => p.panels.length)).toEqual([3]);
  });

  it('fails a page when every data panel errors or it threw; never a page of text only', () => {
    const [one, two] = wallPages(wall);
    const holdOn = new Set(['a']);
    expect(pageHealth(one!, holdOn, { [key('a')]: entry(1, 'down'), [key('b')]: entry(1, null) }, false).failed).toBe(false);
    expect(pageHealth(one!, holdOn, { [key('a')]: entry(1, 'down'), [key('b')]: entry(1, 'down') }, false).failed).toBe(true);
    expect(pageHealth(two!, holdOn, {}, false).failed).toBe(false);
    expect(pageHealth(two!, holdOn, {}, true).failed).toBe(true);
  });

  it('raises an alert for a critical hold-on panel, in words', () => {
    const [one] = wallPages(wall);
    expect(pageHealth(one!, new Set(['a']), { [key('a')]: entry(500, null) }, false).alerts).toEqual([{ id: 'a', why: 'Errors is critical (page One)' }]);
    expect(pageHealth(one!, new Set(['a']), { [key('a')]: entry(5, null) }, false).alerts).toEqual([]);
    expect(pageHealth(one!, new Set(), { [key('a')]: entry(500, null) }, false).alerts).toEqual([]);
  });

  it('refuses pages naming panels of no wall and hold-on panels with no state to hold on', () => {
    const bad = workspaceSchema.safeParse({
      ...ws,
      walls: [{ ...wall, pages: [{ id: 'x', title: 'X', panels: ['nope'] }], rotation: { holdOn: ['note'] } }],
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.message)).toEqual(
      expect.arrayContaining(['no panel "nope" on the wall "room"', 'expected a data, canaries or slo panel of the wall "room", got "note"']),
    );
  });
});

describe('a complaint spike and the rotation', () => {
  const room = rotatingRoom(
    [
      { id: 'health', title: 'Health', panels: ['errors'] },
      { id: 'customers', title: 'Customers', panels: ['pulse'] },
    ],
    [
      { id: 'errors', title: 'Errors', type: 'stat', gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: 'ops', query: { series: 'a' } },
      { id: 'pulse', title: 'Customer pulse', type: 'pulse', gridPos: { x: 0, y: 0, w: 12, h: 6 } },
    ],
  );
  const spike = spikeAlert({ id: 'spike-1' }, '43 complaints/min about access, 6× normal');
  /** The pages' health with the spike (or none) placed where the wall puts it. */
  const withSpike = (pages: ShownPage[], alert: RoomAlert | null) => {
    const placed = placeRoomAlerts(pages, alert ? [alert] : []);
    return { pages: pages.map((page, i) => pageHealth(page, new Set(), {}, false, placed.pages[i])), anywhere: placed.anywhere };
  };

  it('brings up the page that shows the pulse and holds it there, until an operator releases it', () => {
    const placed = withSpike(wallPages(room), spike);
    expect(placed.pages.map((p) => p.alerts.map((a) => a.id))).toEqual([[], ['spike:spike-1']]);
    const at = (now: number) => ({ now, intervalMs: 10_000, holds: [], ...placed });
    const held = rotate(initialRotation(0), at(1_000));
    expect(held.state.index).toBe(1);
    expect(held.heldBecause).toEqual(['complaint spike: 43 complaints/min about access, 6× normal']);
    expect(rotate(held.state, at(60_000)).state.index).toBe(1);
    const released = rotate(held.state, at(61_000), 'release');
    expect(released.heldBecause).toEqual([]);
    // without a spike, no alert anywhere
    const calm = withSpike(wallPages(room), null);
    expect([...calm.pages.flatMap((p) => p.alerts), ...calm.anywhere]).toEqual([]);
  });

  it('with no page showing the pulse, holds whatever is shown, and r releases it', () => {
    const placed = withSpike(wallPages({ ...room, pages: [room.pages![0]!, { id: 'more', title: 'More', panels: ['errors'] }] }), spike);
    const at = (now: number) => ({ now, intervalMs: 10_000, holds: [], ...placed });
    const held = rotate({ index: 1, since: 0, released: [] }, at(30_000));
    expect(held.state.index).toBe(1);
    expect(held.heldBecause).toEqual(['complaint spike: 43 complaints/min about access, 6× normal']);
    expect(rotate(held.state, at(31_000), 'release').heldBecause).toEqual([]);
  });
});

describe('the room holds the rotation: a critical canary confirmed failing, an open SEV1/SEV2', () => {
  const room = rotatingRoom(
    [
      { id: 'health', title: 'Health', panels: ['errors'] },
      { id: 'checkout', title: 'Checkout', panels: ['checkout-canaries'] },
      { id: 'notes', title: 'Notes', panels: ['note'] },
    ],
    [
      { id: 'errors', title: 'Errors', type: 'stat', gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: 'ops', query: { series: 'a' } },
      { id: 'checkout-canaries', title: 'Checkout canaries', type: 'canaries', services: ['checkout'], gridPos: { x: 0, y: 0, w: 12, h: 6 } },
      { id: 'note', title: 'Note', type: 'text', gridPos: { x: 0, y: 0, w: 6, h: 4 }, content: 'hi' },
    ],
  );
  const shown = wallPages(room);
  const everything = new Set(['incidents', 'canaries', 'slos', 'pulse'] as const);
  type Failing = { id: string; name: string; critical: boolean; status: CanaryStatus; service: string | null; journey: string | null };
  type Open = { id: string; title: string; severity: 1 | 2 | 3 | 4 };
  const checkout: Failing = { id: 'checkout-api', name: 'Checkout API', critical: true, status: 'failing-confirmed', service: 'checkout', journey: null };

  /**
   * The pages' health, the alerts of no page in particular and those unsettled, with the room's
   * states (and the canaries confirmed failing gone stale) as the wall would hold on them.
   */
  function pagesWith(failing: Failing[], open: Open[] = [], counted: ReadonlySet<'incidents' | 'canaries' | 'slos' | 'pulse'> = everything, staleFailing: string[] = []) {
    const placed = placeRoomAlerts(shown, roomAlerts({ counted, incidents: { open }, canaries: { failing } }));
    const unsettled = unsettledRoomAlerts({ counted, incidents: { known: true }, canaries: { known: true, staleFailing }, plans: { known: true, running: [] }, pulse: { ready: true } }, 0);
    return { pages: shown.map((page, i) => pageHealth(page, new Set(), {}, false, placed.pages[i])), anywhere: placed.anywhere, unsettled };
  }
  /** Every alert the room raised, wherever it holds. */
  const raised = (placed: ReturnType<typeof pagesWith>) => [...placed.pages.flatMap((p) => p.alerts), ...placed.anywhere];
  const tick = (state: ReturnType<typeof initialRotation>, now: number, placed: ReturnType<typeof pagesWith>, action?: 'release') =>
    rotate(state, { now, intervalMs: 10_000, holds: [], ...placed }, action);

  it('a critical canary’s confirmed failure brings up the page whose canaries panel shows it and holds it until released', () => {
    const failing = pagesWith([checkout]);
    const held = tick(initialRotation(0), 1_000, failing);
    expect(held.state.index).toBe(1);
    expect(held.heldBecause).toEqual(['critical canary Checkout API failing']);
    expect(tick(held.state, 60_000, failing).state.index).toBe(1);
    // r: released, the rotation moves on while it still fails…
    const released = tick(held.state, 61_000, failing, 'release');
    expect(released.heldBecause).toEqual([]);
    expect(released.state.index).toBe(2);
    expect(tick(released.state, 65_000, failing).state.index).toBe(2);
    // …and once it recovered, its next failure holds again.
    const recovered = tick(released.state, 80_000, pagesWith([]));
    expect(tick(recovered.state, 81_000, failing).heldBecause).toEqual(['critical canary Checkout API failing']);
  });

  it('a released canary that goes stale (no result for a while) and fails again stays released; once recovered, its next failure holds', () => {
    const failing = pagesWith([checkout]);
    const released = tick(tick(initialRotation(0), 1_000, failing).state, 2_000, failing, 'release');
    expect(released.heldBecause).toEqual([]);
    const stale = tick(released.state, 30_000, pagesWith([], [], everything, [checkout.id]));
    const back = tick(stale.state, 40_000, failing);
    expect(back.heldBecause).toEqual([]);
    const recovered = tick(back.state, 60_000, pagesWith([]));
    expect(tick(recovered.state, 61_000, failing).heldBecause).toEqual(['critical canary Checkout API failing']);
  });

  it('a wall catching up after a reconnection keeps the releases of what it has not heard again yet: nothing holds again when the same canary and incident come back', () => {
    const sev1: Open = { id: 'inc-1', title: 'Playback down', severity: 1 };
    const alerting = pagesWith([checkout], [sev1]);
    let state = tick(initialRotation(0), 1_000, alerting).state;
    state = tick(state, 2_000, alerting, 'release').state;
    state = tick(state, 3_000, alerting, 'release').state;
    expect(state.released).toEqual(expect.arrayContaining(['canary:checkout-api', 'incident:inc-1']));
    // Reconnecting: neither the board nor the incident log caught up yet, so nothing is listed.
    const catchingUp = { counted: everything, incidents: { known: false }, canaries: { known: false, staleFailing: [] }, plans: { known: true, running: [] }, pulse: { ready: true } };
    const gap = { ...pagesWith([]), unsettled: unsettledRoomAlerts(catchingUp, 0, state.released) };
    expect(gap.unsettled).toEqual(['canary:checkout-api', 'incident:inc-1']);
    state = tick(state, 10_000, gap).state;
    // Caught up, the same failure and the same incident: still released.
    expect(tick(state, 12_000, alerting).heldBecause).toEqual([]);
    // Heard again with neither (known, and gone): they cleared, so their return holds.
    const cleared = tick(state, 14_000, pagesWith([])).state;
    expect(tick(cleared, 15_000, alerting).heldBecause.length).toBeGreaterThan(0);
  });

  it('does not hold for an acknowledged, unconfirmed or non-critical failure, nor when canaries are not counted', () => {
    const notHeld: Failing[] = [{ ...checkout, status: 'acknowledged' }, { ...checkout, status: 'failing-unconfirmed' }, { ...checkout, critical: false }];
    for (const failing of notHeld) {
      expect(raised(pagesWith([failing]))).toEqual([]);
    }
    expect(raised(pagesWith([checkout], [], new Set(['incidents'])))).toEqual([]);
  });

  it('a critical canary no page shows holds whatever the wall shows', () => {
    const pages = pagesWith([{ ...checkout, id: 'login', name: 'Login', service: 'identity' }]);
    const held = tick({ index: 2, since: 0, released: [] }, 30_000, pages);
    expect(held.state.index).toBe(2);
    expect(held.heldBecause).toEqual(['critical canary Login failing']);
  });

  it('an open SEV1 or SEV2 holds the page shown (its banner is on every page) until released; a SEV3 does not', () => {
    const sev1 = pagesWith([], [{ id: 'inc-1', title: 'Entitlement 403s', severity: 1 }]);
    const held = tick({ index: 0, since: 0, released: [] }, 30_000, sev1);
    expect(held.state.index).toBe(0);
    expect(held.heldBecause).toEqual(['SEV1 open: Entitlement 403s']);
    expect(tick(held.state, 90_000, sev1).state.index).toBe(0);
    expect(tick(held.state, 91_000, sev1, 'release').heldBecause).toEqual([]);
    expect(raised(pagesWith([], [{ id: 'inc-2', title: 'Login slow', severity: 2 }]))).toEqual([{ id: 'incident:inc-2', why: 'SEV2 open: Login slow' }]);
    expect(raised(pagesWith([], [{ id: 'inc-3', title: 'Chat lag', severity: 3 }]))).toEqual([]);
  });

  it('a critical canary failing during an open SEV1 still brings up its page, held for both', () => {
    const both = pagesWith([checkout], [{ id: 'inc-1', title: 'Entitlement 403s', severity: 1 }]);
    const held = tick({ index: 0, since: 0, released: [] }, 5_000, both);
    expect(held.state.index).toBe(1);
    expect(held.heldBecause).toEqual(['critical canary Checkout API failing', 'SEV1 open: Entitlement 403s']);
  });
});

describe('holdOn names a canaries or slo panel', () => {
  const parsed = workspaceSchema.parse({
    version: 1,
    title: 'T',
    sources: [{ id: 'prom', type: 'prometheus', url: 'http://prometheus:9090' }],
    slos: [{ id: 'playback', name: 'Playback availability', source: 'prom', objective: { kind: 'availability', good: 'good', total: 'total' }, target: 0.999 }],
    walls: [
      {
        id: 'room',
        title: 'Room',
        pages: [
          { id: 'checkout', title: 'Checkout', panels: ['checkout-canaries'] },
          { id: 'slo', title: 'SLOs', panels: ['playback-slo'] },
        ],
        rotation: { interval: '10s', holdOn: ['checkout-canaries', 'playback-slo'] },
        panels: [
          { id: 'checkout-canaries', title: 'Checkout canaries', type: 'canaries', services: ['checkout'], gridPos: { x: 0, y: 0, w: 12, h: 6 } },
          { id: 'playback-slo', title: 'Playback SLO', type: 'slo', slo: 'playback', gridPos: { x: 0, y: 0, w: 12, h: 6 } },
        ],
      },
    ],
  });
  const [checkout, sloPage] = wallPages(parsed.walls[0]!);
  const holdOn = new Set(parsed.walls[0]!.rotation!.holdOn);
  const basket: { name: string; critical: boolean; status: CanaryStatus; service: string | null; journey: string | null } = { name: 'Basket', critical: false, status: 'failing-confirmed', service: 'checkout', journey: null };
  const counted = new Set(['incidents', 'canaries'] as const);
  const room = (failing: (typeof basket)[], alert: 'page' | 'ticket' | 'ok' | null = 'ok', kinds: ReadonlySet<'incidents' | 'canaries'> = counted) => ({
    counted: kinds,
    canaries: { failing },
    slos: { slos: [{ id: 'playback', alert }] },
  });

  it('a canaries panel holds while a canary it shows is confirmed failing, critical or not (a critical one already holds by itself)', () => {
    expect(heldRoomPanels(checkout!, holdOn, room([basket]))).toEqual([{ id: 'checkout-canaries', why: 'Checkout canaries: canary Basket failing (page Checkout)' }]);
    expect(heldRoomPanels(checkout!, holdOn, room([{ ...basket, status: 'acknowledged' }]))).toEqual([]);
    expect(heldRoomPanels(checkout!, holdOn, room([{ ...basket, service: 'identity' }]))).toEqual([]);
    expect(heldRoomPanels(checkout!, holdOn, room([{ ...basket, critical: true }]))).toEqual([]);
    expect(heldRoomPanels(checkout!, holdOn, room([{ ...basket, critical: true }], 'ok', new Set(['incidents'])))).toHaveLength(1);
    expect(heldRoomPanels(checkout!, new Set(), room([basket]))).toEqual([]);
  });

  it('an slo panel holds while its SLO is at PAGE', () => {
    expect(heldRoomPanels(sloPage!, holdOn, room([], 'page'))).toEqual([{ id: 'playback-slo', why: 'Playback SLO is at PAGE (page SLOs)' }]);
    expect(heldRoomPanels(sloPage!, holdOn, room([], 'ticket'))).toEqual([]);
  });

  it('refuses a pulse panel in holdOn, saying why', () => {
    const bad = workspaceSchema.safeParse({
      ...parsed,
      walls: [{ ...parsed.walls[0]!, panels: [...parsed.walls[0]!.panels, { id: 'pulse', title: 'Pulse', type: 'pulse', gridPos: { x: 0, y: 0, w: 6, h: 4 } }], rotation: { holdOn: ['pulse'] } }],
    });
    expect(bad.error!.issues.map((i) => i.message)).toEqual(['"pulse" needs no holdOn: a complaint spike always holds the page that shows the pulse']);
  });
});

describe('a fired risk trigger of the event holds the rotation on the page with the panel it watches', () => {
  const NOW = 1_800_000_000_000;
  const wall = rotatingRoom(
    [
      { id: 'audience', title: 'Audience', panels: ['viewers'] },
      { id: 'entitlement', title: 'Entitlement', panels: ['entitlement-403'] },
      { id: 'notes', title: 'Notes', panels: ['note'] },
    ],
    [
      { id: 'viewers', title: 'Viewers', type: 'stat', gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: 'ops', query: { series: 'viewers' } },
      { id: 'entitlement-403', title: 'Entitlement 403s', type: 'stat', gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: 'ops', query: { series: 'e403' } },
      { id: 'note', title: 'Note', type: 'text', gridPos: { x: 0, y: 0, w: 6, h: 4 }, content: 'hi' },
    ],
  );
  const shown = wallPages(wall);
  const risk = (id: string, panel: string, description: string) => ({
    id,
    title: id,
    category: 'capacity',
    likelihood: 3,
    impact: 5,
    effort: 2,
    mitigation: 'scale',
    owner: '@ops',
    contingency: { plan: 'fail open', trigger: { description, panel, op: '>', value: 50 } },
  });
  /** When the hub recorded the firing the tests' triggers are in, unless one names its own. */
  const FIRING = NOW - 60_000;
  type Trigger = LivePlan['triggers'][number];
  /**
   * A plan `id` running on the wall from `startMs` for two hours, with these triggers as the hub
   * judged them (in the firing recorded at FIRING, or at `firedAt`; none when clear).
   */
  const live = (id: string, startMs: number, triggers: [riskId: string, state: Trigger['state'], firedAt?: number][]): LivePlan => {
    const r = parsePlan({
      version: 1,
      event: { name: id, type: 'sports', tier: 1, timezone: 'UTC', start: new Date(startMs).toISOString().slice(0, 16), end: new Date(startMs + 7_200_000).toISOString().slice(0, 16), owner: '@ops', successCriteria: ['no SEV1'] },
      people: { roster: [{ person: '@ops', role: 'commander', shift: { from: 'T-1h', to: 'T+3h' } }] },
      risks: [risk('entitlement', 'entitlement-403', 'Entitlement 403s above 50/s'), risk('cdn', 'cdn-misses', 'CDN cache misses above 20 000/s')],
    });
    if (!r.ok) throw new Error(r.issues.map((i) => `${i.field}: ${i.message}`).join());
    const risks = new Map(r.plan.risks.map((x) => [x.id, x]));
    return {
      id,
      revision: 1,
      plan: r.plan,
      checkIns: [],
      actual: [],
      triggers: triggers.map(([riskId, state, firedAt = FIRING]): Trigger => ({
        riskId,
        title: riskId,
        description: risks.get(riskId)!.contingency!.trigger.description,
        contingency: 'fail open',
        state,
        value: 1,
        since: NOW - 60_000,
        firedAt: state === 'clear' ? null : firedAt,
      })),
    };
  };
  const room = (running: LivePlan[], counted: ReadonlySet<RoomSignalKind> = new Set(['incidents', 'canaries', 'event'])): RoomState => ({
    counted,
    incidents: { known: true, open: [] },
    canaries: { known: true, failing: [], staleFailing: [] },
    slos: { configured: [], slos: [], error: null },
    pulse: { ready: true, spike: null },
    plans: { known: true, running },
  });
  const final = (triggers: Parameters<typeof live>[2]) => live('final', NOW - 1_800_000, triggers);
  /** The pages' health and the alerts of no page in particular, as the wall holds on them at NOW. */
  const healthOf = (state: RoomState) => {
    const held = roomHolds(shown, new Set(), state, NOW);
    return { pages: shown.map((page, i) => pageHealth(page, new Set(), {}, false, held.pages[i])), anywhere: held.anywhere, unsettled: held.unsettled };
  };
  const raised = (state: RoomState) => {
    const h = healthOf(state);
    return [...h.pages.flatMap((p) => p.alerts), ...h.anywhere];
  };
  const tick = (state: ReturnType<typeof initialRotation>, now: number, r: RoomState, action?: 'release') => rotate(state, { now, intervalMs: 10_000, holds: [], ...healthOf(r) }, action);

  it('brings up the page with its panel and holds it, saying what fired; r releases it until it stops firing', () => {
    const firing = room([final([['entitlement', 'fired']])]);
    const held = tick(initialRotation(0), 1_000, firing);
    expect(held.state.index).toBe(1);
    expect(held.heldBecause).toEqual(['trigger fired: Entitlement 403s above 50/s']);
    expect(tick(held.state, 60_000, firing).state.index).toBe(1);
    // r: released, and it stays released while the trigger stays fired…
    const released = tick(held.state, 61_000, firing, 'release');
    expect(released.heldBecause).toEqual([]);
    expect(tick(released.state, 75_000, firing).state.index).not.toBe(1);
    // …until it clears: its next firing holds again.
    const cleared = tick(released.state, 80_000, room([final([['entitlement', 'clear']])]));
    expect(tick(cleared.state, 81_000, firing).heldBecause).toEqual(['trigger fired: Entitlement 403s above 50/s']);
  });

  it('a released trigger whose metric has no data for a moment (or is pending again) and fires again stays released; seen clear or its plan ended, the next firing holds', () => {
    const firing = room([final([['entitlement', 'fired']])]);
    const released = tick(tick(initialRotation(0), 1_000, firing).state, 2_000, firing, 'release');
    expect(released.heldBecause).toEqual([]);
    let state = released.state;
    for (const gap of ['no_data', 'pending'] as const) {
      state = tick(state, 10_000, room([final([['entitlement', gap]])])).state;
      const back = tick(state, 11_000, firing);
      expect(back.heldBecause).toEqual([]);
      state = back.state;
    }
    const cleared = tick(tick(state, 20_000, room([final([['entitlement', 'no_data']])])).state, 21_000, room([final([['entitlement', 'clear']])]));
    expect(tick(cleared.state, 22_000, firing).heldBecause).toEqual(['trigger fired: Entitlement 403s above 50/s']);
    const ended = tick(tick(cleared.state, 23_000, firing, 'release').state, 24_000, room([]));
    expect(tick(ended.state, 25_000, firing).heldBecause).toEqual(['trigger fired: Entitlement 403s above 50/s']);
  });

  it('a trigger released in one firing holds again when it fires anew, though the wall never heard it clear (it was away)', () => {
    const firstFiring = room([final([['entitlement', 'fired']])]);
    const released = tick(tick(initialRotation(0), 1_000, firstFiring).state, 2_000, firstFiring, 'release');
    expect(released.heldBecause).toEqual([]);
    // The wall is away: its last word from the hub is still that firing, so it stays released.
    const away = tick(released.state, 30_000, firstFiring);
    expect(away.heldBecause).toEqual([]);
    // Back: the hub saw it clear meanwhile and it fired again, a new firing.
    const secondFiring = room([final([['entitlement', 'fired', NOW - 5_000]])]);
    const back = tick(away.state, 40_000, secondFiring);
    expect(back.state.index).toBe(1);
    expect(back.heldBecause).toEqual(['trigger fired: Entitlement 403s above 50/s']);
    // The first firing's release is forgotten (a wall that runs for days keeps no trail of them).
    expect(back.state.released).toEqual([]);
    // Released in its turn, the new firing stays released through a gap of its own.
    const releasedAgain = tick(back.state, 41_000, secondFiring, 'release');
    const gap = tick(releasedAgain.state, 50_000, room([final([['entitlement', 'no_data', NOW - 5_000]])]));
    expect(tick(gap.state, 51_000, secondFiring).heldBecause).toEqual([]);
  });

  it('a trigger on a panel no page shows holds whatever the wall shows', () => {
    const held = tick({ index: 2, since: 0, released: [] }, 30_000, room([final([['cdn', 'fired']])]));
    expect(held.state.index).toBe(2);
    expect(held.heldBecause).toEqual(['trigger fired: CDN cache misses above 20 000/s']);
  });

  it('holds for none pending, clear, without data or without a panel, nor when the room does not count the event', () => {
    for (const state of ['pending', 'clear', 'no_data', 'no_panel'] as const) expect(raised(room([final([['entitlement', state]])]))).toEqual([]);
    expect(raised(room([final([['entitlement', 'fired']])], new Set(['incidents', 'canaries'])))).toEqual([]);
  });

  it('holds only for the plan the strip shows, the event under way, not a later one also running on the wall', () => {
    const later = live('premiere', NOW + 3_000_000, [['cdn', 'fired']]);
    expect(raised(room([later, final([['entitlement', 'fired']])]))).toEqual([{ id: `trigger:final:entitlement:${FIRING}`, why: 'trigger fired: Entitlement 403s above 50/s' }]);
  });
});
