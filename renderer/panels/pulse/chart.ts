/** The pulse chart: posts per minute (area) and the share that is negative (line, right axis). */
import { MINUTE_MS } from '../../../shared/domain/pulse/aggregate.ts';
import type { PulseMinute } from '../../../shared/protocol/pulse.ts';
import type { ChartOption } from '../../charts/echarts.ts';
import { axisFontPx, formatClock, plotSizeOf } from '../../charts/options.ts';
import type { ChartPalette } from '../../charts/theme.ts';
import type { ChartSize } from '../../charts/useEChart.ts';
import { fittedValueAxis } from '../../charts/value-axis.ts';

export function pulseChartBase(fontPx: number, timeZone: string): ChartOption {
  const font = axisFontPx(fontPx);
  return {
    animation: false,
    grid: { left: 8, right: 8, top: Math.round(font * 0.8), bottom: 4 },
    legend: { show: false },
    tooltip: { trigger: 'axis', textStyle: { fontSize: font } },
    xAxis: { type: 'time', splitNumber: 4, axisLabel: { fontSize: font, hideOverlap: true, formatter: (v: number) => formatClock(v, timeZone) } },
    yAxis: [
      // Ticks as many as the plot's height holds (pulseChartData), as on every time series.
      { type: 'value', minInterval: 1, axisLabel: { fontSize: font, hideOverlap: true } },
      { type: 'value', min: 0, max: 100, splitLine: { show: false }, axisLabel: { fontSize: font, formatter: '{value}%' } },
    ],
    series: [],
  };
}

/** Every minute of the span, empty ones as zero (a quiet minute is a fact, not a gap). */
export function minuteSeries(minutes: readonly PulseMinute[], spanMinutes: number, now: number): PulseMinute[] {
  const byMinute = new Map(minutes.map((m) => [m.minute, m]));
  const last = Math.floor(now / MINUTE_MS) * MINUTE_MS;
  const out: PulseMinute[] = [];
  for (let m = last - (spanMinutes - 1) * MINUTE_MS; m <= last; m += MINUTE_MS) {
    out.push(byMinute.get(m) ?? { minute: m, volume: 0, negative: 0, positive: 0, complaints: 0, topics: {} as PulseMinute['topics'] });
  }
  return out;
}

/**
 * The data part, laid out for the chart's size: the value axes get as many ticks as its height
 * holds apart (renderer/charts/value-axis.ts); the share axis at most 0, 50 and 100 %.
 */
export function pulseChartData(series: readonly PulseMinute[], palette: ChartPalette, fontPx: number, size: ChartSize): ChartOption {
  const plotHeight = plotSizeOf(size, fontPx).height;
  const font = axisFontPx(fontPx);
  const volume = fittedValueAxis(plotHeight, font, Math.max(1, ...series.map((m) => m.volume)));
  const share = fittedValueAxis(plotHeight, font, 100);
  return {
    yAxis: [volume, { splitNumber: Math.min(2, share.splitNumber), axisLabel: share.axisLabel }],
    series: [
      {
        id: 'volume',
        name: 'Posts / min',
        type: 'line',
        step: 'end',
        symbol: 'none',
        lineStyle: { width: 2, color: palette.series[0] },
        areaStyle: { color: palette.series[0], opacity: 0.25 },
        data: series.map((m) => [m.minute, m.volume]),
      },
      {
        id: 'negative',
        name: 'Negative %',
        type: 'line',
        yAxisIndex: 1,
        symbol: 'none',
        connectNulls: false,
        lineStyle: { width: 3, color: palette.colors.critical },
        data: series.map((m) => [m.minute, m.volume === 0 ? null : Math.round((m.negative / m.volume) * 100)]),
      },
    ],
  };
}
