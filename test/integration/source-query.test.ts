/**
 * GET /api/v1/sources/{id}/query on polled sources other than Prometheus: a scrape and a JSON
 * source answer the normalized frame as their panels get it; an unreachable upstream is a 502 in
 * words; a bad query is a 400 naming the field.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../e2e/support/processes.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';

let t: TestHub | undefined;
let server: Server | undefined;
afterEach(async () => {
  await t?.close();
  server?.closeAllConnections();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  t = undefined;
  server = undefined;
});

describe('the query endpoint on scrape and JSON sources', () => {
  it('answers frames as the panels get them, and failures in words', async () => {
    server = createServer((req, res) => {
      if (req.url === '/metrics') res.end('# TYPE up gauge\nup{job="a"} 1\nup{job="b"} 0\n');
      else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ regions: [{ name: 'eu', ms: 41 }, { name: 'us', ms: 77 }] }));
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const dead = await freePort();
    t = await startTestHub(`
version: 1
title: Q
sources:
  - { id: scrape, type: scrape, url: "${base}/metrics" }
  - { id: api, type: json, url: "${base}/status.json" }
  - { id: gone, type: scrape, url: "http://127.0.0.1:${dead}/metrics", timeout: 1s }
walls:
  - id: main
    title: Main
    panels:
      - { id: a, title: A, type: stat, gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: scrape, query: { metric: up } }
`);
    const q = (id: string, params: Record<string, string>) => t!.http(`/api/v1/sources/${id}/query?${new URLSearchParams(params)}`, { token: t!.adminToken });

    const up = (await (await q('scrape', { query: JSON.stringify({ metric: 'up', by: ['job'] }) })).json()) as { series: { labels: Record<string, string>; points: [number, number][] }[] };
    expect(up.series.map((s) => [s.labels.job, s.points[0]![1]]).sort()).toEqual([
      ['a', 1],
      ['b', 0],
    ]);
    const regions = (await (await q('api', { query: JSON.stringify({ select: '$.regions[*]', value: '$.ms', labels: { region: '$.name' } }) })).json()) as typeof up;
    expect(regions.series.map((s) => [s.labels.region, s.points[0]![1]]).sort()).toEqual([
      ['eu', 41],
      ['us', 77],
    ]);

    const gone = await q('gone', { expr: 'up' });
    expect(gone.status).toBe(502);
    expect(((await gone.json()) as { message: string }).message).toMatch(/^gone: .*(ECONNREFUSED|refused)/);

    const bad = await q('scrape', { query: JSON.stringify({ metric: 'up', fn: 'sideways' }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/invalid query for the scrape source "scrape": fn/);
    expect((await q('scrape', { expr: 'up', start: '1', end: '2', step: '1' })).status).toBe(400);
  });
});
