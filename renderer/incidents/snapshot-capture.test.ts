/**
 * The impact snapshot's marker labels, drawn by echarts itself (server-side, as SVG, so its text
 * can be read): laid out again for the picture's plot and font, not as the side card's thumbnail
 * had them. The live chart's option comes from a real echarts instance of the thumbnail's size
 * (its getOption(), as the console hands it over).
 */
import { describe, expect, it } from 'vitest';
import type { Series } from '../../shared/model/frame.ts';
import { echarts } from '../charts/echarts.ts';
import { drawnMarkerLabels, timeseriesBase, timeseriesData } from '../charts/options.ts';
import type { ChartAnnotation } from '../charts/options.ts';
import { darkPalette } from '../charts/theme.ts';
import { SNAPSHOT_SIZE, snapshotOption } from './snapshot-capture.ts';

/** The side card's chart: about this size in the console, at its 12 px font. */
const THUMBNAIL = { width: 320, height: 150 };
const look = { fontPx: 12, unit: 'short' as const, timeZone: 'UTC', spanMs: 3_600_000, palette: darkPalette };
const series: Series[] = [{ name: 'errors', labels: {}, points: [[0, 1], [1_800_000, 40], [3_600_000, 2]] }];

/** The picture's option for a live chart of the thumbnail's size carrying these markers. */
function pictureOf(marks: ChartAnnotation[]): { live: string[]; picture: Record<string, unknown> } {
  const chart = echarts.init(null, darkPalette.echartsTheme, { renderer: 'svg', ssr: true, ...THUMBNAIL });
  try {
    chart.setOption(timeseriesBase(look), { notMerge: true });
    const option = timeseriesData(series, look, 'Errors', marks, THUMBNAIL);
    chart.setOption(option, { replaceMerge: ['series'] });
    return { live: drawnMarkerLabels(option), picture: snapshotOption(chart.getOption() as Record<string, unknown>, chart.getHeight()) };
  } finally {
    chart.dispose();
  }
}

interface DrawnText {
  readonly text: string;
  readonly fontPx: number;
  /** Written up its line (rotated a quarter turn). */
  readonly upright: boolean;
  /** Where its line is across the picture, px. */
  readonly x: number;
}

/** The marker words echarts draws for this option at the picture's size. */
function drawnWords(option: Record<string, unknown>, words: RegExp): DrawnText[] {
  const copy = echarts.init(null, darkPalette.echartsTheme, { renderer: 'svg', ssr: true, width: SNAPSHOT_SIZE.width, height: SNAPSHOT_SIZE.height });
  try {
    copy.setOption(option);
    const svg = copy.renderToSVGString();
    return [...svg.matchAll(/<text ([^>]*)>([^<]*)<\/text>/g)]
      .filter((m) => words.test(m[2]!))
      .map((m) => {
        const attributes = m[1]!;
        // A rotated label is placed by its transform; one written across by x (its line's place, near enough).
        const matrix = /transform="matrix\(([^)]*)\)"/.exec(attributes)?.[1]?.split(',').map(Number) ?? [1, 0, 0, 1, 0, 0];
        const x = matrix[4]! + Number(/ x="([-\d.]+)"/.exec(attributes)?.[1] ?? 0);
        return { text: m[2]!.replaceAll('&gt;', '>'), fontPx: Number(/font-size:([\d.]+)px/.exec(attributes)?.[1]), upright: matrix[0] === 0 && matrix[1] === -1, x };
      })
      .sort((p, q) => p.x - q.x);
  } finally {
    copy.dispose();
  }
}

const MARKER_WORDS = /deploy|declared|mitigated/;

describe('an impact snapshot of a chart with markers', () => {
  it('labels each marker on its own when the picture is wide enough to keep them apart, though the thumbnail merged them', () => {
    // Three minutes apart in an hour: about 10 px on the thumbnail's plot, about 50 px on the picture's.
    const { live, picture } = pictureOf([
      { id: 'change:1', at: 1_800_000, label: 'deploy', tone: 'info' },
      { id: 'i:declared', at: 1_980_000, label: 'declared', tone: 'warning' },
      { id: 'i:mitigated', at: 2_160_000, label: 'mitigated', tone: 'ok' },
    ]);
    expect(live).toEqual(['deploy +2']); // the thumbnail's merged label names the line it is drawn on (the first)
    const drawn = drawnWords(picture, MARKER_WORDS);
    expect(drawn.map((d) => d.text)).toEqual(['deploy', 'declared', 'mitigated']);
    for (const d of drawn) {
      // At the document's font, up its line, whole.
      expect(d.fontPx).toBe(18);
      expect(d.upright).toBe(true);
    }
    // No two labels overlap: each line's words at least one line of text (18 px) from the next.
    for (let i = 1; i < drawn.length; i++) expect(drawn[i]!.x - drawn[i - 1]!.x).toBeGreaterThan(18);
  });

  it('still shares a label between markers closer than a label is wide in the picture, every word said', () => {
    // One minute apart: about 17 px on the picture's plot, less than an 18 px label is wide.
    const { picture } = pictureOf([
      { id: 'change:1', at: 1_800_000, label: 'deploy', tone: 'info' },
      { id: 'i:declared', at: 1_860_000, label: 'declared', tone: 'warning' },
      { id: 'i:mitigated', at: 2_160_000, label: 'mitigated', tone: 'ok' },
    ]);
    const drawn = drawnWords(picture, MARKER_WORDS);
    expect(drawn.map((d) => d.text)).toEqual(['deploy › declared', 'mitigated']);
    expect(drawn.map((d) => d.fontPx)).toEqual([18, 18]);
  });
});
