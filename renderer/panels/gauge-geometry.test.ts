import { describe, expect, it } from 'vitest';
import { arcPath, dialLegible, fitFont, gaugeBands, gaugeFraction, pointAt } from './gauge-geometry.ts';

describe('gauge geometry', () => {
  it('places values between min and max, clamped', () => {
    expect(gaugeFraction(50, 0, 100)).toBe(0.5);
    expect(gaugeFraction(-5, 0, 100)).toBe(0);
    expect(gaugeFraction(500, 0, 100)).toBe(1);
    expect(gaugeFraction(0.75, 0.5, 1)).toBe(0.5);
    expect(gaugeFraction(null, 0, 1)).toBeNull();
  });

  it('draws arcs clockwise from the lower left, the long way round past half', () => {
    expect(pointAt(0, 10)).toEqual({ x: 100, y: 90 });
    expect(pointAt(90, 10)).toEqual({ x: 110, y: 100 });
    expect(arcPath(0, 0.5, 10)).toBe('M 91.34 105 A 10 10 0 0 1 100 90');
    expect(arcPath(0, 1, 10)).toMatch(/ 0 1 1 108\.66 105$/);
    expect(arcPath(0.5, 0.5, 10)).toBe('');
  });

  it('turns thresholds into coloured bands within min…max', () => {
    const thresholds = [
      { value: null, state: 'ok' as const },
      { value: 80, state: 'warning' as const },
      { value: 95, state: 'critical' as const },
    ];
    expect(gaugeBands(thresholds, 0, 100)).toEqual([
      { from: 0, to: 0.8, state: 'ok' },
      { from: 0.8, to: 0.95, state: 'warning' },
      { from: 0.95, to: 1, state: 'critical' },
    ]);
    // A step beyond max draws nothing.
    expect(gaugeBands(thresholds, 0, 50)).toEqual([{ from: 0, to: 1, state: 'ok' }]);
    expect(gaugeBands(undefined, 0, 100)).toEqual([]);
  });

  it('shrinks long text to fit', () => {
    expect(fitFont(3, 150, 50)).toBe(50);
    expect(fitFont(10, 150, 50)).toBe(25);
  });

  it('keeps the dial only where its number and state word read as large as a stat’s', () => {
    // Far wall (32 px root): the word (19 units) needs a scale of 1.43, a dial about 270 px high.
    expect(dialLegible(600, 275, 32, 50)).toBe(true);
    expect(dialLegible(600, 250, 32, 50)).toBe(false);
    expect(dialLegible(600, 150, 32, 50)).toBe(false);
    // Near wall (16 px root): the same box is plenty.
    expect(dialLegible(600, 150, 16, 50)).toBe(true);
    // A long number drawn small fails on the number, however tall the box.
    expect(dialLegible(200, 2000, 32, 20)).toBe(false);
  });
});
