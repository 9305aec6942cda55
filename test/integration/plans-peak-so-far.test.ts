/**
 * "Peak so far" on the strip is the peak since the event window started, however long the event:
 * a real store in a temporary folder, the plan service on a fake clock, sampling a watched panel
 * once a minute through a 10-hour premiere day.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../electron/hub/store/store.ts';
import { PlanService } from '../../electron/hub/planning/service.ts';
import { peakSoFarWords } from '../../renderer/wall/event-plans.ts';

const MIN = 60_000;
/** 09:00 BST to 19:00 BST on premiere day. */
const START = Date.parse('2026-06-12T08:00:00Z');

let dir: string;
let store: Store;
let service: PlanService;
afterEach(() => {
  service?.close();
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('peak so far on the strip', () => {
  it('is the highest sample since the window started, even one ten hours back', () => {
    dir = mkdtempSync(join(tmpdir(), 'mc-peak-'));
    store = openStore(dir);
    let clock = START - 30 * MIN;
    /** Concurrent streams: 2.5 M an hour before the doors open (a rehearsal), 1.5 M an hour in, 400 k after. */
    const streams = (t: number) => (t < START ? 2_500_000 : t === START + 60 * MIN ? 1_500_000 : 400_000);
    service = new PlanService(store.plans, {
      now: () => clock,
      templatesDir: join(import.meta.dirname, '../../assets/templates'),
      incidents: () => [],
      watched: (panelId) => (panelId === 'streams' ? { points: [[clock, streams(clock)]], maxAgeMs: 2 * MIN } : null),
      events: { changed: () => {}, trigger: () => {} },
      tickMs: 3_600_000,
      log: () => {},
    });
    const { id } = service.create({ template: 'sports-final', event: { name: 'Premiere day', start: '2026-06-12T09:00', end: '2026-06-12T19:00' } }, '@planner');
    for (const state of ['planned', 'ready', 'live'] as const) service.transition(id, state, '@planner');
    expect(service.live()[0]!.actualPeak).toBeNull();
    expect(peakSoFarWords(service.live()[0]!)).toBeNull();

    // A sample a minute from half an hour before the start to nine and a half hours in.
    for (; clock <= START + 9.5 * 60 * MIN; clock += MIN) service.tick();
    const [live] = service.live();
    expect(live!.actual.at(0)![0]).toBeGreaterThan(START + 60 * MIN); // the last four hours only
    expect(live!.actualPeak).toEqual([START + 60 * MIN, 1_500_000]);
    // What the wall's strip says: the forecast peak is 1.2 M.
    expect(peakSoFarWords(live!)).toBe('peak so far 1,500,000 (125%)');
  });
});
