/**
 * GET /api/v1/sources/{id}/query: run a query through the source's adapter exactly as a panel
 * would, and answer the normalized frame. `expr` is the query's main field for the source type
 * (PromQL, a metric name, a JSONPath, a pushed series) or `query` is a panel query as JSON;
 * `start`, `end`, `step` make a Prometheus query a range query.
 */
import type { z } from 'zod';
import { frameKey } from '../../../shared/domain/frame-key.ts';
import type { Frame } from '../../../shared/model/frame.ts';
import { parseDuration } from '../../../shared/model/duration.ts';
import { fieldIssues } from '../../../shared/model/issues.ts';
import {
  jsonQuerySchema,
  promQuerySchema,
  pushQuerySchema,
  queryShapeBySourceType,
  scrapeQuerySchema,
  type SourceConfig,
} from '../../../shared/model/workspace.ts';
import { SourceError, type FetchContext, type PolledSourceConfig, type QueryResultSeries, type SourceAdapter } from './adapter.ts';
import { seriesName } from './frame-store.ts';
import { PrometheusAdapter } from './prometheus/adapter.ts';

/** A range query may return at most this many points per series. */
export const MAX_QUERY_POINTS = 11_000;

export class QueryRefused extends Error {
  readonly status: 400 | 404 | 502;
  constructor(status: 400 | 404 | 502, message: string) {
    super(message);
    this.status = status;
  }
}

export interface QueryParams {
  readonly expr?: string;
  readonly query?: string;
  readonly start?: string;
  readonly end?: string;
  readonly step?: string;
}

export interface QueryDeps {
  readonly sources: () => readonly SourceConfig[];
  /** The adapter the panels use now, or null (a fresh one is made for this query and closed after). */
  readonly liveAdapter: (source: PolledSourceConfig) => SourceAdapter | null;
  readonly createAdapter: (source: PolledSourceConfig) => SourceAdapter;
  /** The latest pushed values a push query picks. */
  readonly pushed: (sourceId: string, query: z.output<typeof pushQuerySchema>) => QueryResultSeries[];
  readonly now: () => number;
}

const schemaByType = { scrape: scrapeQuerySchema, prometheus: promQuerySchema, json: jsonQuerySchema, push: pushQuerySchema } as const;

/** Prometheus's own time syntax: epoch seconds (with decimals) or RFC 3339. Returns epoch ms. */
export function parseTime(name: string, text: string): number {
  const seconds = Number(text);
  const ms = text.trim() !== '' && Number.isFinite(seconds) ? seconds * 1000 : Date.parse(text);
  if (!Number.isFinite(ms)) throw new QueryRefused(400, `?${name}= must be epoch seconds or an RFC 3339 time, got ${JSON.stringify(text).slice(0, 60)}`);
  return ms;
}

/** A step as seconds ("15", "0.5") or a duration ("15s", "1m"). Returns ms. */
export function parseStep(text: string): number {
  const ms = /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text) * 1000 : parseDuration(text);
  if (ms === null || !(ms > 0)) throw new QueryRefused(400, `?step= must be seconds or a duration such as "15s", got ${JSON.stringify(text).slice(0, 60)}`);
  return ms;
}

function parseQuery(source: SourceConfig, params: QueryParams): unknown {
  const shape = queryShapeBySourceType[source.type];
  let raw: unknown;
  if (params.query !== undefined) {
    try {
      raw = JSON.parse(params.query);
    } catch {
      throw new QueryRefused(400, `?query= must be a panel query as JSON, e.g. {"${shape}": "…"}`);
    }
  } else if (params.expr !== undefined && params.expr.trim() !== '') {
    raw = { [shape]: params.expr };
  } else {
    throw new QueryRefused(400, `pass ?expr= (the ${shape} for this ${source.type} source) or ?query= (a panel query as JSON)`);
  }
  const parsed = schemaByType[source.type].safeParse(raw);
  if (!parsed.success) {
    const issues = fieldIssues(parsed.error, raw).map((i) => `${i.field || 'query'}: ${i.message}`);
    throw new QueryRefused(400, `invalid query for the ${source.type} source "${source.id}": ${issues.join('; ')}`);
  }
  return parsed.data;
}

function toFrame(key: string, source: SourceConfig, results: readonly QueryResultSeries[], at: number): Frame {
  return {
    key,
    series: results.map((r) => ({ name: seriesName(r.labels), labels: r.labels, points: r.points ?? [[r.at ?? at, r.value]] })),
    meta: { sourceId: source.id, lastSuccessAt: at, lastAttemptAt: at, lastError: null, expectedIntervalMs: source.interval },
  };
}

export async function runSourceQuery(deps: QueryDeps, sourceId: string, params: QueryParams): Promise<Frame> {
  const sources = deps.sources();
  const source = sources.find((s) => s.id === sourceId);
  if (!source) throw new QueryRefused(404, `no source "${sourceId}" in the workspace (sources: ${sources.map((s) => s.id).join(', ') || 'none'})`);
  const query = parseQuery(source, params);
  const ranged = params.start !== undefined || params.end !== undefined || params.step !== undefined;
  const now = deps.now();
  if (source.type === 'push') {
    if (ranged) throw new QueryRefused(400, 'start, end and step apply to Prometheus sources; a push source answers its latest values');
    return toFrame(frameKey(source.id, query), source, deps.pushed(source.id, query as z.output<typeof pushQuerySchema>), now);
  }
  if (ranged && source.type !== 'prometheus') throw new QueryRefused(400, `start, end and step apply to Prometheus sources; "${source.id}" is a ${source.type} source`);

  const live = deps.liveAdapter(source);
  const adapter = live ?? deps.createAdapter(source);
  const ctx: FetchContext = { signal: AbortSignal.timeout(source.timeout), now: deps.now };
  try {
    if (ranged) {
      if (params.start === undefined || params.end === undefined || params.step === undefined) {
        throw new QueryRefused(400, 'a range query needs all of ?start=, ?end= and ?step=');
      }
      const start = parseTime('start', params.start);
      const end = parseTime('end', params.end);
      const step = parseStep(params.step);
      if (end < start) throw new QueryRefused(400, '?end= must not be before ?start=');
      if ((end - start) / step > MAX_QUERY_POINTS) {
        throw new QueryRefused(400, `that range at that step is more than ${MAX_QUERY_POINTS} points per series; use a larger ?step=`);
      }
      if (!(adapter instanceof PrometheusAdapter)) throw new QueryRefused(400, `"${source.id}" cannot answer range queries`);
      const results = await adapter.range((query as { expr: string }).expr, start, end, step, ctx);
      return toFrame(frameKey(source.id, { ...(query as object), range: { start, end, step } }), source, results, now);
    }
    const [results] = await adapter.fetch([query], ctx);
    return toFrame(frameKey(source.id, query), source, results ?? [], now);
  } catch (error) {
    if (error instanceof SourceError) throw new QueryRefused(502, `${source.id}: ${error.message}`);
    throw error;
  } finally {
    if (!live) adapter.close?.();
  }
}
