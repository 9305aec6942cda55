/**
 * A real Prometheus server (Debian's `prometheus` package) for integration tests, scraping the
 * given targets every second, with its own temporary storage.
 */
import { existsSync } from 'node:fs';
import { startPrometheus as startPrometheusProcess } from '../../electron/demo/prometheus.ts';

export const PROMETHEUS_BINARY = process.env.PROMETHEUS_PATH ?? '/usr/bin/prometheus';
export const prometheusAvailable = existsSync(PROMETHEUS_BINARY);

export interface RealPrometheus {
  readonly url: string;
  /** Run a PromQL instant query through Prometheus's own API. */
  query(expr: string, timeSeconds: number): Promise<{ metric: Record<string, string>; value: [number, string] }[]>;
  close(): Promise<void>;
}

export async function startPrometheus(targets: readonly string[]): Promise<RealPrometheus> {
  const { url, close } = await startPrometheusProcess(PROMETHEUS_BINARY, targets);
  return {
    url,
    query: async (expr, timeSeconds) => {
      const res = await fetch(`${url}/api/v1/query?${new URLSearchParams({ query: expr, time: timeSeconds.toFixed(3) })}`);
      const body = (await res.json()) as { status: string; error?: string; data: { result: { metric: Record<string, string>; value: [number, string] }[] } };
      if (body.status !== 'success') throw new Error(`prometheus: ${body.error}`);
      return body.data.result;
    },
    close,
  };
}

/**
 * An SLO's good and total events over [from, to], computed directly on Prometheus's own
 * query_range answers at `stepS` steps: the increases between consecutive samples, summed
 * (the arithmetic the hub's SLO evaluator must agree with).
 */
export async function countsFromPrometheus(url: string, expr: { good: string; total: string }, from: number, to: number, stepS: number): Promise<{ good: number; total: number }> {
  const range = async (q: string) => {
    const res = await fetch(`${url}/api/v1/query_range?${new URLSearchParams({ query: q, start: String(from / 1000), end: String(to / 1000), step: `${stepS}s` })}`);
    const body = (await res.json()) as { data: { result: { values: [number, string][] }[] } };
    return new Map(body.data.result[0]?.values.map(([ts, v]) => [Math.round(ts * 1000), Number(v)]) ?? []);
  };
  const [good, total] = await Promise.all([range(expr.good), range(expr.total)]);
  const times = [...total.keys()].sort((a, b) => a - b);
  let g = 0;
  let n = 0;
  for (let i = 1; i < times.length; i++) {
    const [a, b] = [times[i - 1]!, times[i]!];
    if (b - a > stepS * 1000) continue;
    n += total.get(b)! - total.get(a)!;
    g += (good.get(b) ?? 0) - (good.get(a) ?? 0);
  }
  return { good: g, total: n };
}
