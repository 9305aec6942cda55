/**
 * A real hub on loopback with real socket.io clients and a real SQLite file: authentication,
 * roles, validation of every event, size and rate limits, origin checks and the workspace
 * staying up through a broken edit.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { readConfig } from '../../electron/hub/config.ts';
import type { WorkspaceState } from '../../shared/protocol/events.ts';
import { useMetricsServer } from '../support/metrics-server.ts';
import { eventually, startTestHub, type ClientSocket, type TestHub } from '../support/hub.ts';

const metricsUrl = useMetricsServer();

const workspace = (title = 'Test room') => `
version: 1
title: ${title}
sources:
  - { id: local, type: scrape, url: "\${METRICS_URL}", interval: 500ms, timeout: 400ms }
walls:
  - id: main
    title: Main
    panels:
      - { id: up, title: Up, type: stat, gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: local, query: { metric: up } }
`;

let t: TestHub;
afterEach(async () => t?.close());

async function hubWithViewer(overrides = {}) {
  t = await startTestHub(workspace(), overrides, { METRICS_URL: metricsUrl() });
  const admin = await t.connect(t.adminToken);
  const created = await admin.emitWithAck('tokens:create', { name: 'wall 1', role: 'viewer' });
  if (!created.ok) throw new Error(created.error.message);
  return { admin, viewerSecret: created.secret, viewerId: created.token.id };
}

describe('authentication and roles', () => {
  it('refuses a socket without a token or with a wrong one', async () => {
    t = await startTestHub(workspace(), {}, { METRICS_URL: metricsUrl() });
    await expect(t.connect(undefined)).rejects.toThrow('unauthorized');
    await expect(t.connect('mc_not-a-real-token-at-all-000000000000')).rejects.toThrow('unauthorized');
    await expect(t.connect('x'.repeat(10_000))).rejects.toThrow('unauthorized');
  });

  it('refuses REST calls without a valid bearer token, but health is public', async () => {
    t = await startTestHub(workspace(), {}, { METRICS_URL: metricsUrl() });
    expect((await t.http('/api/v1/tokens')).status).toBe(401);
    expect((await t.http('/api/v1/tokens', { token: 'mc_wrong-wrong-wrong-wrong-wrong' })).status).toBe(401);
    const health = await t.http('/api/v1/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', version: expect.any(String), uptimeSeconds: expect.any(Number) });
  });

  it('lets a viewer read but never write, over sockets and REST', async () => {
    const { viewerSecret } = await hubWithViewer();
    const viewer = await t.connect(viewerSecret);
    const denied = await viewer.emitWithAck('tokens:create', { name: 'sneaky', role: 'admin' });
    expect(denied).toEqual({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('needs the admin role') } });
    const rest = await t.http('/api/v1/tokens', { method: 'POST', token: viewerSecret, body: JSON.stringify({ name: 'x', role: 'admin' }), headers: { 'content-type': 'application/json' } });
    expect(rest.status).toBe(403);
    const tokens = await (await t.http('/api/v1/tokens', { token: t.adminToken })).json();
    expect(tokens.tokens.map((x: { name: string }) => x.name)).toEqual(['admin (seeded)', 'wall 1']);
    const subscribed = await viewer.emitWithAck('frames:subscribe', { keys: [] });
    expect(subscribed).toEqual({ ok: true, frames: [] });
  });

  it('stores tokens hashed, never in clear', async () => {
    const { viewerSecret } = await hubWithViewer();
    const db = await readFile(`${t.dir}/data/mission-control.sqlite`);
    const wal = await readFile(`${t.dir}/data/mission-control.sqlite-wal`).catch(() => Buffer.alloc(0));
    for (const secret of [viewerSecret, t.adminToken]) {
      expect(db.includes(secret)).toBe(false);
      expect(wal.includes(secret)).toBe(false);
    }
  });

  it('closes a revoked token\'s live sessions and refuses it afterwards', async () => {
    const { admin, viewerSecret, viewerId } = await hubWithViewer();
    const viewer = await t.connect(viewerSecret);
    const ended = new Promise<string>((resolve) => viewer.on('session:ended', ({ reason }) => resolve(reason)));
    expect(await admin.emitWithAck('tokens:revoke', { id: viewerId })).toEqual({ ok: true });
    expect(await ended).toMatch(/revoked/);
    await eventually('the viewer to be disconnected', () => viewer.disconnected);
    await expect(t.connect(viewerSecret)).rejects.toThrow('unauthorized');
    expect((await t.http('/api/v1/workspace', { token: viewerSecret })).status).toBe(401);
  });

  it('refuses sockets from a foreign browser origin', async () => {
    t = await startTestHub(workspace(), { allowedOrigins: ['app://mission-control'] }, { METRICS_URL: metricsUrl() });
    await expect(t.connect(t.adminToken, { origin: 'http://evil.example' })).rejects.toThrow();
    const allowed = await t.connect(t.adminToken, { origin: 'app://mission-control' });
    expect(allowed.connected).toBe(true);
  });

  it('answers the desktop app’s cross-origin REST calls (preflight and request) and no other origin’s', async () => {
    // Every hub accepts the desktop app's origin without configuration.
    const config = readConfig(['--port', '0', '--workspace', 'room.yaml'], { MC_ALLOWED_ORIGINS: 'https://wall.example' });
    expect(config !== 'help' && config.allowedOrigins).toEqual(['app://mission-control', 'https://wall.example']);
    t = await startTestHub(workspace(), { allowedOrigins: config !== 'help' ? config.allowedOrigins : [] }, { METRICS_URL: metricsUrl() });
    const preflight = (origin: string) =>
      t.http('/api/v1/incidents', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,idempotency-key' },
      });
    const ok = await preflight('app://mission-control');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('app://mission-control');
    expect(ok.headers.get('access-control-allow-methods')).toContain('POST');
    expect(ok.headers.get('access-control-allow-headers')).toBe('authorization, content-type, accept, idempotency-key');
    expect(ok.headers.get('access-control-allow-credentials')).toBeNull();
    const get = await t.http('/api/v1/workspace', { token: t.adminToken, headers: { origin: 'https://wall.example' } });
    expect(get.status).toBe(200);
    expect(get.headers.get('access-control-allow-origin')).toBe('https://wall.example');
    // A foreign page gets no CORS grant, so its browser withholds the answer (the token still decides the rest).
    const foreign = await preflight('http://evil.example');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const foreignGet = await t.http('/api/v1/workspace', { token: t.adminToken, headers: { origin: 'http://evil.example' } });
    expect(foreignGet.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('bad input harms nothing', () => {
  it('answers invalid and unknown events with a clear error and keeps serving', async () => {
    t = await startTestHub(workspace(), {}, { METRICS_URL: metricsUrl() });
    const socket = await t.connect(t.adminToken);
    const raw = socket as unknown as { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> };
    expect(await raw.emitWithAck('frames:subscribe', { keys: 5 })).toEqual({
      ok: false,
      error: { code: 'invalid', message: expect.stringMatching(/invalid frames:subscribe payload at keys: .*expected array/i) },
    });
    expect(await raw.emitWithAck('frames:subscribe', null)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await raw.emitWithAck('tokens:create', { name: 'x', role: 'superuser' })).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringContaining('role') } });
    expect(await raw.emitWithAck('drop:tables', {})).toEqual({ ok: false, error: { code: 'invalid', message: 'unknown event "drop:tables"' } });
    (socket as unknown as { emit(event: string, payload: unknown): void }).emit('frames:subscribe', 'no ack at all'); // must not throw on the hub
    expect(socket.connected).toBe(true);
    expect((await t.http('/api/v1/health')).status).toBe(200);
    expect(await socket.emitWithAck('tokens:list', {})).toMatchObject({ ok: true });
  });

  it('refuses an oversized payload on a socket and over REST, and stays up', async () => {
    t = await startTestHub(workspace(), {}, { METRICS_URL: metricsUrl() });
    const socket = await t.connect(t.adminToken);
    const big = { keys: ['k'.repeat(1_500_000)] };
    expect(await socket.emitWithAck('frames:subscribe', big)).toEqual({
      ok: false,
      error: { code: 'too_large', message: expect.stringMatching(/exceeds the 1048576-byte limit/) },
    });
    expect(socket.connected).toBe(true);
    const rest = await t.http('/api/v1/tokens', { method: 'POST', token: t.adminToken, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'n'.repeat(2_000_000), role: 'viewer' }) });
    expect(rest.status).toBe(413);
    expect(await rest.json()).toMatchObject({ error: 'too_large' });
    expect(await socket.emitWithAck('tokens:list', {})).toMatchObject({ ok: true });
  });

  it('rate-limits a token that floods the hub, per token', async () => {
    const { viewerSecret } = await hubWithViewer({ rateLimitPerSecond: 5 });
    const viewer = await t.connect(viewerSecret);
    const results = await Promise.all(Array.from({ length: 40 }, () => viewer.emitWithAck('frames:subscribe', { keys: [] })));
    const limited = results.filter((r) => !r.ok && r.error.code === 'rate_limited');
    expect(limited.length).toBeGreaterThan(20);
    expect(results.filter((r) => r.ok).length).toBeGreaterThanOrEqual(5);
    // Asking the hub's clock is not counted: a screen still sets its clock while its token is spent.
    const before = Date.now();
    const time = await viewer.emitWithAck('hub:time', {});
    expect(time).toMatchObject({ ok: true });
    expect(time.ok && time.serverTime).toBeGreaterThanOrEqual(before);
    expect(time.ok && time.serverTime).toBeLessThanOrEqual(Date.now());
    // Another token is unaffected.
    const admin = await t.connect(t.adminToken);
    expect(await admin.emitWithAck('tokens:list', {})).toMatchObject({ ok: true });
  });

  it('rejects a REST body that fails validation, naming the field', async () => {
    t = await startTestHub(workspace(), {}, { METRICS_URL: metricsUrl() });
    const res = await t.http('/api/v1/tokens', { method: 'POST', token: t.adminToken, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x', role: 'root' }) });
    expect(res.status).toBe(400);
    expect((await res.json()).message).toMatch(/role/);
    const junk = await t.http('/api/v1/tokens', { method: 'POST', token: t.adminToken, headers: { 'content-type': 'application/json' }, body: '{"name": ' });
    expect(junk.status).toBe(400);
  });
});

describe('the workspace as code', () => {
  it('keeps the last valid workspace through a broken edit, reports where, and applies a valid edit within 2 s', async () => {
    t = await startTestHub(workspace('Before'), {}, { METRICS_URL: metricsUrl() });
    const socket = await t.connect(t.adminToken);
    const changes: WorkspaceState[] = [];
    socket.on('workspace:changed', (state) => changes.push(state));

    const broken = workspace('Broken').replace('w: 6', 'w: 30');
    await writeFile(t.workspaceFile, broken);
    const refused = await eventually('the refusal', () => changes.find((c) => c.issues !== null), 2000);
    expect(refused.workspace?.title).toBe('Before');
    expect(refused.issues).toContainEqual({ file: 'workspace.yaml', line: 10, column: 68, field: 'walls[0].panels[0].gridPos.w', message: 'expected at most 24, got 30' });
    // The data keeps flowing from the last valid workspace.
    const rest = await (await t.http('/api/v1/workspace', { token: t.adminToken })).json();
    expect(rest.workspace.title).toBe('Before');
    expect(rest.issues[0].field).toBe('walls[0].panels[0].gridPos.w');

    const started = Date.now();
    await writeFile(t.workspaceFile, workspace('After'));
    const applied = await eventually('the valid edit', () => changes.find((c) => c.workspace?.title === 'After' && c.issues === null), 2000);
    expect(applied.workspace?.title).toBe('After');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses to start on an invalid workspace, saying where', async () => {
    await expect(startTestHub('version: 1\ntitle: x\nsources: []\nwalls: []\n')).rejects.toThrow(/workspace\.yaml:3:10 sources: expected at least 1 item/);
  });
});

describe('documents', () => {
  it('serves an OpenAPI document listing every REST endpoint, and the workspace JSON Schema', async () => {
    t = await startTestHub(workspace(), {}, { METRICS_URL: metricsUrl() });
    const doc = await (await t.http('/api/v1/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/api/v1/canaries',
        '/api/v1/canaries/{id}/results',
        '/api/v1/canaries/{id}/rollups',
        '/api/v1/changes',
        '/api/v1/frames',
        '/api/v1/health',
        '/api/v1/incidents',
        '/api/v1/incidents/{id}/entries',
        '/api/v1/incidents/{id}/postmortem.json',
        '/api/v1/incidents/{id}/postmortem.html',
        '/api/v1/incidents/{id}/postmortem.md',
        '/api/v1/incidents/{id}/postmortem.zip',
        '/api/v1/incidents/{id}/timeline',
        '/api/v1/ingest/changes',
        '/api/v1/ingest/junit',
        '/api/v1/live-plans',
        '/api/v1/ingest/push',
        '/api/v1/enrol',
        '/api/v1/enrol/claim',
        '/api/v1/enrolments',
        '/api/v1/enrolments/codes',
        '/api/v1/enrol/redeem',
        '/api/v1/walls/health',
        '/api/v1/grafana/convert',
        '/api/v1/sources/{id}/query',
        '/api/v1/openapi.json',
        '/api/v1/plan-templates',
        '/api/v1/plans',
        '/api/v1/plans/{id}',
        '/api/v1/plans/{id}/calendar.ics',
        '/api/v1/plans/{id}/check-ins',
        '/api/v1/plans/{id}/decision',
        '/api/v1/plans/{id}/fired/{riskId}/incident',
        '/api/v1/plans/{id}/freeze-changes',
        '/api/v1/plans/{id}/lessons',
        '/api/v1/plans/{id}/plan.yaml',
        '/api/v1/plans/{id}/report.md',
        '/api/v1/plans/{id}/state',
        '/api/v1/plans/{id}/weekend-readiness.md',
        '/api/v1/plans/{id}/weekend-report.md',
        '/api/v1/token',
        '/api/v1/tokens',
        '/api/v1/tokens/{id}',
        '/api/v1/workspace',
        '/api/v1/workspace.schema.json',
        '/api/v1/incidents/{id}/snapshots',
        '/api/v1/incidents/{id}/snapshots/{snapshotId}',
        '/api/v1/incidents/{id}/related',
        '/api/v1/ingest/posts',
        '/api/v1/pulse',
        '/api/v1/ingest/pages',
        '/api/v1/ingest/pages/alertmanager',
        '/api/v1/ingest/pages/pagerduty',
        '/api/v1/pages',
        '/api/v1/risks',
        '/api/v1/work-logs',
        '/api/v1/slos',
        '/api/v1/review/weekly.md',
        '/api/v1/review/weekly.json',
        '/api/v1/incidents/{id}/follow-ups/{followUpId}/close',
        '/api/v1/incidents/{id}/follow-ups/{followUpId}/reopen',
      ].sort(),
    );
    expect(doc.paths['/api/v1/tokens'].post['x-required-role']).toBe('admin');
    const schema = await (await t.http('/api/v1/workspace.schema.json')).json();
    expect(schema.properties.walls.type).toBe('array');
    expect(schema.required).toEqual(expect.arrayContaining(['version', 'title', 'sources', 'walls']));
  });

  it('answers unknown API paths with JSON 404', async () => {
    t = await startTestHub(workspace(), {}, { METRICS_URL: metricsUrl() });
    const res = await t.http('/api/v1/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'not_found' });
  });
});

export type { ClientSocket };
