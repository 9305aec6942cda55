import { JSONPath } from 'jsonpath-plus';
import type { JsonQuery, SourceConfig } from '../../../../shared/model/workspace.ts';
import { SourceError, type FetchContext, type QueryResultSeries, type SourceAdapter } from '../adapter.ts';
import { fetchText } from '../http.ts';

type JsonConfig = Extract<SourceConfig, { type: 'json' }>;

/** Every JSONPath match, never evaluating script expressions (jsonpath-plus's safe mode). */
function select(path: string, json: unknown): unknown[] {
  try {
    return JSONPath({ path, json: json as object, wrap: true, eval: 'safe' }) as unknown[];
  } catch (error) {
    throw new SourceError(`JSONPath ${path} failed: ${(error as Error).message}`);
  }
}

function toNumber(value: unknown, where: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  throw new SourceError(`${where} is ${JSON.stringify(value)?.slice(0, 60) ?? 'nothing'}, not a number`);
}

/**
 * JSON over HTTP: one GET per interval answers every query on the source, each picking its values
 * with JSONPath. A page that is not JSON, or a value that is not a number, is an error in words.
 */
export class JsonAdapter implements SourceAdapter<JsonQuery> {
  readonly #config: JsonConfig;

  constructor(config: JsonConfig) {
    this.#config = config;
  }

  groupKey(): string {
    return 'json';
  }

  async fetch(queries: readonly JsonQuery[], ctx: FetchContext): Promise<QueryResultSeries[][]> {
    const text = await fetchText(this.#config, this.#config.url, ctx.signal, 'application/json');
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (error) {
      throw new SourceError(`${this.#config.url} did not return JSON (${(error as Error).message}): ${text.replace(/\s+/g, ' ').slice(0, 80)}`);
    }
    return queries.map((q) => evaluateJsonQuery(q, document));
  }
}

export function evaluateJsonQuery(query: JsonQuery, document: unknown): QueryResultSeries[] {
  const items = select(query.select, document).flatMap((item) => (Array.isArray(item) && query.value === '$' ? item : [item]));
  if (items.length === 0) throw new SourceError(`JSONPath ${query.select} matched nothing`);
  return items.map((item, i) => {
    const [raw] = select(query.value, item);
    const labels: Record<string, string> = {};
    for (const [label, path] of Object.entries(query.labels ?? {})) {
      const [found] = select(path, item);
      labels[label] = found === undefined ? '' : String(found);
    }
    if (!query.labels && items.length > 1) labels.index = String(i);
    return { labels, value: toNumber(raw, `${query.select} → ${query.value} (item ${i})`) };
  });
}
