/**
 * Blackbox probes as canaries, end to end: real HTTP servers serve blackbox_exporter's metrics
 * (probe_success, probe_duration_seconds, probe_http_duration_seconds{phase},
 * probe_http_status_code), a real Prometheus scrapes them every second, and the hub reads them
 * through its Prometheus source. A passing probe shows its phases; a failing one goes
 * failing-unconfirmed then failing-confirmed with the HTTP status; one Prometheus can no longer
 * scrape goes stale. A probe naming a source that is not Prometheus is refused with its path.
 * A hub whose system clock steps back an hour keeps taking each new sample, dated on its clock as
 * it now reads.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaceSchema } from '../../shared/model/workspace.ts';
import { parse } from 'yaml';
import { instanceSelector } from '../../electron/hub/canaries/blackbox.ts';
import { startPrometheus, type RealPrometheus } from '../support/prometheus.ts';
import { eventually, startTestHub, type TestHub } from '../support/hub.ts';

interface Probed {
  server: Server;
  instance: string;
  success: boolean;
  status: number;
}

/** A target's blackbox metrics, as blackbox_exporter's /probe answers them. */
function blackboxMetrics(p: Probed): string {
  return [
    '# HELP probe_success Displays whether or not the probe was a success',
    '# TYPE probe_success gauge',
    `probe_success ${p.success ? 1 : 0}`,
    '# HELP probe_duration_seconds Returns how long the probe took to complete in seconds',
    '# TYPE probe_duration_seconds gauge',
    'probe_duration_seconds 0.25',
    '# HELP probe_http_duration_seconds Duration of http request by phase, summed over all redirects',
    '# TYPE probe_http_duration_seconds gauge',
    'probe_http_duration_seconds{phase="connect"} 0.02',
    'probe_http_duration_seconds{phase="processing"} 0.15',
    'probe_http_duration_seconds{phase="resolve"} 0.01',
    'probe_http_duration_seconds{phase="tls"} 0.05',
    'probe_http_duration_seconds{phase="transfer"} 0.005',
    '# HELP probe_http_status_code Response HTTP status code',
    '# TYPE probe_http_status_code gauge',
    `probe_http_status_code ${p.status}`,
    '',
  ].join('\n');
}

async function probed(): Promise<Probed> {
  const p = { success: true, status: 200 } as Probed;
  p.server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(blackboxMetrics(p));
  });
  await new Promise<void>((r) => p.server.listen(0, '127.0.0.1', () => r()));
  p.instance = `127.0.0.1:${(p.server.address() as { port: number }).port}`;
  return p;
}

let a: Probed;
let b: Probed;
let prometheus: RealPrometheus;
let t: TestHub;

const workspace = `
version: 1
title: Blackbox
sources:
  - { id: prom, type: prometheus, url: "\${PROM}", interval: 5s, timeout: 2s }
walls:
  - id: main
    title: Main
    panels:
      - { id: up, title: Up, type: stat, gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: prom, query: { expr: "up" } }
canaries:
  probes:
    - { id: site-a, name: Site A, service: edge, source: prom, instance: "\${A}", job: demo, interval: 1s, confirm: { consecutive: 2 } }
    - { id: site-b, name: Site B, service: edge, source: prom, instance: "\${B}", interval: 1s }
`;

beforeAll(async () => {
  a = await probed();
  b = await probed();
  prometheus = await startPrometheus([a.instance, b.instance]);
  t = await startTestHub(workspace, {}, { PROM: prometheus.url, A: a.instance, B: b.instance });
}, 40_000);
afterAll(async () => {
  await t?.close();
  await prometheus?.close();
  for (const p of [a, b]) if (p?.server.listening) await new Promise<void>((r) => p.server.close(() => r()));
});

describe('blackbox probes through Prometheus', () => {
  it('a passing probe shows its latency and phases, one result per Prometheus sample', async () => {
    const entry = await eventually('site-b passing', () => {
      const e = t.hub.canaries.entry('site-b');
      return e.status === 'passing' && e.history.runs.length >= 2 && e;
    }, 20_000);
    expect(entry.kind).toBe('probe');
    expect(entry.target).toBe(`blackbox ${b.instance}`);
    expect(entry.last!.latencyMs).toBe(250);
    expect(entry.last!.timings).toEqual({ dnsMs: 10, connectMs: 20, tlsMs: 50, firstByteMs: 150, transferMs: 5, totalMs: 250 });
    // Scraped every second and read every second: never more runs than samples (no repeats).
    const runs = entry.history.runs.map(([ago]) => entry.history.end - ago);
    expect(new Set(runs).size).toBe(runs.length);
  });

  it('a failing probe goes failing-unconfirmed, then failing-confirmed with the HTTP status', async () => {
    await eventually('site-a passing', () => t.hub.canaries.entry('site-a').status === 'passing', 20_000);
    a.success = false;
    a.status = 503;
    const seen = new Set<string>();
    const confirmed = await eventually('site-a confirmed', () => {
      const e = t.hub.canaries.entry('site-a');
      seen.add(e.progress ? `${e.status} ${e.progress.text}` : e.status);
      return e.status === 'failing-confirmed' && e;
    }, 20_000);
    expect([...seen]).toContain('failing-unconfirmed 1 of 2 failed');
    expect(confirmed.last!.classification).toBe('http-status');
    expect(confirmed.last!.message).toBe('probe_success 0 (HTTP 503)');
    // The raw runs keep the probe's phases.
    const [run] = t.hub.canaries.results('site-a', { limit: 1 });
    expect(run!.detail!.steps![0]).toMatchObject({ url: a.instance, status: 503, ok: false });
  });

  it('a probe Prometheus can no longer scrape goes stale', async () => {
    await new Promise<void>((r) => a.server.close(() => r()));
    a.server.closeAllConnections();
    await eventually('site-a stale', () => t.hub.canaries.entry('site-a').status === 'stale', 20_000);
    expect(t.hub.canaries.entry('site-b').status).toBe('passing');
  });

  it('refuses a probe whose source is not Prometheus, and escapes instances in the selector', () => {
    const bad = parse(workspace.replace('type: prometheus', 'type: scrape').replace('${PROM}', 'http://127.0.0.1:1/metrics').replace('query: { expr: "up" }', 'query: { metric: up }').replaceAll('${A}', 'x').replaceAll('${B}', 'y'));
    const r = workspaceSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toContain('canaries.probes.0.source');
    expect(instanceSelector(['https://a.example/x?y=1', 'b"c'])).toBe('{instance=~"https://a\\\\.example/x\\\\?y=1|b\\"c"}');
  });
});

describe("blackbox probes when the hub's system clock steps back an hour", () => {
  it('keep taking each new sample, dated on the clock as it now reads: not held until it catches up, not an hour ahead', async () => {
    let stepped = 0;
    const wall = () => Date.now() + stepped;
    // The fault: the wall clock the hub reads steps; the monotonic one and Prometheus's do not.
    const h = await startTestHub(workspace, {}, { PROM: prometheus.url, A: a.instance, B: b.instance }, { canaries: { now: wall, monotonic: () => performance.now(), flushMs: 50 } });
    try {
      await eventually('site-b passing', () => h.hub.canaries.entry('site-b').status === 'passing', 20_000);
      stepped = -3_600_000;
      const steppedAt = wall();
      const since = () => h.hub.canaries.results('site-b', { limit: 50 }).filter((r) => r.receivedAt >= steppedAt);
      const runs = await eventually('three samples taken after the step', () => since().length >= 3 && since(), 10_000);
      // Each dated a moment before it was taken (Prometheus scrapes every second), on the new clock.
      for (const r of runs) {
        expect(r.at).toBeLessThanOrEqual(r.receivedAt);
        expect(r.at).toBeGreaterThan(r.receivedAt - 5000);
      }
      const entry = h.hub.canaries.entry('site-b');
      expect(entry.status).toBe('passing');
      expect(entry.last!.at).toBeLessThanOrEqual(wall());
      expect(entry.last!.at).toBeGreaterThanOrEqual(steppedAt - 5000);
    } finally {
      await h.close();
    }
  }, 40_000);
});
