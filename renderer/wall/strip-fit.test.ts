import { describe, expect, it } from 'vitest';
import { fitStrip, stacksEvent } from './strip-fit.ts';

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

  it('stands the event above "+N more" beside one fired trigger whenever nothing else fits beside it, not only when the row is too narrow for its reservation', () => {
    // A 16:9 far wall (60 rem) has room for the reservation, and still nothing else beside it.
    const wide = fitStrip([item('triggers', 34 * 32, 0, true, 0), item('event', 7.5 * 32, 1, true, 1), item('next', 9 * 32, 2, false, 1), item('check-ins', 12 * 32, 3, false, 3), item('on-duty', 10 * 32, 4, false, 3)], 57.5 * 32, 40, 13 * 32);
    expect([...wide].sort()).toEqual(['event', 'triggers']);
    expect(stacksEvent(1, wide)).toBe(true);
    // Something else beside it (a wider wall), or two fired (a line each): side by side.
    expect(stacksEvent(1, new Set(['triggers', 'event', 'next']))).toBe(false);
    expect(stacksEvent(2, wide)).toBe(false);
    expect(stacksEvent(0, new Set(['event', 'next']))).toBe(false);
  });
});
