/**
 * The wall's 24-column grid (Grafana gridPos units). A wall fills its screen: as many rows as the
 * lowest panel reaches, each row the available height divided by the row count, never a scroll.
 */
export const GRID_COLUMNS = 24;

export interface GridPos {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface GridPlacement {
  readonly id: string;
  /** CSS grid lines (1-based), e.g. gridColumn "1 / span 6". */
  readonly gridColumn: string;
  readonly gridRow: string;
}

export interface WallGrid {
  readonly columns: number;
  readonly rows: number;
  readonly placements: readonly GridPlacement[];
}

/** The rows a wall needs: the lowest edge of any panel (at least one). */
export function gridRows(panels: readonly { readonly gridPos: GridPos }[]): number {
  let rows = 1;
  for (const { gridPos } of panels) rows = Math.max(rows, gridPos.y + gridPos.h);
  return rows;
}

export function wallGrid(panels: readonly { readonly id: string; readonly gridPos: GridPos }[]): WallGrid {
  return {
    columns: GRID_COLUMNS,
    rows: gridRows(panels),
    placements: panels.map(({ id, gridPos: { x, y, w, h } }) => {
      // The schema keeps x + w within 24; clamp anyway so a bad panel cannot widen the wall.
      const col = Math.min(Math.max(0, x), GRID_COLUMNS - 1);
      const span = Math.max(1, Math.min(w, GRID_COLUMNS - col));
      return { id, gridColumn: `${col + 1} / span ${span}`, gridRow: `${Math.max(0, y) + 1} / span ${Math.max(1, h)}` };
    }),
  };
}

/** Height of one row in px: what is left after the gaps, shared equally (CSS 1fr does the same). */
export function rowHeight(availablePx: number, rows: number, gapPx: number): number {
  if (rows <= 0) return 0;
  return Math.max(0, (availablePx - gapPx * (rows - 1)) / rows);
}

/** The CSS grid templates that make the rows share the height and the columns the width. */
export function gridTemplates(grid: Pick<WallGrid, 'columns' | 'rows'>): { gridTemplateColumns: string; gridTemplateRows: string } {
  return {
    gridTemplateColumns: `repeat(${grid.columns}, minmax(0, 1fr))`,
    gridTemplateRows: `repeat(${grid.rows}, minmax(0, 1fr))`,
  };
}
