import type { ScrapeQuery, SourceConfig } from '../../../../shared/model/workspace.ts';
import { SourceError, type FetchContext, type QueryResultSeries, type SourceAdapter } from '../adapter.ts';
import { fetchText } from '../http.ts';
import { evaluate, metricNamesOf, type Scrape } from './evaluate.ts';
import { ExpositionError, parseExposition, type Sample } from './exposition.ts';

/** Scrapes kept for rate windows are capped, whatever the windows and interval. */
const MAX_SCRAPES = 720;

/**
 * Direct scrape of a Prometheus/OpenMetrics endpoint. One GET per interval answers every query
 * on the source; rates come from the short history of scrapes kept here.
 */
export class ScrapeAdapter implements SourceAdapter<ScrapeQuery> {
  readonly #config: Extract<SourceConfig, { type: 'scrape' }>;
  #history: Scrape[] = [];

  constructor(config: Extract<SourceConfig, { type: 'scrape' }>) {
    this.#config = config;
  }

  groupKey(): string {
    return 'scrape';
  }

  async fetch(queries: readonly ScrapeQuery[], ctx: FetchContext): Promise<QueryResultSeries[][]> {
    const text = await fetchText(this.#config, this.#config.url, ctx.signal, 'text/plain;version=0.0.4, application/openmetrics-text;q=0.5, */*;q=0.1');
    let samples: readonly Sample[];
    try {
      samples = parseExposition(text).samples;
    } catch (error) {
      if (error instanceof ExpositionError) throw new SourceError(`${this.#config.url} is not Prometheus metrics (${error.message})`);
      throw error;
    }
    const wanted = new Set(queries.flatMap(metricNamesOf));
    const byName = new Map<string, Sample[]>();
    for (const s of samples) {
      if (!wanted.has(s.name)) continue;
      let list = byName.get(s.name);
      if (!list) byName.set(s.name, (list = []));
      list.push(s);
    }
    const at = ctx.now();
    const longestWindow = Math.max(0, ...queries.map((q) => q.window));
    this.#history.push({ at, byName });
    while (this.#history.length > 1 && (this.#history[0]!.at < at - longestWindow || this.#history.length > MAX_SCRAPES)) {
      this.#history.shift();
    }
    return queries.map((q) => evaluate(q, this.#history));
  }
}
