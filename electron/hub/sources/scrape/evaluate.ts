/**
 * PromQL-like evaluation over the scrapes of one endpoint: select by name and labels, rate and
 * increase for counters (resets handled as Prometheus does), histogram quantiles from _bucket
 * series, aggregation by labels. Works on a short in-memory history of scrapes.
 */
import type { ScrapeQuery } from '../../../../shared/model/workspace.ts';
import type { Sample } from './exposition.ts';
import { aggregate } from '../../../../shared/domain/panel-value.ts';

export interface Scrape {
  readonly at: number;
  /** Samples by metric name (only the names some query uses are kept). */
  readonly byName: ReadonlyMap<string, readonly Sample[]>;
}

export interface EvaluatedSeries {
  readonly labels: Record<string, string>;
  readonly value: number;
}

type Matcher = (value: string | undefined) => boolean;

function matcherFor(spec: string): Matcher {
  const op = /^(=~|!~|!=)/.exec(spec)?.[1];
  const operand = op ? spec.slice(op.length) : spec;
  if (op === '=~' || op === '!~') {
    // PromQL regexes are anchored at both ends.
    const re = new RegExp(`^(?:${operand})$`);
    return op === '=~' ? (v) => re.test(v ?? '') : (v) => !re.test(v ?? '');
  }
  return op === '!=' ? (v) => (v ?? '') !== operand : (v) => (v ?? '') === operand;
}

export function compileMatchers(match: Readonly<Record<string, string>> | undefined): (labels: Readonly<Record<string, string>>) => boolean {
  const matchers = Object.entries(match ?? {}).map(([label, spec]) => [label, matcherFor(spec)] as const);
  return (labels) => matchers.every(([label, m]) => m(labels[label]));
}

/** The metric names a query reads from a scrape. */
export function metricNamesOf(query: ScrapeQuery): string[] {
  if (query.fn !== 'quantile') return [query.metric];
  return [query.metric.endsWith('_bucket') ? query.metric : `${query.metric}_bucket`];
}

const seriesId = (labels: Readonly<Record<string, string>>, drop?: string): string =>
  Object.keys(labels)
    .filter((k) => k !== drop)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(',');

/**
 * The increase of one counter between scrapes: the sum of the positive steps, a drop counting as
 * a restart from zero (the new value is all new). Null with fewer than two samples.
 */
export function counterIncrease(points: readonly (readonly [number, number])[]): { increase: number; spanMs: number } | null {
  if (points.length < 2) return null;
  let increase = 0;
  for (let i = 1; i < points.length; i++) {
    const prev = points[i - 1]![1];
    const cur = points[i]![1];
    increase += cur >= prev ? cur - prev : cur;
  }
  return { increase, spanMs: points[points.length - 1]![0] - points[0]![0] };
}

/**
 * Prometheus's histogram_quantile: find the bucket holding the rank and interpolate linearly
 * inside it; the +Inf bucket returns the upper bound of the one below it.
 */
export function histogramQuantile(q: number, buckets: readonly { le: number; count: number }[]): number {
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  if (sorted.length < 2 || sorted[sorted.length - 1]!.le !== Infinity) return NaN;
  // Cumulative counts can dip through scrape races; make them monotonic as Prometheus does.
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.count < sorted[i - 1]!.count) sorted[i] = { le: sorted[i]!.le, count: sorted[i - 1]!.count };
  }
  const total = sorted[sorted.length - 1]!.count;
  if (total === 0) return NaN;
  const rank = q * total;
  let i = sorted.findIndex((b) => b.count >= rank);
  if (i === sorted.length - 1) return sorted[sorted.length - 2]!.le;
  if (i <= 0) i = 0;
  const upper = sorted[i]!;
  const lowerBound = i === 0 ? 0 : sorted[i - 1]!.le;
  const lowerCount = i === 0 ? 0 : sorted[i - 1]!.count;
  const inBucket = upper.count - lowerCount;
  if (inBucket === 0) return upper.le;
  return lowerBound + (upper.le - lowerBound) * ((rank - lowerCount) / inBucket);
}

function groupLabels(labels: Readonly<Record<string, string>>, by: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of by ?? []) if (labels[k] !== undefined) out[k] = labels[k]!;
  return out;
}

/** Per-series rate (per second) or increase over the window ending at the latest scrape. */
function perSeriesCounter(history: readonly Scrape[], name: string, accept: (l: Readonly<Record<string, string>>) => boolean, windowMs: number, asRate: boolean) {
  const latest = history[history.length - 1];
  if (!latest) return [];
  const from = latest.at - windowMs;
  const points = new Map<string, { labels: Readonly<Record<string, string>>; pts: [number, number][] }>();
  for (const scrape of history) {
    if (scrape.at < from) continue;
    for (const s of scrape.byName.get(name) ?? []) {
      if (!accept(s.labels)) continue;
      const id = seriesId(s.labels);
      let entry = points.get(id);
      if (!entry) points.set(id, (entry = { labels: s.labels, pts: [] }));
      entry.pts.push([scrape.at, s.value]);
    }
  }
  const out: { labels: Readonly<Record<string, string>>; value: number }[] = [];
  for (const { labels, pts } of points.values()) {
    const inc = counterIncrease(pts);
    if (!inc || inc.spanMs <= 0) continue;
    out.push({ labels, value: asRate ? inc.increase / (inc.spanMs / 1000) : inc.increase });
  }
  return out;
}

/** Evaluate a query at the latest scrape of `history` (oldest first). */
export function evaluate(query: ScrapeQuery, history: readonly Scrape[]): EvaluatedSeries[] {
  const latest = history[history.length - 1];
  if (!latest) return [];
  const accept = compileMatchers(query.match);
  let perSeries: { labels: Readonly<Record<string, string>>; value: number }[];

  if (query.fn === 'value') {
    perSeries = (latest.byName.get(query.metric) ?? []).filter((s) => accept(s.labels));
  } else if (query.fn === 'rate' || query.fn === 'increase') {
    perSeries = perSeriesCounter(history, query.metric, accept, query.window, query.fn === 'rate');
  } else {
    // quantile: bucket rates summed per (group, le), then interpolated per group.
    const rates = perSeriesCounter(history, metricNamesOf(query)[0]!, accept, query.window, true);
    const groups = new Map<string, { labels: Record<string, string>; buckets: Map<number, number> }>();
    for (const { labels, value } of rates) {
      const le = Number(labels.le === '+Inf' ? Infinity : labels.le);
      if (Number.isNaN(le)) continue;
      const g = groupLabels(labels, query.by);
      const id = seriesId(g);
      let entry = groups.get(id);
      if (!entry) groups.set(id, (entry = { labels: g, buckets: new Map() }));
      entry.buckets.set(le, (entry.buckets.get(le) ?? 0) + value);
    }
    return [...groups.values()]
      .map(({ labels, buckets }) => ({
        labels,
        value: histogramQuantile(query.quantile!, [...buckets].map(([le, count]) => ({ le, count }))),
      }))
      .filter((s) => !Number.isNaN(s.value));
  }

  const groups = new Map<string, { labels: Record<string, string>; values: number[] }>();
  for (const { labels, value } of perSeries) {
    const g = groupLabels(labels, query.by);
    const id = seriesId(g);
    let entry = groups.get(id);
    if (!entry) groups.set(id, (entry = { labels: g, values: [] }));
    entry.values.push(value);
  }
  return [...groups.values()].map(({ labels, values }) => ({ labels, value: aggregate(values, query.aggregate) }));
}
