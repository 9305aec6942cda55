/**
 * Reasons to hold a wall's rotation on the page it shows, by whoever asks: the operator's pause
 * key, and later other features (a complaint spike, an incident page). Each reason is in words
 * and shown on the wall's "held" banner; releasing it lets the rotation go on.
 */
import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './store.ts';

export interface WallHoldsSlice {
  /** Hold id → the reason in words ("paused by the operator"). */
  readonly wallHolds: Readonly<Record<string, string>>;
  holdWall(id: string, reason: string): void;
  releaseWallHold(id: string): void;
}

export const createWallHoldsSlice: StateCreator<AppState, [], [], WallHoldsSlice> = (set) => ({
  wallHolds: {},
  holdWall: (id, reason) => set((state) => (state.wallHolds[id] === reason ? state : { wallHolds: { ...state.wallHolds, [id]: reason } })),
  releaseWallHold: (id) =>
    set((state) => {
      if (!(id in state.wallHolds)) return state;
      const { [id]: _gone, ...rest } = state.wallHolds;
      return { wallHolds: rest };
    }),
});
