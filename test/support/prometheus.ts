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
