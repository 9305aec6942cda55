import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fake } from './testing/fake-electron.ts';

vi.mock('electron', async () => (await import('./testing/fake-electron.ts')).electronModule);

const { contentSecurityPolicy, contentType, createAppProtocolHandler, registerAppScheme, resolveAppPath, serveApp } = await import(
  './protocol.ts'
);

describe('contentSecurityPolicy', () => {
  it('allows scripts from the app only and connections to the hub over HTTP and WebSocket', () => {
    expect(contentSecurityPolicy('http://127.0.0.1:4820')).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "connect-src 'self' http://127.0.0.1:4820 ws://127.0.0.1:4820; frame-src https: http:; object-src 'none'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });
  it('uses wss: for an https hub and names only the origin', () => {
    expect(contentSecurityPolicy('https://hub.example.com/some/path')).toContain(
      "connect-src 'self' https://hub.example.com wss://hub.example.com;",
    );
  });
  it('connects nowhere else while no hub is known', () => {
    expect(contentSecurityPolicy(null)).toContain("connect-src 'self';");
  });
  it('never allows inline or eval script', () => {
    const scriptSrc = contentSecurityPolicy('http://127.0.0.1:1').split('; ').find((d) => d.startsWith('script-src'));
    expect(scriptSrc).toBe("script-src 'self'");
  });
});

describe('resolveAppPath', () => {
  const root = '/srv/ui';
  it.each([
    ['app://mission-control/', '/srv/ui/index.html', false],
    ['app://mission-control/#/wall/main', '/srv/ui/index.html', false],
    ['app://mission-control/assets/index-abc.js', '/srv/ui/assets/index-abc.js', false],
    ['app://mission-control/assets/a%20b.css', '/srv/ui/assets/a b.css', false],
    ['app://mission-control/console', '/srv/ui/console', true],
  ])('%s → %s', (url, path, spaFallback) => {
    expect(resolveAppPath(root, url)).toEqual({ kind: 'file', path, spaFallback });
  });

  it('keeps dot segments that the URL parser resolves clamped inside the root', () => {
    // WHATWG URL turns /%2e%2e/ into /../ and clamps it at "/", so this is /etc/passwd *under the root*.
    expect(resolveAppPath(root, 'app://mission-control/%2e%2e/%2e%2e/etc/passwd')).toEqual({
      kind: 'file',
      path: '/srv/ui/etc/passwd',
      spaFallback: true,
    });
  });

  it.each([
    'app://mission-control/..%2f..%2fetc%2fpasswd',
    'app://mission-control/assets/..%2F..%2F..%2Fetc/passwd',
    'app://mission-control/..%5c..%5cwindows%5cwin.ini',
    'app://mission-control/a%00.html',
    'app://mission-control/%E0%A4%A', // undecodable
    'app://evil.example/index.html',
    'app://mission-control.evil/index.html',
    'https://mission-control/index.html',
    'file:///etc/passwd',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(root, url)).toEqual({ kind: 'refused' });
  });
});

describe('contentType', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a.js', 'text/javascript; charset=utf-8'],
    ['a.CSS', 'text/css; charset=utf-8'],
    ['logo.svg', 'image/svg+xml'],
    ['font.woff2', 'font/woff2'],
    ['blob.bin', 'application/octet-stream'],
  ])('%s → %s', (file, type) => expect(contentType(file)).toBe(type));
});

describe('app:// handler on a real folder', () => {
  let root: string;
  let outside: string;
  const hubUrl = 'http://127.0.0.1:4820';
  let handler: (request: Request) => Promise<Response>;

  beforeAll(() => {
    const base = mkdtempSync(join(tmpdir(), 'mc-protocol-'));
    root = join(base, 'renderer');
    outside = join(base, 'secret.txt');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Mission Control</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(outside, 'do not serve');
    handler = createAppProtocolHandler({ root, hubUrl: () => hubUrl });
  });
  afterAll(() => rmSync(join(root, '..'), { recursive: true, force: true }));

  const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

  it('serves index.html with the CSP header', async () => {
    const response = await get('app://mission-control/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy(hubUrl));
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Mission Control</title>');
  });

  it('serves assets with their type and no CSP', async () => {
    const response = await get('app://mission-control/assets/app.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBeNull();
    expect(await response.text()).toBe('console.log(1)');
  });

  it('falls back to index.html for routes, but not for missing files', async () => {
    const route = await get('app://mission-control/console');
    expect(route.status).toBe(200);
    expect(route.headers.get('content-security-policy')).not.toBeNull();
    expect((await get('app://mission-control/assets/missing.js')).status).toBe(404);
  });

  it('refuses traversal out of the UI folder', async () => {
    for (const url of ['app://mission-control/..%2fsecret.txt', 'app://mission-control/assets/..%2f..%2fsecret.txt']) {
      const response = await get(url);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('do not serve');
    }
  });

  it('answers only GET and HEAD', async () => {
    expect((await get('app://mission-control/', 'POST')).status).toBe(405);
    const head = await get('app://mission-control/', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('registration', () => {
  beforeEach(() => fake.reset());

  it('registers app:// as a privileged standard, secure scheme', () => {
    registerAppScheme();
    expect(fake.protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
  });

  it('serves the scheme through protocol.handle', () => {
    serveApp('/srv/ui', () => null);
    expect(fake.protocol.handlers.has('app')).toBe(true);
  });
});
