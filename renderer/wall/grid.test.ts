import { describe, expect, it } from 'vitest';
import { rootFontPx } from './distance.ts';
import { gridRows, gridTemplates, rowHeight, wallGrid } from './grid.ts';

const panel = (id: string, x: number, y: number, w: number, h: number) => ({ id, gridPos: { x, y, w, h } });

describe('wall grid', () => {
  it('has as many rows as the lowest panel reaches', () => {
    expect(gridRows([panel('a', 0, 0, 6, 6), panel('b', 6, 0, 18, 8), panel('c', 0, 8, 24, 7)])).toBe(15);
    expect(gridRows([])).toBe(1);
  });

  it('places panels on 1-based CSS grid lines', () => {
    const grid = wallGrid([panel('a', 0, 0, 6, 4), panel('b', 12, 3, 12, 5)]);
    expect(grid).toEqual({
      columns: 24,
      rows: 8,
      placements: [
        { id: 'a', gridColumn: '1 / span 6', gridRow: '1 / span 4' },
        { id: 'b', gridColumn: '13 / span 12', gridRow: '4 / span 5' },
      ],
    });
  });

  it('never lets a panel widen the wall', () => {
    expect(wallGrid([panel('a', 20, 0, 10, 1)]).placements[0]!.gridColumn).toBe('21 / span 4');
  });

  it('shares the height between the rows, after the gaps: no scrolling', () => {
    expect(rowHeight(1000, 10, 0)).toBe(100);
    expect(rowHeight(1000, 5, 10)).toBe(192);
    expect(rowHeight(1000, 5, 10) * 5 + 10 * 4).toBe(1000);
    expect(rowHeight(100, 0, 10)).toBe(0);
    expect(gridTemplates({ columns: 24, rows: 21 })).toEqual({
      gridTemplateColumns: 'repeat(24, minmax(0, 1fr))',
      gridTemplateRows: 'repeat(21, minmax(0, 1fr))',
    });
  });
});

describe('viewing distance', () => {
  it('scales type with the screen and the distance', () => {
    const desk = rootFontPx('desk', 1080, 1920);
    const near = rootFontPx('near', 1080, 1920);
    const far = rootFontPx('far', 1080, 1920);
    expect(desk).toBeLessThan(near);
    expect(near).toBeLessThan(far);
    expect(rootFontPx('far', 2160, 3840)).toBeCloseTo(far * 2, 0);
  });

  it('never goes below a readable floor', () => {
    expect(rootFontPx('desk', 400, 600)).toBe(14);
    expect(rootFontPx('far', 300, 400)).toBe(20);
  });
});
