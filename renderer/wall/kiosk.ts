/** Kiosk behaviour of a wall: no cursor after 3 s without movement, the screen kept awake. */
import { useEffect, useLayoutEffect, useState } from 'react';
import type { ViewingDistance } from '../../shared/model/workspace.ts';
import { platform } from '../platform/index.ts';
import { rootFontPx } from './distance.ts';

export const CURSOR_HIDE_MS = 3000;
const HIDDEN_CLASS = 'cursor-hidden';

export function useHiddenCursor(delayMs: number = CURSOR_HIDE_MS): void {
  useEffect(() => {
    const root = document.documentElement;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const hideLater = () => {
      root.classList.remove(HIDDEN_CLASS);
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => root.classList.add(HIDDEN_CLASS), delayMs);
    };
    hideLater();
    window.addEventListener('mousemove', hideLater, { passive: true });
    window.addEventListener('pointerdown', hideLater, { passive: true });
    return () => {
      window.removeEventListener('mousemove', hideLater);
      window.removeEventListener('pointerdown', hideLater);
      if (timer !== null) clearTimeout(timer);
      root.classList.remove(HIDDEN_CLASS);
    };
  }, [delayMs]);
}

export function useKeepAwake(): void {
  useEffect(() => {
    const bridge = platform();
    void bridge.keepAwake(true).catch(() => false);
    return () => {
      void bridge.keepAwake(false).catch(() => false);
    };
  }, []);
}

/**
 * Scale every text on the page for the viewing distance: the root font size (all type is in rem)
 * is set through the --mc-root-font variable and follows the window's size. Returns it in px for
 * the charts, which need numbers.
 */
export function useRootFont(distance: ViewingDistance): number {
  const [px, setPx] = useState(() => rootFontPx(distance, window.innerHeight, window.innerWidth));
  // Set on the page in the resize event itself, which runs before the new size's first layout, so
  // that layout has the new type too and the whole-row lists, refitted in their ResizeObservers
  // before the paint, measure rows as tall as they are drawn. Set from the state in an effect, it
  // came a task later, in the middle of a table's refit (flushSync runs pending effects): rows
  // fitted at the old type were drawn at the new, the "+N more" line cut for a frame.
  useLayoutEffect(() => {
    const root = document.documentElement;
    const update = () => {
      const next = rootFontPx(distance, window.innerHeight, window.innerWidth);
      root.style.setProperty('--mc-root-font', `${next}px`);
      setPx(next);
    };
    update();
    window.addEventListener('resize', update);
    return () => {
      window.removeEventListener('resize', update);
      root.style.removeProperty('--mc-root-font');
    };
  }, [distance]);
  return px;
}
