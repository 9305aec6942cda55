import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../shared/model/incident.ts';
import type { CanaryAndon } from '../../shared/protocol/canaries.ts';
import type { HubHello } from '../../shared/protocol/events.ts';
import type { IncidentSummary } from '../../shared/protocol/incidents.ts';
import { newId } from '../transport/outbox.ts';
import { createAppStore } from '../state/store.ts';
import { startConsoleNotifications } from './console-notifications.ts';

const HELLO_AT = 1_000_000;
const hello = { version: '0.1.0', role: 'responder', tokenName: 'ann', serverTime: HELLO_AT, workspace: { workspace: null, issues: [], loadedAt: null } } as unknown as HubHello;
const summary = (id: string, declaredAt: number, fields: Partial<IncidentSummary> = {}): IncidentSummary => ({
  id,
  title: `Incident ${id}`,
  severity: 2,
  priority: null,
  status: 'investigating',
  open: true,
  commander: 'ann',
  declaredAt,
  impactStartedAt: null,
  openTasks: 0,
  nextTaskDueAt: null,
  nextUpdateDue: null,
  ...fields,
});
const andon = (id: string, at: number): CanaryAndon => ({ id, name: `Check ${id}`, service: 'api', journey: null, kind: 'failure', at, failingSince: at - 1000, incidentSeq: 1, message: 'expected status 200, got 503' });
let seq = 0;
const offer = (incidentId: string, to: string, recordedAt: number): TimelineEntry =>
  ({ id: newId(), incidentId, kind: 'handoff', text: '', occurredAt: recordedAt, author: 'cy', console: 'c', data: { step: 'offer', role: 'commander', from: 'cy', to }, seq: ++seq, recordedAt }) as TimelineEntry;

function setUp(looking: { now: boolean }, screen: { console: boolean } = { console: true }) {
  const store = createAppStore();
  const shown: string[] = [];
  const stop = startConsoleNotifications({
    store,
    notify: async (title, body) => void shown.push(`${title} — ${body}`),
    looking: () => looking.now,
    onConsole: () => screen.console,
  });
  return { s: () => store.getState(), shown, stop };
}

describe('notifications on a console nobody looks at', () => {
  it('announces an incident declared, a canary failing and a handoff offered to me, each once, and nothing from before it connected', () => {
    const looking = { now: false };
    const { s, shown, stop } = setUp(looking);
    s().identityChanged({ person: 'Ann', console: 'laptop' });
    // The journal from last time, before the hub said hello: old news.
    s().incidentSummariesReceived([summary('old', HELLO_AT - 60_000)], true);
    s().connectionHello(hello, HELLO_AT);
    s().incidentSummariesReceived([summary('old', HELLO_AT - 60_000), summary('earlier', HELLO_AT - 5_000)], true);
    expect(shown).toEqual([]);

    s().incidentSummariesReceived([summary('new', HELLO_AT + 10_000, { severity: 1, title: 'Playback errors in EU' })], false);
    s().canaryAndonReceived(andon('login', HELLO_AT + 20_000));
    s().incidentEntriesReceived([offer('new', 'ann', HELLO_AT + 30_000), offer('new', 'bo', HELLO_AT + 31_000)]);
    // The same news again (a status change, a reconnect's snapshot): said once.
    s().incidentSummariesReceived([summary('new', HELLO_AT + 10_000, { severity: 1, title: 'Playback errors in EU', status: 'mitigated' })], false);
    s().canaryAndonsOutstanding([andon('login', HELLO_AT + 20_000)]);
    expect(shown).toEqual([
      'SEV1 declared — Playback errors in EU',
      'Canary failing: declare an incident? — Check login: expected status 200, got 503',
      'Handoff offered to you: commander — From cy: accept or decline on the incident page',
    ]);
    stop();
  });

  it('says nothing while someone is looking (the screen shows it), nor on a wall', () => {
    const looking = { now: true };
    const { s, shown } = setUp(looking);
    s().connectionHello(hello, HELLO_AT);
    s().incidentSummariesReceived([summary('a', HELLO_AT + 1000)], false);
    // Seen on screen: looking away later does not bring it back.
    looking.now = false;
    s().incidentSummariesReceived([summary('a', HELLO_AT + 1000, { status: 'identified' })], false);
    expect(shown).toEqual([]);

    const wall = setUp({ now: false }, { console: false });
    wall.s().connectionHello(hello, HELLO_AT);
    wall.s().incidentSummariesReceived([summary('b', HELLO_AT + 1000)], false);
    expect(wall.shown).toEqual([]);
  });
});
