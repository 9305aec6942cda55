import { describe, expect, it } from 'vitest';
import { rowsAboveNote, tableRowsThatFit, tallestRow } from './list-fit.ts';

describe('rows above the "and N more" line', () => {
  it('keeps the note whole: drops the row it would otherwise cut', () => {
    // Rows 50 px tall with 5 px gaps in a 220 px list, the note 25 px: three rows and the note (190 px).
    expect(rowsAboveNote([50, 105, 160, 215], 220, 25)).toBe(3);
    expect(rowsAboveNote([50, 105, 160, 215], 240, 25)).toBe(4);
  });

  it('always shows the worst row', () => {
    expect(rowsAboveNote([80, 160], 60, 25)).toBe(1);
  });
});

describe('rows of a wall table', () => {
  // A 64.5 px header, 65 px body rows (half a px more: the collapsed border), a 39 px note with its gap.
  const rowsOf = (n: number) => Array.from({ length: n }, (_, i) => 64.5 + 65 * (i + 1));
  const base = { headBottomPx: 64.5, notePx: 39, maxRows: 10, tallestRowPx: 0 };

  it('shows every row, with no note, when they all fit', () => {
    // Four rows end at 324.5 px: in a 330 px room they fit, though with the note they would not.
    expect(tableRowsThatFit({ ...base, roomPx: 330, rowBottomsPx: rowsOf(4), rows: 4 })).toBe(4);
  });

  it('keeps the note whole under the rows it shows', () => {
    // Six rows there, 4 drawn: three rows and the note end at 323.5 px, four and the note at 388.5.
    expect(tableRowsThatFit({ ...base, roomPx: 330, rowBottomsPx: rowsOf(4), rows: 6 })).toBe(3);
    expect(tableRowsThatFit({ ...base, roomPx: 388.5, rowBottomsPx: rowsOf(4), rows: 6 })).toBe(4);
  });

  it('counts body rows by their own height, not the header\'s', () => {
    // 15 rows at the header's 64.5 px and a note end at 1071 px; at their own 65 px, at 1078.5.
    expect(tableRowsThatFit({ ...base, maxRows: 30, roomPx: 1075, rowBottomsPx: rowsOf(3), rows: 20 })).toBe(14);
    // Rows taller than the header (a second line, a chip): 90 px each, the tallest drawn taken for the rest.
    const tall = [64.5 + 90, 64.5 + 180];
    expect(tableRowsThatFit({ ...base, roomPx: 500, rowBottomsPx: tall, rows: 8 })).toBe(4);
    expect(tableRowsThatFit({ ...base, roomPx: 500, rowBottomsPx: [64.5 + 65, 64.5 + 155], rows: 8 })).toBe(4);
    // That 90 px row left out again (two drawn, 65 px each): still counted as tall, so not drawn again to be dropped again.
    expect(tableRowsThatFit({ ...base, roomPx: 500, rowBottomsPx: rowsOf(2), rows: 8 })).toBe(6);
    expect(tableRowsThatFit({ ...base, roomPx: 500, rowBottomsPx: rowsOf(2), rows: 8, tallestRowPx: 90 })).toBe(4);
  });

  it('extrapolates the rows not drawn yet, and takes an undrawn note as tall as the header', () => {
    // Two rows drawn in a room for eight and the note: the other six taken as tall as the drawn.
    expect(tableRowsThatFit({ ...base, roomPx: 64.5 + 8 * 65 + 39, rowBottomsPx: rowsOf(2), rows: 12 })).toBe(8);
    // No note drawn: room for it as for a header row, so the first guess never cuts a shorter note.
    expect(tableRowsThatFit({ ...base, notePx: null, roomPx: 64.5 + 8 * 65 + 39, rowBottomsPx: rowsOf(2), rows: 12 })).toBe(7);
  });

  it('leaves room for the note when the panel bounds the rows, and always shows the worst row', () => {
    expect(tableRowsThatFit({ ...base, maxRows: 4, roomPx: 1000, rowBottomsPx: rowsOf(4), rows: 6 })).toBe(4);
    expect(tableRowsThatFit({ ...base, maxRows: 4, roomPx: 324.5, rowBottomsPx: rowsOf(4), rows: 6 })).toBe(3);
    expect(tableRowsThatFit({ ...base, roomPx: 80, rowBottomsPx: rowsOf(2), rows: 6 })).toBe(1);
    expect(tableRowsThatFit({ ...base, roomPx: 80, rowBottomsPx: [], rows: 0 })).toBe(0);
  });
});

describe('the tallest drawn row', () => {
  it('is measured bottom to bottom, the first from the header', () => {
    expect(tallestRow(64.5, [129.5, 219.5, 284.5])).toBe(90);
    expect(tallestRow(64.5, [])).toBe(0);
  });
});
