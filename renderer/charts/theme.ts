/**
 * Colours of the wall's charts, one palette per wall theme (styles.css holds the same state and
 * text colours as CSS variables). Series colours are the Okabe–Ito colour-blind-safe palette:
 * lightened for a black background (dark), brighter still for a far screen in a bright room
 * (high-contrast), and darker for a night war room (dim), each keeping its hue order.
 */
import type { WallTheme } from '../../shared/model/workspace.ts';

export interface ChartColors {
  readonly background: string;
  readonly panel: string;
  readonly grid: string;
  readonly axis: string;
  readonly text: string;
  readonly muted: string;
  readonly tooltip: string;
  readonly ok: string;
  readonly warning: string;
  readonly critical: string;
  readonly unknown: string;
}

export interface ChartPalette {
  readonly theme: WallTheme;
  /** The registered echarts theme for it (echarts.ts). */
  readonly echartsTheme: string;
  readonly colors: ChartColors;
  /** Series colours in order: a series keeps its place's colour (the legend agrees). */
  readonly series: readonly string[];
}

export const chartPalettes: Readonly<Record<WallTheme, ChartPalette>> = {
  dark: {
    theme: 'dark',
    echartsTheme: 'mission-control',
    colors: {
      background: '#05070a',
      panel: '#0e1319',
      grid: '#263140',
      axis: '#8b98a9',
      text: '#eef2f6',
      muted: '#b3bfcc',
      tooltip: '#111821',
      ok: '#3ddc84',
      warning: '#ffb000',
      critical: '#ff4d8d',
      unknown: '#9aa5b1',
    },
    series: ['#56b4e9', '#e69f00', '#2fd0a4', '#f0e442', '#cc79a7', '#ff7a3d', '#a6c8ff', '#e0e0e0'],
  },
  'high-contrast': {
    theme: 'high-contrast',
    echartsTheme: 'mission-control-high-contrast',
    colors: {
      background: '#000000',
      panel: '#000000',
      grid: '#56657a',
      axis: '#c6d0da',
      text: '#ffffff',
      muted: '#e3e9ef',
      tooltip: '#101418',
      ok: '#4dff9a',
      warning: '#ffc400',
      critical: '#ff5c9a',
      unknown: '#d0d7de',
    },
    series: ['#7dcaff', '#ffb92e', '#45f5c4', '#fff35c', '#f0a3d6', '#ff9559', '#c8ddff', '#ffffff'],
  },
  dim: {
    theme: 'dim',
    echartsTheme: 'mission-control-dim',
    colors: {
      background: '#000000',
      panel: '#06080b',
      grid: '#17202b',
      axis: '#5f6b78',
      text: '#c9d1d9',
      muted: '#939fad',
      tooltip: '#0a0e13',
      ok: '#2fb36b',
      warning: '#d99a00',
      critical: '#e0457c',
      unknown: '#808b97',
    },
    series: ['#4593c2', '#bd8300', '#27ab87', '#c4bb36', '#a7648a', '#cf6432', '#8aa6d1', '#b8b8b8'],
  },
};

/** The default wall's palette (dark). */
export const darkPalette = chartPalettes.dark;

/** The echarts theme for a palette, registered once per wall theme in echarts.ts. */
export function echartsThemeOf(palette: ChartPalette) {
  const c = palette.colors;
  return {
    color: [...palette.series],
    backgroundColor: 'transparent',
    textStyle: { color: c.text, fontFamily: 'system-ui, "Segoe UI", Roboto, "DejaVu Sans", sans-serif' },
    legend: { textStyle: { color: c.text } },
    tooltip: {
      backgroundColor: c.tooltip,
      borderColor: c.grid,
      textStyle: { color: c.text },
    },
    timeAxis: {
      axisLine: { lineStyle: { color: c.axis } },
      axisTick: { lineStyle: { color: c.axis } },
      axisLabel: { color: c.muted },
      splitLine: { show: false },
    },
    valueAxis: {
      axisLine: { show: false },
      axisLabel: { color: c.muted },
      splitLine: { lineStyle: { color: c.grid, type: 'dashed' } },
    },
  } as const;
}
