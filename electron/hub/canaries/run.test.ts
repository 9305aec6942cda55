/**
 * The runner against real loopback servers: classification of every failure, true phase timings,
 * certificates, "expected X, got Y" for each assertion type, multi-step variables, redirects and
 * retries only on network-class failures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failedAssertionText } from '../../../shared/domain/canaries/assertion-text.ts';
import { canariesSchema, type ResolvedCheck } from '../../../shared/model/canary-checks.ts';
import { closedPort, json, makeCert, resetServer, serve, stallServer, type Cert, type Target } from '../../../test/support/canaries.ts';
import { runCheck } from './run.ts';

function check(input: Record<string, unknown>): ResolvedCheck {
  return canariesSchema.parse({ checks: [{ id: 'c', interval: '30s', timeout: '2s', retries: { count: 0 }, ...input }] }).checks[0]!;
}

let api: Target;
let selfSigned: Target;
let expiring: Target;
let selfSignedCert: Cert;
const targets: Target[] = [];

beforeAll(async () => {
  api = await serve((req, res, body) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/health') return json(res, 200, { status: 'UP', version: '1.2.3', items: [{ live: true }, { live: true }] }, { 'x-cache': 'HIT' });
    if (url.pathname === '/wrong') return json(res, 200, { entitled: false, plan: 'free', total: 2 });
    if (url.pathname === '/html') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end('<html><body>Bad gateway</body></html>');
    }
    if (url.pathname === '/unavailable') return json(res, 503, { error: 'maintenance' });
    if (url.pathname === '/login') {
      const { username } = JSON.parse(body || '{}') as { username?: string };
      return username ? json(res, 200, { token: `tok-${username}` }, { 'x-session': 'sess-9' }) : json(res, 400, { error: 'no user' });
    }
    if (url.pathname === '/entitlement') {
      return req.headers.authorization === 'Bearer tok-canary' && req.headers['x-session'] === 'sess-9' ? json(res, 200, { entitled: true }) : json(res, 403, { error: 'forbidden' });
    }
    if (url.pathname === '/moved') {
      res.writeHead(302, { location: '/health' });
      return res.end();
    }
    if (url.pathname === '/slow') return void setTimeout(() => json(res, 200, { ok: true }), 150);
    json(res, 404, { error: 'not found' });
  });
  selfSignedCert = await makeCert(365);
  selfSigned = await serve((_req, res) => json(res, 200, { ok: true }), selfSignedCert);
  expiring = await serve((_req, res) => json(res, 200, { ok: true }), await makeCert(3, 'expiring.test'));
  targets.push(api, selfSigned, expiring);
}, 30_000);
afterAll(async () => {
  await Promise.all(targets.map((t) => t.close()));
});

describe('phase timings', () => {
  it('measures connect, first byte and transfer on every run (a fresh connection), DNS only for names', async () => {
    const byIp = await runCheck(check({ request: { url: `${api.url}/slow` } }));
    expect(byIp.result.outcome).toBe('pass');
    expect(byIp.timings).toMatchObject({ dnsMs: null, tlsMs: null });
    expect(byIp.timings!.connectMs).toBeGreaterThanOrEqual(0);
    expect(byIp.timings!.firstByteMs).toBeGreaterThanOrEqual(140); // the server waits 150 ms before answering
    expect(byIp.timings!.totalMs).toBeGreaterThanOrEqual(byIp.timings!.firstByteMs!);
    expect(byIp.result.latencyMs).toBe(byIp.timings!.totalMs);

    const byName = await runCheck(check({ request: { url: `http://localhost:${api.port}/health` } }));
    expect(byName.timings!.dnsMs).not.toBeNull();
  });

  it('adds the TLS handshake for HTTPS and reports the certificate', async () => {
    const run = await runCheck(check({ request: { url: selfSigned.url }, tls: { ca: selfSignedCert.cert } }));
    expect(run.result.outcome).toBe('pass');
    expect(run.timings!.tlsMs).toBeGreaterThan(0);
    expect(run.certs).toHaveLength(1);
    expect(run.certs[0]).toMatchObject({ subject: 'mc-canary-test', issuer: 'mc-canary-test' });
    expect(run.certs[0]!.daysLeft).toBeGreaterThan(360);
  });
});

describe('failure classification', () => {
  it('a self-signed certificate fails as TLS unless the CA is given or verification is skipped', async () => {
    const strict = await runCheck(check({ request: { url: selfSigned.url } }));
    expect(strict.result).toMatchObject({ outcome: 'fail', classification: 'tls' });
    expect(strict.result.message).toMatch(/^TLS: self-signed certificate/);
    expect((await runCheck(check({ request: { url: selfSigned.url }, tls: { insecureSkipVerify: true } }))).result.outcome).toBe('pass');
    expect((await runCheck(check({ request: { url: selfSigned.url }, tls: { ca: selfSignedCert.cert } }))).result.outcome).toBe('pass');
  });

  it('a certificate close to expiry still passes and says how many days are left', async () => {
    const run = await runCheck(check({ request: { url: expiring.url }, tls: { insecureSkipVerify: true } }));
    expect(run.result.outcome).toBe('pass');
    expect(run.certs[0]!.subject).toBe('expiring.test');
    expect(run.certs[0]!.daysLeft).toBeGreaterThan(2);
    expect(run.certs[0]!.daysLeft).toBeLessThanOrEqual(3);
  });

  it('a server that never answers is a timeout, at the configured time, saying in which phase', async () => {
    const stall = await stallServer();
    try {
      const t0 = performance.now();
      const run = await runCheck(check({ request: { url: stall.url }, timeout: '300ms', interval: '5s' }));
      const took = performance.now() - t0;
      expect(run.result).toMatchObject({ outcome: 'fail', classification: 'timeout' });
      expect(run.result.message).toBe('no answer within 300 ms (timed out waiting for the first byte)');
      expect(took).toBeGreaterThanOrEqual(290);
      expect(took).toBeLessThan(1500);
      expect(run.timings!.connectMs).not.toBeNull();
      expect(run.timings!.firstByteMs).toBeNull();
    } finally {
      await stall.close();
    }
  });

  it('a reset connection is connect-reset; a closed port is connect-refused; an unknown host is DNS', async () => {
    const reset = await resetServer();
    try {
      const r = await runCheck(check({ request: { url: reset.url } }));
      expect(r.result).toMatchObject({ outcome: 'fail', classification: 'connect-reset' });
      expect(r.result.message).toMatch(/connection reset/);
    } finally {
      await reset.close();
    }
    const refused = await runCheck(check({ request: { url: `http://127.0.0.1:${await closedPort()}/` } }));
    expect(refused.result).toMatchObject({ outcome: 'fail', classification: 'connect-refused', message: 'connection refused' });
    const dns = await runCheck(check({ request: { url: 'http://no-such-host.invalid/' } }));
    expect(dns.result).toMatchObject({ outcome: 'fail', classification: 'dns' });
  });

  it('a wrong status is http-status; by default any 2xx passes', async () => {
    const r = await runCheck(check({ request: { url: `${api.url}/unavailable` } }));
    expect(r.result).toMatchObject({ outcome: 'fail', classification: 'http-status', message: 'expected status 200–299, got 503' });
    const exact = await runCheck(check({ request: { url: `${api.url}/unavailable` }, assert: [{ status: 200 }] }));
    expect(exact.result.message).toBe('expected status 200, got 503');
    expect(exact.failed).toEqual([{ step: null, assertion: 'status is 200', ok: false, expected: 'status 200', actual: '503' }]);
    expect(failedAssertionText(exact.failed[0]!)).toBe('expected status 200, got 503');
  });
});

describe('assertions say "expected X, got Y"', () => {
  // The JSON, header and body cases read /wrong; the latency case needs an answer that is slow for sure.
  const cases: [string, Record<string, unknown>, string, string?][] = [
    ['JSON equals', { json: '$.entitled', equals: true }, 'expected $.entitled to equal true, got false'],
    ['JSON compares', { json: '$.total', atLeast: 3 }, 'expected $.total to be at least 3, got 2'],
    ['JSON below', { json: '$.total', below: 1 }, 'expected $.total to be below 1, got 2'],
    ['JSON not equals', { json: '$.plan', notEquals: 'free' }, 'expected $.plan not to equal "free", got "free"'],
    ['JSON exists', { json: '$.token', exists: true }, 'expected $.token to exist, got nothing'],
    ['JSON matches', { json: '$.plan', matches: '^premium' }, 'expected $.plan to match /^premium/, got "free"'],
    ['header equals', { header: 'Content-Type', equals: 'text/html' }, 'expected header content-type to equal "text/html", got "application/json"'],
    ['header matches', { header: 'x-cache', matches: 'HIT' }, 'expected header x-cache to match /HIT/, got no such header'],
    ['header exists', { header: 'x-cache', exists: true }, 'expected header x-cache to be present, got no such header'],
    ['header absent', { header: 'content-type', exists: false }, 'expected header content-type to be absent, got "application/json"'],
    ['body contains', { body: { contains: '#EXTM3U' } }, 'expected the body to contain "#EXTM3U", got application/json "{\\"entitled\\":false,\\"plan\\":\\"free\\",\\"total\\":2}"'],
    ['body does not contain', { body: { notContains: 'free' } }, 'expected the body not to contain "free", got "{\\"entitled\\":false,\\"plan\\":\\"free\\",\\"total\\":2}"'],
    ['body regex', { body: { matches: '"plan":"premium"' } }, 'expected the body to match /"plan":"premium"/, got application/json "{\\"entitled\\":false,\\"plan\\":\\"free\\",\\"total\\":2}"'],
    ['latency', { latency: { below: '50ms' } }, 'expected latency below 50 ms, got', '/slow'],
  ];
  it.each(cases)('%s', async (_name, assertion, message, path = '/wrong') => {
    const r = await runCheck(check({ request: { url: `${api.url}${path}` }, assert: [{ status: 200 }, assertion] }));
    expect(r.result).toMatchObject({ outcome: 'fail', classification: 'assertion' });
    expect(r.result.message!.startsWith(message)).toBe(true);
    // The tile and the detail view show the failed assertion the board carries in the same words.
    expect(r.failed).toHaveLength(1);
    expect(failedAssertionText(r.failed[0]!).startsWith(message)).toBe(true);
  });

  it('passing assertions of every kind, with every match of a wildcard path checked', async () => {
    const r = await runCheck(
      check({
        request: { url: `${api.url}/health` },
        assert: [
          { status: { from: 200, to: 204 } },
          { latency: { below: '1s' } },
          { header: 'x-cache', equals: 'HIT' },
          { header: 'content-type', matches: 'json' },
          { body: { contains: '"UP"' } },
          { body: { notContains: 'error' } },
          { json: '$.status', equals: 'UP' },
          { json: '$.items[*].live', equals: true },
          { json: '$.version', matches: '^1\\.' },
          { json: '$.missing', exists: false },
        ],
      }),
    );
    expect(r.result.outcome).toBe('pass');
    expect(r.detail.assertions!.every((a) => a.ok)).toBe(true);
  });

  it('a body that is not JSON fails a JSON assertion, saying what came instead', async () => {
    const r = await runCheck(check({ request: { url: `${api.url}/html` }, assert: [{ json: '$.status', equals: 'UP' }] }));
    expect(r.result.message).toMatch(/^expected a JSON body for \$\.status, got text\/html "<html><body>Bad gateway<\/body><\/html>" \(not JSON/);
  });
});

describe('multi-step checks', () => {
  const steps = (user: string) => [
    { name: 'log in', request: { method: 'POST', url: `${api.url}/login`, json: { username: user } }, extract: { token: { json: '$.token' }, session: { header: 'X-Session' } } },
    { name: 'entitlement', request: { url: `${api.url}/entitlement`, headers: { Authorization: 'Bearer ${vars.token}', 'x-session': '${vars.session}' } }, assert: [{ status: 200 }, { json: '$.entitled', equals: true }] },
  ];

  it('extracts a token from one step and uses it in the next', async () => {
    const r = await runCheck(check({ steps: steps('canary') }));
    expect(r.result.outcome).toBe('pass');
    expect(r.detail.steps!.map((s) => [s.name, s.status, s.ok])).toEqual([
      ['log in', 200, true],
      ['entitlement', 200, true],
    ]);
    // The latency is the whole run; each step keeps its own timings.
    expect(r.result.latencyMs).toBeCloseTo(r.detail.steps!.reduce((sum, s) => sum + s.timings.totalMs, 0), 0);
  });

  it('names the step that failed', async () => {
    const r = await runCheck(check({ steps: steps('someone-else') }));
    expect(r.result).toMatchObject({ outcome: 'fail', classification: 'http-status', message: 'entitlement: expected status 200, got 403 (and 1 more failed assertion)' });
    expect(r.detail.steps!.map((s) => s.ok)).toEqual([true, false]);
    // What the tile shows: the step first, each failed assertion's subject once.
    expect(r.failed.map(failedAssertionText)).toEqual(['entitlement: expected status 200, got 403', 'entitlement: expected $.entitled to equal true, got nothing (no match)']);
  });

  it('a value that cannot be extracted fails the step that should have given it', async () => {
    const r = await runCheck(check({ steps: [{ name: 'health', request: { url: `${api.url}/health` }, extract: { token: { json: '$.token' }, session: { header: 'x-cache' } } }, steps('x')[1]!] }));
    expect(r.result.message).toBe('health: expected $.token to give a value for ${vars.token}, got nothing');
  });
});

describe('redirects and retries', () => {
  it('follows redirects by default and not when told', async () => {
    const followed = await runCheck(check({ request: { url: `${api.url}/moved` }, assert: [{ json: '$.status', equals: 'UP' }] }));
    expect(followed.result.outcome).toBe('pass');
    expect(followed.detail.steps![0]!.redirects).toBe(1);
    const kept = await runCheck(check({ request: { url: `${api.url}/moved` }, followRedirects: false, assert: [{ status: 302 }, { header: 'location', equals: '/health' }] }));
    expect(kept.result.outcome).toBe('pass');
  });

  it('retries a network-class failure and reports a pass on retry as flaky', async () => {
    const flaky = await resetServer(1); // the first connection is reset, the next ones answer
    try {
      const r = await runCheck(check({ request: { url: flaky.url }, retries: { count: 2, delay: '10ms' } }));
      expect(r.result).toMatchObject({ outcome: 'pass', retried: true, attempts: 2 });
      expect(r.detail.attemptErrors).toEqual([expect.stringMatching(/connection reset/)]);
    } finally {
      await flaky.close();
    }
  });

  it('never retries an assertion failure (a real answer), unless configured to', async () => {
    const once = await runCheck(check({ request: { url: `${api.url}/unavailable` }, retries: { count: 2, delay: '10ms' } }));
    expect(once.result.attempts).toBe(1);
    const configured = await runCheck(check({ request: { url: `${api.url}/unavailable` }, retries: { count: 2, delay: '10ms', on: ['http-status'] } }));
    expect(configured.result).toMatchObject({ outcome: 'fail', attempts: 3 });
  });
});
