/**
 * The Settings action of the Grafana import against a real hub: an admin posts a real dashboard
 * export and gets workspace YAML the hub accepts, with the unsupported panels listed; a malformed
 * dashboard is a 400 naming the field; only admins may call it.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseWorkspace } from '../../electron/hub/workspace/load.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';

let t: TestHub | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const workspace = `
version: 1
title: Grafana
sources:
  - { id: ops, type: push }
walls:
  - id: main
    title: Main
    panels:
      - { id: a, title: A, type: stat, gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: ops, query: { series: a } }
`;
const json = { 'content-type': 'application/json' };
const fixture = readFileSync('test/fixtures/grafana/platform-grafana6.json', 'utf8');

describe('POST /api/v1/grafana/convert', () => {
  it('converts a real Grafana 6 export into YAML that loads, listing the panels it cannot bring', async () => {
    t = await startTestHub(workspace);
    const res = await t.http('/api/v1/grafana/convert?source=prom', { method: 'POST', token: t.adminToken, headers: json, body: fixture });
    expect(res.status).toBe(200);
    const reply = (await res.json()) as { yaml: string; skipped: { title: string; type: string; reason: string }[]; warnings: string[] };
    const parsed = parseWorkspace(reply.yaml, 'converted.yaml', { PROMETHEUS_URL: 'http://127.0.0.1:9090' });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.workspace.sources[0]).toMatchObject({ id: 'prom', type: 'prometheus' });
    const panels = parsed.workspace.walls[0]!.panels;
    expect(panels.length).toBeGreaterThan(0);
    expect(panels.every((p) => !('source' in p) || p.source === 'prom')).toBe(true);
    // Every panel of the export is either converted or listed, none dropped silently.
    const exported = (JSON.parse(fixture) as { panels: { type: string; panels?: unknown[] }[] }).panels.flatMap((p) => (p.type === 'row' ? (p.panels ?? []) : [p]));
    expect(panels.length + reply.skipped.length).toBe(exported.length);
    expect(reply.skipped.length).toBeGreaterThan(0);
    for (const s of reply.skipped) {
      expect(s.title).not.toBe('');
      expect(s.reason).not.toBe('');
      expect(reply.yaml).toContain(`"${s.title}" (${s.type})`);
    }
  });

  it('accepts the { dashboard } envelope of Grafana\'s API', async () => {
    t = await startTestHub(workspace);
    const body = JSON.stringify({ dashboard: JSON.parse(fixture), meta: { slug: 'platform' } });
    const res = await t.http('/api/v1/grafana/convert', { method: 'POST', token: t.adminToken, headers: json, body });
    expect(res.status).toBe(200);
  });

  it('refuses a malformed dashboard with 400 naming what and where, and non-admins', async () => {
    t = await startTestHub(workspace);
    const post = (body: string, token: string = t!.adminToken) => t!.http('/api/v1/grafana/convert', { method: 'POST', token, headers: json, body });
    const badTargets = await post(JSON.stringify({ title: 'x', panels: [{ type: 'stat', title: 'A' }, { type: 'stat', title: 'B', targets: 'up' }] }));
    expect(badTargets.status).toBe(400);
    expect(((await badTargets.json()) as { message: string }).message).toMatch(/panels\[1\]\.targets: expected (an )?array/);
    const noPanels = await post(JSON.stringify({ title: 'not a dashboard' }));
    expect(noPanels.status).toBe(400);
    expect(((await noPanels.json()) as { message: string }).message).toMatch(/expected an object with "panels"/);
    const notJson = await post('{"panels": [');
    expect(notJson.status).toBe(400);
    const list = await post('[1, 2]');
    expect(list.status).toBe(400);
    expect(((await list.json()) as { message: string }).message).toMatch(/body: expected the Grafana dashboard JSON/);
    const created = await t.http('/api/v1/tokens', { method: 'POST', token: t.adminToken, headers: json, body: JSON.stringify({ name: 'viewer', role: 'viewer' }) });
    const { secret } = (await created.json()) as { secret: string };
    expect((await post(fixture, secret)).status).toBe(403);
    expect((await post(fixture, '')).status).toBe(401); // no token
  });
});
