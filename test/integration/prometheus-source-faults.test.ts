/**
 * The Prometheus source against real loopback servers that are not a healthy Prometheus: bearer
 * and basic credentials sent, a private CA trusted or verification skipped on HTTPS, and every
 * kind of bad answer (an HTML proxy page, a 500, a PromQL error, a stall, a runaway body) told in
 * words naming what went wrong. A real Prometheus is in prometheus.test.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PrometheusAdapter } from '../../electron/hub/sources/prometheus/adapter.ts';
import { sourceSchema, type SourceConfig } from '../../shared/model/workspace.ts';
import { json, makeCert, serve, stallServer, type Cert, type Target } from '../support/canaries.ts';

type PrometheusConfig = Extract<SourceConfig, { type: 'prometheus' }>;

const NOW = Date.UTC(2026, 11, 6, 20, 0);
const vector = { status: 'success', data: { resultType: 'vector', result: [{ metric: { __name__: 'up', job: 'api' }, value: [NOW / 1000, '1'] }] } };

let target: Target | undefined;
let adapter: PrometheusAdapter | undefined;
afterEach(async () => {
  adapter?.close();
  await target?.close();
  target = adapter = undefined;
});

function prometheusAt(url: string, extra: Record<string, unknown> = {}): PrometheusAdapter {
  const config = sourceSchema.parse({ id: 'prom', type: 'prometheus', url, interval: '5s', timeout: '1s', ...extra }) as PrometheusConfig;
  return (adapter = new PrometheusAdapter(config));
}
const query = (p: PrometheusAdapter) => p.instant('up', { signal: AbortSignal.timeout(5_000), now: () => NOW });
const answering = (handler: (req: IncomingMessage, res: ServerResponse) => void) => serve((req, res) => handler(req, res));

describe('credentials and TLS', () => {
  let cert: Cert;
  beforeAll(async () => {
    cert = await makeCert(30);
  });

  it('sends the bearer token, and a refused token is told with the server’s words', async () => {
    target = await answering((req, res) => (req.headers.authorization === 'Bearer s3cret' ? json(res, 200, vector) : json(res, 401, { status: 'error', errorType: 'unauthorized', error: 'bad token' })));
    expect(await query(prometheusAt(target.url, { auth: { type: 'bearer', token: 's3cret' } }))).toEqual([{ labels: { job: 'api' }, value: 1, at: NOW }]);
    await expect(query(prometheusAt(target.url, { auth: { type: 'bearer', token: 'wrong' } }))).rejects.toThrow('Prometheus refused "up": bad token');
  });

  it('sends basic credentials', async () => {
    const expected = `Basic ${Buffer.from('grafana:pa55').toString('base64')}`;
    target = await answering((req, res) => (req.headers.authorization === expected ? json(res, 200, vector) : res.writeHead(401, { 'content-type': 'text/plain' }).end('Unauthorized')));
    expect(await query(prometheusAt(target.url, { auth: { type: 'basic', username: 'grafana', password: 'pa55' } }))).toHaveLength(1);
    await expect(query(prometheusAt(target.url))).rejects.toThrow(/^HTTP 401 from http:\/\/127\.0\.0\.1:\d+ is not a Prometheus API answer: Unauthorized$/);
  });

  it('on HTTPS with a private CA: refused until the CA is trusted or verification is skipped', async () => {
    target = await serve((_req, res) => json(res, 200, vector), cert);
    await expect(query(prometheusAt(target.url))).rejects.toThrow(/self[- ]signed certificate/i);
    expect(await query(prometheusAt(target.url, { tls: { ca: cert.cert } }))).toHaveLength(1);
    expect(await query(prometheusAt(target.url, { tls: { insecureSkipVerify: true } }))).toHaveLength(1);
  });
});

describe('bad answers, in words', () => {
  it('an HTML page from a proxy', async () => {
    target = await answering((_req, res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>'));
    await expect(query(prometheusAt(target.url))).rejects.toThrow(/^HTTP 502 from .* is not a Prometheus API answer: <!DOCTYPE html><html><body><h1>502 Bad Gateway/);
  });

  it('a 500 without a body, and a PromQL error in Prometheus’s own words', async () => {
    target = await answering((req, res) => {
      if (req.url?.includes('query')) return json(res, 400, { status: 'error', errorType: 'bad_data', error: '1:5: parse error: unexpected end of input' });
      res.writeHead(500).end();
    });
    await expect(query(prometheusAt(target.url))).rejects.toThrow('Prometheus refused "up": 1:5: parse error: unexpected end of input');
    await target.close();
    target = await answering((_req, res) => res.writeHead(500).end());
    await expect(query(prometheusAt(target.url))).rejects.toThrow(/^HTTP 500 from .* is not a Prometheus API answer: $/);
  });

  it('a server that never answers, within the source’s timeout', async () => {
    target = await stallServer();
    const started = Date.now();
    await expect(prometheusAt(target.url).instant('up', { signal: AbortSignal.timeout(1_000), now: () => NOW })).rejects.toThrow(/no answer from http:\/\/127\.0\.0\.1:\d+ within 1000 ms/);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('a runaway body is cut off at 16 MiB, read as it streams (no length announced)', async () => {
    let sentWhenCut = -1;
    target = await answering((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 40) {
          sent++;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end('{}');
      };
      res.on('close', () => {
        if (sent < 40) sentWhenCut = sent;
        sent = 40; // the hub hung up: stop pumping
      });
      pump();
    });
    await expect(prometheusAt(target.url, { timeout: '4s', interval: '5s' }).instant('up', { signal: AbortSignal.timeout(10_000), now: () => NOW })).rejects.toThrow(
      'response exceeds the 16777216-byte limit',
    );
    // The hub hung up soon after 16 MiB instead of reading all 40.
    await expect.poll(() => sentWhenCut).toBeGreaterThanOrEqual(16);
    expect(sentWhenCut).toBeLessThan(32);
  });
});
