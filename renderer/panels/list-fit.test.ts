import { describe, expect, it } from 'vitest';
import { rowsAboveNote } from './list-fit.ts';

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
