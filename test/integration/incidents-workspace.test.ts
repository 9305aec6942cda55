/**
 * What the workspace's `incidents` section does on a real hub: the status-update cadence per
 * severity (in the walls' "next update due", and again after the file changes), and delivery to
 * Slack-compatible webhooks on a real local HTTP server that fails first, refuses, or hangs.
 */
import { writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ulid } from 'ulid';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentSummary } from '../../shared/protocol/incidents.ts';
import type { WebhookDelivery } from '../../shared/protocol/webhooks.ts';
import { eventually, startTestHub, type TestHub } from '../support/hub.ts';

const MIN = 60_000;

/** The webhook receiver: /flaky fails once then accepts, /gone always 404s, /slow never answers. */
let receiver: Server;
let base: string;
const received: { path: string; body: { text: string; blocks: { type: string; text?: { text: string } }[] } }[] = [];
const hits = new Map<string, number>();
beforeAll(async () => {
  receiver = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const path = req.url ?? '';
      const n = (hits.get(path) ?? 0) + 1;
      hits.set(path, n);
      if (path === '/slow') return; // never answers
      if (path === '/metrics') return res.end('# TYPE up gauge\nup 1\n');
      if (path === '/gone') return res.writeHead(404).end('no_service');
      if (path === '/flaky' && n === 1) return res.writeHead(500).end('internal_error');
      received.push({ path, body: JSON.parse(raw) });
      res.end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(() => {
  receiver.closeAllConnections();
  return new Promise<void>((r) => receiver.close(() => r()));
});

const workspace = (externalFirst: string) => `
version: 1
title: War room
sources:
  - { id: local, type: scrape, url: "\${BASE}/metrics", interval: 5s, timeout: 1s }
walls:
  - id: main
    title: Main
    panels:
      - { id: up, title: Up, type: stat, gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: local, query: { metric: up } }
incidents:
  cadence:
    sev1:
      external: { first: ${externalFirst}, every: 10m }
      internal: { first: 3m, every: 30m }
  webhooks:
    - { name: war-room, url: "\${BASE}/flaky" }
    - { name: exec, url: "\${BASE}/gone", events: [declared] }
    - { url: "\${BASE}/slow", events: [declared] }
`;

let t: TestHub;
afterEach(async () => t?.close());

async function room() {
  t = await startTestHub(workspace('2m'), {}, { BASE: base }, { webhookRetryMs: [50, 50, 50] });
  const admin = await t.connect(t.adminToken);
  const secrets = {} as Record<'responder' | 'viewer', string>;
  for (const role of ['responder', 'viewer'] as const) {
    const created = await admin.emitWithAck('tokens:create', { name: `${role} seat`, role });
    if (!created.ok) throw new Error(created.error.message);
    secrets[role] = created.secret;
  }
  return { responder: await t.connect(secrets.responder), viewer: await t.connect(secrets.viewer) };
}

describe('the workspace’s incident settings', () => {
  it('delivers declarations, status changes and updates to webhooks, retrying a failure, reporting a refusal, blocking nothing', async () => {
    const { responder, viewer } = await room();
    const deliveries = new Map<string, WebhookDelivery[]>();
    viewer.on('incident:delivery', (d) => deliveries.set(d.id, [...(deliveries.get(d.id) ?? []), d]));

    const started = Date.now();
    const declared = await responder.emitWithAck('incident:declare', { id: ulid(), title: 'EU edge <@channel> & 403s', severity: 1, author: 'ann', console: 'c1' });
    if (!declared.ok) throw new Error(declared.error.message);
    // The ack does not wait for any webhook (one of them never answers).
    expect(Date.now() - started).toBeLessThan(2000);

    const states = (webhook: string) => [...deliveries.values()].filter((d) => d[0]!.webhook === webhook).map((d) => d.map((s) => s.state));
    await eventually('the flaky webhook to get the declaration on the second try', () => states('war-room').some((s) => s.at(-1) === 'delivered'));
    expect(states('war-room')[0]).toEqual(['pending', 'retrying', 'delivered']);
    const flaky = [...deliveries.values()].find((d) => d[0]!.webhook === 'war-room')!;
    expect(flaky[1]).toMatchObject({ attempts: 1, lastError: 'HTTP 500: internal_error' });
    expect(flaky.at(-1)).toMatchObject({ attempts: 2, lastError: null, event: 'declared' });

    // Slack's incoming-webhook JSON, user text escaped so nobody pings the channel.
    const message = received.find((r) => r.path === '/flaky')!.body;
    expect(message.text.split('\n')[0]).toBe('🚨 SEV1 declared: EU edge &lt;@channel&gt; &amp; 403s');
    expect(message.blocks.map((b) => b.type)).toEqual(['section', 'section', 'context']);

    // A refusal is final and shown; the host names a webhook without a name, never the URL.
    await eventually('the refused delivery to be reported', () => states('exec').some((s) => s.at(-1) === 'failed'));
    const listed = await viewer.emitWithAck('webhooks:deliveries', { incidentId: declared.incident.id });
    if (!listed.ok) throw new Error(listed.error.message);
    expect(listed.deliveries.find((d) => d.webhook === 'exec')).toMatchObject({ state: 'failed', attempts: 1, lastError: 'HTTP 404: no_service' });
    expect(listed.deliveries.find((d) => d.webhook === new URL(base).host)).toMatchObject({ state: 'pending' });
    expect(JSON.stringify(listed.deliveries)).not.toContain('/slow');

    // A status change and a sent status update follow, in order.
    const cmd = (kind: string, data: object, text = '') => ({ id: ulid(), incidentId: declared.incident.id, kind, text, occurredAt: Date.now(), author: 'ann', console: 'c1', data });
    const status = await responder.emitWithAck('incident:command', cmd('status', { status: 'mitigated' }) as never);
    expect(status.ok).toBe(true);
    await responder.emitWithAck('incident:command', cmd('status_update', { audience: 'external', conditions: 'errors falling', actions: 'rolled back', needs: '', sentAt: Date.now() }, 'Playback recovering') as never);
    await eventually('both to arrive', () => received.filter((r) => r.path === '/flaky').length === 3);
    const [, statusMsg, updateMsg] = received.filter((r) => r.path === '/flaky').map((r) => r.body.text);
    expect(statusMsg!.split('\n')[0]).toBe('SEV1 EU edge &lt;@channel&gt; &amp; 403s: mitigated');
    expect(updateMsg).toContain('external status update');
    expect(updateMsg).toContain('*Conditions:* errors falling');
  });

  it('counts the next status update down by the workspace’s cadence, and follows a change of the file', async () => {
    const { responder, viewer } = await room();
    const summaries: IncidentSummary[] = [];
    viewer.on('incident:summary', (s) => summaries.push(s));
    const at = Date.now();
    const declared = await responder.emitWithAck('incident:declare', { id: ulid(), title: 'x', severity: 1, author: 'ann', console: 'c1', occurredAt: at });
    if (!declared.ok) throw new Error(declared.error.message);
    expect(declared.incident.nextUpdateDue).toEqual({ audience: 'external', dueAt: at + 2 * MIN });

    await writeFile(t.workspaceFile, workspace('4m'));
    await t.hub.reloadWorkspace();
    await eventually('the banner to follow the new cadence', () => summaries.at(-1)?.nextUpdateDue?.dueAt === at + 3 * MIN);
    expect(summaries.at(-1)!.nextUpdateDue).toEqual({ audience: 'internal', dueAt: at + 3 * MIN });
  });
});
