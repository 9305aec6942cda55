import { describe, expect, it } from 'vitest';
import { panelFrameKey } from '../../shared/domain/panel-query.ts';
import { frameKey } from '../../shared/domain/frame-key.ts';
import { panelSchema, sourceSchema, type DataPanelConfig } from '../../shared/model/workspace.ts';
import {
  formatRawValue,
  formatUtcTime,
  freshnessWords,
  inspectionJson,
  inspectorOffered,
  inspectRequest,
  sourceSummary,
  summariseFrame,
} from './inspect.ts';

const gridPos = { x: 0, y: 0, w: 12, h: 6 };
const panel = (raw: Record<string, unknown>) => panelSchema.parse({ id: 'p', title: 'P', gridPos, ...raw }) as DataPanelConfig;
const NOW = Date.UTC(2026, 4, 29, 20, 15, 7, 250);

describe('who is offered the inspector', () => {
  it('a person signed in (responder, planner, admin), never a wall device', () => {
    expect(inspectorOffered('admin', false)).toBe(true);
    expect(inspectorOffered('responder', false)).toBe(true);
    expect(inspectorOffered('planner', false)).toBe(true);
    expect(inspectorOffered('viewer', false)).toBe(false);
    expect(inspectorOffered(null, false)).toBe(false);
  });

  it('not on a wall marked kiosk (parsed by the router), whatever its token', () => {
    expect(inspectorOffered('admin', true)).toBe(false);
  });
});

describe('what the inspector asks the hub', () => {
  it('an instant query for a stat: the panel query as configured, with its defaults', () => {
    const stat = panel({ type: 'stat', source: 'platform', query: { metric: 'http_requests_total', match: { code: '403' }, fn: 'rate', window: '1m' } });
    const request = inspectRequest(stat, NOW);
    expect(request.range).toBeNull();
    const url = new URL(request.path, 'http://hub');
    expect(url.pathname).toBe('/api/v1/sources/platform/query');
    expect([...url.searchParams.keys()]).toEqual(['query']);
    expect(JSON.parse(url.searchParams.get('query')!)).toEqual({ metric: 'http_requests_total', match: { code: '403' }, fn: 'rate', window: 60_000, aggregate: 'sum' });
    // The endpoint names the frame as the panel's own frame key.
    expect(frameKey('platform', JSON.parse(url.searchParams.get('query')!))).toBe(panelFrameKey(stat));
  });

  it("a Prometheus timeseries at its current range and step, on the step grid", () => {
    const chart = panel({ type: 'timeseries', source: 'prom', query: { expr: 'sum by (code) (rate(x[1m]))' }, span: '15m' });
    // 12 of 24 columns: 480 points over 15 min → 1.875 s a point, so the nice step is 2 s.
    const request = inspectRequest(chart, NOW);
    expect(request.range).toEqual({ start: Date.UTC(2026, 4, 29, 20, 0, 6), end: Date.UTC(2026, 4, 29, 20, 15, 6), step: 2000 });
    const url = new URL(request.path, 'http://hub');
    expect(url.searchParams.get('start')).toBe(String(Date.UTC(2026, 4, 29, 20, 0, 6) / 1000));
    expect(url.searchParams.get('end')).toBe(String(Date.UTC(2026, 4, 29, 20, 15, 6) / 1000));
    expect(url.searchParams.get('step')).toBe('2');
    // maxPoints chooses the step, as it does for the panel's own frame.
    const coarse = inspectRequest(panel({ type: 'timeseries', source: 'prom', query: { expr: 'up' }, span: '1h', maxPoints: 60 }), NOW);
    expect(coarse.range?.step).toBe(60_000);
    expect(JSON.parse(url.searchParams.get('query')!)).toEqual({ expr: 'sum by (code) (rate(x[1m]))', aggregate: 'sum' });
  });

  it('an instant query for a timeseries on a scrape source (no range there)', () => {
    const chart = panel({ type: 'timeseries', source: 'edge', query: { metric: 'up' } });
    const request = inspectRequest(chart, NOW);
    expect(request.range).toBeNull();
    expect(request.path.startsWith('/api/v1/sources/edge/query?query=')).toBe(true);
  });
});

describe("the source, without what is secret", () => {
  it('keeps id, type, name, interval, timeout and the endpoint without user, password or query string', () => {
    const source = sourceSchema.parse({
      id: 'prom',
      name: 'Prometheus',
      type: 'prometheus',
      url: 'https://ops:hunter2@prom.example.com:9090/prom/?token=abc',
      auth: { type: 'bearer', token: 'sekrit' },
      headers: { 'x-api-key': 'sekrit' },
    });
    const summary = sourceSummary('prom', source);
    expect(summary).toEqual({ id: 'prom', type: 'prometheus', name: 'Prometheus', intervalMs: 5000, timeoutMs: 3000, endpoint: 'https://prom.example.com:9090/prom/' });
    expect(JSON.stringify(summary)).not.toMatch(/hunter2|sekrit|abc|ops/);
  });

  it('a push source has no endpoint; a source missing from the workspace says so', () => {
    expect(sourceSummary('box', sourceSchema.parse({ id: 'box', type: 'push' }))).toMatchObject({ type: 'push', endpoint: null, timeoutMs: null, intervalMs: 60_000 });
    expect(sourceSummary('gone', undefined)).toMatchObject({ id: 'gone', type: 'missing' });
  });
});

describe("the hub's answer, summarised", () => {
  it('per series: name, sorted labels, point count, first and last point; totals over the frame', () => {
    const summary = summariseFrame({
      series: [
        { name: '{region="eu",code="403"}', labels: { region: 'eu', code: '403' }, points: [[1000, 1], [2000, 2.5], [3000, 4]] },
        { name: '{region="us"}', labels: { region: 'us' }, points: [[500, 7]] },
        { name: '{}', labels: {}, points: [] },
      ],
    });
    expect(summary).toEqual({
      series: [
        { name: '{region="eu",code="403"}', labels: [['code', '403'], ['region', 'eu']], points: 3, first: [1000, 1], last: [3000, 4] },
        { name: '{region="us"}', labels: [['region', 'us']], points: 1, first: [500, 7], last: [500, 7] },
        { name: '{}', labels: [], points: 0, first: null, last: null },
      ],
      more: 0,
      totalSeries: 3,
      totalPoints: 4,
      from: 500,
      to: 3000,
    });
  });

  it('lists a bounded number of series and counts the rest', () => {
    const series = Array.from({ length: 120 }, (_, i) => ({ name: `s${i}`, labels: { i: String(i) }, points: [[i, i]] as [number, number][] }));
    const summary = summariseFrame({ series }, 50);
    expect(summary.series).toHaveLength(50);
    expect(summary.more).toBe(70);
    expect(summary.totalPoints).toBe(120);
    expect(summariseFrame({ series: [] })).toEqual({ series: [], more: 0, totalSeries: 0, totalPoints: 0, from: null, to: null });
  });

  it('values shortened for reading, times in UTC and said so', () => {
    expect(formatRawValue(18234)).toBe('18234');
    expect(formatRawValue(0.123456789)).toBe('0.123457');
    expect(formatRawValue(12345.678912)).toBe('12345.7');
    expect(formatRawValue(Number.NaN)).toBe('NaN');
    expect(formatUtcTime(NOW)).toBe('20:15:07Z');
  });
});

describe('freshness in words', () => {
  const meta = { sourceId: 'prom', lastSuccessAt: NOW - 3000, lastAttemptAt: NOW - 1000, lastError: null, expectedIntervalMs: 5000 };

  it('live, with the last success and attempt and the expected interval', () => {
    expect(freshnessWords(meta, 5000, NOW, true)).toEqual({ freshness: 'live', lastSuccess: '3 s ago', lastAttempt: '1 s ago', expected: 'every 5 s', lastError: null });
  });

  it("stale with the source's last error; never before any success; disconnected without the hub", () => {
    const failing = { ...meta, lastSuccessAt: NOW - 40_000, lastError: 'connect ECONNREFUSED 127.0.0.1:9090' };
    expect(freshnessWords(failing, 5000, NOW, true)).toMatchObject({ freshness: 'stale', lastSuccess: '40 s ago', lastError: 'connect ECONNREFUSED 127.0.0.1:9090' });
    expect(freshnessWords(null, 250, NOW, true)).toEqual({ freshness: 'stale', lastSuccess: 'never', lastAttempt: 'never', expected: 'every 250 ms', lastError: null });
    expect(freshnessWords(meta, 5000, NOW, false).freshness).toBe('disconnected');
  });
});

describe('copy as JSON', () => {
  it('the panel, the source without secrets, the request with its range in UTC, the answer or the error, the live metadata', () => {
    const chart = panel({ type: 'timeseries', source: 'prom', query: { expr: 'up' }, span: '15m' });
    const request = inspectRequest(chart, NOW);
    const answer = { key: 'k', series: [{ name: '{job="a"}', labels: { job: 'a' }, points: [[NOW, 1]] as [number, number][] }], meta: { sourceId: 'prom', lastSuccessAt: NOW, lastAttemptAt: NOW, lastError: null, expectedIntervalMs: 5000 } };
    const doc = JSON.parse(
      inspectionJson({ panel: chart, source: sourceSummary('prom', undefined), request, askedAt: NOW, answer, error: null, liveMeta: null }),
    ) as Record<string, unknown>;
    expect(doc).toEqual({
      panel: { id: 'p', title: 'P', type: 'timeseries', source: 'prom', query: { expr: 'up', aggregate: 'sum' }, unit: 'short' },
      source: { id: 'prom', type: 'missing', name: null, intervalMs: null, timeoutMs: null, endpoint: null },
      request: { path: request.path, askedAt: '2026-05-29T20:15:07.250Z', range: { start: '2026-05-29T20:00:06.000Z', end: '2026-05-29T20:15:06.000Z', stepSeconds: 2 } },
      answer,
      error: null,
      liveMeta: null,
    });
  });
});
