/**
 * A fake Prometheus HTTP API for benchmarks: answers instant and range queries with values that
 * move every second, and counts the requests per query so the dedupe benchmark can read them.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakePrometheus {
  readonly url: string;
  /** Requests so far, per PromQL expression. */
  readonly requests: Map<string, number>;
  close(): Promise<void>;
}

const SERIES = ['eu-west', 'us-east', 'ap-south', 'sa-east'];

function value(expr: string, t: number, region: string): string {
  let h = 0;
  for (const c of expr + region) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return (50 + 40 * Math.sin(t / 30 + (h % 100)) + (h % 7)).toFixed(3);
}

export async function startFakePrometheus(): Promise<FakePrometheus> {
  const requests = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const params = new URLSearchParams(req.method === 'POST' ? Buffer.concat(chunks).toString() : (req.url ?? '').split('?')[1] ?? '');
      const expr = params.get('query') ?? '';
      requests.set(expr, (requests.get(expr) ?? 0) + 1);
      const metric = (region: string) => ({ region });
      let data;
      if (req.url?.startsWith('/api/v1/query_range')) {
        const [start, end, step] = ['start', 'end', 'step'].map((k) => Number(params.get(k)));
        const points = Math.min(1000, Math.floor((end! - start!) / step!) + 1);
        data = {
          resultType: 'matrix',
          result: SERIES.map((r) => ({ metric: metric(r), values: Array.from({ length: points }, (_, i) => [start! + i * step!, value(expr, start! + i * step!, r)]) })),
        };
      } else {
        const t = Number(params.get('time') ?? Date.now() / 1000);
        data = { resultType: 'vector', result: SERIES.map((r) => ({ metric: metric(r), value: [t, value(expr, t, r)] })) };
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A workspace of `panels` panels over `queries` distinct PromQL expressions, every panel type that shows data. */
export function benchWorkspace(promUrl: string, opts: { panels: number; queries: number; types?: readonly string[]; intervalMs?: number }): string {
  const types = opts.types ?? ['stat'];
  const lines: string[] = [];
  for (let i = 0; i < opts.panels; i++) {
    const type = types[i % types.length]!;
    const expr = `sum by (region) (rate(bench_requests_total{q="${i % opts.queries}"}[1m]))`;
    const x = (i % 6) * 4;
    const y = Math.floor(i / 6) * 4;
    const extra = type === 'timeseries' ? ', span: 5m' : type === 'status-grid' ? ', label: region' : '';
    const thresholds = type === 'text' ? '' : ', thresholds: [{ value: null, state: ok }, { value: 80, state: warning }, { value: 95, state: critical }]';
    lines.push(`      - { id: p${i}, title: "Panel ${i}", type: ${type}, gridPos: { x: ${x}, y: ${y}, w: 4, h: 4 }, source: prom, query: { expr: ${JSON.stringify(expr)} }${extra}${thresholds} }`);
  }
  return `
version: 1
title: Bench
sources:
  - { id: prom, type: prometheus, url: "${promUrl}", interval: ${opts.intervalMs ?? 1000}, timeout: ${Math.round((opts.intervalMs ?? 1000) * 0.8)} }
walls:
  - id: bench
    title: Bench wall
    viewingDistance: far
    panels:
${lines.join('\n')}
`;
}
