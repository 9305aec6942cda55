/**
 * Impact snapshots on a real hub: a console uploads a chart as PNG, logs the entry that shows it,
 * and anyone with a token reads it back; bad uploads are refused in words and store nothing.
 */
import { ulid } from 'ulid';
import { afterEach, describe, expect, it } from 'vitest';
import type { IncidentSummary } from '../../shared/protocol/incidents.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { useMetricsServer } from '../support/metrics-server.ts';
import { tinyPng } from '../support/png.ts';

const metricsUrl = useMetricsServer();

const workspace = `
version: 1
title: War room
sources:
  - { id: local, type: scrape, url: "\${METRICS_URL}", interval: 5s, timeout: 1s }
walls:
  - id: main
    title: Main
    panels:
      - { id: up, title: Up, type: stat, gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: local, query: { metric: up } }
`;

let t: TestHub;
afterEach(async () => t?.close());

const json = { 'content-type': 'application/json' };

async function setup() {
  t = await startTestHub(workspace, {}, { METRICS_URL: metricsUrl() });
  const admin = await t.connect(t.adminToken);
  const secrets = {} as Record<'responder' | 'viewer', string>;
  for (const role of ['responder', 'viewer'] as const) {
    const created = await admin.emitWithAck('tokens:create', { name: `${role} seat`, role });
    if (!created.ok) throw new Error(created.error.message);
    secrets[role] = created.secret;
  }
  const declared = await t.http('/api/v1/incidents', { method: 'POST', token: secrets.responder, headers: json, body: JSON.stringify({ title: 'EU edge 403s', severity: 1 }) });
  const { incident } = (await declared.json()) as { incident: IncidentSummary };
  return { ...secrets, incident };
}

const upload = (incidentId: string, token: string, body: Uint8Array | string, key: string | null = ulid(), type = 'image/png') =>
  t.http(`/api/v1/incidents/${incidentId}/snapshots`, {
    method: 'POST',
    token,
    headers: { 'content-type': type, ...(key ? { 'idempotency-key': key } : {}) },
    body: typeof body === 'string' ? body : Buffer.from(body),
  });

describe('impact snapshots', () => {
  it('keeps an uploaded PNG, serves it to any token holder, links it from the timeline and the postmortem', async () => {
    const { responder, viewer, incident } = await setup();
    const png = tinyPng(4, 3);
    const key = ulid();
    const first = await upload(incident.id, responder, png, key);
    expect(first.status).toBe(201);
    const { snapshot } = (await first.json()) as { snapshot: { id: string; url: string; width: number; height: number; size: number } };
    expect(snapshot).toMatchObject({ id: key, width: 4, height: 3, size: png.length, url: `/api/v1/incidents/${incident.id}/snapshots/${key}` });

    // A retry is the same snapshot.
    const again = await upload(incident.id, responder, png, key);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');

    const image = await t.http(snapshot.url, { token: viewer });
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(png);
    expect((await t.http(snapshot.url)).status).toBe(401);
    expect((await t.http(`/api/v1/incidents/${incident.id}/snapshots/${ulid()}`, { token: viewer })).status).toBe(404);

    // The entry that shows it names it; one that names a picture nobody uploaded is refused.
    const entry = (assetId: string) =>
      t.http(`/api/v1/incidents/${incident.id}/entries`, {
        method: 'POST',
        token: responder,
        headers: { ...json, 'idempotency-key': ulid() },
        body: JSON.stringify({ kind: 'snapshot', text: '5xx rate at the peak', data: { assetId, panelId: 'edge-5xx', capturedAt: Date.now() } }),
      });
    expect((await entry(key)).status).toBe(200);
    const missing = await entry(ulid());
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { message: string }).message).toContain('upload the PNG first');

    const md = await (await t.http(`/api/v1/incidents/${incident.id}/postmortem.md`, { token: viewer })).text();
    expect(md).toContain(`edge-5xx: 5xx rate at the peak — [PNG](/api/v1/incidents/${incident.id}/snapshots/${key})`);
  });

  it('refuses what is not a whole PNG, too big, of the wrong type, without a key, or for no incident, in words', async () => {
    const { responder, viewer, incident } = await setup();
    const message = async (res: Response) => ((await res.json()) as { message: string }).message;

    const notPng = await upload(incident.id, responder, 'GIF89a and more bytes that are not a PNG at all, no no no');
    expect(notPng.status).toBe(400);
    expect(await message(notPng)).toContain('PNG signature');
    const png = tinyPng();
    const truncated = await upload(incident.id, responder, png.subarray(0, png.length - 4));
    expect(truncated.status).toBe(400);
    expect(await message(truncated)).toContain('truncated');
    const big = new Uint8Array(2 * 1024 * 1024 + 1);
    big.set(png);
    const tooBig = await upload(incident.id, responder, big);
    expect(tooBig.status).toBe(413);
    const gif = await upload(incident.id, responder, png, ulid(), 'image/gif');
    expect(gif.status).toBe(415);
    const noKey = await upload(incident.id, responder, png, null);
    expect(noKey.status).toBe(400);
    expect(await message(noKey)).toContain('Idempotency-Key');
    expect((await upload(ulid(), responder, png)).status).toBe(404);
    expect((await upload(incident.id, viewer, png)).status).toBe(403);
    // One id, two pictures: the second is refused rather than replacing the first.
    const key = ulid();
    expect((await upload(incident.id, responder, png, key)).status).toBe(201);
    expect((await upload(incident.id, responder, tinyPng(5, 5), key)).status).toBe(409);
  });
});
