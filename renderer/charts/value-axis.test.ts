import { describe, expect, it } from 'vitest';
import type { Series } from '../../shared/model/frame.ts';
import { echarts } from './echarts.ts';
import type { EChartsType } from './echarts.ts';
import { axisFontPx, timeseriesBase, timeseriesData } from './options.ts';
import { darkPalette } from './theme.ts';
import { niceCeil, valueAxisLabels, valueLabelPitchPx } from './value-axis.ts';

describe('value axis labels by height', () => {
  it('keeps four intervals on a tall panel, fewer as it gets shorter, only the top value on the shortest', () => {
    expect(valueAxisLabels(400, 16)).toEqual({ splitNumber: 4, onlyMax: false });
    expect(valueAxisLabels(150, 16).splitNumber).toBeLessThan(4);
    expect(valueAxisLabels(60, 16)).toEqual({ splitNumber: 1, onlyMax: true });
    expect(valueAxisLabels(0, 16)).toEqual({ splitNumber: 1, onlyMax: true });
  });

  it('never asks for more intervals than the height holds labels, even after echarts rounds the interval', () => {
    for (const font of [12, 16, 24]) {
      for (let height = 0; height <= 1000; height += 1) {
        const { splitNumber, onlyMax } = valueAxisLabels(height, font);
        // echarts' worst case: 1.5 × splitNumber + 2 intervals, each needing a label's pitch.
        if (!onlyMax) expect((1.5 * splitNumber + 2) * valueLabelPitchPx(font)).toBeLessThanOrEqual(height);
      }
    }
  });

  it('tops the axis at a round value above the data', () => {
    expect(niceCeil(4_100)).toBe(5_000);
    expect(niceCeil(2_000)).toBe(2_000);
    expect(niceCeil(0.23)).toBe(0.25);
    expect(niceCeil(61_000)).toBe(100_000);
    expect(niceCeil(0)).toBe(0);
  });
});

const lookAt = (fontPx: number) => ({ fontPx, unit: 'reqps' as const, timeZone: 'UTC', spanMs: 30 * 60_000, palette: darkPalette });
const seriesPeaking = (peak: number): Series[] => [{ name: 'a', labels: {}, points: Array.from({ length: 30 }, (_, i) => [i * 60_000, (peak * (i % 7)) / 6] as [number, number]) }];

/** The value-axis labels echarts draws (SVG, server-side): the y of each one's tick and of its middle. */
function valueLabelsOf(chart: EChartsType): { text: string; tick: number; y: number }[] {
  return [...chart.renderToSVGString().matchAll(/<text([^>]*)>([^<]*req\/s)<\/text>/g)].map(([, attributes, text]) => {
    const tick = Number(/transform="translate\([\d.]+ ([\d.]+)\)"/.exec(attributes!)![1]);
    // A label aligned off its tick (the lowest, set on the baseline) is moved by a y attribute.
    const offset = Number(/ y="(-?[\d.]+)"/.exec(attributes!)?.[1] ?? 0);
    return { text: text!, tick, y: tick + offset };
  });
}

/** As useEChart lays a chart out: the base, then the data for the chart's size. */
function drawAt(chart: EChartsType, height: number, peak: number, fontPx: number): void {
  chart.resize({ width: 600, height });
  chart.setOption(timeseriesData(seriesPeaking(peak), lookAt(fontPx), 'T', [], { width: 600, height }), { replaceMerge: ['series'] });
}

function valueLabelsDrawn(height: number, peak: number, fontPx: number): { text: string; tick: number; y: number }[] {
  const chart = echarts.init(null, darkPalette.echartsTheme, { renderer: 'svg', ssr: true, width: 600, height });
  try {
    chart.setOption(timeseriesBase(lookAt(fontPx)), { notMerge: true });
    drawAt(chart, height, peak, fontPx);
    return valueLabelsOf(chart);
  } finally {
    chart.dispose();
  }
}

describe('value axis as echarts draws it', () => {
  it('draws no two value labels closer than a line of text, at any height a panel can be', () => {
    for (const fontPx of [16, 24]) {
      const lineHeight = axisFontPx(fontPx) * 1.2;
      for (let height = 20; height <= 400; height += 10) {
        for (const peak of [1_400, 4_100, 61_000]) {
          const ys = valueLabelsDrawn(height, peak, fontPx).map((l) => l.y).sort((a, b) => a - b);
          expect(ys.length, `${height}px, peak ${peak}`).toBeGreaterThanOrEqual(1);
          ys.slice(1).forEach((y, i) => expect(y - ys[i]!, `${height}px, peak ${peak}`).toBeGreaterThanOrEqual(lineHeight));
        }
      }
    }
  });

  it('labels the top of the axis on the shortest panels', () => {
    expect(valueLabelsDrawn(60, 4_100, 16).map((l) => l.text)).toEqual(['5K req/s']);
  });

  it('sets the lowest value on the baseline, clear of the time labels under it', () => {
    const zero = valueLabelsDrawn(200, 4_100, 16).find((l) => l.text === '0 req/s')!;
    // its middle half a line above the baseline (its tick): nothing of it below the plot
    expect(zero.tick - zero.y).toBeGreaterThanOrEqual(axisFontPx(16) / 2);
  });

  it('gives a chart its ticks back when its panel grows taller (the same chart, resized)', () => {
    const chart = echarts.init(null, darkPalette.echartsTheme, { renderer: 'svg', ssr: true, width: 600, height: 60 });
    try {
      chart.setOption(timeseriesBase(lookAt(16)), { notMerge: true });
      drawAt(chart, 60, 4_100, 16);
      expect(valueLabelsOf(chart).map((l) => l.text)).toEqual(['5K req/s']);
      drawAt(chart, 400, 4_100, 16);
      expect(valueLabelsOf(chart).map((l) => l.text)).toEqual(['0 req/s', '1K req/s', '2K req/s', '3K req/s', '4K req/s', '5K req/s']);
    } finally {
      chart.dispose();
    }
  });
});
