/**
 * #/canaries: every check and suite, grouped by service or journey, worst first, filtered by words
 * or to problems only. The list is windowed (fixed-height rows, only the visible ones drawn), and
 * each row re-renders only when its own entry changes, so 1,000+ canaries stay smooth.
 */
import './canaries.css';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { canaryEntryIndex } from '../../shared/protocol/canaries.ts';
import { clock } from '../incidents/words.ts';
import { roomTimeZone } from '../state/incidents.ts';
import { useApp } from '../state/react.tsx';
import { assignSlots, layoutBoard, layoutRows, type BoardLayout } from './board-layout.ts';
import { countList, defaultFilter, ms, statusLook, visibleRange, type BoardFilter, type BoardRow } from './board-view.ts';
import { CanaryDetail } from './CanaryDetail.tsx';
import { CanaryRow } from './CanaryRow.tsx';
import { useWatchCanaries } from './hooks.ts';

const ROW_PX = 64;

/**
 * The visible rows, each with its DOM slot, in a stable DOM order (by slot): rows are placed by
 * `top`, so when a delta re-sorts the board React moves nothing in the DOM; a row that comes into
 * view reuses the DOM of one that left (see assignSlots).
 */
function slotted(rows: { row: BoardRow; index: number }[], slots: ReadonlyMap<string, string>): { row: BoardRow; index: number; slot: string }[] {
  return rows.map((r) => ({ ...r, slot: slots.get(r.row.key)! })).sort((a, b) => (a.slot < b.slot ? -1 : a.slot > b.slot ? 1 : 0));
}

export function CanariesRoute() {
  useWatchCanaries();
  const board = useApp((s) => s.canaries.board);
  const status = useApp((s) => s.canaries.status);
  const error = useApp((s) => s.canaries.error);
  const notices = board?.notices ?? [];
  const timeZone = useApp(roomTimeZone);
  const [filter, setFilter] = useState<BoardFilter>(defaultFilter);
  const [selected, setSelected] = useState<string | null>(null);
  const entries = board?.entries;
  // Each delta moves only the tiles it changed (from the previous layout), never re-sorting the board.
  const lastLayout = useRef<BoardLayout | null>(null);
  const layout = useMemo(() => (entries ? layoutBoard(lastLayout.current, entries, filter) : null), [entries, filter]);
  useEffect(() => {
    lastLayout.current = layout;
  }, [layout]);
  const rowCount = layout?.rowCount ?? 0;
  const counts = useMemo(() => countList(layout?.counts ?? {}), [layout?.counts]);
  const selectedIndex = selected === null || !entries ? undefined : canaryEntryIndex(entries).get(selected);
  const selectedEntry = selectedIndex === undefined ? undefined : entries![selectedIndex];

  const hasBoard = board !== null;
  const viewport = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState({ top: 0, height: 800 });
  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const measure = () => setScroll((prev) => (prev.height === el.clientHeight ? prev : { ...prev, height: el.clientHeight }));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasBoard]);
  const onSelect = useCallback((id: string) => setSelected(id), []);
  const { start, end } = visibleRange(rowCount, ROW_PX, scroll.top, scroll.height);
  const visible = useMemo(() => (layout ? layoutRows(layout, start, end) : []), [layout, start, end]);
  // Slots carry over from the last drawn window (the same rows give the same slots, so a second render agrees).
  const lastSlots = useRef<ReadonlyMap<string, string>>(new Map());
  const slots = useMemo(() => assignSlots(lastSlots.current, visible.map(({ row }) => row)), [visible]);
  useEffect(() => {
    lastSlots.current = slots;
  }, [slots]);

  return (
    <main className="page canaries-page" data-testid="canaries">
      <div className="canaries-top">
        <h1>Canaries</h1>
        <p className="canary-counts" data-testid="canary-counts">
          {counts.map(({ status: s, count }) => (
            <span key={s} className="canary-chip" data-tone={statusLook[s].tone} data-status={s}>
              <span aria-hidden="true">{statusLook[s].icon} </span>
              {count} {statusLook[s].word}
            </span>
          ))}
        </p>
      </div>
      <div className="canary-toolbar">
        <input
          type="search"
          placeholder="Filter: name, service, target, state…"
          aria-label="Filter canaries"
          data-testid="canary-filter"
          value={filter.text}
          onChange={(event) => setFilter({ ...filter, text: event.target.value })}
        />
        <label>
          <input type="checkbox" checked={filter.problemsOnly} onChange={(event) => setFilter({ ...filter, problemsOnly: event.target.checked })} data-testid="canary-problems" /> Problems only
        </label>
        <label>
          Group by{' '}
          <select value={filter.groupBy} onChange={(event) => setFilter({ ...filter, groupBy: event.target.value === 'journey' ? 'journey' : 'service' })}>
            <option value="service">service</option>
            <option value="journey">customer journey</option>
          </select>
        </label>
        {board && (
          <span className="muted" data-testid="canary-scheduler" title="The checks the hub runs on a schedule (JUnit suites report in and are not counted), and how late their runs started against their plan (p99, last 5 minutes)">
            {board.scheduler.checks} scheduled {board.scheduler.checks === 1 ? 'check' : 'checks'} · lag p99 {ms(board.scheduler.lagMs.p99)}
          </span>
        )}
      </div>
      {status === 'error' && <p className="form-error">{error}</p>}
      {notices.length > 0 && (
        <ul className="canary-notices" data-testid="canary-notices" aria-label="Recent notices">
          {notices
            .slice(-3)
            .reverse()
            .map((n) => (
              <li key={`${n.id}-${n.at}-${n.kind}`} data-kind={n.kind}>
                <span aria-hidden="true">{n.kind === 'cert-expiry' ? '▲ ' : '⚒ '}</span>
                {clock(n.at, timeZone)} {n.message}
              </li>
            ))}
        </ul>
      )}
      {!board ? (
        <p className="muted" data-testid="canaries-waiting">
          {status === 'error' ? 'Retrying…' : 'Waiting for the canary board from the hub…'}
        </p>
      ) : board.entries.length === 0 ? (
        <p className="muted">No canaries in the workspace: add a <code>canaries:</code> section (see the README).</p>
      ) : (
        <div className="canary-layout">
          <div className="canary-viewport" ref={viewport} onScroll={(event) => setScroll({ top: event.currentTarget.scrollTop, height: event.currentTarget.clientHeight })} data-testid="canary-list" role="table" aria-rowcount={rowCount}>
            <div className="canary-canvas" style={{ height: rowCount * ROW_PX }}>
              {slotted(visible, slots).map(({ row, index, slot }) => {
                const top = index * ROW_PX;
                if (row.kind === 'group') {
                  return (
                    <div key={slot} className="canary-group" style={{ top, height: ROW_PX }} role="row" data-testid={`canary-group-${row.name}`}>
                      <h2>{row.name}</h2>
                      <span className="canary-group-counts">
                        {countList(row.counts).map(({ status: s, count }) => (
                          <span key={s} className="canary-chip" data-tone={statusLook[s].tone}>
                            <span aria-hidden="true">{statusLook[s].icon} </span>
                            {count} {statusLook[s].word}
                          </span>
                        ))}
                      </span>
                    </div>
                  );
                }
                return <CanaryRow key={slot} entry={row.entry} timeZone={timeZone} top={top} height={ROW_PX} selected={row.entry.id === selected} onSelect={onSelect} />;
              })}
            </div>
          </div>
          {selectedEntry && <CanaryDetail key={selectedEntry.id} entry={selectedEntry} timeZone={timeZone} onClose={() => setSelected(null)} />}
        </div>
      )}
    </main>
  );
}
