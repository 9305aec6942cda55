/**
 * The sources framework against real HTTP servers: one upstream request per interval however many
 * panels share it, a broken source harms no other, failures back off, and frames carry freshness.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { frameKey } from '../../shared/domain/frame-key.ts';
import type { FrameDelta } from '../../shared/model/frame.ts';
import { eventually, startTestHub, type TestHub } from '../support/hub.ts';

interface Upstream {
  url: string;
  hits: number;
  respond: (res: ServerResponse) => void;
  close(): Promise<void>;
}

async function upstream(respond: Upstream['respond']): Promise<Upstream> {
  const state = { hits: 0, respond };
  const server: Server = createServer((_req, res) => {
    state.hits++;
    state.respond(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return Object.assign(state, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  }) as Upstream;
}

let counter = 0;
const metrics = () => `# TYPE req_total counter\nreq_total{code="200"} ${(counter += 10)}\nreq_total{code="500"} 1\n# TYPE up gauge\nup 1\n`;

let t: TestHub | undefined;
const servers: Upstream[] = [];
afterEach(async () => {
  await t?.close();
  t = undefined;
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const panel = (id: string, source: string, query: string, x = 0) =>
  `      - { id: ${id}, title: ${id}, type: stat, gridPos: { x: ${x}, y: 0, w: 1, h: 1 }, source: ${source}, query: ${query} }`;

describe('sources', () => {
  it('fetches each source once per interval, however many panels share it', async () => {
    const a = await upstream((res) => res.end(metrics()));
    const b = await upstream((res) => res.end(metrics()));
    servers.push(a, b);
    const queries = ['{ metric: up }', '{ metric: req_total, fn: rate, window: 5s }', '{ metric: req_total, by: [code] }'];
    const panels: string[] = [];
    for (let i = 0; i < 24; i++) panels.push(panel(`p${i}`, i % 2 ? 'a' : 'b', queries[i % 3]!, i % 24));
    t = await startTestHub(`
version: 1
title: Dedupe
sources:
  - { id: a, type: scrape, url: "${a.url}", interval: 300ms, timeout: 250ms }
  - { id: b, type: scrape, url: "${b.url}", interval: 300ms, timeout: 250ms }
walls:
  - id: main
    title: Main
    panels:
${panels.join('\n')}
`);
    await new Promise((r) => setTimeout(r, 1000)); // let the first, jittered fetches happen
    const [a0, b0] = [a.hits, b.hits];
    await new Promise((r) => setTimeout(r, 3000));
    // 3 s at a 300 ms interval (±5% jitter) is 9–11 fetches per source, not 12 × that.
    for (const hits of [a.hits - a0, b.hits - b0]) {
      expect(hits).toBeGreaterThanOrEqual(8);
      expect(hits).toBeLessThanOrEqual(11);
    }
  });

  it('keeps one source alive when another returns errors, HTML or nothing, and says why on the frame', async () => {
    const good = await upstream((res) => res.end(metrics()));
    const html = await upstream((res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Login</body></html>'));
    const failing = await upstream((res) => res.writeHead(500).end('upstream exploded'));
    const silent = await upstream(() => {}); // never answers
    servers.push(good, html, failing, silent);
    const closed = await upstream(() => {});
    await closed.close(); // a port nothing listens on any more
    t = await startTestHub(`
version: 1
title: Faults
sources:
  - { id: good, type: scrape, url: "${good.url}", interval: 300ms, timeout: 250ms }
  - { id: html, type: scrape, url: "${html.url}", interval: 300ms, timeout: 250ms }
  - { id: failing, type: scrape, url: "${failing.url}", interval: 300ms, timeout: 250ms }
  - { id: silent, type: scrape, url: "${silent.url}", interval: 300ms, timeout: 250ms }
  - { id: gone, type: scrape, url: "${closed.url}", interval: 300ms, timeout: 250ms }
walls:
  - id: main
    title: Main
    panels:
${['good', 'html', 'failing', 'silent', 'gone'].map((s, i) => panel(s, s, '{ metric: up }', i)).join('\n')}
`);
    const socket = await t.connect(t.adminToken);
    const key = (source: string) => frameKey(source, { metric: 'up', fn: 'value', window: 60000, aggregate: 'sum' });
    const deltas: FrameDelta[] = [];
    socket.on('frames:delta', (d) => deltas.push(...d));
    const ack = await socket.emitWithAck('frames:subscribe', { keys: ['good', 'html', 'failing', 'silent', 'gone'].map(key) });
    expect(ack.ok).toBe(true);
    const lastError = (source: string) => [...deltas].reverse().find((d) => d.key === key(source))?.meta.lastError;
    await eventually('every source to report', () => ['html', 'failing', 'silent', 'gone'].every((s) => lastError(s)) && deltas.some((d) => d.key === key('good') && d.series.length > 0));
    expect(lastError('html')).toMatch(/is not Prometheus metrics \(line 1: expected a metric name/);
    expect(lastError('failing')).toMatch(/HTTP 500 .*upstream exploded/);
    expect(lastError('silent')).toMatch(/no answer from .* within 250 ms/);
    expect(lastError('gone')).toMatch(/ECONNREFUSED/);
    const latestGood = [...deltas].reverse().find((d) => d.key === key('good') && d.series.length > 0)!;
    expect(latestGood.meta.lastError).toBeNull();
    expect(latestGood.series[0]!.points[0]![1]).toBe(1);
  });

  it('backs off a failing source, then recovers and keeps the data it had', async () => {
    let healthy = true;
    const flaky = await upstream((res) => (healthy ? res.end(metrics()) : res.writeHead(503).end()));
    servers.push(flaky);
    t = await startTestHub(`
version: 1
title: Backoff
sources:
  - { id: flaky, type: scrape, url: "${flaky.url}", interval: 200ms, timeout: 150ms }
walls:
  - id: main
    title: Main
    panels:
${panel('up', 'flaky', '{ metric: up }')}
`);
    const key = frameKey('flaky', { metric: 'up', fn: 'value', window: 60000, aggregate: 'sum' });
    const frame = async () => (await t!.http(`/api/v1/frames?key=${encodeURIComponent(key)}`, { token: t!.adminToken })).json();
    await eventually('first data', async () => (await frame()).meta.lastSuccessAt);
    healthy = false;
    const before = flaky.hits;
    await new Promise((r) => setTimeout(r, 3000));
    // Without backoff 3 s at 200 ms is 15 requests; with it (×2 each failure) about 4–5.
    expect(flaky.hits - before).toBeLessThanOrEqual(7);
    const failed = await frame();
    expect(failed.meta.lastError).toMatch(/HTTP 503/);
    expect(failed.series[0].points.length).toBeGreaterThan(0); // the last good data is kept
    healthy = true;
    await eventually('recovery', async () => (await frame()).meta.lastError === null, 8000);
  });
});
