/** Pure builders of chart options: what a timeseries or a sparkline looks like for given data. */
import { formatValue } from '../../shared/domain/format.ts';
import type { Point, Series } from '../../shared/model/frame.ts';
import type { PanelState, Thresholds, Unit } from '../../shared/model/workspace.ts';
import type { ChartOption } from './echarts.ts';
import { groupLabelText, groupMarkerLabels, layoutTopLabels, MARKER_LABEL_PADDING_PX, MARKER_LABEL_SIDE_PADDING_PX, markerLabelLineHeightPx, markerLabelRoomChars, markerLabelWidthPx, TOP_LABELS_BELOW_CHARS } from './marker-labels.ts';
import type { ChartPalette } from './theme.ts';
import type { ChartSize } from './useEChart.ts';
import { fittedValueAxis } from './value-axis.ts';

export interface TimeseriesLook {
  /** The root font size on this screen, px: every chart text scales from it. */
  readonly fontPx: number;
  readonly unit: Unit;
  readonly decimals?: number;
  readonly timeZone: string;
  readonly spanMs: number;
  readonly thresholds?: Thresholds;
  /** The wall theme's colours. */
  readonly palette: ChartPalette;
}

/** The smallest axis and legend text, whatever the preset. */
export const MIN_AXIS_FONT_PX = 12;

export function axisFontPx(fontPx: number): number {
  return Math.max(MIN_AXIS_FONT_PX, Math.round(fontPx * 0.8));
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();
/** "14:05" in the room's time zone (echarts would use the browser's). */
export function formatClock(ms: number, timeZone: string): string {
  let format = timeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    timeFormats.set(timeZone, format);
  }
  return format.format(ms);
}

/** A series' name in a legend: its label values ("eu-west", "403"), or the fallback for none. */
export function seriesLabel(series: Pick<Series, 'labels' | 'name'>, fallback: string): string {
  const values = Object.values(series.labels);
  if (values.length === 0) return series.name && series.name !== '{}' ? series.name : fallback;
  return values.join(' · ');
}


export const THRESHOLD_SERIES_ID = '__thresholds';

/**
 * Bands beyond the chart's edges: markArea's 'min'/'max' mean the series' data extent (none for
 * the helper series), so open-ended steps get a far bound and the grid clips them.
 */
const FAR = 1e15;

/** Threshold bands (warning and critical only) and a dashed line where each step starts. */
function thresholdSeries(thresholds: Thresholds | undefined, palette: ChartPalette) {
  const stateColor: Record<PanelState, string> = palette.colors;
  if (!thresholds || thresholds.length < 2) return [];
  const areas: [{ yAxis: number; itemStyle: { color: string; opacity: number } }, { yAxis: number }][] = [];
  const lines: { yAxis: number; lineStyle: { color: string } }[] = [];
  thresholds.forEach((step, i) => {
    if (step.value !== null) lines.push({ yAxis: step.value, lineStyle: { color: stateColor[step.state] } });
    if (step.state === 'ok') return;
    const next = thresholds[i + 1];
    areas.push([
      { yAxis: step.value ?? -FAR, itemStyle: { color: stateColor[step.state], opacity: 0.13 } },
      { yAxis: next?.value ?? FAR },
    ]);
  });
  return [
    {
      id: THRESHOLD_SERIES_ID,
      type: 'line' as const,
      data: [] as number[][],
      silent: true,
      clip: true,
      tooltip: { show: false },
      markArea: { silent: true, data: areas },
      markLine: { silent: true, symbol: 'none', label: { show: false }, lineStyle: { type: 'dashed' as const, width: 2 }, data: lines },
    },
  ];
}

/** The grid's margins around the plot and its axis labels, px. */
function gridOf(font: number) {
  return { left: 8, right: 16, top: Math.round(font * 0.7), bottom: 4 };
}

/** Room the value axis' labels take beside the plot, at most ("120K req/s"), in font sizes. */
const VALUE_LABELS_WIDTH_EM = 6;
/** echarts' default gap between an axis and its labels, px. */
const AXIS_LABEL_MARGIN_PX = 8;
/** The time axis' labels' line height, in font sizes. */
const AXIS_LINE_HEIGHT_EM = 1.25;

/**
 * The plot's size inside a chart of this size: the chart less the grid's margins and the axis
 * labels. The value labels' width is taken at its widest, so the plot is never thought wider than
 * it is (marker labels are grouped a little early rather than drawn over each other).
 */
export function plotSizeOf(size: ChartSize, fontPx: number): ChartSize {
  const font = axisFontPx(fontPx);
  const grid = gridOf(font);
  return {
    width: Math.max(0, size.width - grid.left - grid.right - font * VALUE_LABELS_WIDTH_EM - AXIS_LABEL_MARGIN_PX),
    height: Math.max(0, size.height - grid.top - grid.bottom - Math.ceil(font * AXIS_LINE_HEIGHT_EM) - AXIS_LABEL_MARGIN_PX),
  };
}

export function timeseriesBase(look: TimeseriesLook): ChartOption {
  const font = axisFontPx(look.fontPx);
  return {
    animation: false,
    // echarts 6 keeps axis labels inside the grid by default (outerBounds), no containLabel needed.
    // The legend is HTML above the chart (it wraps instead of running into the plot): none here.
    grid: gridOf(font),
    legend: { show: false },
    tooltip: {
      trigger: 'axis',
      textStyle: { fontSize: font },
      valueFormatter: (value) => formatValue(typeof value === 'number' ? value : Number(value), look.unit, look.decimals),
    },
    xAxis: {
      type: 'time',
      axisLabel: {
        fontSize: font,
        hideOverlap: true,
        formatter: (value: number) => formatClock(value, look.timeZone),
      },
      splitNumber: 4,
    },
    yAxis: {
      type: 'value',
      splitNumber: 4,
      // The lowest value sits on the baseline, not across it: the time labels under the plot's
      // left end ("0 req/s" and "04:28") no longer run into each other.
      axisLabel: { fontSize: font, hideOverlap: true, verticalAlignMinLabel: 'bottom', formatter: (value: number) => formatValue(value, look.unit) },
    },
    series: [],
  };
}

function newest(series: readonly Series[]): number | null {
  let latest: number | null = null;
  for (const s of series) {
    const last = s.points[s.points.length - 1];
    if (last && (latest === null || last[0] > latest)) latest = last[0];
  }
  return latest;
}

export interface LegendItem {
  readonly id: string;
  readonly label: string;
  readonly color: string;
}

function byName(series: readonly Series[]): Series[] {
  return [...series].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The series in legend order with their colours: the same order and colours as the chart's lines. */
export function legendItems(series: readonly Series[], fallbackLabel: string, palette: ChartPalette): LegendItem[] {
  return byName(series).map((s, i) => ({ id: s.name, label: seriesLabel(s, fallbackLabel), color: palette.series[i % palette.series.length]! }));
}

export function sameLegend(a: readonly LegendItem[], b: readonly LegendItem[]): boolean {
  return a.length === b.length && a.every((item, i) => item.id === b[i]!.id && item.label === b[i]!.label && item.color === b[i]!.color);
}

/**
 * A moment drawn across every time-series panel of the walls: an incident marker ("SEV1 impact
 * started", "mitigated") or a change ("deploy · cdn-config"). Colour by tone, and always a label.
 */
export interface ChartAnnotation {
  /** Stable across redraws (the marker's or change's id). */
  readonly id: string;
  readonly at: number;
  readonly label: string;
  readonly tone: 'critical' | 'warning' | 'ok' | 'info';
}

export const ANNOTATION_SERIES_ID = '__annotations';
/**
 * The marks' series when their labels are written across the top: another id, so echarts draws
 * them afresh (it keeps a label's rotation from up-the-line when only its position changes, and
 * the words ran up out of the chart).
 */
export const ANNOTATION_ACROSS_SERIES_ID = `${ANNOTATION_SERIES_ID}:across`;
export const isAnnotationSeries = (id: unknown): boolean => id === ANNOTATION_SERIES_ID || id === ANNOTATION_ACROSS_SERIES_ID;

const annotationColor = (tone: ChartAnnotation['tone'], palette: ChartPalette): string => (tone === 'info' ? palette.series[6]! : palette.colors[tone]);
const annotationDash: Record<ChartAnnotation['tone'], 'solid' | 'dashed' | 'dotted'> = { critical: 'solid', warning: 'dashed', ok: 'solid', info: 'dotted' };

/** A mark as its label is laid out: when, its words, its line's colour. */
export interface MarkToLabel {
  readonly at: number;
  readonly label: string;
  readonly color: string;
}

const LABEL_BACKGROUND = 'rgba(5,7,10,0.75)';

/**
 * Each mark's label (echarts markLine label options, in the marks' order), laid out for a plot this
 * size. Marks closer on the plot than a label is wide share one label (marker-labels.ts). Up a tall
 * plot the words run up the line; on a short one (a label up the line would hold a few characters,
 * "Second …") they are written across the top of the plot, grouped by their width. A group's
 * label is in the text colour (it is no one tone), one mark's in its line's.
 * @param font the label font size, px; @param plot the plot's size, or undefined before layout (each mark its own label).
 */
export function markerLabelOptions(marks: readonly MarkToLabel[], xWindow: { min: number; max: number }, plot: ChartSize | undefined, font: number, textColor: string): { labels: Record<string, unknown>[]; across: boolean } {
  const pxPerMs = plot ? plot.width / Math.max(1, xWindow.max - xWindow.min) : Number.POSITIVE_INFINITY;
  const xPx = marks.map((a) => (a.at - xWindow.min) * pxPerMs);
  // The words run up the line from the bottom of the plot: its height, less the label's padding.
  const labelLengthPx = plot ? Math.max(font * 3, plot.height - 8) : Number.POSITIVE_INFINITY;
  const roomChars = markerLabelRoomChars(labelLengthPx, font);
  const common = (i: number, size: number) => ({
    show: true,
    color: size === 1 ? marks[i]!.color : textColor,
    fontSize: font,
    lineHeight: markerLabelLineHeightPx(font),
    fontWeight: 'bold' as const,
    backgroundColor: LABEL_BACKGROUND,
    padding: [MARKER_LABEL_PADDING_PX, MARKER_LABEL_SIDE_PADDING_PX],
  });
  const labels: Record<string, unknown>[] = marks.map(() => ({ show: false }));
  if (plot && roomChars < TOP_LABELS_BELOW_CHARS) {
    for (const g of layoutTopLabels(xPx, marks.map((a) => a.label), plot.width, font)) {
      labels[g.anchor] = {
        ...common(g.anchor, g.members.length),
        formatter: g.text,
        // At the line's top end, hanging into the plot, written across: whole words at 5 m.
        position: 'end' as const,
        distance: 0,
        align: g.align,
        verticalAlign: 'top' as const,
      };
    }
    return { labels, across: true };
  }
  for (const g of groupMarkerLabels(xPx, markerLabelWidthPx(font))) {
    const text = groupLabelText(g.members.map((i) => marks[i]!.label), roomChars);
    labels[g.anchor] = {
      ...common(g.anchor, g.members.length),
      formatter: text,
      // From the bottom of the plot up, beside the line: the start of the words is always on
      // the plot (above the time axis); words still longer than the plot is tall end in "…".
      position: 'insideStartTop' as const,
      // A width makes the label's dark box that long: set only on words that need cutting.
      ...(text.length > roomChars ? { width: labelLengthPx, overflow: 'truncate' as const } : {}),
    };
  }
  return { labels, across: false };
}

/**
 * Vertical marks with labels, inside the x window only (echarts would draw an out-of-range mark at
 * the plot's edge). Line style differs by tone too, so colour is never the only cue; every line is drawn.
 */
function annotationSeries(visible: readonly ChartAnnotation[], look: TimeseriesLook, xWindow: { min: number; max: number }, plot: ChartSize | undefined) {
  if (visible.length === 0) return [];
  const font = axisFontPx(look.fontPx);
  const { labels, across } = markerLabelOptions(
    visible.map((a) => ({ at: a.at, label: a.label, color: annotationColor(a.tone, look.palette) })),
    xWindow,
    plot,
    font,
    look.palette.colors.text,
  );
  return [
    {
      id: across ? ANNOTATION_ACROSS_SERIES_ID : ANNOTATION_SERIES_ID,
      type: 'line' as const,
      data: [] as number[][],
      silent: true,
      tooltip: { show: false },
      markLine: {
        silent: true,
        symbol: 'none',
        animation: false,
        data: visible.map((a, i) => ({
          name: a.label,
          xAxis: a.at,
          lineStyle: { color: annotationColor(a.tone, look.palette), width: Math.max(2, Math.round(look.fontPx / 8)), type: annotationDash[a.tone] },
          label: labels[i],
        })),
      },
    },
  ];
}

/** The marker labels a chart option draws, left to right (what the wall shows, for its element's data-mark-labels). */
export function drawnMarkerLabels(option: ChartOption): string[] {
  const series = (option.series ?? []) as { id?: string; markLine?: { data: { label?: { show?: boolean; formatter?: unknown; overflow?: unknown; width?: unknown; fontSize?: unknown } }[] } }[];
  const marks = series.find((x) => isAnnotationSeries(x.id))?.markLine?.data ?? [];
  return marks.flatMap(({ label }) => {
    if (!label?.show || typeof label.formatter !== 'string') return [];
    // A label given a width to end in "…": as echarts cuts it (about; its own measure decides).
    if (label.overflow !== 'truncate' || typeof label.width !== 'number' || typeof label.fontSize !== 'number') return [label.formatter];
    const room = markerLabelRoomChars(label.width, label.fontSize);
    return [label.formatter.length <= room ? label.formatter : `${label.formatter.slice(0, Math.max(0, room - 1))}…`];
  });
}

/** The marks inside the chart's x window (the span ending at the newest point): the ones drawn. */
export function visibleAnnotations(series: readonly Series[], spanMs: number, annotations: readonly ChartAnnotation[]): ChartAnnotation[] {
  const end = newest(series);
  return end === null ? [] : annotations.filter((a) => a.at >= end - spanMs && a.at <= end);
}

function highest(series: readonly Series[]): number {
  let top = 0;
  for (const s of series) for (const [, v] of s.points) if (v > top) top = v;
  return top;
}

/** Value-axis ticks as many as the plot's height holds apart; on the shortest plots only the top value. */
function valueAxisFor(series: readonly Series[], look: TimeseriesLook, plot: ChartSize | undefined) {
  if (!plot) return {};
  return fittedValueAxis(plot.height, axisFontPx(look.fontPx), highest(series));
}

/**
 * The data part of a timeseries: every series, plus the x window ending at the newest point.
 * @param size the chart's size, px: marker labels and value-axis ticks are laid out to fit it.
 */
export function timeseriesData(series: readonly Series[], look: TimeseriesLook, fallbackLabel: string, annotations: readonly ChartAnnotation[] = [], size?: ChartSize): ChartOption {
  const end = newest(series);
  const sorted = byName(series);
  const plot = size && plotSizeOf(size, look.fontPx);
  return {
    xAxis: end === null ? { min: undefined, max: undefined } : { min: end - look.spanMs, max: end },
    yAxis: valueAxisFor(series, look, plot),
    series: [
      ...sorted.map((s, i) => ({
        id: s.name,
        name: seriesLabel(s, fallbackLabel),
        type: 'line' as const,
        // A line needs two points: until then the one point is drawn as a dot, never an empty chart.
        showSymbol: s.points.length < 2,
        symbolSize: Math.max(6, Math.round(look.fontPx / 3)),
        sampling: 'lttb' as const,
        // Colours by position, as in legendItems: the HTML legend and the lines always agree.
        itemStyle: { color: look.palette.series[i % look.palette.series.length] },
        lineStyle: { width: Math.max(2, Math.round(look.fontPx / 8)), color: look.palette.series[i % look.palette.series.length] },
        emphasis: { disabled: true },
        // echarts only reads the points; the store's arrays are shared, not copied.
        data: s.points as unknown as number[][],
      })),
      ...thresholdSeries(look.thresholds, look.palette),
      ...(end === null ? [] : annotationSeries(visibleAnnotations(series, look.spanMs, annotations), look, { min: end - look.spanMs, max: end }, plot)),
    ],
  };
}

/** Combine series point by point (same timestamps, as one scrape gives) with the query's aggregate. */
export function aggregatePoints(series: readonly Series[], aggregate: 'sum' | 'avg' | 'max' | 'min'): Point[] {
  if (series.length === 1) return series[0]!.points.slice();
  const byTime = new Map<number, number[]>();
  for (const s of series) {
    for (const [t, v] of s.points) {
      if (!Number.isFinite(v)) continue;
      const values = byTime.get(t);
      if (values) values.push(v);
      else byTime.set(t, [v]);
    }
  }
  const out: Point[] = [];
  for (const [t, values] of [...byTime.entries()].sort((a, b) => a[0] - b[0])) {
    let v: number;
    if (aggregate === 'sum') v = values.reduce((a, b) => a + b, 0);
    else if (aggregate === 'avg') v = values.reduce((a, b) => a + b, 0) / values.length;
    else if (aggregate === 'max') v = Math.max(...values);
    else v = Math.min(...values);
    out.push([t, v]);
  }
  return out;
}

export const sparklineBase: ChartOption = {
  animation: false,
  grid: { left: 0, right: 0, top: 2, bottom: 0 },
  xAxis: { type: 'time', show: false },
  yAxis: { type: 'value', show: false, scale: true },
  tooltip: { show: false },
  series: [],
};

/**
 * The value axis of an SLO's budget-over-time chart, in percent: always from 0 (or the deepest
 * overspend) to 100 (or above), so a budget that has lost 0.01% is drawn as the near-flat line it
 * is rather than stretched to fall from top to bottom.
 */
export function budgetAxisExtent(dataMin: number, dataMax: number): { min: number; max: number } {
  return { min: Math.min(0, dataMin), max: Math.max(100, dataMax) };
}

/** A sparkline whose hidden value axis is the budget's 0–100%, not the data's own span. */
export const budgetSparklineBase: ChartOption = {
  ...sparklineBase,
  yAxis: {
    type: 'value',
    show: false,
    min: (extent: { min: number; max: number }) => budgetAxisExtent(extent.min, extent.max).min,
    max: (extent: { min: number; max: number }) => budgetAxisExtent(extent.min, extent.max).max,
  },
};

export function sparklineData(points: readonly Point[], color: string): ChartOption {
  return {
    series: [
      {
        id: 'spark',
        type: 'line',
        showSymbol: false,
        silent: true,
        lineStyle: { width: 2, color },
        areaStyle: { color, opacity: 0.18 },
        data: points as unknown as number[][],
      },
    ],
  };
}
