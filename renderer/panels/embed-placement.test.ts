import { describe, expect, it } from 'vitest';
import { embedPlacement, intersection, largestUncovered, MAX_OVERLAYS, samePlacement, type Rect } from './embed-placement.ts';

const WINDOW: Rect = { x: 0, y: 0, width: 1920, height: 1080 };
/** A 6×4 tile's body on a 1080p wall. */
const BODY: Rect = { x: 1440, y: 620, width: 460, height: 300 };

describe('where a desktop embed is drawn', () => {
  it('fills its tile body when nothing is over it, in whole pixels', () => {
    expect(embedPlacement({ x: 10.4, y: 20.6, width: 640.2, height: 359.9 }, [WINDOW], [])).toEqual({
      bounds: { x: 10, y: 21, width: 641, height: 360 },
      visible: true,
    });
  });

  it('ignores wall UI beside the tile (a banner above it pushed it down; an edge that only touches)', () => {
    const banner = { x: 0, y: 80, width: 1920, height: 90 };
    const neighbour = { x: BODY.x - 200, y: BODY.y, width: 200, height: BODY.height };
    expect(embedPlacement(BODY, [WINDOW], [banner, neighbour])).toEqual({ bounds: BODY, visible: true });
  });

  it('keeps to the part of the body the window shows', () => {
    const overhanging = { x: 1700, y: 900, width: 460, height: 300 };
    expect(embedPlacement(overhanging, [WINDOW], [])).toEqual({ bounds: { x: 1700, y: 900, width: 220, height: 180 }, visible: true });
  });

  it('stops above the tile’s "old page" badge, so the badge stays readable', () => {
    const badge = { x: BODY.x + 330, y: BODY.y + 272, width: 124, height: 24 };
    const placed = embedPlacement(BODY, [WINDOW], [badge]);
    expect(placed).toEqual({ bounds: { ...BODY, height: 272 }, visible: true });
    expect(intersection(placed.bounds, badge)).toBeNull();
  });

  it('gives way to a panel along one side and keeps the rest', () => {
    const drawer = { x: BODY.x + 300, y: 0, width: 400, height: 1080 };
    expect(embedPlacement(BODY, [WINDOW], [drawer])).toEqual({ bounds: { ...BODY, width: 300 }, visible: true });
  });

  it('hides, keeping its size, when what is left is under half the body or nothing', () => {
    const middle = { x: BODY.x + 150, y: BODY.y + 80, width: 160, height: 140 };
    expect(embedPlacement(BODY, [WINDOW], [middle])).toEqual({ bounds: BODY, visible: false });
    const waitingWords = { ...BODY }; // the tile's own "Loading…" / "did not load" over its whole body
    expect(embedPlacement(BODY, [WINDOW], [waitingWords])).toEqual({ bounds: BODY, visible: false });
    const offScreen = { x: 2000, y: 0, width: 300, height: 200 };
    expect(embedPlacement(offScreen, [WINDOW], [])).toEqual({ bounds: offScreen, visible: false });
  });

  it('hides under more overlays than it searches around', () => {
    const specks = Array.from({ length: MAX_OVERLAYS + 1 }, (_, i) => ({ x: BODY.x + i * 40, y: BODY.y + BODY.height - 4, width: 4, height: 4 }));
    expect(embedPlacement(BODY, [WINDOW], specks).visible).toBe(false);
    expect(embedPlacement(BODY, [WINDOW], specks.slice(1)).visible).toBe(true);
  });

  it('finds the largest uncovered rectangle, as an exhaustive search over whole cells does', () => {
    const space: Rect = { x: 0, y: 0, width: 16, height: 10 };
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let trial = 0; trial < 60; trial++) {
      const overlays = Array.from({ length: 1 + next(4) }, () => ({ x: next(16), y: next(10), width: 1 + next(6), height: 1 + next(5) }));
      const found = largestUncovered(space, overlays);
      let bestArea = 0;
      for (let x = 0; x < 16; x++)
        for (let y = 0; y < 10; y++)
          for (let w = 1; x + w <= 16; w++)
            for (let h = 1; y + h <= 10; h++) {
              const r = { x, y, width: w, height: h };
              if (w * h > bestArea && overlays.every((o) => intersection(r, o) === null)) bestArea = w * h;
            }
      expect(found === null ? 0 : found.width * found.height, JSON.stringify(overlays)).toBe(bestArea);
      if (found) for (const o of overlays) expect(intersection(found, o)).toBeNull();
    }
  });

  it('tells a changed placement from the same one', () => {
    const a = { bounds: BODY, visible: true };
    expect(samePlacement(a, { bounds: { ...BODY }, visible: true })).toBe(true);
    expect(samePlacement(a, { bounds: { ...BODY, y: BODY.y + 1 }, visible: true })).toBe(false);
    expect(samePlacement(a, { bounds: BODY, visible: false })).toBe(false);
  });
});
