/**
 * Serves the built UI (dist/renderer) on app://mission-control/ — never file://, whose pages can read
 * any file. Every file must resolve inside the UI folder; HTML carries a strict CSP header.
 */
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import { APP_SCHEME, isAppUrl } from './app-origin.ts';

/** Before `ready`: make app:// behave like https (origin, fetch, secure context, CSP 'self'). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** The page may talk to its own origin and to the hub (HTTP and WebSocket); frames may show dashboards. */
export function contentSecurityPolicy(hubUrl: string | null): string {
  const connect = ["'self'"];
  if (hubUrl !== null) {
    const hub = new URL(hubUrl);
    const ws = new URL(hub.origin);
    ws.protocol = hub.protocol === 'https:' ? 'wss:' : 'ws:';
    connect.push(hub.origin, ws.origin);
  }
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    `connect-src ${connect.join(' ')}`,
    'frame-src https: http:',
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export type Resolution =
  | { readonly kind: 'file'; readonly path: string; readonly spaFallback: boolean }
  | { readonly kind: 'refused' };

/**
 * Map a request URL to a file under `root`. Refuses other hosts, undecodable or NUL-bearing paths,
 * backslashes, any `..` segment (including encoded ones like `..%2f`) and anything that would still
 * resolve outside the root. Paths without an extension may fall back to index.html (SPA routes).
 */
export function resolveAppPath(root: string, requestUrl: string): Resolution {
  if (!isAppUrl(requestUrl)) return { kind: 'refused' };
  let path: string;
  try {
    path = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return { kind: 'refused' };
  }
  if (path.includes('\0') || path.includes('\\')) return { kind: 'refused' };
  const segments = path.split('/').filter((s) => s !== '');
  if (segments.includes('..')) return { kind: 'refused' };
  const rel = segments.length === 0 ? 'index.html' : segments.join('/');
  const full = resolve(root, rel);
  const inside = relative(resolve(root), full);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return { kind: 'refused' };
  return { kind: 'file', path: full, spaFallback: extname(rel) === '' };
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function contentType(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export interface AppProtocolOptions {
  /** The built UI folder. */
  readonly root: string;
  /** Read per request, so the CSP names the hub actually in use. */
  readonly hubUrl: () => string | null;
  readonly read?: (path: string) => Promise<Uint8Array>;
}

export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const read = options.read ?? ((path: string) => readFile(path));
  const notFound = () => new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });

  const respond = (path: string, body: Uint8Array, method: string): Response => {
    const type = contentType(path);
    const headers: Record<string, string> = { 'content-type': type, 'x-content-type-options': 'nosniff' };
    if (type.startsWith('text/html')) {
      headers['content-security-policy'] = contentSecurityPolicy(options.hubUrl());
      headers['cache-control'] = 'no-cache';
    }
    // A copy: a Buffer from readFile may be a view into a larger shared pool.
    return new Response(method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };

  const tryRead = async (path: string): Promise<Uint8Array | null> => {
    try {
      return await read(path);
    } catch {
      return null; // missing, a folder, unreadable: all "not here"
    }
  };

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed', { status: 405 });
    const resolution = resolveAppPath(options.root, request.url);
    if (resolution.kind === 'refused') return notFound();
    const body = await tryRead(resolution.path);
    if (body !== null) return respond(resolution.path, body, request.method);
    if (!resolution.spaFallback) return notFound();
    const index = join(options.root, 'index.html');
    const indexBody = await tryRead(index);
    return indexBody === null ? notFound() : respond(index, indexBody, request.method);
  };
}

/** After `ready`: serve `root` on app://mission-control/. */
export function serveApp(root: string, hubUrl: () => string | null): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ root, hubUrl }));
}
