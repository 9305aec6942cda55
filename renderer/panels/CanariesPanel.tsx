import '../canaries/canaries.css';
import { useMemo, useRef } from 'react';
import type { PanelOf } from '../../shared/model/workspace.ts';
import { byWorstIn, countList, countStatuses, failureLine, isProblem, orderOfNames, panelEntries, panelTone, statusLook } from '../canaries/board-view.ts';
import { sinceLine } from '../canaries/CanaryRow.tsx';
import { useWatchCanaries } from '../canaries/hooks.ts';
import { CanaryStatusChip } from '../canaries/StatusChip.tsx';
import { roomTimeZone } from '../state/incidents.ts';
import { useApp } from '../state/react.tsx';
import type { GridPlacement } from '../wall/grid.ts';
import type { PanelFreshness } from '../wall/model.ts';
import { PanelFrame } from './PanelFrame.tsx';
import { useWholeRows } from './useWholeRows.ts';

/** With no problem listed, say what the canaries are doing: passing only if they are. */
function quietLine(covered: readonly { status: string }[]): string {
  const passing = covered.filter((e) => e.status === 'passing').length;
  if (passing === covered.length) return `✓ All ${covered.length} canaries passing`;
  if (passing === 0) return `◌ ${covered.length} canaries with no verdict yet (waiting for runs or in maintenance)`;
  return `✓ ${passing} of ${covered.length} canaries passing; the rest waiting or in maintenance`;
}

/** The canary board on the wall: counts per state, then the worst canaries first, as many as fit. */
export function CanariesPanel({ panel, placement }: { panel: PanelOf<'canaries'>; placement: GridPlacement | undefined }) {
  useWatchCanaries();
  const board = useApp((s) => s.canaries.board);
  const connected = useApp((s) => s.connection.status === 'connected');
  const timeZone = useApp(roomTimeZone);
  const listRef = useRef<HTMLOListElement>(null);
  const entries = board?.entries;
  const covered = useMemo(() => (entries ? panelEntries(entries, panel) : []), [entries, panel]);
  const counts = useMemo(() => countStatuses(covered), [covered]);
  // Worst first with the names' order of the whole board (shared by every panel; no collation per compare).
  const listed = useMemo(
    () => (panel.show === 'all' ? covered.slice() : covered.filter((e) => isProblem(e.status))).sort(byWorstIn(orderOfNames(entries ?? []))),
    [covered, entries, panel.show],
  );
  // The rows that fit whole, the worst always; the last line says how many more when they do not all fit.
  const panelRef = useRef<HTMLDivElement>(null);
  const countsRef = useRef<HTMLParagraphElement>(null);
  const around = useMemo(() => [panelRef, countsRef], []);
  const fit = useWholeRows(listRef, around, listed.map((e) => e.id).join(), ':scope > .canary-panel-item', ':scope > .canary-panel-more');
  const shown = listed.length > fit ? listed.slice(0, fit) : listed;
  const freshness: PanelFreshness = { freshness: connected ? 'live' : 'disconnected', ageMs: null, waiting: board === null };

  return (
    <PanelFrame
      panel={panel}
      placement={placement}
      freshness={freshness}
      state={board ? panelTone(counts) : 'unknown'}
      chip={false}
      error={null}
      resetKey={panel}
      waiting={<p>Waiting for the canary board from the hub</p>}
    >
      <div ref={panelRef} className="canary-panel" data-testid={`canaries-${panel.id}`}>
        <p ref={countsRef} className="canary-counts">
          {countList(counts).map(({ status, count }) => (
            <span key={status} className="canary-chip" data-tone={statusLook[status].tone} data-status={status} data-testid={`canaries-count-${status}`}>
              <span aria-hidden="true">{statusLook[status].icon} </span>
              {count} {statusLook[status].word}
            </span>
          ))}
        </p>
        <ol className="canary-panel-list" ref={listRef}>
          {board && listed.length === 0 && covered.length > 0 && <li className="canary-panel-all-ok">{quietLine(covered)}</li>}
          {board && covered.length === 0 && <li className="panel-note">No canaries{panel.services || panel.journeys ? ' for this panel’s services or journeys' : ''}</li>}
          {shown.map((e) => (
            <li key={e.id} className="canary-panel-item" data-testid={`canaries-item-${e.id}`} data-status={e.status}>
              <CanaryStatusChip entry={e} testId={`canaries-status-${e.id}`} />
              <span className="canary-panel-name">
                {e.critical ? '★ ' : ''}
                {e.name}
              </span>
              <span className="canary-panel-sub">
                {sinceLine(e, timeZone)}
                {failureLine(e) ? ` · ${failureLine(e)}` : ''}
              </span>
            </li>
          ))}
          {listed.length > shown.length && <li className="panel-note canary-panel-more" data-testid="canaries-more">and {listed.length - shown.length} more</li>}
        </ol>
      </div>
    </PanelFrame>
  );
}
