/**
 * A chart as PNG for the record: the chart as drawn now (its data, markers and colours), drawn
 * again off-screen at a document's size with labels sized to be read in a postmortem (the side
 * card's chart is a thumbnail), on the panel's own background so the picture reads like the wall.
 * echarts renders its canvas to a data URL, decoded here to bytes (a data: URL cannot be fetched
 * under the app's content security policy).
 */
import { echarts } from '../charts/echarts.ts';
import { isAnnotationSeries, markerLabelOptions, plotSizeOf } from '../charts/options.ts';
import { darkPalette } from '../charts/theme.ts';

/** The picture's size in CSS pixels, and its pixel ratio: a 2400×1000 PNG. */
export const SNAPSHOT_SIZE = { width: 1200, height: 500, pixelRatio: 2 } as const;
/** Axis, legend and marker labels in the picture, CSS px: readable on a printed page. */
const DOCUMENT_FONT_PX = 18;
/** The picture's margins around the plot, px: room for its own legend above. */
const SNAPSHOT_GRID = { left: 16, right: 32, top: Math.round(DOCUMENT_FONT_PX * 3), bottom: Math.round(DOCUMENT_FONT_PX * 1.5) };

type Option = Record<string, unknown>;

/**
 * Every `fontSize` (and the `lineHeight` beside it) scaled by `k`, and a marker label cut to fit
 * the card's plot given the picture's room (`room`: how many times taller); formatters kept.
 */
function scaleFonts(value: unknown, k: number, room: number): unknown {
  if (Array.isArray(value)) return value.map((v) => scaleFonts(v, k, room));
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const cut = (value as Option).overflow === 'truncate';
  const out: Option = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'number' && (key === 'fontSize' || key === 'lineHeight')) out[key] = Math.round(v * k);
    else if (typeof v === 'number' && key === 'width' && cut) out[key] = Math.round(v * room);
    else out[key] = scaleFonts(v, k, room);
  }
  return out;
}

function axisFont(option: Option): number | null {
  const axis = (option.xAxis as Option[] | undefined)?.[0];
  const size = (axis?.axisLabel as Option | undefined)?.fontSize;
  return typeof size === 'number' && size > 0 ? size : null;
}

interface MarkData {
  name?: unknown;
  xAxis?: unknown;
  lineStyle?: { color?: unknown };
  label?: unknown;
}

/**
 * The marker labels laid out again for the picture's plot: on the wall's short panel they may be
 * written across the top, grouped for its width; the picture is taller and wider, so they get the
 * room it has (up their lines, whole), as the wall would lay them out at this size.
 */
function relayoutMarkers(option: Option): Option {
  const xAxis = (option.xAxis as Option[] | undefined)?.[0];
  const min = xAxis?.min;
  const max = xAxis?.max;
  if (typeof min !== 'number' || typeof max !== 'number') return option;
  const series = (option.series as Option[] | undefined) ?? [];
  return {
    ...option,
    series: series.map((one) => {
      const markLine = one.markLine as { data?: MarkData[] } | undefined;
      if (!isAnnotationSeries(one.id) || !markLine?.data) return one;
      const data = markLine.data;
      const marks = data.map((m) => ({ at: Number(m.xAxis), label: String(m.name ?? ''), color: String(m.lineStyle?.color ?? darkPalette.colors.text) }));
      // The wall's plot estimate within the picture's margins: a little small, never too big.
      const inside = { width: SNAPSHOT_SIZE.width - SNAPSHOT_GRID.left - SNAPSHOT_GRID.right, height: SNAPSHOT_SIZE.height - SNAPSHOT_GRID.top - SNAPSHOT_GRID.bottom };
      const { labels } = markerLabelOptions(marks, { min, max }, plotSizeOf(inside, DOCUMENT_FONT_PX / 0.8), DOCUMENT_FONT_PX, darkPalette.colors.text);
      return { ...one, markLine: { ...markLine, data: data.map((m, i) => ({ ...m, label: labels[i] })) } };
    }),
  };
}

/**
 * The picture's option: the live chart's option (`chart.getOption()`, drawn `liveHeight` px tall)
 * with its fonts at the document's size, its marker labels laid out for the picture's plot, and
 * a legend of its own.
 */
export function snapshotOption(live: Option, liveHeight: number): Option {
  const k = DOCUMENT_FONT_PX / (axisFont(live) ?? DOCUMENT_FONT_PX);
  const colors = darkPalette.colors;
  return {
    ...relayoutMarkers(scaleFonts(live, k, SNAPSHOT_SIZE.height / Math.max(1, liveHeight)) as Option),
    animation: false,
    // On the wall the legend is HTML above the chart; a picture has to carry its own.
    legend: { show: true, type: 'plain', top: 8, left: 12, icon: 'roundRect', itemWidth: 22, itemHeight: 12, textStyle: { color: colors.text, fontSize: DOCUMENT_FONT_PX } },
    grid: SNAPSHOT_GRID,
    tooltip: { show: false },
  };
}

/** The PNG of the first echarts chart inside `container`, or null when none has drawn yet. */
export function chartPng(container: HTMLElement | null): Blob | null {
  const el = container?.querySelector<HTMLElement>('.chart');
  const chart = el ? echarts.getInstanceByDom(el) : undefined;
  if (!chart || chart.isDisposed()) return null;
  const host = document.createElement('div');
  host.style.cssText = `position:fixed;left:-${SNAPSHOT_SIZE.width * 2}px;top:0;width:${SNAPSHOT_SIZE.width}px;height:${SNAPSHOT_SIZE.height}px;pointer-events:none`;
  document.body.append(host);
  const copy = echarts.init(host, darkPalette.echartsTheme, { renderer: 'canvas', width: SNAPSHOT_SIZE.width, height: SNAPSHOT_SIZE.height });
  try {
    copy.setOption(snapshotOption(chart.getOption() as Option, chart.getHeight()));
    return pngFromDataUrl(copy.getDataURL({ type: 'png', pixelRatio: SNAPSHOT_SIZE.pixelRatio, backgroundColor: darkPalette.colors.panel }));
  } finally {
    copy.dispose();
    host.remove();
  }
}

export function pngFromDataUrl(url: string): Blob {
  const comma = url.indexOf(',');
  if (!url.startsWith('data:image/png;base64,') || comma < 0) throw new Error('the chart did not render as PNG');
  const binary = atob(url.slice(comma + 1));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: 'image/png' });
}
