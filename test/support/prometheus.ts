/**
 * A real Prometheus server (Debian's `prometheus` package) for integration tests, scraping the
 * given targets every second, with its own temporary storage.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { startPrometheus as startPrometheusProcess } from '../../electron/demo/prometheus.ts';

export const PROMETHEUS_BINARY = process.env.PROMETHEUS_PATH ?? '/usr/bin/prometheus';
export const prometheusAvailable = existsSync(PROMETHEUS_BINARY);
/** Debian's `prometheus` package ships it beside Prometheus. */
export const PROMTOOL_BINARY = join(dirname(PROMETHEUS_BINARY), 'promtool');
export const promtoolAvailable = existsSync(PROMTOOL_BINARY);

export interface RealPrometheus {
  readonly url: string;
  /** Run a PromQL instant query through Prometheus's own API. */
  query(expr: string, timeSeconds: number): Promise<{ metric: Record<string, string>; value: [number, string] }[]>;
  close(): Promise<void>;
}

/** `history`: OpenMetrics text (samples with timestamps, ending in `# EOF`) backfilled with promtool before it starts. */
export async function startPrometheus(targets: readonly string[], history?: string): Promise<RealPrometheus> {
  const backfill = history === undefined ? undefined : async (storageDir: string) => {
    const input = join(dirname(storageDir), 'history.om');
    await writeFile(input, history);
    const result = spawnSync(PROMTOOL_BINARY, ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', input, storageDir], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`promtool could not backfill: ${result.error?.message ?? result.stderr}`);
  };
  const { url, close } = await startPrometheusProcess(PROMETHEUS_BINARY, targets, 1, backfill);
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
 * (the arithmetic the hub's SLO evaluator must agree with), and how long those samples cover.
 */
export async function countsFromPrometheus(url: string, expr: { good: string; total: string }, from: number, to: number, stepS: number): Promise<{ good: number; total: number; coveredMs: number }> {
  const range = async (q: string) => {
    const res = await fetch(`${url}/api/v1/query_range?${new URLSearchParams({ query: q, start: String(from / 1000), end: String(to / 1000), step: `${stepS}s` })}`);
    const body = (await res.json()) as { data: { result: { values: [number, string][] }[] } };
    return new Map(body.data.result[0]?.values.map(([ts, v]) => [Math.round(ts * 1000), Number(v)]) ?? []);
  };
  const [good, total] = await Promise.all([range(expr.good), range(expr.total)]);
  const times = [...total.keys()].sort((a, b) => a - b);
  let g = 0;
  let n = 0;
  let coveredMs = 0;
  for (let i = 1; i < times.length; i++) {
    const [a, b] = [times[i - 1]!, times[i]!];
    if (b - a > stepS * 1000) continue;
    n += total.get(b)! - total.get(a)!;
    g += (good.get(b) ?? 0) - (good.get(a) ?? 0);
    coveredMs += b - a;
  }
  return { good: g, total: n, coveredMs };
}
