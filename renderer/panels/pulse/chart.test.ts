import { describe, expect, it } from 'vitest';
import type { PulseMinute } from '../../../shared/protocol/pulse.ts';
import { echarts } from '../../charts/echarts.ts';
import { axisFontPx } from '../../charts/options.ts';
import { darkPalette } from '../../charts/theme.ts';
import { minuteSeries, pulseChartBase, pulseChartData } from './chart.ts';

const NOW = Date.UTC(2026, 11, 7, 20, 0);

function minutes(peak: number): PulseMinute[] {
  const out = minuteSeries([], 60, NOW);
  return out.map((m, i) => ({ ...m, volume: Math.round((peak * (i % 9)) / 8), negative: Math.round((peak * (i % 9)) / 16) }));
}

/** The value labels echarts draws (SVG, server-side), as useEChart lays the chart out: the y of each one's middle. */
function labelsAt(height: number, fontPx: number, peak: number): { volume: { text: string; y: number }[]; share: { text: string; y: number }[] } {
  const size = { width: 600, height };
  const chart = echarts.init(null, darkPalette.echartsTheme, { renderer: 'svg', ssr: true, ...size });
  try {
    chart.setOption(pulseChartBase(fontPx, 'UTC'), { notMerge: true });
    chart.setOption(pulseChartData(minutes(peak), darkPalette, fontPx, size), { replaceMerge: ['series'] });
    const texts = [...chart.renderToSVGString().matchAll(/<text([^>]*)>([^<]*)<\/text>/g)].map(([, attributes, text]) => {
      const tick = Number(/transform="translate\([\d.]+ ([\d.]+)\)"/.exec(attributes!)?.[1] ?? NaN);
      const offset = Number(/ y="(-?[\d.]+)"/.exec(attributes!)?.[1] ?? 0);
      return { text: text!, y: tick + offset };
    });
    return { volume: texts.filter((t) => /^[\d.,]+K?$/.test(t.text)), share: texts.filter((t) => t.text.endsWith('%')) };
  } finally {
    chart.dispose();
  }
}

const apart = (labels: { y: number }[], lineHeight: number, what: string) => {
  const ys = labels.map((l) => l.y).sort((a, b) => a - b);
  ys.slice(1).forEach((y, i) => expect(y - ys[i]!, what).toBeGreaterThanOrEqual(lineHeight));
};

describe('pulse chart axes follow the panel height', () => {
  it('draws no two labels of either axis closer than a line of text, however short the panel', () => {
    for (const fontPx of [16, 24]) {
      const lineHeight = axisFontPx(fontPx) * 1.2;
      for (let height = 60; height <= 400; height += 20) {
        for (const peak of [7, 140]) {
          const { volume, share } = labelsAt(height, fontPx, peak);
          expect(volume.length, `${height}px: a volume label`).toBeGreaterThanOrEqual(1);
          expect(share.length, `${height}px: a share label`).toBeGreaterThanOrEqual(1);
          apart(volume, lineHeight, `volume, ${height}px, font ${fontPx}, peak ${peak}`);
          apart(share, lineHeight, `share, ${height}px, font ${fontPx}, peak ${peak}`);
        }
      }
    }
  });

  it('keeps several ticks on a tall panel and only the top values on a short one', () => {
    const tall = labelsAt(400, 16, 140);
    expect(tall.volume.length).toBeGreaterThanOrEqual(4);
    expect(tall.share.map((l) => l.text)).toEqual(['0%', '50%', '100%']);
    const short = labelsAt(80, 24, 140);
    expect(short.volume.map((l) => l.text)).toEqual(['200']);
    expect(short.share.map((l) => l.text)).toEqual(['100%']);
  });
});
