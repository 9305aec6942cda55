/**
 * The wall tells the hub how it is, every HEARTBEAT_MS: the page shown, panels in error, JS heap,
 * frames per second (sampled over one second, so the wall does not pay for it continuously) and
 * the oldest data on screen. Settings lists every wall with it.
 */
import { useEffect, useRef } from 'react';
import { useHub } from '../app/hub-context.tsx';
import { useApp, useAppStoreApi } from '../state/react.tsx';
import type { AppState } from '../state/store.ts';

export const HEARTBEAT_MS = 10_000;

/** Panels in error and the oldest data among the frames this screen wants. */
export function frameHealth(state: Pick<AppState, 'frames' | 'wanted'>, hubNow: number): { errors: number; worstAgeMs: number | null } {
  let errors = 0;
  let worst: number | null = null;
  for (const key of Object.keys(state.wanted)) {
    const meta = state.frames[key]?.meta;
    if (!meta) continue;
    if (meta.lastError) errors++;
    if (meta.lastSuccessAt !== null) worst = Math.max(worst ?? 0, hubNow - meta.lastSuccessAt);
  }
  return { errors, worstAgeMs: worst };
}

function sampleFps(): Promise<number> {
  return new Promise((resolve) => {
    let frames = 0;
    const start = performance.now();
    const step = (t: number) => {
      frames++;
      if (t - start < 1000) requestAnimationFrame(step);
      else resolve(Math.round((frames * 1000) / (t - start)));
    };
    requestAnimationFrame(step);
  });
}

function heapMb(): number | null {
  const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
  return memory ? Math.round((memory.usedJSHeapSize / 1048576) * 10) / 10 : null;
}

export function useWallHeartbeat(wallId: string, pageTitle: string): void {
  const hub = useHub();
  const store = useAppStoreApi();
  const connected = useApp((s) => s.connection.status === 'connected');
  const page = useRef(pageTitle);
  page.current = pageTitle;
  useEffect(() => {
    if (!connected) return;
    let stopped = false;
    const beat = async () => {
      const fps = document.visibilityState === 'visible' ? await sampleFps() : null;
      if (stopped) return;
      const state = store.getState();
      const hubNow = Date.now() + state.connection.clockOffsetMs;
      void hub.request('wall:heartbeat', { wallId, page: page.current.slice(0, 120), heapMb: heapMb(), fps, ...frameHealth(state, hubNow) });
    };
    void beat();
    const timer = setInterval(() => void beat(), HEARTBEAT_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [hub, store, wallId, connected]);
}
