/**
 * Impact snapshots on a real hub: a console uploads a chart as PNG, logs the entry that shows it,
 * and anyone with a token reads it back; bad uploads are refused in words and store nothing.
 */
import { strFromU8, unzipSync } from 'fflate';
import { ulid } from 'ulid';
import { afterEach, describe, expect, it } from 'vitest';
import type { IncidentSummary } from '../../shared/protocol/incidents.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { useMetricsServer } from '../support/metrics-server.ts';
import { scrapedWorkspaceYaml } from '../support/minimal-workspace.ts';
import { tinyPng } from '../support/png.ts';

const metricsUrl = useMetricsServer();

const workspace = scrapedWorkspaceYaml();

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

/** Log the "snapshot" entry that shows an uploaded picture. */
const logSnapshot = (incidentId: string, token: string, assetId: string, text: string, panelId = 'edge-5xx') =>
  t.http(`/api/v1/incidents/${incidentId}/entries`, {
    method: 'POST',
    token,
    headers: { ...json, 'idempotency-key': ulid() },
    body: JSON.stringify({ kind: 'snapshot', text, data: { assetId, panelId, capturedAt: Date.now() } }),
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

describe('the postmortem with its pictures (.zip)', () => {
  const bundle = async (incidentId: string, token?: string) => {
    const res = await t.http(`/api/v1/incidents/${incidentId}/postmortem.zip`, token ? { token } : {});
    return { res, files: res.status === 200 ? unzipSync(new Uint8Array(await res.arrayBuffer())) : {} };
  };

  it('holds postmortem.md with relative picture links and the very PNGs that were uploaded, for any viewer', async () => {
    const { responder, viewer, incident } = await setup();
    const peak = tinyPng(6, 4);
    const after = tinyPng(3, 3);
    const [peakId, afterId] = [ulid(), ulid()];
    expect((await upload(incident.id, responder, peak, peakId)).status).toBe(201);
    expect((await upload(incident.id, responder, after, afterId)).status).toBe(201);
    expect((await logSnapshot(incident.id, responder, peakId, '5xx rate at the peak')).status).toBe(200);
    expect((await logSnapshot(incident.id, responder, afterId, 'after the rollback', 'edge-rps')).status).toBe(200);
    // The same picture shown twice is one file.
    expect((await logSnapshot(incident.id, responder, peakId, 'the peak again, for the summary')).status).toBe(200);

    const { res, files } = await bundle(incident.id, viewer);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="postmortem-${incident.id}.zip"`);
    expect(Object.keys(files).sort()).toEqual(['postmortem.md', `images/${afterId}.png`, `images/${peakId}.png`].sort());
    expect(files[`images/${peakId}.png`]).toEqual(peak);
    expect(files[`images/${afterId}.png`]).toEqual(after);

    const md = strFromU8(files['postmortem.md']!);
    expect(md).toContain('# Postmortem: EU edge 403s');
    expect(md).toContain(`edge-5xx: 5xx rate at the peak — ![edge-5xx](images/${peakId}.png)`);
    expect(md).toContain(`edge-rps: after the rollback — ![edge-rps](images/${afterId}.png)`);
    // Nothing in it needs the hub: no link back to the API.
    expect(md).not.toContain('/api/');
    // The hub's own .md still links the PNG on the hub.
    const hubMd = await (await t.http(`/api/v1/incidents/${incident.id}/postmortem.md`, { token: viewer })).text();
    expect(hubMd).toContain(`[PNG](/api/v1/incidents/${incident.id}/snapshots/${peakId})`);

    expect((await bundle(incident.id)).res.status).toBe(401);
    expect((await bundle(ulid(), viewer)).res.status).toBe(404);
  });

  it('is just the Markdown for an incident without snapshots', async () => {
    const { viewer, incident } = await setup();
    const { res, files } = await bundle(incident.id, viewer);
    expect(res.status).toBe(200);
    expect(Object.keys(files)).toEqual(['postmortem.md']);
    expect(strFromU8(files['postmortem.md']!)).toContain('## Impact snapshots\n\n_None._');
  });
});

describe('the postmortem with its pictures inline (.html)', () => {
  it('is one file with each snapshot as a data: image, and incident text only ever as text', async () => {
    const { responder, viewer, incident } = await setup();
    const png = tinyPng(5, 2);
    const key = ulid();
    expect((await upload(incident.id, responder, png, key)).status).toBe(201);
    expect((await logSnapshot(incident.id, responder, key, '5xx rate at the peak')).status).toBe(200);
    const hostile = 'edge says <script>alert(1)</script> and <img src=x onerror=alert(2)> [x](javascript:alert(3))';
    const note = await t.http(`/api/v1/incidents/${incident.id}/entries`, {
      method: 'POST',
      token: responder,
      headers: { ...json, 'idempotency-key': ulid() },
      body: JSON.stringify({ kind: 'note', text: hostile }),
    });
    expect(note.status).toBe(200);

    const res = await t.http(`/api/v1/incidents/${incident.id}/postmortem.html`, { token: viewer });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="postmortem-${incident.id}.html"`);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<title>Postmortem: EU edge 403s</title>');
    expect(html).toContain(`<img src="data:image/png;base64,${Buffer.from(png).toString('base64')}" alt="edge-5xx"/>`);
    expect(html).not.toContain('/api/');
    // The hostile note is there, as text: no element, no attribute, no link made of it.
    expect(html).toContain('edge says &lt;script&gt;alert(1)&lt;/script&gt; and &lt;img src=x onerror=alert(2)&gt;');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img[^>]*onerror/i);
    expect(html).not.toContain('href="javascript:');
    expect((await t.http(`/api/v1/incidents/${incident.id}/postmortem.html`)).status).toBe(401);
  });
});
