/** Kiosk behaviour of a wall: no cursor after 3 s without movement, the screen kept awake. */
import { useEffect, useState } from 'react';
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
  useEffect(() => {
    const update = () => setPx(rootFontPx(distance, window.innerHeight, window.innerWidth));
    update();
    window.addEventListener('resize', update);
    return () => window.removeEventListener('resize', update);
  }, [distance]);
  useEffect(() => {
    const root = document.documentElement;
    root.style.setProperty('--mc-root-font', `${px}px`);
    return () => {
      root.style.removeProperty('--mc-root-font');
    };
  }, [px]);
  return px;
}
