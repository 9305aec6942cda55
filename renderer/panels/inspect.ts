/**
 * The panel inspector's pure part: who is offered it, what it asks the hub (the panel's query at
 * its current range and step, through GET /api/v1/sources/{id}/query), and the answer in a
 * bounded summary a person reads at a glance. Nothing here touches the DOM or the network.
 */
import { formatAge, freshnessOf, type Freshness } from '../../shared/domain/freshness.ts';
import { alignedRange, isRangeQuery, panelQuery } from '../../shared/domain/panel-query.ts';
import type { Role } from '../../shared/model/auth.ts';
import type { Frame, FrameMeta, Point } from '../../shared/model/frame.ts';
import type { DataPanelConfig, SourceConfig } from '../../shared/model/workspace.ts';

/** Series listed in the inspector's table; the rest are counted (and are in the JSON). */
export const MAX_SERIES_SHOWN = 50;

/**
 * Only a person at a keyboard is offered the inspector: signed in with a person's token
 * (responder, planner, admin) on a wall not marked kiosk (the route's `?kiosk`). A viewer token is a wall device's
 * (enrolled screens, the desktop app's wall windows), which never shows more than the wall.
 */
export function inspectorOffered(role: Role | null, kiosk: boolean): boolean {
  return role !== null && role !== 'viewer' && !kiosk;
}

export interface InspectRange {
  /** Epoch ms, on the step grid. */
  readonly start: number;
  readonly end: number;
  /** ms */
  readonly step: number;
}

export interface InspectRequest {
  /** The hub path, with its query string. */
  readonly path: string;
  /** The panel's query, as configured (with the workspace's defaults). */
  readonly query: DataPanelConfig['query'];
  /** The range and step the panel is fetched at now (a Prometheus timeseries), else null: an instant query. */
  readonly range: InspectRange | null;
}

/** The query endpoint's request for a panel at `hubNow`: the same query, range and step its frame is fetched with. */
export function inspectRequest(panel: DataPanelConfig, hubNow: number): InspectRequest {
  const fetched = panelQuery(panel);
  const params = new URLSearchParams({ query: JSON.stringify(panel.query) });
  let range: InspectRange | null = null;
  if (isRangeQuery(fetched)) {
    const { start, end } = alignedRange(hubNow, fetched.range);
    range = { start, end, step: fetched.range.step };
    params.set('start', String(start / 1000));
    params.set('end', String(end / 1000));
    params.set('step', String(fetched.range.step / 1000));
  }
  return { path: `/api/v1/sources/${encodeURIComponent(panel.source)}/query?${params.toString()}`, query: panel.query, range };
}

/** What the inspector says of a source: never its credentials, headers, or the URL's user or query string. */
export interface SourceSummary {
  readonly id: string;
  readonly type: SourceConfig['type'] | 'missing';
  readonly name: string | null;
  readonly intervalMs: number | null;
  readonly timeoutMs: number | null;
  /** scheme://host/path of a polled source. */
  readonly endpoint: string | null;
}

export function sourceSummary(sourceId: string, source: SourceConfig | undefined): SourceSummary {
  if (!source) return { id: sourceId, type: 'missing', name: null, intervalMs: null, timeoutMs: null, endpoint: null };
  return {
    id: source.id,
    type: source.type,
    name: source.name ?? null,
    intervalMs: source.interval,
    timeoutMs: 'timeout' in source ? source.timeout : null,
    endpoint: 'url' in source ? endpointOf(source.url) : null,
  };
}

function endpointOf(url: string): string | null {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return null;
  }
}

export interface SeriesSummary {
  readonly name: string;
  readonly labels: readonly (readonly [string, string])[];
  readonly points: number;
  readonly first: Point | null;
  readonly last: Point | null;
}

export interface FrameSummary {
  /** The first MAX_SERIES_SHOWN series, in the hub's order. */
  readonly series: readonly SeriesSummary[];
  /** Series not listed. */
  readonly more: number;
  readonly totalSeries: number;
  readonly totalPoints: number;
  /** The oldest and newest point of the whole frame (epoch ms), null without points. */
  readonly from: number | null;
  readonly to: number | null;
}

/** The hub's answer in a bounded summary: each series' labels, point count, first and last point. */
export function summariseFrame(frame: Pick<Frame, 'series'>, limit = MAX_SERIES_SHOWN): FrameSummary {
  let totalPoints = 0;
  let from: number | null = null;
  let to: number | null = null;
  for (const s of frame.series) {
    totalPoints += s.points.length;
    for (const [t] of s.points) {
      if (from === null || t < from) from = t;
      if (to === null || t > to) to = t;
    }
  }
  const series = frame.series.slice(0, limit).map((s) => ({
    name: s.name,
    labels: Object.entries(s.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    points: s.points.length,
    first: s.points[0] ?? null,
    last: s.points[s.points.length - 1] ?? null,
  }));
  return { series, more: Math.max(0, frame.series.length - limit), totalSeries: frame.series.length, totalPoints, from, to };
}

/** A value as the source gave it, shortened to 6 significant digits (the JSON keeps it whole). */
export function formatRawValue(value: number): string {
  if (!Number.isFinite(value) || Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(6)));
}

/** "20:15:03Z": a point's time in UTC, said so. */
export function formatUtcTime(ms: number): string {
  const d = new Date(ms);
  return Number.isFinite(d.getTime()) ? `${d.toISOString().slice(11, 19)}Z` : String(ms);
}

/** A step or interval in ms as a person writes it: "15 s", "1 min", "250 ms". */
export function formatInterval(ms: number): string {
  return ms < 1000 ? `${ms} ms` : formatAge(ms);
}

export interface FreshnessWords {
  readonly freshness: Freshness;
  /** "3 s ago", or "never". */
  readonly lastSuccess: string;
  readonly lastAttempt: string;
  /** "every 5 s" */
  readonly expected: string;
  /** The source's last failure in its words, or null. */
  readonly lastError: string | null;
}

/** The panel's live frame's metadata in words (what the freshness badge judges from). */
export function freshnessWords(meta: FrameMeta | null, fallbackIntervalMs: number, hubNow: number, connected: boolean): FreshnessWords {
  const interval = meta?.expectedIntervalMs ?? fallbackIntervalMs;
  const ago = (at: number | null | undefined) => (at === null || at === undefined ? 'never' : `${formatAge(hubNow - at)} ago`);
  return {
    freshness: freshnessOf({ lastSuccessAt: meta?.lastSuccessAt ?? null, expectedIntervalMs: interval, now: hubNow, connected }),
    lastSuccess: ago(meta?.lastSuccessAt),
    lastAttempt: ago(meta?.lastAttemptAt),
    expected: `every ${formatInterval(interval)}`,
    lastError: meta?.lastError ?? null,
  };
}

export interface Inspection {
  readonly panel: DataPanelConfig;
  readonly source: SourceSummary;
  readonly request: InspectRequest;
  /** Hub clock when it was asked. */
  readonly askedAt: number;
  readonly answer: Frame | null;
  /** The hub's refusal or the upstream's failure, in its words. */
  readonly error: string | null;
  /** The live frame's metadata the panel shows. */
  readonly liveMeta: FrameMeta | null;
}

/** Everything the inspector shows, as one JSON document to paste into a ticket or a chat. */
export function inspectionJson(inspection: Inspection): string {
  const { panel, source, request, askedAt, answer, error, liveMeta } = inspection;
  const iso = (ms: number) => new Date(ms).toISOString();
  return JSON.stringify(
    {
      panel: { id: panel.id, title: panel.title, type: panel.type, source: panel.source, query: panel.query, unit: panel.unit },
      source,
      request: {
        path: request.path,
        askedAt: iso(askedAt),
        range: request.range && { start: iso(request.range.start), end: iso(request.range.end), stepSeconds: request.range.step / 1000 },
      },
      answer,
      error,
      liveMeta,
    },
    null,
    2,
  );
}
