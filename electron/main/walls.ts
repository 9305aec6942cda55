/**
 * Wall windows: one frameless full-screen window per display named in settings, showing
 * #/wall/<wallId>. Displays come and go (a projector unplugged mid-incident), so the windows are
 * re-planned from scratch on every display change; the planning is pure and unit-tested.
 */
import { screen } from 'electron';
import type { BrowserWindow } from 'electron';
import { appUrl } from './app-origin.ts';
import { holdAwake, releaseAwake } from './keep-awake.ts';
import type { WallAssignment } from './settings.ts';
import { createWindow } from './window-factory.ts';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface WallPlacement {
  readonly wallId: string;
  readonly displayId: number;
  readonly bounds: Rect;
}

/** Where each assigned wall goes now: assignments to absent displays wait; one wall per display (first wins). */
export function placeWalls(
  assignments: readonly WallAssignment[],
  displays: readonly { readonly id: number; readonly bounds: Rect }[],
): WallPlacement[] {
  const byId = new Map(displays.map((d) => [d.id, d]));
  const taken = new Set<number>();
  const plan: WallPlacement[] = [];
  for (const { wallId, displayId } of assignments) {
    const display = byId.get(displayId);
    if (!display || taken.has(displayId)) continue;
    taken.add(displayId);
    const { x, y, width, height } = display.bounds;
    plan.push({ wallId, displayId, bounds: { x, y, width, height } });
  }
  return plan;
}

export interface WallChanges {
  readonly open: readonly WallPlacement[];
  readonly move: readonly WallPlacement[];
  /** Display ids whose wall window must close. */
  readonly close: readonly number[];
}

/** What to do to get from the open windows to the plan (windows are keyed by display). */
export function planWallChanges(current: readonly WallPlacement[], desired: readonly WallPlacement[]): WallChanges {
  const now = new Map(current.map((p) => [p.displayId, p]));
  const next = new Map(desired.map((p) => [p.displayId, p]));
  const open: WallPlacement[] = [];
  const move: WallPlacement[] = [];
  const close: number[] = [];
  for (const [displayId, placement] of now) {
    const wanted = next.get(displayId);
    if (!wanted || wanted.wallId !== placement.wallId) close.push(displayId);
  }
  for (const [displayId, wanted] of next) {
    const placement = now.get(displayId);
    if (!placement || placement.wallId !== wanted.wallId) open.push(wanted);
    else if (!sameRect(placement.bounds, wanted.bounds)) move.push(wanted);
  }
  return { open, move, close };
}

function sameRect(a: Rect, b: Rect): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

export const CURSOR_IDLE_MS = 3_000;
export const HIDE_CURSOR_CSS = 'html, html * { cursor: none !important; }';

export interface CursorState {
  readonly x: number;
  readonly y: number;
  readonly lastMoveAt: number;
  readonly hidden: boolean;
}

/** One poll of the pointer: hide it after idleMs without movement, show it on the first move. */
export function cursorStep(
  state: CursorState | null,
  point: { readonly x: number; readonly y: number },
  now: number,
  idleMs = CURSOR_IDLE_MS,
): { state: CursorState; change: 'hide' | 'show' | null } {
  if (state === null || state.x !== point.x || state.y !== point.y) {
    return { state: { ...point, lastMoveAt: now, hidden: false }, change: state?.hidden ? 'show' : null };
  }
  if (!state.hidden && now - state.lastMoveAt >= idleMs) return { state: { ...state, hidden: true }, change: 'hide' };
  return { state, change: null };
}

interface OpenWall {
  placement: WallPlacement;
  readonly win: BrowserWindow;
  /** Key of the inserted hide-cursor CSS, while hidden. */
  cssKey: string | null;
}

export interface Walls {
  /** Re-plan against the current displays (also runs on every display change). */
  reconcile(): void;
  openWalls(): WallPlacement[];
  /** The assignments in force (those to absent displays included: they wait for their display). */
  assignments(): readonly WallAssignment[];
  /** Replace the assignments and re-plan at once: windows open, move or close as needed. */
  setAssignments(next: readonly WallAssignment[]): void;
  stop(): void;
}

const AWAKE_OWNER = 'walls';

/** The wall windows' contents: the bridge gives them the walls' viewer token, not the console's. */
const wallContents = new WeakSet<object>();
export function isWallWebContents(contents: object): boolean {
  return wallContents.has(contents);
}
const DISPLAY_SETTLE_MS = 300;
const CURSOR_POLL_MS = 1_000;

export function startWalls(initial: readonly WallAssignment[]): Walls {
  let assignments = initial.map(({ wallId, displayId }) => ({ wallId, displayId }));
  const open = new Map<number, OpenWall>();
  let cursor: CursorState | null = null;
  let settle: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const updateAwake = () => {
    if (open.size > 0) holdAwake(AWAKE_OWNER);
    else releaseAwake(AWAKE_OWNER);
  };

  const openWall = (placement: WallPlacement) => {
    const win = createWindow({
      ...placement.bounds,
      frame: false,
      fullscreen: true,
      show: false,
      autoHideMenuBar: true,
      backgroundColor: '#000000',
      title: `Mission Control — wall ${placement.wallId}`,
    });
    wallContents.add(win.webContents);
    const entry: OpenWall = { placement, win, cssKey: null };
    open.set(placement.displayId, entry);
    win.once('ready-to-show', () => win.show());
    // A (re)load drops inserted CSS: hide the pointer again if it is meant to be hidden.
    win.webContents.on('did-finish-load', () => {
      entry.cssKey = null;
      if (cursor?.hidden) hideCursor(entry);
    });
    // Nobody is at a wall's keyboard: bring it back by itself after a renderer crash.
    win.webContents.on('render-process-gone', (_event, details) => {
      if (details.reason !== 'clean-exit') setTimeout(() => win.isDestroyed() || win.webContents.reload(), 1_000);
    });
    win.on('closed', () => {
      if (open.get(placement.displayId) === entry) open.delete(placement.displayId);
      updateAwake();
    });
    // A wall window is an unattended screen whatever its token: no inspector, no console links.
    void win.loadURL(appUrl(`/wall/${encodeURIComponent(placement.wallId)}?kiosk`));
  };

  const reconcile = () => {
    if (stopped) return;
    const current = [...open.values()].map((w) => w.placement);
    const changes = planWallChanges(current, placeWalls(assignments, screen.getAllDisplays()));
    for (const displayId of changes.close) {
      const entry = open.get(displayId);
      open.delete(displayId);
      entry?.win.close();
    }
    for (const placement of changes.move) {
      const entry = open.get(placement.displayId);
      if (!entry) continue;
      entry.placement = placement;
      // Leave full screen to move, or the window manager keeps it where it was.
      entry.win.setFullScreen(false);
      entry.win.setBounds(placement.bounds);
      entry.win.setFullScreen(true);
    }
    for (const placement of changes.open) openWall(placement);
    updateAwake();
  };

  // Plug events arrive in bursts (added + metrics-changed...): act once they settle.
  const onDisplaysChanged = () => {
    clearTimeout(settle);
    settle = setTimeout(reconcile, DISPLAY_SETTLE_MS);
  };

  const hideCursor = (entry: OpenWall) => {
    if (entry.cssKey !== null) return;
    entry.cssKey = 'pending';
    const contents = entry.win.webContents;
    contents.insertCSS(HIDE_CURSOR_CSS).then(
      (key) => {
        entry.cssKey = key;
        if (!cursor?.hidden) showCursor(entry); // the pointer moved while the CSS went in
      },
      () => (entry.cssKey = null),
    );
  };

  const showCursor = (entry: OpenWall) => {
    const key = entry.cssKey;
    if (key === null || key === 'pending') return;
    entry.cssKey = null;
    entry.win.webContents.removeInsertedCSS(key).catch(() => undefined);
  };

  const pollCursor = () => {
    if (open.size === 0) return;
    const step = cursorStep(cursor, screen.getCursorScreenPoint(), Date.now());
    cursor = step.state;
    if (step.change === 'hide') for (const entry of open.values()) hideCursor(entry);
    if (step.change === 'show') for (const entry of open.values()) showCursor(entry);
  };

  screen.on('display-added', onDisplaysChanged);
  screen.on('display-removed', onDisplaysChanged);
  screen.on('display-metrics-changed', onDisplaysChanged);
  const cursorTimer = setInterval(pollCursor, CURSOR_POLL_MS);
  reconcile();

  return {
    reconcile,
    openWalls: () => [...open.values()].map((w) => w.placement),
    assignments: () => assignments.map(({ wallId, displayId }) => ({ wallId, displayId })),
    setAssignments: (next) => {
      assignments = next.map(({ wallId, displayId }) => ({ wallId, displayId }));
      reconcile();
    },
    stop: () => {
      stopped = true;
      clearTimeout(settle);
      clearInterval(cursorTimer);
      screen.off('display-added', onDisplaysChanged);
      screen.off('display-removed', onDisplaysChanged);
      screen.off('display-metrics-changed', onDisplaysChanged);
      for (const entry of open.values()) entry.win.close();
      open.clear();
      releaseAwake(AWAKE_OWNER);
    },
  };
}
