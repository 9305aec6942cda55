// The check before joining a hub, against a real hub and tiny real HTTP servers on loopback.
import { createServer } from 'node:http';
import type { RequestListener, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { minimalWorkspaceYaml } from '../../test/support/minimal-workspace.ts';
import { startTestHub, type TestHub } from '../../test/support/hub.ts';
import { checkHub } from './hub-check.ts';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub(minimalWorkspaceYaml());
});
afterAll(() => t.close());

const servers: Server[] = [];
async function serve(listener: RequestListener): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('checkHub (before joining a hub from Settings)', () => {
  it('accepts a hub that answers its health check and takes the token, and says its version', async () => {
    const result = await checkHub(`${t.hub.url}/`, ` ${t.adminToken} `);
    expect(result).toEqual({ ok: true, url: t.hub.url, token: t.adminToken, version: expect.stringMatching(/^\d+\.\d+\.\d+/), access: { role: 'admin', scopes: [] } });
  });

  it('accepts a viewer token too (a responder on a laptop need not be admin)', async () => {
    const res = await t.http('/api/v1/tokens', { method: 'POST', token: t.adminToken, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'laptop', role: 'viewer' }) });
    const { secret } = (await res.json()) as { secret: string };
    // …and says what it is, so the page can say what it cannot do before joining.
    expect(await checkHub(t.hub.url, secret)).toMatchObject({ ok: true, access: { role: 'viewer', scopes: [] } });
  });

  it('says what a machine token may post beside its role', async () => {
    const res = await t.http('/api/v1/tokens', { method: 'POST', token: t.adminToken, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'ci', role: 'viewer', scopes: ['junit'] }) });
    const { secret } = (await res.json()) as { secret: string };
    expect(await checkHub(t.hub.url, secret)).toMatchObject({ ok: true, access: { role: 'viewer', scopes: ['junit'] } });
  });

  it('joins a hub too old to say what its token may do, without saying it', async () => {
    const url = await serve((req, res) => {
      if (req.url === '/api/v1/health') res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', version: '0.0.9', uptimeSeconds: 1 }));
      else if (req.url === '/api/v1/workspace') res.writeHead(200, { 'content-type': 'application/json' }).end('{"workspace":null}');
      else res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not_found"}');
    });
    expect(await checkHub(url, 'mc_token')).toEqual({ ok: true, url, token: 'mc_token', version: '0.0.9', access: null });
  });

  it('says the hub refused a token it does not know', async () => {
    const result = await checkHub(t.hub.url, 'mc_not-a-token-0123456789abcdef');
    expect(result).toEqual({ ok: false, error: `the hub at ${t.hub.url} refused the token: it is not one of its tokens, or it was revoked` });
  });

  it('says nothing answers at an unreachable address', async () => {
    const url = await serve(() => undefined);
    servers.pop()!.close(); // the port was ours a moment ago: nothing listens there now
    const result = await checkHub(url, 'mc_token');
    expect(result).toEqual({ ok: false, error: `cannot reach ${url}: nothing is listening there (connection refused)` });
  });

  it('says when a server answers that is not a Mission Control hub, without sending it the token', async () => {
    const seen: (string | undefined)[] = [];
    const url = await serve((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Grafana</title>');
    });
    const result = await checkHub(url, 'mc_secret-token');
    expect(result).toEqual({ ok: false, error: `${url} answers, but it is not a Mission Control hub (GET /api/v1/health gave HTTP 200, not the hub's health)` });
    expect(seen).toEqual([undefined]);
  });

  it('does not follow a redirect (the token must not go elsewhere)', async () => {
    const url = await serve((_req, res) => res.writeHead(302, { location: 'https://elsewhere.example/' }).end());
    const result = await checkHub(url, 'mc_secret-token');
    expect(result.ok ? '' : result.error).toMatch(/not a Mission Control hub \(GET \/api\/v1\/health gave a redirect to https:\/\/elsewhere\.example\//);
  });

  it('says when the hub does not answer in time', async () => {
    const url = await serve(() => undefined); // accepts, never answers
    expect(await checkHub(url, 'mc_token', 200)).toEqual({ ok: false, error: `cannot reach ${url}: no answer within 0.2 s` });
  });

  it('refuses plain http to another machine before sending anything', async () => {
    const result = await checkHub('http://hub.example.com', 'mc_token');
    expect(result.ok ? '' : result.error).toMatch(/^hub\.example\.com is not this computer, so the hub must be reached over https:\/\//);
  });

  it('never puts the token in its words', async () => {
    const token = 'mc_very-secret-0123456789';
    const url = await serve((req, res) => {
      if (req.url === '/api/v1/health') res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', version: '0.1.0', uptimeSeconds: 1 }));
      else res.writeHead(500).end(`boom ${req.headers.authorization}`);
    });
    const result = await checkHub(url, token);
    expect(result).toEqual({ ok: false, error: `the hub at ${url} answered HTTP 500 to GET /api/v1/workspace` });
  });
});
