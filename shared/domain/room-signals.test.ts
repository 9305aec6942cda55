import { describe, expect, it } from 'vitest';
import { workspaceSchema } from '../model/workspace.ts';
import { countedRoomKinds, readRoom, withRoomSignals, type RoomInputs } from './room-signals.ts';
import { evaluateStatus, type PanelReading } from './status-radiator.ts';

const ws = workspaceSchema.parse({
  version: 1,
  title: 'T',
  sources: [{ id: 'ops', type: 'push' }],
  walls: [
    {
      id: 'room',
      title: 'Room',
      panels: [
        {
          id: 'errors',
          title: 'Entitlement 403s',
          type: 'stat',
          gridPos: { x: 0, y: 0, w: 6, h: 4 },
          source: 'ops',
          query: { series: 'errors' },
          thresholds: [{ value: null, state: 'ok' }, { value: 10, state: 'warning' }, { value: 50, state: 'critical' }],
        },
      ],
    },
  ],
  status: {
    levels: [
      { level: 'ICU', tone: 'critical', when: [{ panel: 'errors', state: 'critical' }] },
      { level: 'High Care', tone: 'warning', when: [{ panel: 'errors', state: 'warning' }] },
    ],
  },
});

const calmData = new Map<string, PanelReading>([['errors', { value: 1, state: 'ok', live: true }]]);
const warningData = new Map<string, PanelReading>([['errors', { value: 20, state: 'warning', live: true }]]);

/** Every state included, received and calm. */
const calm: Required<RoomInputs> = {
  incidents: { known: true, open: [] },
  canaries: { known: true, entries: [{ name: 'Checkout API', critical: true, health: 'passing', status: 'passing' }] },
  slos: { known: true, statuses: [{ name: 'playback availability', alert: 'ok' }] },
  pulse: { known: true, spike: null },
  event: { known: true, fired: [], freezeChanges: 0 },
};

/** What the wall's header says for these data readings and room states. */
function header(room: RoomInputs, data = calmData) {
  const v = withRoomSignals(evaluateStatus(ws.status, data), readRoom(room), ws.status);
  return { level: v.level, tone: v.tone, reasons: v.reasons, unverified: v.unverified };
}

describe('the radiator counts the room’s states', () => {
  it('says Stable only when every included state is known and calm', () => {
    expect(header(calm)).toEqual({ level: 'Stable', tone: 'ok', reasons: [], unverified: [] });
  });

  it('an open SEV1 or SEV2 is critical, a SEV3 a warning, each named in the reasons', () => {
    const sev1 = header({ ...calm, incidents: { known: true, open: [{ title: 'Entitlement 403s', severity: 1 }] } });
    expect(sev1).toMatchObject({ level: 'ICU', tone: 'critical', reasons: ['SEV1 open: Entitlement 403s'] });
    expect(header({ ...calm, incidents: { known: true, open: [{ title: 'Login slow', severity: 2 }] } }).tone).toBe('critical');
    expect(header({ ...calm, incidents: { known: true, open: [{ title: 'Chat lag', severity: 3 }] } })).toMatchObject({
      level: 'High Care',
      tone: 'warning',
      reasons: ['SEV3 open: Chat lag'],
    });
  });

  it('a critical canary confirmed failing is critical (acknowledged too), another one a warning; maintenance and unconfirmed do not count', () => {
    const failing = (critical: boolean, status = 'failing-confirmed') => header({ ...calm, canaries: { known: true, entries: [{ name: 'Checkout API', critical, health: 'failing-confirmed', status }] } });
    expect(failing(true)).toMatchObject({ level: 'ICU', tone: 'critical', reasons: ['canary Checkout API failing'] });
    expect(failing(true, 'acknowledged').tone).toBe('critical');
    expect(failing(false)).toMatchObject({ level: 'High Care', tone: 'warning', reasons: ['canary Checkout API failing'] });
    expect(failing(true, 'maintenance').level).toBe('Stable');
    const unconfirmed = header({ ...calm, canaries: { known: true, entries: [{ name: 'Checkout API', critical: true, health: 'failing-unconfirmed', status: 'failing-unconfirmed' }] } });
    expect(unconfirmed.level).toBe('Stable');
  });

  it('an SLO at PAGE is critical, at TICKET a warning', () => {
    expect(header({ ...calm, slos: { known: true, statuses: [{ name: 'playback availability', alert: 'page' }] } })).toMatchObject({
      tone: 'critical',
      reasons: ['SLO playback availability: PAGE'],
    });
    expect(header({ ...calm, slos: { known: true, statuses: [{ name: 'playback availability', alert: 'ticket' }] } })).toMatchObject({
      tone: 'warning',
      reasons: ['SLO playback availability: TICKET'],
    });
  });

  it('a complaint spike is a warning, with how many times normal', () => {
    expect(header({ ...calm, pulse: { known: true, spike: { ratio: 6.21 } } })).toMatchObject({ level: 'High Care', tone: 'warning', reasons: ['complaint spike 6.2×'] });
  });

  it('a change recorded during the freeze is a warning, named as the event strip names it', () => {
    expect(header({ ...calm, event: { known: true, fired: [], freezeChanges: 2 } })).toMatchObject({ level: 'High Care', tone: 'warning', reasons: ['2 changes during the freeze'] });
    expect(header({ ...calm, event: { known: true, fired: [], freezeChanges: 1 } }).reasons).toEqual(['1 change during the freeze']);
  });

  it('a fired risk trigger is a warning, each named by what fired, as text on one line', () => {
    const fired = ['CDN miss ratio above 20%', 'Playback errors\u202e above 2%\nfor 5 min'];
    expect(header({ ...calm, event: { known: true, fired, freezeChanges: 1 } })).toMatchObject({
      level: 'High Care',
      tone: 'warning',
      reasons: ['trigger fired: CDN miss ratio above 20%', 'trigger fired: Playback errors above 2% for 5 min', '1 change during the freeze'],
    });
  });

  it('lists every contributing reason, worst first, with the data rules’ own', () => {
    const all = header(
      {
        incidents: { known: true, open: [{ title: 'Chat lag', severity: 3 }, { title: 'Entitlement 403s', severity: 1 }] },
        canaries: { known: true, entries: [{ name: 'Checkout API', critical: true, health: 'failing-confirmed', status: 'failing-confirmed' }] },
        slos: { known: true, statuses: [{ name: 'playback availability', alert: 'ticket' }] },
        pulse: { known: true, spike: { ratio: 14.4 } },
      },
      warningData,
    );
    expect(all.level).toBe('ICU');
    expect(all.reasons).toEqual([
      'SEV1 open: Entitlement 403s',
      'canary Checkout API failing',
      'errors warning',
      'SEV3 open: Chat lag',
      'SLO playback availability: TICKET',
      'complaint spike 14×',
    ]);
  });

  it('uses plain words when the workspace has no level of that tone', () => {
    const v = withRoomSignals(evaluateStatus(undefined, new Map()), readRoom({ incidents: { known: true, open: [{ title: 'Outage', severity: 1 }] } }), undefined);
    expect(v).toMatchObject({ level: 'Critical', tone: 'critical', reasons: ['SEV1 open: Outage'] });
  });

  it('shows an incident title as one short line of text', () => {
    const v = header({ ...calm, incidents: { known: true, open: [{ title: 'Line one\nline two <b>x</b>', severity: 1 }] } });
    expect(v.reasons[0]).not.toContain('\n');
    expect(v.reasons[0]).toContain('<b>x</b>');
  });
});

describe('the radiator does not say Stable on states it has not received', () => {
  it('says "Stable?" and names each state not received', () => {
    expect(header({ ...calm, incidents: { known: false, open: [] } })).toEqual({ level: 'Stable?', tone: 'unknown', reasons: [], unverified: ['incidents'] });
    expect(header({ ...calm, canaries: { known: false, entries: [] } }).unverified).toEqual(['canaries']);
    expect(header({ ...calm, slos: { known: false, statuses: [{ name: 'playback availability', alert: null }] } }).unverified).toEqual(['SLOs']);
    expect(header({ ...calm, pulse: { known: false, spike: null } }).unverified).toEqual(['customer pulse']);
    expect(header({ ...calm, event: { known: false, fired: [], freezeChanges: 0 } }).unverified).toEqual(['event plan']);
    expect(header({ ...calm, slos: { known: true, statuses: [{ name: 'playback availability', alert: null }] } }).unverified).toEqual(['SLO playback availability']);
    const twoSlos = (a: 'ok' | null) => ({ known: true, statuses: [{ name: 'playback availability', alert: a }, { name: 'login', alert: null }] });
    expect(header({ ...calm, slos: twoSlos('ok') }).unverified).toEqual(['SLO login']);
    // None evaluated (Prometheus down): one word, not every name.
    expect(header({ ...calm, slos: twoSlos(null) }).unverified).toEqual(['SLOs']);
  });

  it('still raises on what it last knew (a SEV1 open when the link went), and names what is not current', () => {
    const v = header({ ...calm, incidents: { known: false, open: [{ title: 'Outage', severity: 1 }] }, canaries: { known: false, entries: [] } });
    expect(v).toMatchObject({ level: 'ICU', tone: 'critical', reasons: ['SEV1 open: Outage'], unverified: ['canaries'] });
  });

  it('only SLOs the room has count: none defined, or none with a Prometheus run here, is no signal; a Prometheus down still is', () => {
    expect(header({ ...calm, slos: { known: false, statuses: [] } })).toMatchObject({ level: 'Stable', tone: 'ok', unverified: [] });
    // The demo on a machine without Prometheus: the hub says its SLOs have none, not that it is down.
    const absent = { known: true, statuses: [{ name: 'playback availability', alert: null, absent: true }, { name: 'login', alert: null, absent: true }] };
    expect(header({ ...calm, slos: absent })).toMatchObject({ level: 'Stable', tone: 'ok', unverified: [] });
    // One SLO on a Prometheus that is down, beside one with none here: that one is not live.
    const down = { known: true, statuses: [{ name: 'playback availability', alert: null, absent: true }, { name: 'login', alert: null }] };
    expect(header({ ...calm, slos: down })).toMatchObject({ level: 'Stable?', tone: 'unknown', unverified: ['SLO login'] });
    const allDown = { known: true, statuses: [{ name: 'playback availability', alert: null }, { name: 'login', alert: null }] };
    expect(header({ ...calm, slos: allDown })).toMatchObject({ level: 'Stable?', unverified: ['SLOs'] });
  });

  it('a state left out is neither counted nor waited for', () => {
    expect(header({ incidents: calm.incidents })).toMatchObject({ level: 'Stable', tone: 'ok' });
    expect(header({}, warningData)).toMatchObject({ level: 'High Care', reasons: ['errors warning'] });
  });
});

describe('which states a workspace counts', () => {
  it('all by default (SLOs and pulse when the workspace has them); status.include narrows it', () => {
    expect([...countedRoomKinds(ws)]).toEqual(['incidents', 'canaries', 'event']);
    expect([...countedRoomKinds({ ...ws, slos: [{} as never], pulse: {} as never })]).toEqual(['incidents', 'canaries', 'slos', 'pulse', 'event']);
    const narrowed = workspaceSchema.parse({ ...ws, status: { include: ['incidents'] } });
    expect(narrowed.status!.levels).toEqual([]);
    expect([...countedRoomKinds(narrowed)]).toEqual(['incidents']);
    expect([...countedRoomKinds(workspaceSchema.parse({ ...ws, status: { include: ['event'] } }))]).toEqual(['event']);
    expect(workspaceSchema.safeParse({ ...ws, status: { include: ['weather'] } }).success).toBe(false);
  });
});
