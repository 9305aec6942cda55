import { useEffect } from 'react';
import type { AppState } from '../state/store.ts';
import { useAppStoreApi } from '../state/react.tsx';

/** Counted as a watcher by `watch` while the calling screen is mounted (and wants it). */
function useWatcher(watch: (s: AppState) => (delta: 1 | -1) => void, enabled: boolean): void {
  const store = useAppStoreApi();
  useEffect(() => {
    if (!enabled) return;
    watch(store.getState())(1);
    return () => watch(store.getState())(-1);
  }, [store, enabled, watch]);
}

const board = (s: AppState) => s.canaryWatch;
const summary = (s: AppState) => s.canarySummaryWatch;

/** While the calling screen is mounted (and wants it), the transport keeps the canary board current. */
export function useWatchCanaries(enabled = true): void {
  useWatcher(board, enabled);
}

/** While mounted (and enabled): the canaries confirmed failing are kept current (the summary, or the board if followed anyway). */
export function useWatchCanarySummary(enabled = true): void {
  useWatcher(summary, enabled);
}
