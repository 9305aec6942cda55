/**
 * The hub's HTTP side: the REST endpoints of `routes.ts` behind bearer auth, per-token rate
 * limits and a body-size limit, plus the built UI as static files.
 */
import fastifyCors from '@fastify/cors';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { roleAllows } from '../../../shared/model/auth.ts';
import type { TokenInfo } from '../../../shared/model/auth.ts';
import { MAX_PAYLOAD_BYTES } from '../../../shared/protocol/rest.ts';
import { fieldIssues } from '../../../shared/model/issues.ts';
import { bearerFrom, type Auth, type RateLimiter } from '../auth.ts';
import { openApiDocument } from './openapi.ts';
import { routeSpecs, type RouteContext, type RouteName, type RouteSpec } from './routes.ts';

export type RouteHandlers = { [K in RouteName]: (ctx: RouteContext) => unknown };

export interface HttpDeps {
  readonly auth: Auth;
  readonly limiter: RateLimiter;
  readonly uiDir: string | null;
  /** Browser origins besides the hub's own that may call the REST API (CORS): the desktop app's, MC_ALLOWED_ORIGINS. */
  readonly allowedOrigins: readonly string[];
  readonly version: string;
  readonly handlers: RouteHandlers;
  readonly log: (message: string) => void;
}

/** The UI's own security headers in a browser (Electron sets its own on app://). */
const UI_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  'frame-src http: https:',
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const FASTIFY_PARSES: readonly string[] = ['application/json', 'text/plain'];

export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    token: TokenInfo | null;
  }
}

export async function buildHttp(deps: HttpDeps): Promise<FastifyInstance> {
  const app = Fastify({ bodyLimit: MAX_PAYLOAD_BYTES, logger: false, return503OnClosing: true });
  app.decorateRequest('token', null);

  // The desktop app (app://mission-control) and MC_ALLOWED_ORIGINS call the API cross-origin with
  // a bearer token: answer their preflights. No cookies are used, so no credentials mode.
  await app.register(fastifyCors, {
    origin: [...deps.allowedOrigins],
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'accept', 'idempotency-key'],
    exposedHeaders: ['content-disposition', 'retry-after'],
    maxAge: 600,
  });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (error instanceof HttpError) return reply.code(error.status).send({ error: error.code, message: error.message });
    const status = error.statusCode ?? 500;
    if (status >= 500) deps.log(`HTTP ${request.method} ${request.url} failed: ${error.stack ?? error.message}`);
    const raw = rawBodyOf(request);
    const message =
      error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? `request body exceeds the ${raw?.maxBytes ?? MAX_PAYLOAD_BYTES}-byte limit`
        : status === 415 && raw
          ? `send the body as ${raw.contentTypes.join(' or ')}`
          : status >= 500
            ? 'the hub failed to handle this request; it has been logged'
            : error.message;
    return reply
      .code(status)
      .send({ error: status === 413 ? 'too_large' : status === 415 ? 'unsupported_media_type' : status >= 500 ? 'internal' : 'bad_request', message });
  });

  // Raw (non-JSON) bodies, for the routes that declare them: handed over as a Buffer.
  // Fastify parses JSON and plain text itself; those reach a raw route already parsed.
  const rawTypes = [...new Set(Object.values(routeSpecs as Record<string, RouteSpec>).flatMap((spec) => spec.rawBody?.contentTypes ?? []))].filter(
    (type) => !FASTIFY_PARSES.includes(type),
  );
  if (rawTypes.length > 0) app.addContentTypeParser(rawTypes, { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  for (const [name, spec] of Object.entries(routeSpecs) as [RouteName, RouteSpec][]) {
    const raw = spec.rawBody;
    app.route({
      method: spec.method,
      url: spec.url,
      ...(raw
        ? {
            bodyLimit: raw.maxBytes,
            config: { rawBody: raw },
            // The token is checked before a large body is read.
            onRequest: async (request: FastifyRequest, reply: FastifyReply) => void authorize(spec, request, reply),
          }
        : {}),
      handler: async (request, reply) => {
        const token = raw ? request.token : authorize(spec, request, reply);
        let body: unknown;
        if (raw) {
          const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
          if (!raw.contentTypes.includes(type)) {
            throw new HttpError(415, 'unsupported_media_type', `send the body as ${raw.contentTypes.join(' or ')}${type ? `, not ${type}` : ''}`);
          }
          body = Buffer.isBuffer(request.body) ? request.body : FASTIFY_PARSES.includes(type) ? request.body : Buffer.alloc(0);
        } else if (spec.body) {
          const parsed = spec.body.safeParse(request.body);
          if (!parsed.success) {
            const issues = fieldIssues(parsed.error, request.body).map((i) => `${i.field || 'body'}: ${i.message}`);
            throw new HttpError(400, 'invalid', `invalid body: ${issues.join('; ')}`);
          }
          body = parsed.data;
        }
        return deps.handlers[name]({ request, reply, body, tokenId: token?.id ?? null });
      },
    });
  }

  function authorize(spec: RouteSpec, request: FastifyRequest, reply: FastifyReply): TokenInfo | null {
    if (spec.role === null) return null;
    const token = deps.auth.authenticate(bearerFrom(request.headers.authorization));
    if (!token) throw new HttpError(401, 'unauthorized', 'send a valid hub token as "Authorization: Bearer mc_…"');
    if (!deps.limiter.take(`token:${token.id}`)) {
      void reply.header('retry-after', '1');
      throw new HttpError(429, 'rate_limited', 'too many requests from this token; slow down');
    }
    const scoped = spec.scope !== undefined && token.scopes.includes(spec.scope);
    if (!scoped && !roleAllows(token.role, spec.role)) {
      const or = spec.scope ? ` or the ${spec.scope} ingest scope` : '';
      throw new HttpError(403, 'forbidden', `this endpoint needs the ${spec.role} role${or}; this token is ${token.role}`);
    }
    request.token = token;
    return token;
  }

  if (deps.uiDir) {
    // wildcard: files are looked up on disk per request, so a UI rebuilt under a running hub is
    // served whole (its new asset names too) when its walls reload onto it (ui-build.ts).
    // dotfiles ignored: looked up per request, a stray .env or .git in the folder must not be served.
    await app.register(fastifyStatic, { root: deps.uiDir, wildcard: true, dotfiles: 'ignore', index: ['index.html'] });
  }
  app.addHook('onSend', async (request, reply, payload) => {
    void reply.header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer');
    if (!request.url.startsWith('/api/')) void reply.header('content-security-policy', UI_CSP);
    return payload;
  });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.url.startsWith('/socket.io')) {
      return reply.code(404).send({ error: 'not_found', message: `no endpoint ${request.method} ${request.url.split('?')[0]}` });
    }
    if (!deps.uiDir) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The Mission Control UI has not been built. Run "npm run build" (npm start does it for you).');
    }
    // The UI routes with the URL hash; any other path (e.g. /enrol) is the app too.
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });

  return app;
}

function rawBodyOf(request: FastifyRequest): RouteSpec['rawBody'] | undefined {
  return (request.routeOptions?.config as { rawBody?: RouteSpec['rawBody'] } | undefined)?.rawBody;
}

export function openApi(version: string): Record<string, unknown> {
  return openApiDocument(Object.values(routeSpecs), version);
}
