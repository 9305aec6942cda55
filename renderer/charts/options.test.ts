import { describe, expect, it } from 'vitest';
import type { Series } from '../../shared/model/frame.ts';
import { aggregatePoints, ANNOTATION_ACROSS_SERIES_ID, budgetSparklineBase, ANNOTATION_SERIES_ID, axisFontPx, isAnnotationSeries, formatClock, legendItems, MIN_AXIS_FONT_PX, sameLegend, seriesLabel, THRESHOLD_SERIES_ID, timeseriesData } from './options.ts';
import { chartPalettes, darkPalette } from './theme.ts';

const s = (name: string, labels: Record<string, string>, points: [number, number][]): Series => ({ name, labels, points });
const look = { fontPx: 20, unit: 'short' as const, timeZone: 'Europe/London', spanMs: 60_000, palette: darkPalette };

describe('chart options', () => {
  it('labels series by their label values', () => {
    expect(seriesLabel(s('{region="eu"}', { region: 'eu' }, []), 'x')).toBe('eu');
    expect(seriesLabel(s('{a="1",b="2"}', { a: '1', b: '2' }, []), 'x')).toBe('1 · 2');
    expect(seriesLabel(s('{}', {}, []), 'Streams')).toBe('Streams');
  });

  it('shows the span ending at the newest point, every series by id', () => {
    const option = timeseriesData([s('b', { k: 'b' }, [[100_000, 1]]), s('a', { k: 'a' }, [[90_000, 2]])], look, 'T');
    expect(option.xAxis).toEqual({ min: 40_000, max: 100_000 });
    const series = option.series as { id: string; name: string; showSymbol: boolean }[];
    expect(series.map((x) => x.id)).toEqual(['a', 'b']);
    // One point each: drawn as dots until there is a line.
    expect(series.map((x) => x.showSymbol)).toEqual([true, true]);
  });

  it('draws threshold bands only where there are thresholds', () => {
    const without = timeseriesData([], look, 'T').series as { id: string }[];
    expect(without.some((x) => x.id === THRESHOLD_SERIES_ID)).toBe(false);
    const thresholds = [
      { value: null, state: 'ok' as const },
      { value: 5, state: 'warning' as const },
      { value: 50, state: 'critical' as const },
    ];
    const withBands = timeseriesData([], { ...look, thresholds }, 'T').series as { id: string; markArea?: { data: unknown[] } }[];
    const helper = withBands.find((x) => x.id === THRESHOLD_SERIES_ID)!;
    expect(helper.markArea!.data).toHaveLength(2);
  });

  it('combines series point by point with the aggregate', () => {
    const a = s('a', {}, [
      [1, 1],
      [2, 2],
    ]);
    const b = s('b', {}, [
      [1, 10],
      [3, 30],
    ]);
    expect(aggregatePoints([a, b], 'sum')).toEqual([
      [1, 11],
      [2, 2],
      [3, 30],
    ]);
    expect(aggregatePoints([a, b], 'max')[0]).toEqual([1, 10]);
    expect(aggregatePoints([a, b], 'avg')[0]).toEqual([1, 5.5]);
    expect(aggregatePoints([], 'sum')).toEqual([]);
  });

  it('keeps axis text readable and in the room’s time zone', () => {
    expect(axisFontPx(8)).toBe(MIN_AXIS_FONT_PX);
    expect(axisFontPx(30)).toBe(24);
    expect(formatClock(Date.UTC(2026, 6, 1, 12, 5), 'Europe/London')).toBe('13:05');
    expect(formatClock(Date.UTC(2026, 6, 1, 12, 5), 'UTC')).toBe('12:05');
  });
});

describe('legend', () => {
  it('lists the series in the chart’s order with the chart’s colours', () => {
    const series = [s('{r="b"}', { r: 'b' }, [[1, 1]]), s('{r="a"}', { r: 'a' }, [[1, 2]])];
    const items = legendItems(series, 'T', darkPalette);
    expect(items.map((i) => i.label)).toEqual(['a', 'b']);
    const option = timeseriesData(series, look, 'T').series as { id: string; lineStyle: { color: string } }[];
    expect(option.map((x) => x.lineStyle.color)).toEqual(items.map((i) => i.color));
    expect(sameLegend(items, legendItems([...series].reverse(), 'T', darkPalette))).toBe(true);
    expect(sameLegend(items, items.slice(1))).toBe(false);
  });

  it("draws each wall theme's colours: lines, legend, threshold bands", () => {
    const series = [s('{r="a"}', { r: 'a' }, [[1, 2]])];
    const thresholds = [
      { value: null, state: 'ok' as const },
      { value: 50, state: 'critical' as const },
    ];
    for (const palette of Object.values(chartPalettes)) {
      const option = timeseriesData(series, { ...look, palette, thresholds }, 'T').series as { id: string; lineStyle: { color: string }; markLine?: { data: { lineStyle: { color: string } }[] } }[];
      expect(option[0]!.lineStyle.color).toBe(palette.series[0]);
      expect(legendItems(series, 'T', palette)[0]!.color).toBe(palette.series[0]);
      const bands = option.find((x) => x.id === THRESHOLD_SERIES_ID)!;
      expect(bands.markLine!.data.map((d) => d.lineStyle.color)).toEqual([palette.colors.critical]);
    }
    // the three are told apart: brighter on high-contrast, darker on dim
    expect(new Set(Object.values(chartPalettes).map((p) => p.series[0])).size).toBe(3);
  });
});

describe('annotations', () => {
  it('draws incident markers and changes as labelled vertical marks, only inside the window', () => {
    const series = [s('a', {}, [[100_000, 1]])];
    const annotations = [
      { id: 'i:impact_started', at: 50_000, label: 'impact started', tone: 'critical' as const },
      { id: 'change:1', at: 90_000, label: 'deploy · cdn', tone: 'info' as const },
      { id: 'i:declared', at: 10_000, label: 'declared', tone: 'warning' as const },
    ];
    const option = timeseriesData(series, look, 'T', annotations).series as { id: string; markLine?: { data: { xAxis: number; label: { formatter: string; fontSize: number } }[] } }[];
    const marks = option.find((x) => x.id === ANNOTATION_SERIES_ID)!.markLine!.data;
    expect(marks.map((m) => [m.xAxis, m.label.formatter])).toEqual([
      [50_000, 'impact started'],
      [90_000, 'deploy · cdn'],
    ]);
    expect(marks[0]!.label.fontSize).toBe(axisFontPx(look.fontPx));
    // Without annotations (or with none in the window) the chart is exactly as before.
    expect((timeseriesData(series, look, 'T').series as { id: string }[]).some((x) => x.id === ANNOTATION_SERIES_ID)).toBe(false);
    expect((timeseriesData([], look, 'T', annotations).series as { id: string }[]).some((x) => x.id === ANNOTATION_SERIES_ID)).toBe(false);
  });
});

describe('annotation labels on a chart of a given size', () => {
  type Mark = { xAxis: number; lineStyle: { color: string }; label: { show: boolean; formatter?: string; width?: number; overflow?: string } };
  const marksOf = (option: ReturnType<typeof timeseriesData>) => (option.series as { id: string; markLine?: { data: Mark[] } }[]).find((x) => isAnnotationSeries(x.id))!.markLine!.data;
  // An hour's window: a deploy, "declared" a minute later, "mitigated" two minutes after that.
  const hour = { ...look, spanMs: 3_600_000 };
  const series = [s('a', {}, [[3_600_000, 1]])];
  const outage = [
    { id: 'change:1', at: 1_800_000, label: 'deploy · entitlement', tone: 'info' as const },
    { id: 'i:declared', at: 1_860_000, label: 'declared', tone: 'warning' as const },
    { id: 'i:mitigated', at: 1_980_000, label: 'mitigated', tone: 'ok' as const },
  ];

  it('puts markers minutes apart on a narrow panel under one label, keeping every line in its colour', () => {
    const marks = marksOf(timeseriesData(series, hour, 'T', outage, { width: 480, height: 600 }));
    expect(marks.map((m) => m.xAxis)).toEqual([1_800_000, 1_860_000, 1_980_000]);
    expect(new Set(marks.map((m) => m.lineStyle.color)).size).toBe(3);
    expect(marks.map((m) => (m.label.show ? m.label.formatter : null))).toEqual(['deploy · entitlement › declared › mitigated', null, null]);
  });

  it('says the first marker, on whose line the label is, and how many came after when the words do not fit up a short panel', () => {
    const marks = marksOf(timeseriesData(series, hour, 'T', outage, { width: 480, height: 200 }));
    expect(marks.map((m) => (m.label.show ? m.label.formatter : null))).toEqual(['deploy +2', null, null]);
    // it fits: its box is only as long as its words, not the plot's height over the lines
    expect(marks[0]!.label.width).toBeUndefined();
  });

  it('labels each marker on its own once the panel is wide enough to keep them apart', () => {
    const marks = marksOf(timeseriesData(series, hour, 'T', outage, { width: 3840, height: 400 }));
    expect(marks.map((m) => m.label.formatter)).toEqual(['deploy · entitlement', 'declared', 'mitigated']);
  });

  it('ends a label still too long for a short panel in "…" rather than running off the plot, its kind kept whole when that fits', () => {
    const long = [{ id: 'change:2', at: 1_800_000, label: 'deploy · entitlement-gateway-eu-west-and-more', tone: 'info' as const }];
    const label = marksOf(timeseriesData(series, hour, 'T', long, { width: 480, height: 180 }))[0]!.label;
    expect(label.formatter).toBe('deploy');
  });

  it('writes the labels across the top of a short panel, whole ("Second half", not "Second …")', () => {
    const plan = [
      { id: 'k1', at: 1_200_000, label: 'Kick-off', tone: 'info' as const },
      { id: 'k2', at: 2_400_000, label: 'Second half', tone: 'info' as const },
    ];
    const option = timeseriesData(series, hour, 'T', plan, { width: 900, height: 120 });
    // Another series than the labels up the lines: echarts draws them afresh, none left rotated.
    expect((option.series as { id: string }[]).map((x) => x.id)).toContain(ANNOTATION_ACROSS_SERIES_ID);
    const marks = marksOf(option) as (Mark & { label: { position?: string; align?: string } })[];
    expect(marks.map((m) => [m.label.formatter, m.label.position, m.label.align])).toEqual([
      ['Kick-off', 'end', 'left'],
      ['Second half', 'end', 'left'],
    ]);
  });
});

describe("an SLO's budget chart", () => {
  it("draws an SLO's budget against 0–100%, so a budget barely touched is a near-flat line, not a fall to the bottom", () => {
    const yAxis = budgetSparklineBase.yAxis as { min: (e: { min: number; max: number }) => number; max: (e: { min: number; max: number }) => number; scale?: boolean };
    expect(yAxis.scale).toBeUndefined();
    // 100% → 99.99% over the first minute: the line drops 0.01% of the chart's height.
    expect([yAxis.min({ min: 99.99, max: 100 }), yAxis.max({ min: 99.99, max: 100 })]).toEqual([0, 100]);
    // Overspent: the axis reaches down to the deepest point.
    expect(yAxis.min({ min: -20, max: 100 })).toBe(-20);
  });
});
