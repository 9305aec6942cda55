/**
 * Webhook deliveries survive a restart of a real hub on the same data folder: a message queued
 * while the receiver (a real loopback HTTP server) is down is delivered, in order, once it is up
 * again after the restart; failed deliveries are still listed; a webhook removed from the
 * workspace meanwhile gets nothing and its message is failed in words; the history stays bounded.
 * The last test kills the hub process with SIGKILL instead of stopping it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { ulid } from 'ulid';
import { afterEach, describe, expect, it } from 'vitest';
import { startHub, type HubHandle } from '../../electron/hub/hub.ts';
import { KEEP_SETTLED, KEEP_SETTLED_MS, webhookKey } from '../../electron/hub/incidents/webhooks.ts';
import { openDatabase } from '../../electron/hub/store/db.ts';
import type { WebhookDelivery } from '../../shared/protocol/webhooks.ts';
import type { ClientSocket } from '../support/hub.ts';
import { eventually, startTestHub, type TestHub } from '../support/hub.ts';
import { freePort, startHubProcess, type HubProcess } from '../support/hub-process.ts';
import { useMetricsServer } from '../support/metrics-server.ts';
import { scrapedWorkspaceYaml } from '../support/minimal-workspace.ts';

const metricsUrl = useMetricsServer();
/** Every 100 ms for ten seconds: long enough to outlast a restart, short enough for a test. */
const RETRY_MS = Array.from({ length: 100 }, () => 100);

/** The webhook receiver on a fixed loopback port, which a test takes down and brings back up. */
class Receiver {
  readonly received: { path: string; headline: string }[] = [];
  readonly port: number;
  #server: Server | null = null;
  private constructor(port: number) {
    this.port = port;
  }

  static async create(): Promise<Receiver> {
    return new Receiver(await freePort());
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Accepts every message, but /gone, which it refuses (as Slack does a revoked hook). */
  async up(): Promise<void> {
    const server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        if (req.url === '/gone') return res.writeHead(404).end('no_service');
        this.received.push({ path: req.url ?? '', headline: (JSON.parse(raw) as { text: string }).text.split('\n')[0]! });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(this.port, '127.0.0.1', r));
    this.#server = server;
  }

  async down(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
}

const workspace = (hooks: string) => scrapedWorkspaceYaml(`incidents:\n  webhooks:\n${hooks}\n`);
const warRoom = '    - { name: war-room, url: "${HOOK}/war-room", events: [declared, status] }';

let t: TestHub | null = null;
let second: HubHandle | null = null;
let receiver: Receiver | null = null;
afterEach(async () => {
  await second?.close();
  second = null;
  await t?.close();
  t = null;
  await receiver?.down();
  receiver = null;
});

async function start(hooks: string): Promise<TestHub> {
  receiver = await Receiver.create();
  t = await startTestHub(workspace(hooks), {}, { METRICS_URL: metricsUrl(), HOOK: receiver.base }, { webhookRetryMs: RETRY_MS });
  return t;
}

/** Stop the test hub and start another on its data folder and workspace file. */
async function restart(hub: TestHub): Promise<HubHandle> {
  await hub.hub.close();
  second = await startHub(
    {
      host: '127.0.0.1',
      port: 0,
      dataDir: join(hub.dir, 'data'),
      workspaceFile: hub.workspaceFile,
      demo: false,
      demoPort: 0,
      demoSpeed: 1,
      uiDir: null,
      allowedOrigins: [],
      adminTokenSeed: hub.adminToken,
      rateLimitPerSecond: 1000,
      watchWorkspace: false,
    },
    { vars: { METRICS_URL: metricsUrl(), HOOK: receiver!.base }, log: () => {}, webhookRetryMs: RETRY_MS },
  );
  return second;
}

async function post<T>(url: string, path: string, token: string, body: unknown): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': ulid() },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Declare an incident and move it to mitigated, then resolved: three messages to the war room. */
async function incidentWithThreeMessages(url: string, token: string): Promise<string> {
  const { incident } = await post<{ incident: { id: string } }>(url, '/api/v1/incidents', token, { title: 'EU edge 403s', severity: 1, author: 'ann' });
  for (const status of ['mitigated', 'resolved']) {
    await post(url, `/api/v1/incidents/${incident.id}/entries`, token, { kind: 'status', text: '', data: { status } });
  }
  return incident.id;
}

/** What the consoles are told when they ask, from a fresh socket. */
async function listed(url: string, token: string, incidentId?: string): Promise<WebhookDelivery[]> {
  const socket: ClientSocket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const answer = await socket.emitWithAck('webhooks:deliveries', incidentId === undefined ? {} : { incidentId });
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.deliveries;
  } finally {
    socket.close();
  }
}

const WAR_ROOM_ORDER = ['🚨 SEV1 declared: EU edge 403s', 'SEV1 EU edge 403s: mitigated', 'SEV1 EU edge 403s: resolved'];

describe('webhook deliveries across a restart', () => {
  it('delivers, in order, what was queued while the receiver was down, once it is up after the restart', async () => {
    const hub = await start(warRoom);
    const incidentId = await incidentWithThreeMessages(hub.hub.url, hub.adminToken);
    await eventually('the first message to be retrying', async () => ((await listed(hub.hub.url, hub.adminToken, incidentId))[0]?.attempts ?? 0) >= 2);

    const after = await restart(hub);
    // Still waiting after the restart, still trying, still in order; nothing reached anyone.
    const waiting = await listed(after.url, hub.adminToken, incidentId);
    expect(waiting.map((d) => d.summary)).toEqual(WAR_ROOM_ORDER);
    expect(waiting[0]).toMatchObject({ webhook: 'war-room', state: 'retrying', lastError: expect.stringContaining('ECONNREFUSED') });
    expect(waiting.slice(1).map((d) => d.state)).toEqual(['pending', 'pending']);

    await receiver!.up();
    await eventually('all three to be delivered', async () => (await listed(after.url, hub.adminToken, incidentId)).every((d) => d.state === 'delivered'));
    expect(receiver!.received.map((r) => r.headline)).toEqual(WAR_ROOM_ORDER);
    const delivered = await listed(after.url, hub.adminToken, incidentId);
    expect(delivered[0]!.attempts).toBeGreaterThan(2);
  });

  it('still lists failed deliveries after a restart, with the webhook’s answer', async () => {
    const hub = await start(`${warRoom}\n    - { name: exec, url: "\${HOOK}/gone", events: [declared] }`);
    await receiver!.up();
    const { incident } = await post<{ incident: { id: string } }>(hub.hub.url, '/api/v1/incidents', hub.adminToken, { title: 'EU edge 403s', severity: 1, author: 'ann' });
    await eventually('both to settle', async () => {
      const list = await listed(hub.hub.url, hub.adminToken);
      return list.length === 2 && list.every((d) => d.state === 'delivered' || d.state === 'failed');
    });
    const before = await listed(hub.hub.url, hub.adminToken);

    const after = await restart(hub);
    expect(await listed(after.url, hub.adminToken)).toEqual(before);
    expect(await listed(after.url, hub.adminToken, incident.id)).toEqual(before);
    expect(before.find((d) => d.webhook === 'exec')).toMatchObject({ state: 'failed', attempts: 1, lastError: 'HTTP 404: no_service' });
    expect(before.find((d) => d.webhook === 'war-room')).toMatchObject({ state: 'delivered', attempts: 1 });
  });

  it('sends nothing to a webhook removed from the workspace meanwhile, and fails its message in words', async () => {
    const hub = await start(`${warRoom}\n    - { name: old, url: "\${HOOK}/old", events: [declared] }`);
    const { incident } = await post<{ incident: { id: string } }>(hub.hub.url, '/api/v1/incidents', hub.adminToken, { title: 'EU edge 403s', severity: 1, author: 'ann' });
    await eventually('both to be retrying', async () => (await listed(hub.hub.url, hub.adminToken)).filter((d) => d.state === 'retrying').length === 2);

    await hub.hub.close();
    await writeFile(hub.workspaceFile, workspace(warRoom));
    await receiver!.up();
    const after = await restart(hub);
    await eventually('both to settle', async () => (await listed(after.url, hub.adminToken)).every((d) => d.state === 'delivered' || d.state === 'failed'));
    expect((await listed(after.url, hub.adminToken, incident.id)).map((d) => [d.webhook, d.state, d.lastError])).toEqual([
      ['war-room', 'delivered', null],
      ['old', 'failed', 'not sent: the webhook is no longer in the workspace'],
    ]);
    expect(receiver!.received.map((r) => r.path)).toEqual(['/war-room']);
  });

  it('keeps the settled history bounded by count and age, and never prunes what still waits', async () => {
    const hub = await start(warRoom);
    await hub.hub.close();
    // A hub that ran for weeks: more settled rows than are kept, some older than are kept, and
    // one message still waiting for the war room.
    const now = Date.now();
    const db = openDatabase(join(hub.dir, 'data', 'mission-control.sqlite'));
    const insert = db.prepare(
      `INSERT INTO webhook_deliveries (id, webhook_key, webhook, incident_id, event, summary, message, state, attempts, created_at, settled_at)
       VALUES (?, ?, 'war-room', 'inc', 'status', ?, '{"text":"old","blocks":[]}', ?, ?, ?, ?)`,
    );
    const key = webhookKey(`${receiver!.base}/war-room`);
    db.exec('BEGIN');
    for (let i = 0; i < 100; i++) insert.run(ulid(now - KEEP_SETTLED_MS - 3_600_000), key, `ancient ${i}`, 'delivered', 1, now - KEEP_SETTLED_MS - 3_600_000, now - KEEP_SETTLED_MS - 3_600_000);
    for (let i = 0; i < KEEP_SETTLED + 100; i++) insert.run(ulid(now - 60_000), key, `recent ${i}`, 'delivered', 1, now - 60_000, now - 60_000);
    insert.run(ulid(now), key, 'still waiting', 'pending', 0, now, null);
    db.exec('COMMIT');
    db.close();
    const count = (where: string) => {
      const check = openDatabase(join(hub.dir, 'data', 'mission-control.sqlite'));
      try {
        return (check.prepare(`SELECT count(*) AS n FROM webhook_deliveries WHERE ${where}`).get() as { n: number }).n;
      } finally {
        check.close();
      }
    };

    await receiver!.up();
    const after = await restart(hub);
    await eventually('the waiting message to be delivered', () => receiver!.received.length === 1);
    await eventually('its delivery to be recorded', async () => (await listed(after.url, hub.adminToken)).at(-1)?.state === 'delivered');
    expect(count('settled_at IS NOT NULL')).toBe(KEEP_SETTLED);
    expect(count(`settled_at < ${now - KEEP_SETTLED_MS}`)).toBe(0);
    expect(count("summary = 'still waiting' AND state = 'delivered'")).toBe(1);

    // A new incident's message keeps it at the bound.
    await post(after.url, '/api/v1/incidents', hub.adminToken, { title: 'EU edge 403s', severity: 1, author: 'ann' });
    await eventually('the new message to be delivered', () => receiver!.received.length === 2);
    await eventually('the history to stay at the bound', () => count('1') === KEEP_SETTLED);
    expect((await listed(after.url, hub.adminToken)).length).toBe(200);
  });
});

describe('webhook deliveries across a crash', () => {
  const ADMIN = 'mc_webhooks-admin-0123456789abcdefghijklm';
  let dir = '';
  let proc: HubProcess | null = null;
  afterEach(async () => {
    await proc?.kill();
    proc = null;
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('delivers after SIGKILL what was waiting for a receiver that was down', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mc-webhooks-'));
    receiver = await Receiver.create();
    const workspaceFile = join(dir, 'workspace.yaml');
    await writeFile(workspaceFile, workspace(warRoom));
    const options = { port: await freePort(), dataDir: join(dir, 'data'), workspaceFile, adminToken: ADMIN, env: { METRICS_URL: metricsUrl(), HOOK: receiver.base } };
    proc = await startHubProcess(options);
    const incidentId = await incidentWithThreeMessages(proc.url, ADMIN);
    await eventually('the first message to be retrying', async () => (await listed(proc!.url, ADMIN, incidentId))[0]?.state === 'retrying');

    await proc.kill();
    await receiver.up();
    proc = await startHubProcess(options);
    // The first retry (2 s after the first try, by the default schedule) was due during the crash or soon after.
    await eventually('all three to be delivered', async () => (await listed(proc!.url, ADMIN, incidentId)).every((d) => d.state === 'delivered'), 15_000);
    expect(receiver.received.map((r) => r.headline)).toEqual(WAR_ROOM_ORDER);
  }, 30_000);
});
