import { Agent, fetch as undiciFetch } from 'undici';
import type { PromQuery, SourceConfig } from '../../../../shared/model/workspace.ts';
import { canonicalJson } from '../../../../shared/domain/frame-key.ts';
import { alignedRange, isRangeQuery, type PromRangeQuery } from '../../../../shared/domain/panel-query.ts';
import type { Point } from '../../../../shared/model/frame.ts';
import { SourceError, type FetchContext, type QueryResultSeries, type SourceAdapter } from '../adapter.ts';
import { readCapped, sourceHeaders } from '../http.ts';

type PrometheusConfig = Extract<SourceConfig, { type: 'prometheus' }>;

interface PromResponse {
  status: 'success' | 'error';
  errorType?: string;
  error?: string;
  data?: { resultType: 'vector' | 'scalar' | 'matrix' | 'string'; result: unknown };
}

/** Prometheus sample values are strings: "1.5", "+Inf", "NaN". */
function sampleValue(text: unknown): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

/**
 * A Prometheus server, queried with PromQL over its HTTP API. Each distinct expression is one
 * instant query per interval, evaluated at the hub's clock so the point's time is exact; a
 * timeseries panel's query carries a range (span and step) and is one range query per interval.
 */
export class PrometheusAdapter implements SourceAdapter<PromQuery | PromRangeQuery> {
  readonly #config: PrometheusConfig;
  readonly #dispatcher: Agent;

  constructor(config: PrometheusConfig) {
    this.#config = config;
    this.#dispatcher = new Agent({
      connect: { ca: config.tls?.ca, rejectUnauthorized: !(config.tls?.insecureSkipVerify ?? false) },
      bodyTimeout: config.timeout,
      headersTimeout: config.timeout,
    });
  }

  close(): void {
    void this.#dispatcher.close();
  }

  groupKey(query: PromQuery | PromRangeQuery): string {
    return canonicalJson({ expr: query.expr, range: isRangeQuery(query) ? query.range : undefined });
  }

  async fetch(queries: readonly (PromQuery | PromRangeQuery)[], ctx: FetchContext): Promise<QueryResultSeries[][]> {
    return Promise.all(
      queries.map((q) => {
        if (!isRangeQuery(q)) return this.instant(q.expr, ctx);
        const { start, end } = alignedRange(ctx.now(), q.range);
        return this.range(q.expr, start, end, q.range.step, ctx);
      }),
    );
  }

  /** Evaluate `expr` from `start` to `end` (epoch ms) every `stepMs`: one series per label set, with its points. */
  async range(expr: string, start: number, end: number, stepMs: number, ctx: FetchContext): Promise<QueryResultSeries[]> {
    const url = new URL('api/v1/query_range', this.#config.url.endsWith('/') ? this.#config.url : `${this.#config.url}/`);
    const body = new URLSearchParams({
      query: expr,
      start: (start / 1000).toFixed(3),
      end: (end / 1000).toFixed(3),
      step: (stepMs / 1000).toString(),
      timeout: `${Math.max(1, Math.floor(this.#config.timeout / 1000))}s`,
    });
    const data = (await this.#post(url, body, ctx.signal)).data!;
    if (data.resultType !== 'matrix') throw new SourceError(`"${expr}": expected a range answer (matrix) from query_range, got ${data.resultType}`);
    return (data.result as { metric: Record<string, string>; values: [number, string][] }[]).flatMap((r) => {
      const { __name__: _name, ...labels } = r.metric;
      const points: Point[] = r.values.map(([t, v]) => [Math.round(t * 1000), sampleValue(v)]);
      const last = points[points.length - 1];
      return last ? [{ labels, value: last[1], at: last[0], points }] : [];
    });
  }

  /** Evaluate `expr` at the hub's `now`; a PromQL error comes back in Prometheus's own words. */
  instant(expr: string, ctx: FetchContext): Promise<QueryResultSeries[]> {
    return this.#instant(expr, ctx.now(), ctx.signal);
  }

  /**
   * Evaluate `expr` at Prometheus's own clock (no `time` given): each series' `at` is when it was
   * evaluated, on that clock. For a reader that must not depend on the hub's clock agreeing with it.
   */
  instantAtServer(expr: string, signal: AbortSignal): Promise<QueryResultSeries[]> {
    return this.#instant(expr, null, signal);
  }

  async #instant(expr: string, at: number | null, signal: AbortSignal): Promise<QueryResultSeries[]> {
    const url = new URL('api/v1/query', this.#config.url.endsWith('/') ? this.#config.url : `${this.#config.url}/`);
    const body = new URLSearchParams({ query: expr, ...(at === null ? {} : { time: (at / 1000).toFixed(3) }), timeout: `${Math.max(1, Math.floor(this.#config.timeout / 1000))}s` });
    const response = await this.#post(url, body, signal);
    const data = response.data!;
    if (data.resultType === 'scalar' || data.resultType === 'string') {
      const [t, value] = data.result as [number, string];
      return [{ labels: {}, value: sampleValue(value), at: at ?? Math.round(t * 1000) }];
    }
    if (data.resultType === 'matrix') {
      throw new SourceError(`"${expr}" returns a range vector; a panel needs an instant vector (drop the [range] or wrap it in a function such as rate())`);
    }
    return (data.result as { metric: Record<string, string>; value: [number, string] }[]).map((r) => {
      const { __name__: _name, ...labels } = r.metric;
      return { labels, value: sampleValue(r.value[1]), at: at ?? Math.round(r.value[0] * 1000) };
    });
  }

  async #post(url: URL, body: URLSearchParams, signal: AbortSignal): Promise<PromResponse> {
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...sourceHeaders(this.#config) };
    let res;
    try {
      res = await undiciFetch(url, { method: 'POST', body, headers, signal, dispatcher: this.#dispatcher });
    } catch (error) {
      if (signal.aborted) throw new SourceError(`no answer from ${this.#config.url} within ${this.#config.timeout} ms`);
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new SourceError(cause?.message ?? cause?.code ?? (error as Error).message);
    }
    const text = await readCapped(res.body as ReadableStream<Uint8Array> | null, res.headers.get('content-length'));
    let parsed: PromResponse;
    try {
      parsed = JSON.parse(text) as PromResponse;
    } catch {
      throw new SourceError(`HTTP ${res.status} from ${this.#config.url} is not a Prometheus API answer: ${text.replace(/\s+/g, ' ').slice(0, 120)}`);
    }
    if (parsed.status === 'error') {
      throw new SourceError(`Prometheus refused "${body.get('query')}": ${parsed.error ?? parsed.errorType ?? `HTTP ${res.status}`}`);
    }
    if (!res.ok || parsed.status !== 'success' || !parsed.data) {
      throw new SourceError(`HTTP ${res.status} from ${this.#config.url}: unexpected answer`);
    }
    return parsed;
  }
}
