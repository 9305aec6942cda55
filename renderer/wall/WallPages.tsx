/**
 * The wall's body: the page the rotation shows, the rotation bar (page n of m, "held: why") and
 * the operator's keys. Pages rotate on the wall's interval; a failed page is skipped; a critical
 * hold-on panel holds its page, a complaint spike the page that shows the pulse and a critical
 * canary confirmed failing the page whose canaries panel shows it, a fired risk trigger of the
 * event the page with the panel it watches (each, with no such page, whatever is shown), an open
 * SEV1/SEV2 whatever is shown (the incident banner is on every page); other features hold through
 * the store's wallHolds.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { initialRotation, rotate, type RotationAction, type RotationView } from '../../shared/domain/rotation.ts';
import { isDataPanel } from '../../shared/model/workspace.ts';
import type { WallConfig, Workspace } from '../../shared/model/workspace.ts';
import { ErrorBoundary } from '../app/ErrorBoundary.tsx';
import { Panel } from '../panels/Panel.tsx';
import { useApp, useAppStoreApi } from '../state/react.tsx';
import { gridTemplates, wallGrid } from './grid.ts';
import { sourceIntervalMs } from './model.ts';
import { useWallHeartbeat } from './heartbeat.ts';
import { pageHealth, roomHolds, wallPages, type ShownPage } from './pages.ts';
import type { RoomState } from './useRoomState.ts';
import './rotation.css';

export const DEFAULT_ROTATION_MS = 30_000;
/** A page that failed to draw is skipped this long before it is tried again. */
export const THROWN_PAGE_RETRY_MS = 5 * 60_000;
export const OPERATOR_PAUSE = 'operator-pause';

interface Props {
  workspace: Workspace;
  wall: WallConfig;
  fontPx: number;
  /** The room's states: a critical canary confirmed failing, an open SEV1/SEV2 or a fired trigger holds the rotation. */
  room: RoomState;
}

export function WallPages({ workspace, wall, fontPx, room }: Props) {
  const store = useAppStoreApi();
  const pages = useMemo(() => wallPages(wall), [wall]);
  const holdOn = useMemo(() => new Set(wall.rotation?.holdOn ?? []), [wall]);
  const intervalMs = wall.rotation?.interval ?? DEFAULT_ROTATION_MS;
  const threw = useRef(new Map<string, number>());
  // The rotation's state lives in a ref; React state only holds what is drawn, so the page does
  // not re-render every second while nothing on it changes.
  const rotation = useRef(initialRotation(Date.now()));
  const [view, setView] = useState<Pick<RotationView, 'heldBecause'> & { index: number }>({ index: 0, heldBecause: [] });
  // The room's holds are placed at every step: which plan the strip shows (its fired triggers
  // hold) turns with the hub's clock, not only when the room's states change.
  const roomRef = useRef(room);
  roomRef.current = room;

  const step = useCallback(
    (action?: RotationAction) => {
      if (pages.length <= 1) return;
      const { frames, wallHolds, connection } = store.getState();
      const now = Date.now();
      const held = roomHolds(pages, holdOn, roomRef.current, now + connection.clockOffsetMs, rotation.current.released);
      const health = pages.map((page, i) => {
        const at = threw.current.get(page.id);
        return pageHealth(page, holdOn, frames, at !== undefined && now - at < THROWN_PAGE_RETRY_MS, held.pages[i]);
      });
      const next = rotate(rotation.current, { now, intervalMs, pages: health, holds: Object.values(wallHolds), anywhere: held.anywhere, unsettled: held.unsettled }, action);
      rotation.current = next.state;
      setView((v) =>
        v.index === next.state.index && v.heldBecause.join('\n') === next.heldBecause.join('\n') ? v : { index: next.state.index, heldBecause: next.heldBecause },
      );
    },
    [store, pages, holdOn, intervalMs],
  );

  useEffect(() => {
    const timer = setInterval(() => step(), 1000);
    return () => clearInterval(timer);
  }, [step]);

  useEffect(() => {
    if (pages.length <= 1) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const key = event.key.toLowerCase();
      if (key === ' ') {
        const { wallHolds, holdWall, releaseWallHold } = store.getState();
        if (wallHolds[OPERATOR_PAUSE]) releaseWallHold(OPERATOR_PAUSE);
        else holdWall(OPERATOR_PAUSE, 'paused by the operator (space resumes)');
      } else if (key === 'arrowright' || key === 'n') step('next');
      else if (key === 'arrowleft' || key === 'p') step('prev');
      else if (key === 'r') step('release');
      else return;
      event.preventDefault();
      step();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, step, pages.length]);

  // A hold added or released elsewhere shows (or clears) at once, not at the next tick.
  const holds = useApp((s) => s.wallHolds);
  useEffect(() => step(), [holds, room, step]);

  const index = Math.min(view.index, pages.length - 1);
  const page = pages[index]!;
  useWallHeartbeat(wall.id, page.title);
  const onPageThrew = useCallback(
    (id: string) => {
      threw.current.set(id, Date.now());
      step();
    },
    [step],
  );

  return (
    <>
      {pages.length > 1 && <RotationBar pages={pages} index={index} heldBecause={view.heldBecause} />}
      <ErrorBoundary resetKey={page.id} fallback={(error) => <PageFailed page={page} error={error} onFailed={onPageThrew} />}>
        <PageGrid workspace={workspace} page={page} fontPx={fontPx} />
      </ErrorBoundary>
    </>
  );
}

const PageGrid = memo(function PageGrid({ workspace, page, fontPx }: { workspace: Workspace; page: ShownPage; fontPx: number }) {
  const grid = useMemo(() => wallGrid(page.panels), [page.panels]);
  return (
    <main className="wall-grid" style={gridTemplates(grid)} data-rows={grid.rows} data-testid="wall-page" data-page-id={page.id}>
      {page.panels.map((panel, i) => (
        <Panel
          key={panel.id}
          panel={panel}
          placement={grid.placements[i]}
          timeZone={workspace.timezone}
          fontPx={fontPx}
          fallbackIntervalMs={isDataPanel(panel) ? sourceIntervalMs(workspace, panel.source) : 5000}
        />
      ))}
    </main>
  );
});

function PageFailed({ page, error, onFailed }: { page: ShownPage; error: Error; onFailed: (id: string) => void }) {
  useEffect(() => onFailed(page.id), [page.id, onFailed]);
  return (
    <main className="fullscreen-message" data-testid="wall-page-failed">
      <p className="fullscreen-icon" aria-hidden="true">
        ✖
      </p>
      <h1>The page “{page.title}” failed to draw</h1>
      <p className="fullscreen-detail">{error.message} · skipped, the rotation goes on</p>
    </main>
  );
}

function RotationBar({ pages, index, heldBecause }: { pages: readonly ShownPage[]; index: number; heldBecause: readonly string[] }) {
  const held = heldBecause.length > 0;
  return (
    <div className="rotation-bar" data-testid="rotation-bar" data-held={held}>
      <span className="rotation-page" data-testid="rotation-page">
        Page {index + 1}/{pages.length} · {pages[index]!.title}
      </span>
      <span className="rotation-dots" aria-hidden="true">
        {pages.map((p, i) => (
          <span key={p.id} className="rotation-dot" data-current={i === index}>
            {i === index ? '●' : '○'}
          </span>
        ))}
      </span>
      {held && (
        <span className="rotation-held" data-testid="rotation-held" role="status">
          <span aria-hidden="true">‖ </span>held: {heldBecause.join(' · ')}
        </span>
      )}
    </div>
  );
}
