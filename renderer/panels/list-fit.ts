/**
 * How many rows of a wall list fit above its "and N more" line. A row's height is only known once
 * drawn (a name in large type over a smaller second line, wrapped or not), so an estimate in ems
 * cut the last line in half on the room wall's Canaries panel ("and 1 more" at the bottom edge).
 */

/**
 * @param rowBottomsPx each drawn row's bottom, px from the list's top, in order.
 * @param listHeightPx the list's height, px (it never scrolls).
 * @param noteHeightPx the "and N more" line's height, px, with the gap above it.
 * @returns how many of the rows fit with the note whole under them; at least 1 (the worst always shows).
 */
export function rowsAboveNote(rowBottomsPx: readonly number[], listHeightPx: number, noteHeightPx: number): number {
  let fit = 0;
  while (fit < rowBottomsPx.length && rowBottomsPx[fit]! + noteHeightPx <= listHeightPx + 0.5) fit += 1;
  return Math.max(1, fit);
}
