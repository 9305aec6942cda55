/**
 * Colours of the wall, for charts (styles.css holds the same values as CSS variables). Dark,
 * high contrast; series colours from the Okabe–Ito colour-blind-safe palette, lightened for a
 * black background.
 */
export const colors = {
  background: '#05070a',
  panel: '#0e1319',
  grid: '#263140',
  axis: '#8b98a9',
  text: '#eef2f6',
  muted: '#b3bfcc',
  ok: '#3ddc84',
  warning: '#ffb000',
  critical: '#ff4d8d',
  unknown: '#9aa5b1',
} as const;

export const seriesPalette = ['#56b4e9', '#e69f00', '#2fd0a4', '#f0e442', '#cc79a7', '#ff7a3d', '#a6c8ff', '#e0e0e0'] as const;

export const THEME_NAME = 'mission-control';

/** The echarts theme, registered once in echarts.ts. */
export const echartsTheme = {
  color: [...seriesPalette],
  backgroundColor: 'transparent',
  textStyle: { color: colors.text, fontFamily: 'system-ui, "Segoe UI", Roboto, "DejaVu Sans", sans-serif' },
  legend: { textStyle: { color: colors.text } },
  tooltip: {
    backgroundColor: '#111821',
    borderColor: colors.grid,
    textStyle: { color: colors.text },
  },
  timeAxis: {
    axisLine: { lineStyle: { color: colors.axis } },
    axisTick: { lineStyle: { color: colors.axis } },
    axisLabel: { color: colors.muted },
    splitLine: { show: false },
  },
  valueAxis: {
    axisLine: { show: false },
    axisLabel: { color: colors.muted },
    splitLine: { lineStyle: { color: colors.grid, type: 'dashed' } },
  },
} as const;
