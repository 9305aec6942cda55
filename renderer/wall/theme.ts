/** The wall's theme (workspace `theme`): data-theme on the page, so its background and every variable follow. */
import { useEffect } from 'react';
import type { WallTheme } from '../../shared/model/workspace.ts';

export function useWallTheme(theme: WallTheme): void {
  useEffect(() => {
    const root = document.documentElement;
    root.dataset.theme = theme;
    return () => {
      delete root.dataset.theme;
    };
  }, [theme]);
}
