import type { AdapterFactory } from './adapter.ts';
import { JsonAdapter } from './json/adapter.ts';
import { PrometheusAdapter } from './prometheus/adapter.ts';
import { ScrapeAdapter } from './scrape/adapter.ts';

/** Which adapter serves which source type. New adapters register here. */
export const createAdapter: AdapterFactory = (config) => {
  switch (config.type) {
    case 'scrape':
      return new ScrapeAdapter(config);
    case 'prometheus':
      return new PrometheusAdapter(config);
    case 'json':
      return new JsonAdapter(config);
    case 'push':
      // The scheduler never polls a push source: POST /api/v1/ingest/push feeds its frames.
      throw new Error(`the push source "${config.id}" is fed by POST /api/v1/ingest/push, not polled`);
  }
};
