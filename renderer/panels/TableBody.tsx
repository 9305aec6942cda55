import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { flushSync } from 'react-dom';
import { tableModel, VALUE_COLUMN } from '../../shared/domain/table.ts';
import type { PanelOf } from '../../shared/model/workspace.ts';
import { toneIcon, toneWord } from '../app/status-words.ts';
import { useApp } from '../state/react.tsx';

interface Props {
  panel: PanelOf<'table'>;
  frameKey: string;
}

/**
 * How many rows fit the tile at the table's own type size: a wall has no scrollbar, so rows that
 * do not fit are counted ("+3 more") rather than cut off unseen.
 */
function useRowsThatFit(box: RefObject<HTMLElement | null>, head: RefObject<HTMLElement | null>): number | null {
  const [fit, setFit] = useState<number | null>(null);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => {
      const rowPx = head.current?.getBoundingClientRect().height ?? 0;
      if (rowPx <= 0) return;
      // The header row, then body rows of the same height, and room for the "+N more" line.
      const rows = Math.max(1, Math.floor((el.clientHeight - rowPx * 1.7) / rowPx));
      setFit((prev) => (prev === rows ? prev : rows));
    };
    measure();
    // Refitted in the observer's callback, before the paint: set as usual, the rows would follow a
    // task later, after a frame with the old rows in the new room (the last one cut off).
    const observer = new ResizeObserver(() => flushSync(measure));
    observer.observe(el);
    return () => observer.disconnect();
  }, [box, head]);
  return fit;
}

/** One row per series: label columns, then the latest value in its unit, coloured with an icon by its state. */
export function TableBody({ panel, frameKey }: Props) {
  const series = useApp((s) => s.frames[frameKey]?.series);
  const boxRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLTableRowElement>(null);
  const fit = useRowsThatFit(boxRef, headRef);
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
          <tr ref={headRef}>
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
