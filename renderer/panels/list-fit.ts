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

export interface TableRoom {
  /** From the table's top to the bottom of its panel's content box, px. */
  readonly roomPx: number;
  /** The header row's bottom, px from the table's top. */
  readonly headBottomPx: number;
  /** Each drawn body row's bottom, px from the table's top, in order. */
  readonly rowBottomsPx: readonly number[];
  /**
   * The tallest body row seen since the tile last changed size, px (0: none): a tall row left out
   * again is still not taken to be short, so the fit cannot go back and forth between two counts.
   */
  readonly tallestRowPx: number;
  /** From the last row's bottom to the "+N more" line's bottom (its gap and its line), px; null when not drawn. */
  readonly notePx: number | null;
  /** How many rows there are. */
  readonly rows: number;
  /** The panel's own bound on the rows shown (the rest counted in the note). */
  readonly maxRows: number;
}

/**
 * How many rows of a wall table to show: all of them when they fit whole, else as many as fit with
 * the "+N more" line whole under them (at least 1). A body row was taken to be as tall as the
 * header row: it is not (half a px more in every style, the collapsed border, and more with taller
 * content), nor was the note's room, so a desk wall's last line was cut by up to 12 px and a table
 * whose rows all fit said "+1 more row". Only drawn rows can be measured: the ones after them are
 * taken to be as tall as the tallest seen (no row drawn: as the header); an undrawn note as the header.
 */
export function tableRowsThatFit(room: TableRoom): number {
  const { roomPx, headBottomPx, rowBottomsPx, rows } = room;
  const wanted = Math.min(rows, room.maxRows);
  const pitch = Math.max(room.tallestRowPx, tallestRow(headBottomPx, rowBottomsPx)) || headBottomPx;
  const drawn = rowBottomsPx.length;
  const lastDrawn = drawn > 0 ? rowBottomsPx[drawn - 1]! : headBottomPx;
  /** The bottom of the n-th row (n ≥ 1), measured or extrapolated. */
  const bottomOf = (n: number) => (n <= drawn ? rowBottomsPx[n - 1]! : lastDrawn + (n - drawn) * pitch);
  const fits = (bottom: number) => bottom <= roomPx + 0.5;
  if (wanted === rows && (rows === 0 || fits(bottomOf(rows)))) return rows;
  const notePx = room.notePx ?? headBottomPx;
  let shown = 0;
  while (shown < wanted && fits(bottomOf(shown + 1) + notePx)) shown += 1;
  return Math.max(1, shown);
}

/** The tallest of the drawn body rows, px (0: none drawn), from their bottoms and the header's. */
export function tallestRow(headBottomPx: number, rowBottomsPx: readonly number[]): number {
  let tallest = 0;
  let top = headBottomPx;
  for (const bottom of rowBottomsPx) {
    tallest = Math.max(tallest, bottom - top);
    top = bottom;
  }
  return tallest;
}
