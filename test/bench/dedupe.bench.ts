/**
 * Dedupe: 24 panels over 6 distinct PromQL queries, polled every second, against a fake
 * Prometheus that counts requests. Target: exactly 6 upstream requests per interval (one per
 * distinct query), not 24 (one per panel).
 */
import { startTestHub } from '../support/hub.ts';
import { benchWorkspace, startFakePrometheus } from './fake-prometheus.ts';
import { figure, type Figure } from './report.ts';

const PANELS = 24;
const QUERIES = 6;
const INTERVAL_MS = 1000;
const WINDOW_INTERVALS = 20;

export async function run(): Promise<Figure[]> {
  const prom = await startFakePrometheus();
  const t = await startTestHub(benchWorkspace(prom.url, { panels: PANELS, queries: QUERIES, types: ['stat', 'gauge', 'table', 'status-grid'], intervalMs: INTERVAL_MS }));
  try {
    await new Promise((r) => setTimeout(r, 2000)); // first (jittered) fetches
    const before = new Map(prom.requests);
    const startedAt = Date.now();
    await new Promise((r) => setTimeout(r, WINDOW_INTERVALS * INTERVAL_MS));
    const intervals = (Date.now() - startedAt) / INTERVAL_MS;
    const perQuery = [...prom.requests].map(([expr, n]) => n - (before.get(expr) ?? 0));
    const total = perQuery.reduce((a, b) => a + b, 0);
    const perInterval = total / intervals;
    console.log(`${PANELS} panels over ${QUERIES} distinct queries, ${intervals.toFixed(1)} intervals of ${INTERVAL_MS} ms:`);
    console.log(`  distinct queries seen upstream: ${prom.requests.size}`);
    console.log(`  requests per query in the window: ${perQuery.join(', ')} (±5% jitter per interval)`);
    console.log(`  upstream requests per interval: ${perInterval.toFixed(2)} (target ${QUERIES}; one per panel would be ${PANELS})`);
    return [
      figure('dedupe', 'distinct upstream queries', prom.requests.size, 'queries', PANELS),
      figure('dedupe', 'upstream requests per interval', perInterval, 'requests', PANELS),
      figure('dedupe', 'requests per query per interval (max)', Math.max(...perQuery) / intervals, 'requests'),
    ];
  } finally {
    await t.close();
    await prom.close();
  }
}
