/**
 * The one interface every data source implements. A source turns queries into series; the
 * scheduler decides when, and how many requests may be in flight.
 */
import type { Point } from '../../../shared/model/frame.ts';
import type { SourceConfig } from '../../../shared/model/workspace.ts';

export interface QueryResultSeries {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
  /** When the value holds, if the source says (a query's evaluation time); else the fetch time. */
  readonly at?: number;
  /** A range query's points, oldest first (`value`/`at` are then the last of them). */
  readonly points?: readonly Point[];
}

export interface FetchContext {
  readonly signal: AbortSignal;
  /** The hub's clock; the time given to the points fetched. */
  readonly now: () => number;
}

export interface SourceAdapter<Query = unknown> {
  /**
   * Queries with the same group key are answered by one upstream request. A scrape endpoint
   * answers every query with one GET; a query API would use one group per distinct query.
   */
  groupKey(query: Query): string;
  /** Fetch once for a group of queries; one result per query, in the same order. */
  fetch(queries: readonly Query[], ctx: FetchContext): Promise<QueryResultSeries[][]>;
  /** Release connections when the source is removed or reconfigured. */
  close?(): void;
}

/** Every source the scheduler polls (push sources are fed by the ingest endpoint). */
export type PolledSourceConfig = Exclude<SourceConfig, { type: 'push' }>;

export type AdapterFactory = (config: SourceConfig) => SourceAdapter;

/** An upstream failure, in words for the panel (the source id is added by the scheduler). */
export class SourceError extends Error {}
