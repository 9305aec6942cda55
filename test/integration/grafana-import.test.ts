/**
 * Grafana import on dashboard exports in the shapes Grafana 4, 6 and 10 write, and on four real
 * dashboards as their authors published them (Grafana 4.5, 5.0, 7.2 and 9.0): every supported
 * panel converted (type, position, query, unit, thresholds), every other one listed with why, and
 * the resulting workspace accepted by the hub's own validation.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertGrafanaDashboard, GrafanaImportError } from '../../electron/hub/grafana/convert.ts';
import { grafanaDashboardShape } from '../../electron/hub/grafana/dashboard-shape.ts';
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

/** Real dashboards as their authors published them (test/fixtures/grafana/real, sources in its README). */
describe('Grafana import on real dashboards', () => {
  const convert = (name: string) => convertGrafanaDashboard(fixture(`real/${name}`), { sourceId: 'prom' });
  const typesOf = (panels: Record<string, unknown>[]) => panels.reduce<Record<string, number>>((n, p) => ({ ...n, [p.type as string]: (n[p.type as string] ?? 0) + 1 }), {});

  it('Grafana 4.5 (schemaVersion 14, rows of spans): swagger-stats API operation dashboard', () => {
    const { wall, skipped, warnings } = convert('swagger-stats-api-operation.json');
    expect(typesOf(wall.panels)).toEqual({ stat: 6, timeseries: 2 });
    expect(skipped).toEqual([]);
    const panels = byId(wall.panels);
    // Rows of 183, 272 and 250 px: 5, 8 and 7 grid rows.
    expect(wall.panels.map((p) => p.gridPos)).toEqual([
      { x: 0, y: 0, w: 4, h: 5 },
      { x: 4, y: 0, w: 4, h: 5 },
      { x: 8, y: 0, w: 4, h: 5 },
      { x: 12, y: 0, w: 4, h: 5 },
      { x: 16, y: 0, w: 4, h: 5 },
      { x: 20, y: 0, w: 4, h: 5 },
      { x: 0, y: 5, w: 24, h: 8 },
      { x: 0, y: 13, w: 24, h: 7 },
    ]);
    expect(panels['errors-2']).toMatchObject({
      title: 'Errors %',
      type: 'stat',
      unit: 'none',
      query: { expr: '( sum(api_request_total{method="[[Method]]",path="[[Path]]",code=~"^4..$|^5..$"}) / sum(api_request_total{method="[[Method]]",path="[[Path]]"}) ) * 100' },
      thresholds: [
        { value: null, state: 'ok' },
        { value: 10, state: 'warning' },
        { value: 30, state: 'critical' },
      ],
    });
    expect(panels['requests-in-processing']).toMatchObject({ query: { expr: 'api_all_request_in_processing_total{job="sws-spectest"}' } });
    // Its $Method and $Path were exported without a saved value: said, not hidden.
    expect(warnings).toEqual([
      '"Requests": dashboard variables without a value: $Method, $Path',
      '"Errors": dashboard variables without a value: $Method, $Path',
      '"Errors %": dashboard variables without a value: $Method, $Path',
      '"Request and Error Rates - $Method $Path": dashboard variables without a value: $Path',
      '"Panel Title": dashboard variables without a value: $path',
    ]);
  });

  it('Grafana 5.0 (schemaVersion 16): moleculer-prometheus, an alert list it cannot bring', () => {
    const { wall, skipped, warnings } = convert('moleculer-prometheus.json');
    expect(typesOf(wall.panels)).toEqual({ stat: 8, timeseries: 4 });
    expect(skipped).toEqual([{ title: 'Alerts', type: 'alertlist', reason: 'the alertlist panel type is not supported' }]);
    const panels = byId(wall.panels);
    expect(panels['response-time']).toMatchObject({
      type: 'stat',
      gridPos: { x: 12, y: 3, w: 6, h: 3 },
      query: { expr: 'avg(irate(moleculer_req_duration_ms_sum[1m]))' },
      unit: 'ms',
      thresholds: [
        { value: null, state: 'ok' },
        { value: 50, state: 'warning' },
        { value: 100, state: 'critical' },
      ],
    });
    expect(panels['response-time-2']).toMatchObject({ type: 'timeseries', unit: 'ms', gridPos: { x: 0, y: 6, w: 12, h: 8 } });
    expect(panels['error-types']).toMatchObject({ query: { expr: 'sum by (errorName) (irate(moleculer_req_errors_total[1m]))' }, unit: 'short' });
    expect(warnings).toEqual(['"Action calls": 2 queries; only the first (A) was imported']);
  });

  it('Grafana 7.2 (schemaVersion 26): swagger-stats v3, graphs with several queries and multi-line PromQL', () => {
    const { wall, skipped, warnings } = convert('swagger-stats-v3.json');
    expect(typesOf(wall.panels)).toEqual({ stat: 6, timeseries: 6 });
    expect(skipped).toEqual([]);
    const panels = byId(wall.panels);
    expect(panels['apdex-score']).toMatchObject({
      gridPos: { x: 4, y: 0, w: 4, h: 5 },
      query: {
        expr: '(\n  sum(rate(api_request_duration_milliseconds_bucket{le="25",code=~"^2..$"}[1m]))\n+\n  sum(rate(api_request_duration_milliseconds_bucket{le="100",code=~"^2..$"}[1m]))\n) / 2 / sum(rate(api_request_duration_milliseconds_count[1m]))',
      },
    });
    // Three singlestat thresholds: the last is critical, the ones between warnings.
    expect(panels['cpu']).toMatchObject({
      title: 'CPU %',
      thresholds: [
        { value: null, state: 'ok' },
        { value: 5, state: 'warning' },
        { value: 10, state: 'warning' },
        { value: 20, state: 'critical' },
      ],
    });
    expect(panels['top-3-api-error-calls-5xx-by-path']).toMatchObject({ type: 'timeseries', unit: 'short', query: { expr: 'topk(3, sum(irate(api_request_total{code=~"^5..$"}[1m])) by (path))' } });
    expect(warnings).toEqual(['"Request and Error Rates (per sec)": 4 queries; only the first (A) was imported', '"Request Duration (%)": 4 queries; only the first (A) was imported']);
  });

  it('Grafana 9.0 (schemaVersion 36): KEDA, rows, a state timeline, variables, a custom unit, percentage thresholds and default thresholds switched off', () => {
    const { wall, skipped, warnings } = convert('keda-dashboard.json');
    expect(wall.title).toBe('Keda');
    expect(typesOf(wall.panels)).toEqual({ timeseries: 5, gauge: 1 });
    expect(skipped).toEqual([{ title: 'Changes in Replicas', type: 'state-timeline', reason: 'the state-timeline panel type is not supported' }]);
    const panels = byId(wall.panels);
    expect(panels['scaler-errors']).toEqual({
      id: 'scaler-errors',
      title: 'Scaler Errors',
      type: 'timeseries',
      gridPos: { x: 8, y: 1, w: 8, h: 9 },
      source: 'prom',
      query: { expr: 'sum by(scaler) (rate(keda_metrics_adapter_scaler_errors{namespace=~"keda", scaledObject=~"keda-demo", scaler=~"prometheusScaler"}[5m]))' },
      unit: 'short', // "Errors/sec" is no unit of ours: a warning below
      description: 'The number of errors that have occurred for each scaler.',
      // Grafana's default thresholds (red at 80), neither drawn nor colouring: not imported.
    });
    // Percentage thresholds over a gauge without a max: not turned into a wrong absolute 80.
    expect(panels['hpa-current-max-replicas']).toMatchObject({ type: 'gauge', min: 0, max: 100, query: { expr: 'kube_horizontalpodautoscaler_status_current_replicas{namespace="keda",horizontalpodautoscaler="keda-hpa-keda-demo"}' } });
    expect(panels['hpa-current-max-replicas']!.thresholds).toBeUndefined();
    expect(panels['scaler-metric-value']).toMatchObject({ unit: 'none', gridPos: { x: 0, y: 10, w: 24, h: 9 }, description: expect.stringContaining('scaler’s metric') });
    expect(warnings).toEqual([
      '"Scaler Total Errors": unit "Errors/sec" shown as a plain number',
      '"Scaler Errors": dashboard variables fixed to their saved values: $namespace, $scaledObject, $scaler',
      '"Scaler Errors": unit "Errors/sec" shown as a plain number',
      '"Scaled Object Errors": dashboard variables fixed to their saved values: $namespace, $scaledObject',
      '"Scaled Object Errors": unit "Errors/sec" shown as a plain number',
      '"Scaler Metric Value": dashboard variables fixed to their saved values: $namespace, $metric',
      '"HPA current/max replicas": 2 queries; only the first (A) was imported',
      '"HPA current/max replicas": dashboard variables fixed to their saved values: $namespace, $scaledObject',
      '"HPA current/max replicas": thresholds are percentages of a range without min and max; not imported',
      '"HPA current/max replicas (time based)": 2 queries; only the first (A) was imported',
      '"HPA current/max replicas (time based)": dashboard variables fixed to their saved values: $namespace, $scaledObject',
    ]);
  });

  it.each(['swagger-stats-api-operation.json', 'moleculer-prometheus.json', 'swagger-stats-v3.json', 'keda-dashboard.json'])(
    '%s: the shape check passes and the workspace it writes is valid, skipped panels named in its header',
    (name) => {
      const dashboard = fixture(`real/${name}`);
      expect(grafanaDashboardShape.safeParse(dashboard).success).toBe(true);
      const conversion = convertGrafanaDashboard(dashboard, { sourceId: 'prom' });
      const yaml = workspaceYamlFor(conversion, { sourceId: 'prom', prometheusUrl: '${PROMETHEUS_URL}', file: name });
      const loaded = parseWorkspace(yaml, name, { PROMETHEUS_URL: 'http://127.0.0.1:9090' });
      expect(loaded.ok ? [] : loaded.issues).toEqual([]);
      for (const s of conversion.skipped) expect(yaml).toContain(`"${s.title}" (${s.type})`);
      for (const w of conversion.warnings) expect(yaml).toContain(`#   - ${w}`);
    },
  );

});
