/** React bindings of the store: a context (so tests and screens can have their own store) and hooks. */
import { createContext, useContext, useEffect, useRef, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AppState, AppStore } from './store.ts';
import type { FrameEntry } from './frames.ts';

const StoreContext = createContext<AppStore | null>(null);

export function StoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return <StoreContext value={store}>{children}</StoreContext>;
}

export function useAppStoreApi(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStoreApi outside <StoreProvider>');
  return store;
}

/** Read the store with a narrow selector; wrap object/array-building selectors in useShallow. */
export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(useAppStoreApi(), selector);
}

/**
 * Transient subscription to one frame (zustand "transient updates"): `onFrame` runs now and on
 * every change of that frame, without re-rendering the component. For live charts.
 */
export function useFrameListener(
  key: string | null,
  onFrame: (entry: FrameEntry | undefined) => void,
  /** When one of these changes, onFrame runs again with the current frame (e.g. a new look). */
  redrawDeps: readonly unknown[] = [],
): void {
  const store = useAppStoreApi();
  const latest = useRef(onFrame);
  useEffect(() => {
    latest.current = onFrame;
  });
  useEffect(() => {
    if (key === null) return;
    let current = store.getState().frames[key];
    latest.current(current);
    return store.subscribe((state) => {
      const next = state.frames[key];
      if (next === current) return;
      current = next;
      latest.current(next);
    });
  }, [store, key, ...redrawDeps]);
}

// ---- one shared ticking clock for every age and clock on screen --------------------------------

const tickListeners = new Set<() => void>();
let tickTimer: ReturnType<typeof setTimeout> | null = null;
let tickNow = Date.now();

function scheduleTick(): void {
  // Aligned on the second, so every age and clock on the wall changes in the same frame.
  tickTimer = setTimeout(
    () => {
      tickNow = Date.now();
      for (const listener of tickListeners) listener();
      scheduleTick();
    },
    1000 - (Date.now() % 1000) + 5,
  );
}

function subscribeTick(listener: () => void): () => void {
  tickListeners.add(listener);
  if (tickTimer === null) {
    tickNow = Date.now();
    scheduleTick();
  }
  return () => {
    tickListeners.delete(listener);
    if (tickListeners.size === 0 && tickTimer !== null) {
      clearTimeout(tickTimer);
      tickTimer = null;
    }
  };
}

/** The local clock, re-rendering once a second (all subscribers share one timer). */
export function useNow(): number {
  return useSyncExternalStore(subscribeTick, () => tickNow);
}

/** Now on the hub's clock, ticking each second. */
export function useHubNow(): number {
  const now = useNow();
  const offset = useApp((s) => s.connection.clockOffsetMs);
  return now + offset;
}
