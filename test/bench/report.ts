/** Benchmarks print human lines first, then one JSON object per figure, so runs can be compared. */
export interface Figure {
  bench: string;
  metric: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
}

export function figure(bench: string, metric: string, value: number, unit: string, baseline?: number): Figure {
  const round = (n: number) => Math.round(n * 1000) / 1000;
  const f: Figure = { bench, metric, value: round(value), unit };
  if (baseline !== undefined) {
    f.baseline = round(baseline);
    f.ratio = baseline === 0 ? 0 : round(value / baseline);
  }
  return f;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}
