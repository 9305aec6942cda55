/**
 * The JSON-over-HTTP source against real HTTP servers: values picked with JSONPath into series,
 * and every kind of bad answer (malformed JSON, an HTML error page, a 500, a stall, a huge body,
 * a value that is not a number) gives its panel a clear error and harms no other panel.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frameKey } from '../../shared/domain/frame-key.ts';
import { jsonQuerySchema } from '../../shared/model/workspace.ts';
import type { Frame } from '../../shared/model/frame.ts';
import { eventually, startTestHub, type TestHub } from '../support/hub.ts';

const routes: Record<string, (res: ServerResponse) => void> = {
  '/good': (res) => res.setHeader('content-type', 'application/json').end(JSON.stringify({ viewers: { total: '123456' }, regions: [{ name: 'eu', ms: 40 }, { name: 'af', ms: 95.5 }], up: true })),
  '/malformed': (res) => res.setHeader('content-type', 'application/json').end('{"viewers": {"total": 12'),
  '/html': (res) => res.setHeader('content-type', 'text/html').end('<!DOCTYPE html><html><body>Sign in</body></html>'),
  '/error': (res) => res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"database is down"}'),
  '/stall': () => {},
  '/huge': (res) => {
    res.setHeader('content-type', 'application/json');
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < 20 && res.write(chunk)) sent++;
      if (sent < 20) res.once('drain', pump);
      else res.end('{}');
    };
    pump();
  },
  '/text-value': (res) => res.setHeader('content-type', 'application/json').end('{"viewers": {"total": "lots"}}'),
};

let server: Server;
let base: string;
let t: TestHub;
const sources = Object.keys(routes).map((path) => path.slice(1).replace('-', '_'));

beforeAll(async () => {
  server = createServer((req, res) => (routes[req.url ?? ''] ?? ((r: ServerResponse) => r.writeHead(404).end()))(res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sourceYaml = Object.keys(routes)
    // The huge body gets time to arrive, so it is the size limit that stops it; only the stalled
    // one is meant to time out (the others get time to answer on a loaded machine).
    .map((path, i) => `  - { id: ${sources[i]}, type: json, url: "${base}${path}", ${path === '/huge' ? 'interval: 5s, timeout: 4s' : path === '/stall' ? 'interval: 400ms, timeout: 300ms' : 'interval: 1s, timeout: 900ms'} }`)
    .join('\n');
  const panelYaml = sources.map((id, i) => `      - { id: ${id}, title: ${id}, type: stat, gridPos: { x: ${i}, y: 0, w: 1, h: 1 }, source: ${id}, query: { select: "$.viewers.total" } }`).join('\n');
  t = await startTestHub(`
version: 1
title: JSON
sources:
${sourceYaml}
walls:
  - id: main
    title: Main
    panels:
${panelYaml}
      - { id: regions, title: Regions, type: timeseries, gridPos: { x: 0, y: 1, w: 12, h: 4 }, source: good, query: { select: "$.regions[*]", value: "$.ms", labels: { region: "$.name" } } }
      - { id: up, title: Up, type: stat, gridPos: { x: 12, y: 1, w: 12, h: 4 }, source: good, query: { select: "$.up" } }
`);
});
afterAll(async () => {
  await t.close();
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const frame = async (source: string, query: Record<string, unknown>): Promise<Frame> =>
  (await t.http(`/api/v1/frames?key=${encodeURIComponent(frameKey(source, jsonQuerySchema.parse(query)))}`, { token: t.adminToken })).json();
const totalOf = (source: string) => frame(source, { select: '$.viewers.total' });

describe('JSON source', () => {
  it('picks values and labelled series with JSONPath', async () => {
    const total = await eventually('a total', async () => ((await totalOf('good')).series.length ? totalOf('good') : undefined));
    expect(total.series[0]!.points.at(-1)![1]).toBe(123456);
    const regions = await frame('good', { select: '$.regions[*]', value: '$.ms', labels: { region: '$.name' } });
    expect(Object.fromEntries(regions.series.map((s) => [s.labels.region, s.points.at(-1)![1]]))).toEqual({ eu: 40, af: 95.5 });
    const up = await frame('good', { select: '$.up' });
    expect(up.series[0]!.points.at(-1)![1]).toBe(1);
  });

  it('gives each bad answer a clear error on its own panel only', async () => {
    const expected: Record<string, RegExp> = {
      malformed: /did not return JSON \(.*\): \{"viewers"/,
      html: /did not return JSON .*<!DOCTYPE html>/,
      error: /HTTP 500 .*database is down/,
      stall: /no answer from .* within 300 ms/,
      huge: /response exceeds the 16777216-byte limit/,
      text_value: /\$\.viewers\.total → \$ \(item 0\) is "lots", not a number/,
    };
    for (const [source, message] of Object.entries(expected)) {
      const f = await eventually(`an error on ${source}`, async () => ((await totalOf(source)).meta.lastError ? totalOf(source) : undefined));
      expect(f.meta.lastError, source).toMatch(message);
      expect(f.series).toEqual([]);
    }
    const good = await totalOf('good');
    expect(good.meta.lastError).toBeNull();
    expect(Date.now() - good.meta.lastSuccessAt!).toBeLessThan(2000);
  });
});
