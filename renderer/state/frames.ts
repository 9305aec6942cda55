import type { StateCreator } from 'zustand/vanilla';
import { appendBounded } from '../../shared/domain/panel-value.ts';
import type { Frame, FrameDelta, FrameMeta, Point, Series } from '../../shared/model/frame.ts';
import type { AppState } from './store.ts';

/** Hard cap per series, whatever the window: a wall that ran 72 h holds what one that just started holds. */
export const MAX_POINTS_PER_SERIES = 2000;
/** The window kept for a frame nobody asked a span for (stat sparklines). */
export const DEFAULT_WINDOW_MS = 15 * 60_000;
/** Points per series for screens that show only the latest value (gauge, grid, table, a stat without sparkline). */
export const LATEST_ONLY = 1;

export interface FrameEntry {
  readonly key: string;
  readonly series: readonly Series[];
  readonly meta: FrameMeta;
  /** Local clock when this entry last changed. */
  readonly receivedAt: number;
}

export interface FrameWant {
  readonly key: string;
  /** How much history the asker shows; the store keeps the largest asked for. */
  readonly windowMs: number;
  /**
   * How many points per series the asker draws (LATEST_ONLY for a gauge); the store keeps the
   * largest asked for. None: all of the window, up to MAX_POINTS_PER_SERIES.
   */
  readonly maxPoints?: number;
}

interface WantedFrame {
  readonly windowMs: number;
  readonly maxPoints: number;
  /** How many askers hold this key (panels mount and unmount independently). */
  readonly holders: number;
}

export interface FramesSlice {
  /** The frames on screen, by frame key. Entries are immutable: a changed frame is a new object. */
  readonly frames: Readonly<Record<string, FrameEntry>>;
  /** What the screens want subscribed; the transport keeps the hub's subscriptions equal to it. */
  readonly wanted: Readonly<Record<string, WantedFrame>>;
  /** Ask for frames; returns the release function (call it on unmount). */
  wantFrames(wants: readonly FrameWant[]): () => void;
  /** The full frames from a subscribe ack: they replace whatever was held for those keys. */
  framesReplaced(frames: readonly Frame[], now?: number): void;
  /** Only new points, plus fresh meta: appended, deduplicated and bounded. */
  framesDelta(deltas: readonly FrameDelta[], now?: number): void;
  /** Forget frames (unsubscribed). */
  framesDropped(keys: readonly string[]): void;
  /** Forget every frame no screen wants any more; returns the keys dropped. */
  framesPruned(): string[];
}

interface Bounds {
  readonly windowMs: number;
  readonly maxPoints: number;
}

function boundsFor(wanted: Readonly<Record<string, WantedFrame>>, key: string): Bounds {
  const w = wanted[key];
  return { windowMs: w?.windowMs ?? DEFAULT_WINDOW_MS, maxPoints: w?.maxPoints ?? MAX_POINTS_PER_SERIES };
}

function pointCap(maxPoints: number | undefined): number {
  return Math.max(1, Math.min(MAX_POINTS_PER_SERIES, maxPoints ?? MAX_POINTS_PER_SERIES));
}

function newestTime(series: readonly Series[]): number {
  let newest = -Infinity;
  for (const s of series) {
    const last = s.points[s.points.length - 1];
    if (last && last[0] > newest) newest = last[0];
  }
  return newest;
}

/**
 * Bound every series: at most maxPoints (never more than MAX_POINTS_PER_SERIES) and only the
 * window before the NEWEST point (not before now: a stale source keeps its last good data on
 * screen). Empty series are dropped.
 */
export function boundSeries(series: readonly Series[], windowMs: number, maxPoints = MAX_POINTS_PER_SERIES): Series[] {
  const since = newestTime(series) - windowMs;
  const cap = pointCap(maxPoints);
  const out: Series[] = [];
  for (const s of series) {
    let start = Math.max(0, s.points.length - cap);
    while (start < s.points.length && s.points[start]![0] < since) start++;
    if (start === s.points.length) continue;
    // Same object when nothing is trimmed: no copy per delta for series that did not change.
    out.push(start === 0 ? s : { ...s, points: s.points.slice(start) });
  }
  return out;
}

/** Points newer than the last one held, in time order (a repeated delta is a no-op). */
function newPoints(held: readonly Point[], added: readonly Point[]): readonly Point[] {
  const last = held[held.length - 1]?.[0] ?? -Infinity;
  let sorted = true;
  for (let i = 1; i < added.length; i++) if (added[i]![0] < added[i - 1]![0]) sorted = false;
  const ordered = sorted ? added : [...added].sort((a, b) => a[0] - b[0]);
  return ordered[0] !== undefined && ordered[0][0] > last ? ordered : ordered.filter((p) => p[0] > last);
}

export function applyDelta(entry: FrameEntry | undefined, delta: FrameDelta, bounds: Bounds, now: number): FrameEntry {
  const { windowMs } = bounds;
  const cap = pointCap(bounds.maxPoints);
  const held = entry?.series ?? [];
  const since = Math.max(newestTime(held), newestTime(delta.series)) - windowMs;
  const byName = new Map<string, Series>();
  for (const s of held) byName.set(s.name, s);
  for (const d of delta.series) {
    const prev = byName.get(d.name);
    const added = newPoints(prev?.points ?? [], d.points);
    if (added.length === 0 && prev) continue;
    const points = appendBounded(prev?.points ?? [], added, cap, since);
    byName.set(d.name, prev ? { ...prev, points } : { name: d.name, labels: d.labels, points });
  }
  // Series without new points may have slid out of the window: trimmed (not copied when they did not).
  return { key: delta.key, series: boundSeries([...byName.values()], windowMs, cap), meta: delta.meta, receivedAt: now };
}

export const createFramesSlice: StateCreator<AppState, [], [], FramesSlice> = (set, get) => ({
  frames: {},
  wanted: {},

  wantFrames: (wants) => {
    set((state) => {
      const wanted = { ...state.wanted };
      for (const w of wants) {
        const prev = wanted[w.key];
        wanted[w.key] = {
          windowMs: Math.max(prev?.windowMs ?? 0, w.windowMs),
          maxPoints: Math.max(prev?.maxPoints ?? 0, pointCap(w.maxPoints)),
          holders: (prev?.holders ?? 0) + 1,
        };
      }
      return { wanted };
    });
    let released = false;
    return () => {
      if (released) return;
      released = true;
      set((state) => {
        const wanted = { ...state.wanted };
        for (const w of wants) {
          const prev = wanted[w.key];
          if (!prev) continue;
          if (prev.holders <= 1) delete wanted[w.key];
          else wanted[w.key] = { ...prev, holders: prev.holders - 1 };
        }
        return { wanted };
      });
    };
  },

  framesReplaced: (frames, now = Date.now()) => {
    if (frames.length === 0) return;
    const { wanted } = get();
    set((state) => {
      const next = { ...state.frames };
      for (const f of frames) {
        const { windowMs, maxPoints } = boundsFor(wanted, f.key);
        next[f.key] = { key: f.key, series: boundSeries(f.series, windowMs, maxPoints), meta: f.meta, receivedAt: now };
      }
      return { frames: next };
    });
  },

  framesDelta: (deltas, now = Date.now()) => {
    if (deltas.length === 0) return;
    set((state) => {
      const next = { ...state.frames };
      for (const d of deltas) {
        // A late delta for a frame nobody wants any more is dropped, not resurrected.
        if (!state.wanted[d.key] && !next[d.key]) continue;
        next[d.key] = applyDelta(next[d.key], d, boundsFor(state.wanted, d.key), now);
      }
      return { frames: next };
    });
  },

  framesPruned: () => {
    const { frames, wanted } = get();
    const unwanted = Object.keys(frames).filter((key) => !wanted[key]);
    get().framesDropped(unwanted);
    return unwanted;
  },

  framesDropped: (keys) => {
    if (keys.length === 0) return;
    set((state) => {
      const next = { ...state.frames };
      for (const k of keys) delete next[k];
      return { frames: next };
    });
  },
});
