/**
 * Grafana import on dashboard exports in the shapes Grafana 4, 6 and 10 write: every supported
 * panel converted (type, position, query, unit, thresholds), every other one listed with why, and
 * the resulting workspace accepted by the hub's own validation.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertGrafanaDashboard, GrafanaImportError } from '../../electron/hub/grafana/convert.ts';
import { workspaceYamlFor } from '../../electron/hub/grafana/workspace-yaml.ts';
import { parseWorkspace } from '../../electron/hub/workspace/load.ts';

const fixture = (name: string): unknown => JSON.parse(readFileSync(join('test/fixtures/grafana', name), 'utf8'));
const byId = (panels: Record<string, unknown>[]) => Object.fromEntries(panels.map((p) => [p.id as string, p]));

describe('Grafana import', () => {
  it('converts a Grafana 10 export: stat, gauge, text, timeseries and table, rows flattened, variables fixed', () => {
    const { wall, skipped, warnings } = convertGrafanaDashboard(fixture('streaming-grafana10.json'), { sourceId: 'prom' });
    expect(wall.panels.map((p) => [p.id, p.type])).toEqual([
      ['users-streaming-now', 'stat'],
      ['entitlement-403-s', 'stat'],
      ['cdn-hit-ratio', 'gauge'],
      ['who-to-call', 'text'],
      ['p99-latency-by-service', 'timeseries'],
      ['streams-per-region', 'table'],
    ]);
    const panels = byId(wall.panels);
    expect(panels['entitlement-403-s']).toMatchObject({
      gridPos: { x: 6, y: 0, w: 6, h: 5 },
      source: 'prom',
      query: { expr: 'sum(rate(mc_http_requests_total{service="entitlement",code="403"}[1m]))' },
      unit: 'reqps',
      decimals: 1,
      thresholds: [
        { value: null, state: 'ok' },
        { value: 5, state: 'warning' },
        { value: 50, state: 'critical' },
      ],
    });
    expect(panels['users-streaming-now']).toMatchObject({ query: { expr: 'sum(mc_concurrent_streams{region=~"af-south"})' } });
    expect(panels['cdn-hit-ratio']).toMatchObject({ unit: 'percentunit', min: 0, max: 1, thresholds: [{ state: 'critical' }, { state: 'warning', value: 0.85 }, { state: 'ok', value: 0.93 }] });
    expect(panels['who-to-call']).toMatchObject({ content: expect.stringContaining('## On call') });
    expect(panels['p99-latency-by-service']).toMatchObject({ gridPos: { y: 6 }, unit: 's' }); // from inside the collapsed row
    expect(skipped).toEqual([
      { title: 'Latency heatmap', type: 'heatmap', reason: 'the heatmap panel type is not supported' },
      { title: 'Traffic by CDN', type: 'piechart', reason: 'the piechart panel type is not supported' },
    ]);
    expect(warnings).toEqual(['"Users streaming now": dashboard variables fixed to their saved values: $region']);
  });

  it('converts a Grafana 6 export: graph and singlestat, old-style thresholds and units, and lists what it cannot bring', () => {
    const { wall, skipped, warnings } = convertGrafanaDashboard(fixture('platform-grafana6.json'), { sourceId: 'prom' });
    const panels = byId(wall.panels);
    expect(panels['requests-by-status']).toMatchObject({ type: 'timeseries', unit: 'reqps', query: { expr: 'sum by (code) (rate(mc_http_requests_total[5m]))' } });
    expect(panels['egress']).toMatchObject({ type: 'timeseries', unit: 'bytes', decimals: 1 });
    expect(panels['cpu-busy']).toMatchObject({ type: 'stat', unit: 'percent', thresholds: [{ value: null, state: 'ok' }, { value: 80, state: 'warning' }, { value: 90, state: 'critical' }] });
    expect(panels['worst-instances']).toMatchObject({ type: 'table' });
    expect(panels['escalation']).toMatchObject({ type: 'text', content: expect.stringContaining('ext 4411') });
    expect(skipped).toEqual([
      { title: 'Empty graph', type: 'graph', reason: 'no Prometheus query (expr) in its targets' },
      { title: 'Player errors (logs)', type: 'logs', reason: 'the logs panel type is not supported' },
    ]);
    expect(warnings).toEqual(['"Requests by status": 2 queries; only the first (A) was imported', '"Escalation": HTML text is imported as markdown source (HTML is not rendered)']);
  });

  it('lays out pre-Grafana-5 rows of spans on the 24-column grid, row heights as Grafana migrates them', () => {
    const { wall } = convertGrafanaDashboard(fixture('legacy-grafana4.json'), { sourceId: 'prom' });
    // 250px rows: ceil(250 / (30 px cell + 8 px margin)) = 7 grid rows, as Grafana's own migration.
    expect(wall.panels.map((p) => [p.id, p.gridPos])).toEqual([
      ['edge-requests', { x: 0, y: 0, w: 12, h: 7 }],
      ['edge-5xx', { x: 12, y: 0, w: 12, h: 7 }],
      ['edge-requests-2', { x: 0, y: 7, w: 24, h: 7 }],
    ]);
    // Each row starts a new line, however little of the one above it fills.
    const rows = convertGrafanaDashboard(
      {
        rows: [
          { height: '183px', panels: [{ type: 'singlestat', title: 'A', span: 6, targets: [{ expr: 'a' }] }] },
          { panels: [{ type: 'graph', title: 'B', span: 6, height: 400, targets: [{ expr: 'b' }] }] },
        ],
      },
      { sourceId: 'prom' },
    );
    expect(rows.wall.panels.map((p) => p.gridPos)).toEqual([
      { x: 0, y: 0, w: 12, h: 5 },
      { x: 0, y: 5, w: 12, h: 11 },
    ]);
  });

  it("reads Grafana 4/5's [[variable]] syntax and says when a variable has no saved value", () => {
    const { wall, warnings } = convertGrafanaDashboard(
      {
        templating: { list: [{ name: 'Method', current: { value: 'GET' } }, { name: 'Path', current: {} }] },
        panels: [{ type: 'stat', title: 'Calls', targets: [{ expr: 'sum(api_request_total{method="[[Method]]",path="[[Path:regex]]"})' }] }],
      },
      { sourceId: 'prom' },
    );
    expect(wall.panels[0]).toMatchObject({ query: { expr: 'sum(api_request_total{method="GET",path="[[Path:regex]]"})' } });
    expect(warnings).toEqual(['"Calls": dashboard variables without a value: $Path', '"Calls": dashboard variables fixed to their saved values: $Method']);
  });

  it('turns percentage thresholds into values only over a known min..max, and says when it cannot', () => {
    const steps = { mode: 'percentage', steps: [{ color: 'green', value: null }, { color: 'red', value: 80 }] };
    const { wall, warnings } = convertGrafanaDashboard(
      {
        panels: [
          { type: 'gauge', title: 'Disk', targets: [{ expr: 'd' }], fieldConfig: { defaults: { min: 0, max: 500, unit: 'bytes', thresholds: steps } } },
          { type: 'gauge', title: 'Replicas', targets: [{ expr: 'r' }], fieldConfig: { defaults: { min: 0, thresholds: steps } } },
        ],
      },
      { sourceId: 'prom' },
    );
    expect(wall.panels[0]).toMatchObject({ thresholds: [{ value: null, state: 'ok' }, { value: 400, state: 'critical' }] });
    expect(wall.panels[1]!.thresholds).toBeUndefined();
    expect(warnings).toEqual(['"Replicas": thresholds are percentages of a range without min and max; not imported']);
  });

  it('writes workspaces the hub accepts, with the skipped panels named in the header', () => {
    for (const name of ['streaming-grafana10.json', 'platform-grafana6.json', 'legacy-grafana4.json']) {
      const conversion = convertGrafanaDashboard(fixture(name), { sourceId: 'prom' });
      const yaml = workspaceYamlFor(conversion, { sourceId: 'prom', prometheusUrl: '${PROMETHEUS_URL}', file: name });
      const loaded = parseWorkspace(yaml, name, { PROMETHEUS_URL: 'http://127.0.0.1:9090' });
      expect(loaded.ok ? [] : loaded.issues, name).toEqual([]);
      for (const s of conversion.skipped) expect(yaml).toContain(`"${s.title}" (${s.type})`);
    }
  });

  it('refuses what is not a dashboard, in words, from the CLI too', () => {
    expect(() => convertGrafanaDashboard({ hello: 'world' }, { sourceId: 'prom' })).toThrow(GrafanaImportError);
    const dir = mkdtempSync(join(tmpdir(), 'mc-grafana-'));
    try {
      writeFileSync(join(dir, 'x.json'), '{"hello": "world"}');
      const run = spawnSync(process.execPath, ['scripts/import-grafana.ts', join(dir, 'x.json')], { encoding: 'utf8' });
      expect(run.status).toBe(2);
      expect(run.stderr.trim()).toMatch(/^import:grafana: .*x\.json: not a Grafana dashboard: expected an object with "panels"/);
      const ok = spawnSync(process.execPath, ['scripts/import-grafana.ts', 'test/fixtures/grafana/platform-grafana6.json', '--out', join(dir, 'out.yaml')], { encoding: 'utf8' });
      expect(ok.status).toBe(0);
      expect(ok.stderr).toContain('not imported: "Player errors (logs)" (logs)');
      expect(readFileSync(join(dir, 'out.yaml'), 'utf8')).toContain('type: prometheus');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
