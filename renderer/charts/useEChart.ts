/**
 * One echarts instance per panel, for the panel's lifetime: init in a layout effect, dispose in
 * its cleanup, one ResizeObserver (disconnected in cleanup). Data is pushed through the returned
 * function, not React props, and coalesced to at most one setOption per animation frame. An update
 * that depends on the chart's size (where labels fit) is given as a builder, run again on resize.
 */
import { useCallback, useLayoutEffect, useRef } from 'react';
import type { RefObject } from 'react';
import { echarts } from './echarts.ts';
import type { ChartOption, EChartsType, SetOptionOpts } from './echarts.ts';
import { darkPalette } from './theme.ts';

export interface ChartTheme {
  /** 'canvas' for dense charts, 'svg' for the many small tiles. */
  readonly renderer: 'canvas' | 'svg';
  /** A registered echarts theme (a palette's echartsTheme); the dark wall's by default. */
  readonly name?: string;
}

export const CANVAS: ChartTheme = Object.freeze({ renderer: 'canvas' });
export const SVG: ChartTheme = Object.freeze({ renderer: 'svg' });

export interface ChartSize {
  /** The chart's width and height, px. */
  readonly width: number;
  readonly height: number;
}

/** The data part of the option, or a builder of it for the chart's size (run again on resize). */
export type ChartUpdate = ChartOption | ((size: ChartSize) => ChartOption);

/** Updates replace the series list (matched by id: removed series go, new ones come) and merge the rest. */
const UPDATE: SetOptionOpts = { replaceMerge: ['series'], silent: true };

function applyUpdate(chart: EChartsType, update: ChartUpdate): void {
  chart.setOption(typeof update === 'function' ? update({ width: chart.getWidth(), height: chart.getHeight() }) : update, UPDATE);
}

/** How many charts are alive right now (for tests and the leak check). */
let liveCharts = 0;
export function liveChartCount(): number {
  return liveCharts;
}

/**
 * @param baseOption everything but the data (axes, fonts, legend); a new object replaces the whole
 *   option (notMerge) and the last data is applied again. Memoize it.
 * @param theme a change of renderer or theme name re-creates the chart. Keep it stable.
 * @returns push(update): the data part, or its builder for the chart's size; only the latest one
 *   pushed within a frame is drawn, and the latest builder is run again when the chart is resized.
 */
export function useEChart(
  containerRef: RefObject<HTMLElement | null>,
  baseOption: ChartOption,
  theme: ChartTheme,
): (update: ChartUpdate) => void {
  const chartRef = useRef<EChartsType | null>(null);
  const baseRef = useRef(baseOption);
  const appliedBaseRef = useRef<ChartOption | null>(null);
  const lastUpdateRef = useRef<ChartUpdate | null>(null);
  const pendingRef = useRef<ChartUpdate | null>(null);
  const frameRef = useRef<number | null>(null);

  useLayoutEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const chart = echarts.init(el, theme.name ?? darkPalette.echartsTheme, { renderer: theme.renderer });
    liveCharts += 1;
    chartRef.current = chart;
    chart.setOption(baseRef.current, { notMerge: true });
    appliedBaseRef.current = baseRef.current;
    if (lastUpdateRef.current) applyUpdate(chart, lastUpdateRef.current);

    let resizeFrame: number | null = null;
    const observer = new ResizeObserver(() => {
      if (resizeFrame !== null) return;
      resizeFrame = requestAnimationFrame(() => {
        resizeFrame = null;
        // The first report is usually the size init measured: only a real change redraws.
        if (chart.isDisposed() || (el.clientWidth === chart.getWidth() && el.clientHeight === chart.getHeight())) return;
        chart.resize();
        // Same chart, new size: what fits (marker labels, value-axis ticks) is laid out again.
        const last = lastUpdateRef.current;
        if (typeof last === 'function') applyUpdate(chart, last);
      });
    });
    observer.observe(el);

    return () => {
      observer.disconnect();
      if (resizeFrame !== null) cancelAnimationFrame(resizeFrame);
      if (frameRef.current !== null) cancelAnimationFrame(frameRef.current);
      frameRef.current = null;
      pendingRef.current = null;
      chartRef.current = null;
      appliedBaseRef.current = null;
      chart.dispose();
      liveCharts -= 1;
    };
  }, [containerRef, theme]);

  useLayoutEffect(() => {
    baseRef.current = baseOption;
    const chart = chartRef.current;
    if (!chart || appliedBaseRef.current === baseOption) return;
    chart.setOption(baseOption, { notMerge: true });
    appliedBaseRef.current = baseOption;
    if (lastUpdateRef.current) applyUpdate(chart, lastUpdateRef.current);
  }, [baseOption]);

  return useCallback((update: ChartUpdate) => {
    lastUpdateRef.current = update;
    pendingRef.current = update;
    if (frameRef.current !== null) return;
    frameRef.current = requestAnimationFrame(() => {
      frameRef.current = null;
      const pending = pendingRef.current;
      pendingRef.current = null;
      const chart = chartRef.current;
      if (pending && chart && !chart.isDisposed()) applyUpdate(chart, pending);
    });
  }, []);
}
