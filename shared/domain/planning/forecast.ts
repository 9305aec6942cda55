/**
 * Forecast vs actual: the peak we planned for against the peak we got, for the wall on the night
 * and the report afterwards.
 *
 * The verdict: with a `peakRange`, below / within / above that range; without one, within ±10% of
 * the forecast peak. "Capacity exceeded" means the actual peak went past the forecast plus the
 * planned headroom — what the pre-scale was built for.
 */
import type { Forecast } from '../../model/plan.ts';

export type ForecastVerdict = 'below' | 'within' | 'above';

export interface ForecastVsActual {
  readonly forecastPeak: number;
  readonly actualPeak: number | null;
  readonly actualPeakAt: number | null;
  /** actual ÷ forecast peak. */
  readonly ratio: number | null;
  /** (actual − forecast) ÷ forecast, e.g. 0.12 for 12% over. */
  readonly error: number | null;
  readonly verdict: ForecastVerdict | null;
  /** What the pre-scale was built for: forecast peak × (1 + headroom). */
  readonly builtFor: number;
  readonly capacityExceeded: boolean | null;
  readonly forecastMultiplier: number;
  /** actual peak ÷ baseline. */
  readonly actualMultiplier: number | null;
  /** The steepest rise between consecutive samples, per minute. */
  readonly steepestRampPerMinute: number | null;
  readonly forecastRampPerMinute: number | null;
  readonly samples: number;
}

export const DEFAULT_TOLERANCE = 0.1;

/** The range an actual peak is "within the forecast": its `peakRange`, else ±10% of the peak. The report and the wall judge by it. */
export function forecastRange(forecast: Pick<Forecast, 'peak' | 'peakRange'>): { readonly low: number; readonly high: number } {
  return { low: forecast.peakRange?.low ?? forecast.peak * (1 - DEFAULT_TOLERANCE), high: forecast.peakRange?.high ?? forecast.peak * (1 + DEFAULT_TOLERANCE) };
}

/** Compare a forecast with actual samples ([epochMs, value]) in [from, to), or all of them. */
export function forecastVsActual(
  forecast: Forecast,
  samples: readonly (readonly [number, number])[],
  range: { from?: number; to?: number } = {},
): ForecastVsActual {
  const from = range.from ?? Number.NEGATIVE_INFINITY;
  const to = range.to ?? Number.POSITIVE_INFINITY;
  const points = samples.filter(([t, v]) => t >= from && t < to && Number.isFinite(v)).sort((a, b) => a[0] - b[0]);
  const builtFor = forecast.peak * (1 + forecast.headroom);
  const base = {
    forecastPeak: forecast.peak,
    builtFor,
    forecastMultiplier: forecast.peak / forecast.baseline,
    forecastRampPerMinute: forecast.ramp?.perMinute ?? null,
    samples: points.length,
  };
  if (points.length === 0) {
    return { ...base, actualPeak: null, actualPeakAt: null, ratio: null, error: null, verdict: null, capacityExceeded: null, actualMultiplier: null, steepestRampPerMinute: null };
  }
  let peak = points[0]!;
  for (const p of points) if (p[1] > peak[1]) peak = p;
  let steepest: number | null = null;
  for (let i = 1; i < points.length; i++) {
    const [t0, v0] = points[i - 1]!;
    const [t1, v1] = points[i]!;
    if (t1 > t0) {
      const perMinute = ((v1 - v0) / (t1 - t0)) * 60_000;
      if (steepest === null || perMinute > steepest) steepest = perMinute;
    }
  }
  const actual = peak[1];
  const { low, high } = forecastRange(forecast);
  return {
    ...base,
    actualPeak: actual,
    actualPeakAt: peak[0],
    ratio: actual / forecast.peak,
    error: (actual - forecast.peak) / forecast.peak,
    verdict: actual < low ? 'below' : actual > high ? 'above' : 'within',
    capacityExceeded: actual > builtFor,
    actualMultiplier: actual / forecast.baseline,
    steepestRampPerMinute: steepest,
  };
}
