import { describe, expect, it } from 'vitest';
import { workspaceSchema } from '../../shared/model/workspace.ts';
import type { FrameEntry } from '../state/frames.ts';
import { panelFrameKey } from './model.ts';
import { initialRotation, rotate } from '../../shared/domain/rotation.ts';
import { pageHealth, wallPages } from './pages.ts';

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

  it('refuses pages naming panels of no wall and hold-on panels that show no data', () => {
    const bad = workspaceSchema.safeParse({
      ...ws,
      walls: [{ ...wall, pages: [{ id: 'x', title: 'X', panels: ['nope'] }], rotation: { holdOn: ['note'] } }],
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.message)).toEqual(
      expect.arrayContaining(['no panel "nope" on the wall "room"', 'expected a data panel of the wall "room", got "note"']),
    );
  });
});

describe('a complaint spike and the rotation', () => {
  const room = workspaceSchema.parse({
    version: 1,
    title: 'T',
    sources: [{ id: 'ops', type: 'push' }],
    walls: [
      {
        id: 'room',
        title: 'Room',
        pages: [
          { id: 'health', title: 'Health', panels: ['errors'] },
          { id: 'customers', title: 'Customers', panels: ['pulse'] },
        ],
        rotation: { interval: '10s' },
        panels: [
          { id: 'errors', title: 'Errors', type: 'stat', gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: 'ops', query: { series: 'a' } },
          { id: 'pulse', title: 'Customer pulse', type: 'pulse', gridPos: { x: 0, y: 0, w: 12, h: 6 } },
        ],
      },
    ],
  }).walls[0]!;
  const spike = { id: 'spike:spike-1', why: 'complaint spike: 43 complaints/min about access, 6× normal' };

  it('brings up the page that shows the pulse and holds it there, until an operator releases it', () => {
    const [health, customers] = wallPages(room);
    const pages = [pageHealth(health!, new Set(), {}, false, spike), pageHealth(customers!, new Set(), {}, false, spike)];
    expect(pages.map((p) => p.alerts.map((a) => a.id))).toEqual([[], ['spike:spike-1']]);
    const held = rotate(initialRotation(0), { now: 1_000, intervalMs: 10_000, pages, holds: [] });
    expect(held.state.index).toBe(1);
    expect(held.heldBecause).toEqual([spike.why]);
    expect(rotate(held.state, { now: 60_000, intervalMs: 10_000, pages, holds: [] }).state.index).toBe(1);
    const released = rotate(held.state, { now: 61_000, intervalMs: 10_000, pages, holds: [] }, 'release');
    expect(released.heldBecause).toEqual([]);
    // without a spike, no alert anywhere
    expect(pageHealth(customers!, new Set(), {}, false, null).alerts).toEqual([]);
  });
});
