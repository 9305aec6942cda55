// The demo platform over real HTTP on loopback: Prometheus metrics, canary targets, customer-post
// feeds (RSS, Atom, Mastodon API) and a control endpoint — everything Mission Control's real
// source adapters talk to, driven by one Scenario.

import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CanaryApi } from './canary.ts';
import { feedEtag, isNotModified, lastModifiedMs, renderAtom, renderRss } from './feeds.ts';
import { HttpError, isRecord, json, readJson, send, text } from './http.ts';
import type { Reply } from './http.ts';
import { matchState, renderMatchCentre } from './match-centre.ts';
import { RateLimiter, linkHeader, parseTimelineQuery, selectTimeline, toStatus } from './mastodon.ts';
import { CONTENT_TYPE, collectSamples, renderExposition } from './metrics.ts';
import { OUTAGE_MODES } from './model.ts';
import type { OutageMode } from './model.ts';
import { LOOP_MS, MOMENTS, OUTAGE_WINDOW, PHASES } from './phases.ts';
import { PostStream } from './posts.ts';
import { startRegressionReports } from './regression-suite.ts';
import { Scenario, seriesRecord } from './scenario.ts';

export interface DemoOptions {
  /** Interface to listen on. Default 127.0.0.1 (loopback only). */
  host?: string;
  /** 0 = any free port. Default 0. */
  port?: number;
  /** Scenario speed, N× real time. Default 1. */
  speed?: number;
  /** Seed of the noise and the posts. Default 1. */
  seed?: number;
  /** Scenario minute to start at. Default 0. */
  startAtMinutes?: number;
  /** Posts kept in the ring. Default 2000. */
  postCapacity?: number;
  /** Mastodon API rate limit per client: requests per window. Default 300 per 5 minutes. */
  rateLimit?: { limit: number; windowMs: number };
  /**
   * Where the platform's CI job drops its production API regression suite's JUnit report, every
   * 5 scenario minutes (the hub's watched JUnit folder). Default: no reports.
   */
  junitDir?: string;
}

export interface DemoHandle {
  /** e.g. http://127.0.0.1:41234 (no trailing slash) */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly scenario: Scenario;
  readonly posts: PostStream;
  close(): Promise<void>;
}

/** The wall clock used by the demo: epoch ms that never runs backwards. */
export function monotonicNow(): number {
  return performance.timeOrigin + performance.now();
}

const ROUTES = [
  'GET /metrics',
  'GET /demo/state',
  'GET /demo/match',
  'POST /demo/control',
  'GET /api/health',
  'POST /api/login',
  'GET /api/entitlement',
  'GET /api/catalog',
  'GET /api/playback/manifest',
  'GET /feeds/posts.rss',
  'GET /feeds/posts.atom',
  'GET /api/v1/timelines/public',
  'GET /api/v1/timelines/tag/:hashtag',
] as const;

function checkOptions(options: DemoOptions): void {
  const { port = 0, host = '127.0.0.1', postCapacity = 2000 } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`port must be an integer 0–65535, got ${port}`);
  if (typeof host !== 'string' || host === '') throw new RangeError('host must be a non-empty string');
  if (!Number.isInteger(postCapacity) || postCapacity < 1) throw new RangeError(`postCapacity must be a positive integer, got ${postCapacity}`);
}

export async function startDemo(options: DemoOptions = {}): Promise<DemoHandle> {
  checkOptions(options);
  const host = options.host ?? '127.0.0.1';
  const startedAt = monotonicNow();
  const scenario = new Scenario({
    seed: options.seed ?? 1,
    speed: options.speed ?? 1,
    startAtMinutes: options.startAtMinutes ?? 0,
    nowMs: startedAt,
  });
  const posts = new PostStream(scenario, { capacity: options.postCapacity ?? 2000, nowMs: startedAt });
  const canary = new CanaryApi(scenario, monotonicNow);
  const limiter = new RateLimiter(options.rateLimit?.limit ?? 300, options.rateLimit?.windowMs ?? 5 * 60_000);
  const processStartSeconds = Math.floor(Date.now() / 1000);
  const pending = new Set<NodeJS.Timeout>();
  let selfUrl = '';
  const reports = options.junitDir === undefined ? null : startRegressionReports(options.junitDir, scenario, monotonicNow);

  // --- route handlers -------------------------------------------------------------------------

  function state(now: number): Record<string, unknown> {
    const samples = collectSamples(scenario, now, processStartSeconds);
    const counters: Record<string, number> = {};
    const gauges: Record<string, number> = {};
    for (const s of samples) (s.family.type === 'gauge' ? gauges : counters)[s.key] = s.value;
    const phase = scenario.phase(now);
    return {
      nowMs: now,
      scenarioTimeMs: scenario.scenarioTimeMs(now),
      elapsedScenarioMs: scenario.elapsedMs(now),
      speed: scenario.speed,
      seed: scenario.seed,
      phase: phase.name,
      outage: scenario.isOutage(now),
      outageMode: scenario.outageMode,
      loop: { index: scenario.loopIndex(now), lengthMs: LOOP_MS },
      counters,
      rates: seriesRecord(scenario.rates(now), 'counter'),
      gauges,
      phases: PHASES.map(({ name, startMs, endMs }) => ({ name, startMs, endMs })),
      outageWindow: { startMs: OUTAGE_WINDOW.startMs, endMs: OUTAGE_WINDOW.endMs },
      moments: MOMENTS,
      posts: { total: posts.total, kept: posts.list().length },
    };
  }

  async function control(req: IncomingMessage, now: number): Promise<Reply> {
    const body = await readJson(req);
    if (!isRecord(body)) throw new HttpError(400, 'body must be a JSON object');
    const { jumpToMinutes, outage } = body;
    if (jumpToMinutes === undefined && outage === undefined) {
      throw new HttpError(400, 'expected { "jumpToMinutes": number } or { "outage": "force-on" | "force-off" | "scripted" }');
    }
    if (jumpToMinutes !== undefined && (typeof jumpToMinutes !== 'number' || !Number.isFinite(jumpToMinutes) || jumpToMinutes < 0)) {
      throw new HttpError(400, 'jumpToMinutes must be a number >= 0');
    }
    if (outage !== undefined && !OUTAGE_MODES.includes(outage as OutageMode)) {
      throw new HttpError(400, `outage must be one of ${OUTAGE_MODES.join(', ')}`);
    }
    posts.sync(now); // posts due so far belong to the old timeline
    if (typeof outage === 'string') scenario.setOutageMode(outage as OutageMode, now);
    if (typeof jumpToMinutes === 'number') scenario.jumpToMinutes(jumpToMinutes, now);
    return json(200, state(now));
  }

  function originOf(req: IncomingMessage): string {
    const hostHeader = req.headers.host;
    return hostHeader && /^[A-Za-z0-9.\-:[\]]+$/.test(hostHeader) ? `http://${hostHeader}` : selfUrl;
  }

  function feed(req: IncomingMessage, url: URL, kind: 'rss' | 'atom', now: number): Reply {
    const limitParam = url.searchParams.get('limit');
    const limit = limitParam === null ? 50 : Number(limitParam);
    if (!Number.isInteger(limit) || limit < 1) throw new HttpError(400, 'limit must be a positive integer');
    posts.sync(now);
    const items = posts.list().slice(-Math.min(limit, 200));
    const etag = feedEtag(kind, items);
    const modified = lastModifiedMs(items, startedAt);
    const headers = { ETag: etag, 'Last-Modified': new Date(modified).toUTCString(), 'Cache-Control': 'no-cache' };
    if (isNotModified(req.headers, etag, modified)) return text(304, '', 'text/plain', headers);
    const origin = originOf(req);
    const info = { baseUrl: origin, selfUrl: `${origin}${url.pathname}${url.search}`, fallbackUpdatedMs: startedAt };
    return kind === 'rss'
      ? text(200, renderRss(items, info), 'application/rss+xml; charset=utf-8', headers)
      : text(200, renderAtom(items, info), 'application/atom+xml; charset=utf-8', headers);
  }

  function timeline(req: IncomingMessage, url: URL, now: number, tag?: string): Reply {
    const quota = limiter.take(req.socket.remoteAddress ?? 'unknown', Date.now());
    const headers = {
      'X-RateLimit-Limit': String(quota.limit),
      'X-RateLimit-Remaining': String(quota.remaining),
      'X-RateLimit-Reset': new Date(quota.resetAtMs).toISOString(),
    };
    if (!quota.allowed) return json(429, { error: 'Too many requests' }, headers);
    const query = parseTimelineQuery(url.searchParams, tag);
    if ('error' in query) return json(400, { error: query.error }, headers);
    posts.sync(now);
    const page = selectTimeline(posts.list(), query);
    const origin = originOf(req);
    const link = linkHeader(new URL(`${origin}${url.pathname}${url.search}`), page);
    return json(200, page.map((p) => toStatus(p, origin)), link ? { ...headers, Link: link } : headers);
  }

  async function route(req: IncomingMessage, url: URL): Promise<Reply> {
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    const now = monotonicNow();
    const is = (m: string, p: string): boolean => method === m && path === p;

    if (is('GET', '/')) return json(200, { name: 'Mission Control demo platform (match night)', routes: ROUTES });
    if (is('GET', '/metrics')) return text(200, renderExposition(collectSamples(scenario, now, processStartSeconds)), CONTENT_TYPE);
    if (is('GET', '/demo/state')) return json(200, state(now));
    if (is('GET', '/demo/match')) return text(200, renderMatchCentre(matchState(scenario.scenarioTimeMs(now))), 'text/html; charset=utf-8');
    if (is('POST', '/demo/control')) return control(req, now);
    if (is('GET', '/api/health')) return canary.health();
    if (is('POST', '/api/login')) return canary.login(await readJson(req));
    if (is('GET', '/api/entitlement')) {
      const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      return canary.entitlement(url.searchParams.get('token') ?? bearer);
    }
    if (is('GET', '/api/catalog')) return canary.catalog();
    if (is('GET', '/api/playback/manifest')) return canary.manifest();
    if (is('GET', '/feeds/posts.rss')) return feed(req, url, 'rss', now);
    if (is('GET', '/feeds/posts.atom')) return feed(req, url, 'atom', now);
    if (is('GET', '/api/v1/timelines/public')) return timeline(req, url, now);
    const tagMatch = /^\/api\/v1\/timelines\/tag\/([^/]+)$/.exec(path);
    if (method === 'GET' && tagMatch) {
      let tag: string;
      try {
        tag = decodeURIComponent(tagMatch[1]!);
      } catch {
        throw new HttpError(400, 'bad hashtag encoding');
      }
      return timeline(req, url, now, tag);
    }

    const allowed = ROUTES.filter((r) => {
      const [, p] = r.split(' ');
      return p === path || (p!.includes(':hashtag') && tagMatch !== null);
    }).map((r) => r.split(' ')[0]!);
    if (allowed.length > 0) {
      const allow = allowed.includes('GET') ? [...allowed, 'HEAD'] : allowed;
      return json(405, { error: `method ${method} not allowed on ${path}` }, { Allow: allow.join(', ') });
    }
    return json(404, { error: `not found: ${path}` });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let reply: Reply;
    try {
      const raw = req.url ?? '/';
      if (!raw.startsWith('/')) throw new HttpError(400, 'bad request target');
      reply = await route(req, new URL(`http://demo.invalid${raw}`));
    } catch (error) {
      if (error instanceof HttpError) {
        reply = json(error.status, { error: error.message }, error.status === 413 ? { Connection: 'close' } : undefined);
      } else {
        reply = json(500, { error: 'internal error', detail: error instanceof Error ? error.message : String(error) });
      }
    }
    if (reply.delayMs && reply.delayMs > 0) {
      const timer = setTimeout(() => {
        pending.delete(timer);
        send(res, reply);
      }, reply.delayMs);
      pending.add(timer);
    } else {
      send(res, reply);
    }
  }

  const server = createServer((req, res) => {
    req.on('error', () => res.destroy());
    handle(req, res).catch(() => res.destroy());
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  selfUrl = `http://${urlHost}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url: selfUrl,
    host,
    port,
    scenario,
    posts,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of pending) clearTimeout(timer);
        pending.clear();
        reports?.stop();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
