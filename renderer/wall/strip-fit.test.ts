import { describe, expect, it } from 'vitest';
import { fitStrip } from './strip-fit.ts';

const item = (key: string, width: number, priority: number, must = false, group = priority) => ({ key, width, priority, must, group });

describe('which strip sections fit', () => {
  it('shows all when they fit, else the highest priority ones and room for "+N more"', () => {
    const items = [item('event', 300, 1), item('next', 300, 3), item('check-ins', 300, 2), item('duty', 200, 4)];
    expect([...fitStrip(items, 1200, 10, 200)].sort()).toEqual(['check-ins', 'duty', 'event', 'next']);
    // 1000 px: 790 px left beside a 200 px "+N more": event and check-ins (in trouble) before next.
    expect([...fitStrip(items, 1000, 10, 200)].sort()).toEqual(['check-ins', 'event']);
    // A narrower one of the same group still takes the room a wider one could not…
    const calm = [item('event', 300, 1, false, 1), item('next', 300, 3, false, 3), item('freeze', 100, 4, false, 3)];
    expect([...fitStrip(calm, 1000, 10, 200)].sort()).toEqual(['event', 'freeze', 'next']);
    expect([...fitStrip(calm, 700, 10, 200)].sort()).toEqual(['event', 'freeze']);
    // …but a calm one never takes the room a section in trouble needed.
    expect([...fitStrip(items, 1050, 10, 200)].sort()).toEqual(['check-ins', 'event']);
  });

  it('always shows a fired trigger, even when it fills the row', () => {
    expect([...fitStrip([item('fired', 900, 0, true), item('event', 300, 1)], 800, 10, 200)]).toEqual(['fired']);
  });
});
