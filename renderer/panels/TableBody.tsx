import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { flushSync } from 'react-dom';
import { tableModel, VALUE_COLUMN } from '../../shared/domain/table.ts';
import type { PanelOf } from '../../shared/model/workspace.ts';
import { toneIcon, toneWord } from '../app/status-words.ts';
import { useApp } from '../state/react.tsx';
import { tableRowsThatFit, tallestRow } from './list-fit.ts';
import type { TableRoom } from './list-fit.ts';

interface Props {
  panel: PanelOf<'table'>;
  frameKey: string;
}

/**
 * How many rows fit the tile at the table's own type size: a wall has no scrollbar, so rows that
 * do not fit are counted ("+3 more") rather than cut off unseen. Measured from the rows and note
 * as drawn, after every render (rows drawn anew, the note drawn or gone) and when the tile is resized.
 */
function useRowsThatFit(box: RefObject<HTMLElement | null>, rows: number, maxRows: number): number | null {
  const [fit, setFit] = useState<number | null>(null);
  const wanted = useRef({ rows, maxRows });
  wanted.current = { rows, maxRows };
  const tallestRowPx = useRef(0);
  const measure = useCallback(() => {
    const drawn = drawnTable(box.current);
    if (!drawn) return;
    tallestRowPx.current = Math.max(tallestRowPx.current, tallestRow(drawn.headBottomPx, drawn.rowBottomsPx));
    const shown = tableRowsThatFit({ ...drawn, tallestRowPx: tallestRowPx.current, ...wanted.current });
    setFit((prev) => (prev === shown ? prev : shown));
  }, [box]);
  // Before the paint: a fit that changes the rows drawn is measured again on them at once.
  useLayoutEffect(measure);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    // Refitted in the observer's callback, before the paint: set as usual, the rows would follow a
    // task later, after a frame with the old rows in the new room (the last one cut off). The tile's
    // own box follows its grid cell, never the rows in it, so the refit does not resize what is observed.
    const observer = new ResizeObserver(() => {
      tallestRowPx.current = 0; // new room, maybe new type: rows measured afresh
      flushSync(measure);
    });
    observer.observe(el, { box: 'border-box' });
    return () => observer.disconnect();
  }, [box, measure]);
  return fit;
}

/** The room, header, body rows and note of `box` (a `.table-panel`) as drawn, px from the table's top; null before it is laid out. */
function drawnTable(box: HTMLElement | null): Pick<TableRoom, 'roomPx' | 'headBottomPx' | 'rowBottomsPx' | 'notePx'> | null {
  const table = box?.querySelector('table');
  const head = table?.tHead?.rows[0];
  if (!box || !table || !head || box.clientHeight === 0) return null;
  const top = table.getBoundingClientRect().top;
  const contentBottom = box.getBoundingClientRect().top + box.clientTop + box.clientHeight - parseFloat(getComputedStyle(box).paddingBottom);
  const headBottomPx = head.getBoundingClientRect().bottom - top;
  const rowBottomsPx = [...(table.tBodies[0]?.rows ?? [])].map((row) => row.getBoundingClientRect().bottom - top);
  const lastBottom = rowBottomsPx[rowBottomsPx.length - 1] ?? headBottomPx;
  const note = box.querySelector('.table-more');
  return { roomPx: contentBottom - top, headBottomPx, rowBottomsPx, notePx: note ? note.getBoundingClientRect().bottom - top - lastBottom : null };
}

/** One row per series: label columns, then the latest value in its unit, coloured with an icon by its state. */
export function TableBody({ panel, frameKey }: Props) {
  const series = useApp((s) => s.frames[frameKey]?.series);
  const boxRef = useRef<HTMLDivElement>(null);
  const fit = useRowsThatFit(boxRef, series?.length ?? 0, panel.maxRows);
  const maxRows = Math.min(panel.maxRows, fit ?? panel.maxRows);
  const model = useMemo(
    () =>
      tableModel(series ?? [], {
        unit: panel.unit,
        decimals: panel.decimals,
        thresholds: panel.thresholds,
        mappings: panel.mappings,
        columns: panel.columns,
        sortBy: panel.sortBy,
        sortOrder: panel.sortOrder,
        maxRows,
      }),
    [series, panel, maxRows],
  );
  const arrow = panel.sortOrder === 'asc' ? '▲' : '▼';
  const sortMark = (column: string) =>
    model.sortBy === column ? (
      <span className="table-sort" aria-label={panel.sortOrder === 'asc' ? 'ascending' : 'descending'}>
        {' '}
        {arrow}
      </span>
    ) : null;
  return (
    <div ref={boxRef} className="table-panel" data-testid={`table-${panel.id}`}>
      <table className="panel-table">
        <thead>
          <tr>
            {model.columns.map((c) => (
              <th key={c} scope="col" aria-sort={model.sortBy === c ? (panel.sortOrder === 'asc' ? 'ascending' : 'descending') : undefined}>
                {c}
                {sortMark(c)}
              </th>
            ))}
            <th scope="col" className="table-value-head" aria-sort={model.sortBy === VALUE_COLUMN ? (panel.sortOrder === 'asc' ? 'ascending' : 'descending') : undefined}>
              {panel.valueTitle}
              {sortMark(VALUE_COLUMN)}
            </th>
          </tr>
        </thead>
        <tbody>
          {model.rows.map((row) => (
            <tr key={row.key} data-testid={`table-row-${panel.id}`} data-state={row.judged ? row.state : 'none'}>
              {row.cells.map((cell, i) => (
                <td key={model.columns[i]}>{cell}</td>
              ))}
              <td className="table-value" data-state={row.judged ? row.state : 'none'} title={row.judged ? toneWord[row.state] : undefined}>
                {row.judged && (
                  <span className="table-icon" aria-hidden="true">
                    {toneIcon[row.state]}{' '}
                  </span>
                )}
                {row.number}
                {row.unit && <span className="table-unit">{row.unit}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {model.hidden > 0 && (
        <p className="table-more" data-testid={`table-more-${panel.id}`}>
          + {model.hidden} more {model.hidden === 1 ? 'row' : 'rows'}
        </p>
      )}
    </div>
  );
}
