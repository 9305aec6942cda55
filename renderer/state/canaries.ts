/**
 * The canary board as the hub last said it: the board (whole once, then deltas applied in seq
 * order), how many screens want it (the transport subscribes while one does), the andon prompts
 * of critical checks (bounded). A wall's radiator without a canaries panel wants only the summary
 * (the canaries confirmed failing), which the hub sends whole when it changes.
 */
import type { StateCreator } from 'zustand/vanilla';
import { applyCanaryDelta, type CanaryAndon, type CanaryBoard, type CanaryDelta, type CanarySummary } from '../../shared/protocol/canaries.ts';
import type { AppState } from './store.ts';

/** Kept for the consoles: the last prompts (walls run for days; the board keeps its own last notices). */
export const MAX_ANDONS = 20;

export interface CanariesState {
  readonly board: CanaryBoard | null;
  /** idle: nobody wants the board; loading: asked; live: deltas flowing; error: the hub refused (retrying). */
  readonly status: 'idle' | 'loading' | 'live' | 'error';
  readonly error: string | null;
  /** Screens showing the board (the board page, canaries panels). */
  readonly watchers: number;
  /** Screens that need only the canaries confirmed failing (a wall's radiator); the board serves them too. */
  readonly summaryWatchers: number;
  /** The last summary, while it is followed (no board is). */
  readonly summary: CanarySummary | null;
  readonly summaryStatus: 'idle' | 'loading' | 'live';
  /** Newest last; one per canary (a recovery replaces the failure it ends). */
  readonly andons: readonly CanaryAndon[];
  /** Canary ids whose prompt this console dismissed (until it fails again). */
  readonly dismissed: Readonly<Record<string, number>>;
}

export interface CanariesSlice {
  readonly canaries: CanariesState;
  canaryWatch(delta: 1 | -1): void;
  canarySummaryWatch(delta: 1 | -1): void;
  canarySummaryRequested(): void;
  canarySummaryReceived(summary: CanarySummary): void;
  canaryBoardRequested(): void;
  canaryBoardReceived(board: CanaryBoard): void;
  /** Apply a delta; false when it does not follow the board (a gap in seq): ask for the board again. */
  canaryDeltaReceived(delta: CanaryDelta): boolean;
  canaryBoardError(message: string): void;
  /** The link went: the board stays on screen (last known) until the next one arrives. */
  canaryBoardLost(): void;
  canaryAndonReceived(andon: CanaryAndon): void;
  /** The hub's prompts still outstanding (on connecting, and when they change): the others are withdrawn. */
  canaryAndonsOutstanding(andons: readonly CanaryAndon[]): void;
  canaryAndonDismissed(id: string, at: number): void;
}

export const initialCanaries: CanariesState = {
  board: null,
  status: 'idle',
  error: null,
  watchers: 0,
  summaryWatchers: 0,
  summary: null,
  summaryStatus: 'idle',
  andons: [],
  dismissed: {},
};

export const createCanariesSlice: StateCreator<AppState, [], [], CanariesSlice> = (set, get) => ({
  canaries: initialCanaries,

  canaryWatch: (delta) =>
    set((s) => {
      const watchers = Math.max(0, s.canaries.watchers + delta);
      // Nobody looks: let the board go (it is asked again, whole, when a screen wants it).
      return { canaries: watchers === 0 ? { ...s.canaries, watchers, board: null, status: 'idle', error: null } : { ...s.canaries, watchers } };
    }),

  canarySummaryWatch: (delta) =>
    set((s) => {
      const summaryWatchers = Math.max(0, s.canaries.summaryWatchers + delta);
      return { canaries: summaryWatchers === 0 ? { ...s.canaries, summaryWatchers, summary: null, summaryStatus: 'idle' } : { ...s.canaries, summaryWatchers } };
    }),

  canarySummaryRequested: () => set((s) => ({ canaries: { ...s.canaries, summaryStatus: 'loading' } })),

  canarySummaryReceived: (summary) => set((s) => ({ canaries: { ...s.canaries, summary, summaryStatus: 'live' } })),

  canaryBoardRequested: () => set((s) => ({ canaries: { ...s.canaries, status: 'loading' } })),

  canaryBoardReceived: (board) => set((s) => ({ canaries: { ...s.canaries, board, status: 'live', error: null } })),

  canaryDeltaReceived: (delta) => {
    const c = get().canaries;
    if (!c.board || c.status !== 'live') return true; // not following: nothing to apply
    if (delta.seq <= c.board.seq) return true; // already in the board (sent before it)
    const board = applyCanaryDelta(c.board, delta);
    if (board === null) return false;
    if (board !== c.board) set({ canaries: { ...c, board } });
    return true;
  },

  canaryBoardError: (message) => set((s) => ({ canaries: { ...s.canaries, status: 'error', error: message } })),

  canaryBoardLost: () =>
    set((s) => (s.canaries.status === 'idle' && s.canaries.summaryStatus === 'idle' ? s : {
      canaries: {
        ...s.canaries,
        status: s.canaries.status === 'idle' ? 'idle' : 'loading',
        summaryStatus: s.canaries.summaryStatus === 'idle' ? 'idle' : 'loading',
      },
    })),

  canaryAndonReceived: (andon) =>
    set((s) => {
      const andons = [...s.canaries.andons.filter((a) => a.id !== andon.id), andon].slice(-MAX_ANDONS);
      const dismissed = { ...s.canaries.dismissed };
      if (andon.kind !== 'recovery') delete dismissed[andon.id];
      return { canaries: { ...s.canaries, andons, dismissed } };
    }),

  canaryAndonsOutstanding: (outstanding) =>
    set((s) => {
      const stands = (a: CanaryAndon) => outstanding.some((o) => o.id === a.id && o.at === a.at);
      // A recovery is news, not a prompt: it stays until dismissed. A prompt the hub no longer holds goes.
      const held = s.canaries.andons.filter((a) => a.kind === 'recovery' || stands(a));
      const newer = outstanding.filter((o) => !held.some((a) => a.id === o.id && a.at >= o.at));
      const andons = [...held.filter((a) => !newer.some((o) => o.id === a.id)), ...newer].sort((a, b) => a.at - b.at).slice(-MAX_ANDONS);
      return { canaries: { ...s.canaries, andons } };
    }),

  canaryAndonDismissed: (id, at) =>
    set((s) => {
      const dismissed = Object.fromEntries(Object.entries({ ...s.canaries.dismissed, [id]: at }).slice(-MAX_ANDONS));
      return { canaries: { ...s.canaries, dismissed } };
    }),
});
