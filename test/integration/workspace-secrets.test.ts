/**
 * What the file pulls in through ${ENV} stays on the hub: a wall (viewer) screen — and every other
 * client — is sent the workspace without source credentials and headers, URL query values, Slack
 * webhook URLs, feed tokens or canary requests, on hello, on `workspace:changed` and over REST;
 * while the hub itself still sends the real credentials upstream.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, writeFile } from 'node:fs/promises';
import { io } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubHello, WorkspaceState } from '../../shared/protocol/events.ts';
import { eventually, startTestHub, type TestHub } from '../support/hub.ts';

const SECRETS = {
  PROM_TOKEN: 'prom-bearer-8f2a91',
  API_KEY: 'json-key-77c1d0',
  QUERY_KEY: 'query-key-3b9e55',
  SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T000/B000/slack-secret-5d1c',
  MASTODON_TOKEN: 'mastodon-token-a4e9',
  CANARY_PASSWORD: 'canary-password-0c7b',
};

let upstream: Server;
let seen: IncomingHttpHeaders[] = [];
let base: string;
let t: TestHub | undefined;

beforeEach(async () => {
  seen = [];
  upstream = createServer((req, res) => {
    seen.push(req.headers);
    res.setHeader('content-type', 'application/json').end('{"viewers": 42}');
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await t?.close();
  t = undefined;
  await new Promise<void>((r) => upstream.close(() => r()));
});

const workspace = () => `
version: 1
title: Secrets stay home
sources:
  - { id: prom, type: prometheus, url: "http://127.0.0.1:9", interval: 5s, timeout: 1s, auth: { type: bearer, token: "\${PROM_TOKEN}" } }
  - { id: viewers, type: json, url: "${base}/viewers?api_key=\${QUERY_KEY}", interval: 500ms, timeout: 400ms, headers: { X-Api-Key: "\${API_KEY}" } }
walls:
  - id: main
    title: Main
    panels:
      - { id: v, title: Viewers, type: stat, gridPos: { x: 0, y: 0, w: 6, h: 4 }, source: viewers, query: { select: "$.viewers" } }
incidents:
  webhooks:
    - { name: war-room, url: "\${SLACK_WEBHOOK_URL}", events: [declared] }
pulse:
  feeds:
    - { id: fans, type: mastodon, instance: "https://mastodon.example", token: "\${MASTODON_TOKEN}", interval: 1h }
canaries:
  checks:
    - id: login
      request: { method: POST, url: "https://api.example/login", json: { username: canary, password: "\${CANARY_PASSWORD}" } }
`;

const leaks = (value: unknown): string[] => {
  const text = JSON.stringify(value);
  return Object.entries(SECRETS).filter(([, secret]) => text.includes(secret)).map(([name]) => name);
};

describe('secrets in the workspace', () => {
  it('are never sent to a client, while the hub uses them upstream', async () => {
    t = await startTestHub(workspace(), {}, SECRETS);
    const admin = await t.connect(t.adminToken);
    const created = await admin.emitWithAck('tokens:create', { name: 'lobby wall', role: 'viewer' });
    if (!created.ok) throw new Error('token');
    // A wall screen: listening before it connects, so the hello is not missed.
    const wall = io(t.hub.url, { auth: { token: created.secret }, transports: ['websocket'], reconnection: false, forceNew: true, autoConnect: false });
    const hello = new Promise<HubHello>((resolve) => wall.once('hub:hello', resolve));
    const changed = new Promise<WorkspaceState>((resolve) => wall.once('workspace:changed', resolve));
    wall.connect();
    const greeting = await hello;
    expect(greeting.workspace.workspace).not.toBeNull();
    expect(leaks(greeting)).toEqual([]);
    // What the walls need is all there: walls, sources by id and type, where they point.
    const sent = greeting.workspace.workspace!;
    expect(sent.walls.map((w) => w.id)).toEqual(['main']);
    expect(sent.sources.map((s) => s.type === 'json' && s.url)).toContain(`${base}/viewers?api_key=%5Bredacted%5D`);
    expect(sent.canaries).toBeUndefined();

    const rest = (await (await t.http('/api/v1/workspace', { token: t.adminToken })).json()) as WorkspaceState;
    expect(rest.workspace).not.toBeNull();
    expect(leaks(rest)).toEqual([]);

    // An edit goes out to every screen, redacted as well.
    await writeFile(t.workspaceFile, (await readFile(t.workspaceFile, 'utf8')).replace('Secrets stay home', 'Secrets still home'));
    const next = await changed;
    expect(next.workspace?.title).toBe('Secrets still home');
    expect(leaks(next)).toEqual([]);

    // The hub itself sends the real credentials upstream.
    await eventually('the JSON source polled', () => seen.length > 0);
    expect(seen[0]!['x-api-key']).toBe(SECRETS.API_KEY);
    wall.close();
  });
});
