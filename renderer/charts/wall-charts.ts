/**
 * The wall's theme for its charts: the wall provides it (WallRoute), each chart reads its palette
 * and echarts theme here. One frozen object per theme, so a chart is re-created only when the
 * wall's theme changes.
 */
import { createContext, useContext } from 'react';
import { wallThemes, type WallTheme } from '../../shared/model/workspace.ts';
import { chartPalettes, type ChartPalette } from './theme.ts';
import type { ChartTheme } from './useEChart.ts';

export const ChartThemeContext = createContext<WallTheme>('dark');

export interface WallCharts {
  readonly palette: ChartPalette;
  /** For dense charts. */
  readonly canvas: ChartTheme;
  /** For the many small tiles (sparklines). */
  readonly svg: ChartTheme;
}

const byTheme = Object.fromEntries(
  wallThemes.map((theme) => {
    const palette = chartPalettes[theme];
    const charts: WallCharts = Object.freeze({
      palette,
      canvas: Object.freeze({ renderer: 'canvas' as const, name: palette.echartsTheme }),
      svg: Object.freeze({ renderer: 'svg' as const, name: palette.echartsTheme }),
    });
    return [theme, charts];
  }),
) as Record<WallTheme, WallCharts>;

export function wallCharts(theme: WallTheme): WallCharts {
  return byTheme[theme];
}

/** The palette and echarts themes of the wall this chart is on (dark outside a wall). */
export function useWallCharts(): WallCharts {
  return byTheme[useContext(ChartThemeContext)];
}
