/**
 * How many value-axis labels a chart's height holds. echarts spaces its ticks by splitNumber alone,
 * whatever the height: a panel 100–200 px tall printed "4K 3K 2K 1K 0" on top of each other.
 */

export interface ValueAxisLabels {
  /** echarts' splitNumber: about how many intervals between ticks. */
  readonly splitNumber: number;
  /** Too short for two labels apart: only the top value is labelled (what the line peaks under). */
  readonly onlyMax: boolean;
}

/** The most intervals on a tall panel (as before this policy). */
const MOST_SPLITS = 4;

/** Room one label needs up the axis, px: its line height and a gap that tells two apart at 5 m. */
export function valueLabelPitchPx(fontPx: number): number {
  return Math.ceil(fontPx * 1.75);
}

/**
 * @param plotHeightPx the plot's height (the value axis' length), px.
 * @param fontPx the axis label font size.
 *
 * echarts rounds the interval to 1, 2, 3 or 5 × 10ⁿ, as small as 1/1.5 of span ÷ splitNumber, and
 * widens the axis to whole intervals: up to 1.5 × splitNumber + 2 intervals. Each must hold a label.
 */
export function valueAxisLabels(plotHeightPx: number, fontPx: number): ValueAxisLabels {
  const fits = plotHeightPx / valueLabelPitchPx(fontPx);
  const splitNumber = Math.min(MOST_SPLITS, Math.floor((fits - 2) / 1.5));
  return splitNumber >= 1 ? { splitNumber, onlyMax: false } : { splitNumber: 1, onlyMax: true };
}

/** The value the axis tops out at when only that is labelled: the data's max rounded up to 1, 2, 2.5 or 5 × 10ⁿ. */
export function niceCeil(value: number): number {
  if (!(value > 0)) return value;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * magnitude >= value * (1 - 1e-9))!;
  return step * magnitude;
}

/**
 * The value axis' options for a plot this tall (echarts yAxis, merged into the chart's): as many
 * ticks as it holds apart; on the shortest plots only the top value, a round one above `highest`.
 */
export function fittedValueAxis(plotHeightPx: number, fontPx: number, highest: number) {
  const labels = valueAxisLabels(plotHeightPx, fontPx);
  if (!labels.onlyMax) return { splitNumber: labels.splitNumber, max: undefined, axisLabel: { customValues: undefined, verticalAlignMinLabel: 'bottom' as const } };
  const top = niceCeil(highest);
  // The one label is echarts' "min label" too: it hangs under the top line, inside the plot.
  return { splitNumber: 1, max: top, axisLabel: { customValues: [top], verticalAlignMinLabel: 'top' as const } };
}
