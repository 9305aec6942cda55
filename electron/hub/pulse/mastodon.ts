/**
 * Mastodon public and hashtag timelines through the REST API (`GET /api/v1/timelines/public`,
 * `GET /api/v1/timelines/tag/:hashtag`), polled for what is new since the last poll.
 *
 * Paging. The first poll reads the newest page and remembers the newest id (a cursor). Each later
 * poll pages FORWARD from the cursor with `min_id`, as the API documents for "newer than": a
 * `min_id` page holds the statuses right after the cursor, so a burst larger than one page is read
 * page by page without a gap (a `since_id` page would hold the newest ones and silently skip the
 * middle). The next page is the `Link` header's rel="prev" URL (Mastodon's name for newer),
 * checked to stay on the same instance and path; without a Link header, `min_id` is set directly.
 * At most maxPagesPerPoll pages per poll; the rest follows on the next poll (`more`).
 *
 * Rate limits. `X-RateLimit-Remaining` / `X-RateLimit-Reset` are read on every answer; with none
 * remaining, the client waits until the reset before the next request (if that is within
 * maxWaitMs; else the poll ends `deferred` until then). A 429 waits for the reset (or Retry-After);
 * a 5xx or a network error is retried with exponential backoff and jitter; a poll that still fails
 * makes the next polls wait, doubling up to 5 minutes.
 *
 * Statuses: a boost (`reblog`) is read as the original post, by its author, with the booster in
 * metadata; `content` HTML is reduced to plain text with line breaks kept; `spoiler_text` is kept
 * as the content warning; account → author `@user@instance` and display name.
 */
import { z } from 'zod';
import { compileKeywordFilter, type KeywordFilter, type KeywordFilterConfig } from '../../../shared/domain/pulse/keyword-filter.ts';
import { postSourceSchema, type Post } from '../../../shared/model/post.ts';
import { MastodonError, retryAfterMs } from './errors.ts';
import { htmlToText } from './html-text.ts';
import { toPost, type PostDraft, type ScoringContextOf } from './normalise.ts';

export type MastodonTimelineSpec =
  | { type: 'public'; local?: boolean; remote?: boolean }
  | { type: 'tag'; tag: string; any?: readonly string[]; all?: readonly string[]; none?: readonly string[]; local?: boolean };

export interface MastodonConfig {
  /** The source id posts carry. */
  id: string;
  /** The instance's base URL, e.g. https://mastodon.social */
  instance: string;
  timeline: MastodonTimelineSpec;
  /** An access token, for instances that closed their public timelines. */
  token?: string;
  /** Statuses per page, 1–40 (Mastodon's maximum). Default 40. */
  limit?: number;
  /** Pages read per poll. Default 5. */
  maxPagesPerPoll?: number;
  /** Per request. Default 10 s. */
  timeoutMs?: number;
  /** Longest a poll waits in place for a rate-limit reset or a retry. Default 30 s. */
  maxWaitMs?: number;
  /** Retries of a request after 429/5xx/network errors. Default 3. */
  maxRetries?: number;
  /** Resume after this status id (the cursor of an earlier run). */
  sinceId?: string;
  filter?: KeywordFilterConfig;
}

export interface MastodonDeps {
  fetch?: typeof fetch;
  /** The hub's clock. */
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  /** How the timeline's posts are read (the workspace's names and addressed sources), asked per poll. */
  scoring?: ScoringContextOf;
}

export interface RateLimit {
  limit: number | null;
  remaining: number;
  /** Epoch ms when the quota refills. */
  resetAt: number | null;
}

export interface MastodonPollResult {
  sourceId: string;
  status: 'ok' | 'deferred' | 'error';
  /** New posts, oldest first, that passed the filter. */
  posts: Post[];
  pages: number;
  /** The page budget ran out with more statuses waiting: poll again soon. */
  more: boolean;
  /** The newest status id read (the next poll starts after it). */
  cursor: string | null;
  rateLimit: RateLimit | null;
  /** Time spent waiting for rate-limit resets and retries. */
  waitedMs: number;
  retries: number;
  /** Statuses the filter dropped, and statuses that were not readable. */
  filtered: number;
  skipped: number;
  error: string | null;
  /** No request before this time (rate limit or backoff). */
  deferredUntil: number | null;
}

// ---- the Status entity (only the fields read) ------------------------------------------------

const accountSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    acct: z.string(),
    display_name: z.string().nullish(),
    url: z.string().nullish(),
    bot: z.boolean().nullish(),
  })
  .loose();

const baseStatusSchema = z
  .object({
    id: z.string().min(1),
    created_at: z.string(),
    content: z.string().nullish(),
    spoiler_text: z.string().nullish(),
    url: z.string().nullish(),
    uri: z.string().nullish(),
    language: z.string().nullish(),
    visibility: z.string().nullish(),
    account: accountSchema,
    tags: z.array(z.object({ name: z.string() }).loose()).nullish(),
    replies_count: z.number().nullish(),
    reblogs_count: z.number().nullish(),
    favourites_count: z.number().nullish(),
  })
  .loose();
export const statusSchema = baseStatusSchema.extend({ reblog: baseStatusSchema.nullish() });
export type MastodonStatus = z.output<typeof statusSchema>;

/** Compare Mastodon ids: opaque strings, but snowflakes — longer is newer, then lexical. */
export function compareIds(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}

/** `@user@instance` for an account (local accounts' `acct` has no domain). */
function handle(acct: string, instanceHost: string): string {
  return `@${acct.includes('@') ? acct : `${acct}@${instanceHost}`}`;
}

/** One status to a post draft; a boost becomes its original. */
export function statusToDraft(status: MastodonStatus, sourceId: string, instance: URL): PostDraft {
  const original = status.reblog ?? status;
  const text = htmlToText(original.content ?? '');
  const createdAt = Date.parse(original.created_at);
  const metadata: Record<string, string | number | boolean | null> = { instance: instance.host };
  if (original.uri) metadata.uri = original.uri.slice(0, 1024);
  if (status.reblog) metadata.boostedBy = handle(status.account.acct, instance.host).slice(0, 256);
  if (original.account.bot) metadata.bot = true;
  if (original.tags && original.tags.length > 0) metadata.tags = original.tags.map((t) => t.name).join(' ').slice(0, 1024);
  if (typeof original.reblogs_count === 'number') metadata.boosts = original.reblogs_count;
  if (typeof original.favourites_count === 'number') metadata.favourites = original.favourites_count;
  return {
    source: sourceId,
    kind: 'mastodon',
    // The original's id on this instance: two boosts of one post are one post. (Across instances
    // the same post has other ids; its URL and URI are the same, and de-duplication uses the URL.)
    id: original.id,
    author: handle(original.account.acct, instance.host),
    authorName: original.account.display_name || null,
    contentWarning: original.spoiler_text || null,
    text,
    url: original.url ?? original.uri ?? null,
    createdAt: Number.isNaN(createdAt) ? null : createdAt,
    lang: original.language ?? null,
    metadata,
  };
}

/** rel → URL from a Link header (RFC 8288). */
export function parseLinkHeader(header: string | null): Record<string, string> {
  const links: Record<string, string> = {};
  if (!header) return links;
  for (const part of header.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>\s*((?:;\s*[^;]+)*)$/.exec(part);
    if (!m) continue;
    const rel = /;\s*rel\s*=\s*"?([^";]+)"?/i.exec(m[2]!)?.[1];
    if (rel) for (const r of rel.trim().split(/\s+/)) links[r.toLowerCase()] = m[1]!;
  }
  return links;
}

/** X-RateLimit-* headers; Reset is an ISO date (Mastodon) or epoch seconds / seconds from now (others). */
export function parseRateLimit(headers: Headers, now: number): RateLimit | null {
  const remaining = headers.get('x-ratelimit-remaining');
  if (remaining === null || !/^\d+$/.test(remaining.trim())) return null;
  const limit = headers.get('x-ratelimit-limit');
  const reset = headers.get('x-ratelimit-reset')?.trim() ?? null;
  let resetAt: number | null = null;
  if (reset) {
    if (/^\d+(\.\d+)?$/.test(reset)) {
      const n = Number(reset);
      resetAt = n > 1e9 ? n * 1000 : now + n * 1000;
    } else {
      const t = Date.parse(reset);
      resetAt = Number.isNaN(t) ? null : t;
    }
  }
  return { limit: limit !== null && /^\d+$/.test(limit.trim()) ? Number(limit) : null, remaining: Number(remaining), resetAt };
}

function timelineUrl(instance: URL, spec: MastodonTimelineSpec, limit: number): URL {
  const url =
    spec.type === 'public'
      ? new URL('/api/v1/timelines/public', instance)
      : new URL(`/api/v1/timelines/tag/${encodeURIComponent(spec.tag.replace(/^#/, ''))}`, instance);
  url.searchParams.set('limit', String(limit));
  if (spec.local) url.searchParams.set('local', 'true');
  if (spec.type === 'public' && spec.remote) url.searchParams.set('remote', 'true');
  if (spec.type === 'tag') {
    for (const key of ['any', 'all', 'none'] as const) for (const t of spec[key] ?? []) url.searchParams.append(`${key}[]`, t.replace(/^#/, ''));
  }
  return url;
}

const defaultSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new MastodonError('the poll was cancelled'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new MastodonError('the poll was cancelled'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

class Deferred extends Error {
  readonly until: number;
  constructor(until: number, message: string) {
    super(message);
    this.until = until;
  }
}

const MAX_FAILURE_BACKOFF_MS = 5 * 60_000;

export class MastodonTimeline {
  readonly config: MastodonConfig;
  readonly instance: URL;
  private readonly filter: KeywordFilter;
  private readonly fetchImpl: typeof fetch;
  private readonly scoring: ScoringContextOf | undefined;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  private readonly limit: number;
  private cursorId: string | null;
  private rate: RateLimit | null = null;
  private notBefore = 0;
  private failures = 0;

  constructor(config: MastodonConfig, deps: MastodonDeps = {}) {
    let instance: URL;
    try {
      instance = new URL(config.instance);
    } catch {
      throw new MastodonError(`instance "${config.instance}" is not a URL`);
    }
    if (instance.protocol !== 'https:' && instance.protocol !== 'http:') throw new MastodonError('instance must be an http(s) URL');
    if (!postSourceSchema.safeParse(config.id).success || postSourceSchema.parse(config.id) !== config.id) {
      throw new MastodonError(`source id "${config.id}" must be lower-case letters, digits, ".", "_" or "-" (at most 64)`);
    }
    if (config.timeline.type === 'tag' && !/^#?[\p{L}\p{N}_]+$/u.test(config.timeline.tag)) {
      throw new MastodonError(`"${config.timeline.tag}" is not a hashtag (letters, digits and "_")`);
    }
    this.config = config;
    this.instance = new URL(instance.origin + instance.pathname.replace(/\/+$/, '') + '/');
    this.filter = compileKeywordFilter(config.filter);
    this.fetchImpl = deps.fetch ?? fetch;
    this.scoring = deps.scoring;
    this.now = deps.now ?? Date.now;
    this.sleep = deps.sleep ?? defaultSleep;
    this.random = deps.random ?? Math.random;
    this.limit = Math.min(40, Math.max(1, Math.floor(config.limit ?? 40)));
    this.cursorId = config.sinceId ?? null;
  }

  /** The newest status id read; give it back as `sinceId` to resume after a restart. */
  get cursor(): string | null {
    return this.cursorId;
  }

  get rateLimit(): RateLimit | null {
    return this.rate;
  }

  /** Poll once. Never throws: a failure is a result with `error` in words. */
  async poll(signal?: AbortSignal): Promise<MastodonPollResult> {
    const result: MastodonPollResult = {
      sourceId: this.config.id,
      status: 'ok',
      posts: [],
      pages: 0,
      more: false,
      cursor: this.cursorId,
      rateLimit: this.rate,
      waitedMs: 0,
      retries: 0,
      filtered: 0,
      skipped: 0,
      error: null,
      deferredUntil: null,
    };
    const start = this.now();
    if (start < this.notBefore) {
      result.status = 'deferred';
      result.deferredUntil = this.notBefore;
      return result;
    }
    const maxPages = Math.max(1, this.config.maxPagesPerPoll ?? 5);
    const base = timelineUrl(this.instance, this.config.timeline, this.limit);
    // The statuses of every page read, kept even when a later page fails: the cursor has moved
    // past them, so they must be returned with it or they are never read again.
    const statuses: MastodonStatus[] = [];
    try {
      let url: URL;
      if (this.cursorId === null) {
        url = base; // the newest page: where a new cursor starts
      } else {
        url = new URL(base);
        url.searchParams.set('min_id', this.cursorId);
      }
      for (;;) {
        const { body, link } = await this.request(url, result, signal);
        result.pages++;
        const page = this.readPage(body, result);
        const fresh = this.cursorId === null ? page : page.filter((s) => compareIds(s.id, this.cursorId!) > 0);
        statuses.push(...fresh);
        const newest = page.reduce<string | null>((max, s) => (max === null || compareIds(s.id, max) > 0 ? s.id : max), null);
        const firstPoll = this.cursorId === null;
        if (newest !== null && (this.cursorId === null || compareIds(newest, this.cursorId) > 0)) this.cursorId = newest;
        if (firstPoll || page.length < this.limit) break;
        if (result.pages >= maxPages) {
          result.more = true;
          break;
        }
        url = this.nextUrl(link, base);
      }
      this.failures = 0;
    } catch (error) {
      if (error instanceof Deferred) {
        result.status = 'deferred';
        result.deferredUntil = error.until;
        result.error = error.message;
        this.notBefore = error.until;
      } else {
        result.status = 'error';
        result.error = error instanceof MastodonError ? error.message : `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
        this.failures++;
        const backoff = Math.min(MAX_FAILURE_BACKOFF_MS, 5_000 * 2 ** (this.failures - 1));
        const retry = error instanceof MastodonError ? (error.retryAfterMs ?? 0) : 0;
        this.notBefore = this.now() + Math.max(backoff, retry);
        result.deferredUntil = this.notBefore;
      }
    }
    statuses.sort((a, b) => compareIds(a.id, b.id));
    const receivedAt = this.now();
    const context = this.scoring?.(this.config.id);
    for (const status of statuses) {
      const draft = statusToDraft(status, this.config.id, this.instance);
      const verdict = this.filter.test({ text: draft.text, title: draft.contentWarning ?? null, author: draft.author });
      if (!verdict.keep) {
        result.filtered++;
        continue;
      }
      result.posts.push(toPost(draft, receivedAt, context));
    }
    result.cursor = this.cursorId;
    result.rateLimit = this.rate;
    return result;
  }

  /** The rel="prev" page (newer statuses) if it stays on this timeline; else min_id from the cursor. */
  private nextUrl(link: Record<string, string>, base: URL): URL {
    const prev = link.prev;
    if (prev) {
      try {
        const url = new URL(prev, base);
        if (url.origin === base.origin && url.pathname === base.pathname && url.searchParams.has('min_id')) return url;
      } catch {
        // fall through to min_id
      }
    }
    const url = new URL(base);
    url.searchParams.set('min_id', this.cursorId ?? '0');
    return url;
  }

  private readPage(body: unknown, result: MastodonPollResult): MastodonStatus[] {
    if (!Array.isArray(body)) {
      throw new MastodonError(`the timeline did not answer with a list of statuses (got ${body === null ? 'null' : typeof body})`);
    }
    const out: MastodonStatus[] = [];
    for (const item of body) {
      const parsed = statusSchema.safeParse(item);
      if (parsed.success) out.push(parsed.data);
      else result.skipped++;
    }
    return out;
  }

  /** Wait for quota if none is left; then GET with retries on 429, 5xx and network errors. */
  private async request(url: URL, result: MastodonPollResult, signal?: AbortSignal): Promise<{ body: unknown; link: Record<string, string> }> {
    const maxWait = this.config.maxWaitMs ?? 30_000;
    const maxRetries = this.config.maxRetries ?? 3;
    const timeoutMs = this.config.timeoutMs ?? 10_000;
    const wait = async (ms: number, why: string): Promise<void> => {
      if (ms <= 0) return;
      if (result.waitedMs + ms > maxWait) throw new Deferred(this.now() + ms, `${why}; next request at ${new Date(this.now() + ms).toISOString()}`);
      result.waitedMs += ms;
      await this.sleep(ms, signal);
    };

    for (let attempt = 0; ; attempt++) {
      if (this.rate && this.rate.remaining <= 0 && this.rate.resetAt !== null && this.rate.resetAt > this.now()) {
        await wait(this.rate.resetAt - this.now() + 250, `rate limit used up (${this.rate.limit ?? '?'} requests per window)`);
        this.rate = { ...this.rate, remaining: this.rate.limit ?? 1 };
      }
      const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'MissionControl-hub (customer pulse)' };
      if (this.config.token) headers.authorization = `Bearer ${this.config.token}`;
      const timeout = AbortSignal.timeout(timeoutMs);
      let response: Response;
      try {
        response = await this.fetchImpl(url, { headers, signal: signal ? AbortSignal.any([signal, timeout]) : timeout, redirect: 'follow' });
      } catch (error) {
        if (signal?.aborted) throw new MastodonError('the poll was cancelled');
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        const why = timeout.aborted ? `no answer from ${this.instance.host} within ${timeoutMs} ms` : `cannot reach ${this.instance.host}: ${cause?.code ?? cause?.message ?? (error as Error).message}`;
        if (attempt >= maxRetries) throw new MastodonError(`${why} (after ${attempt + 1} attempts)`);
        result.retries++;
        await wait(this.backoff(attempt), why);
        continue;
      }
      const now = this.now();
      this.rate = parseRateLimit(response.headers, now) ?? this.rate;
      if (response.ok) {
        let body: unknown;
        try {
          body = await response.json();
        } catch {
          throw new MastodonError(`${this.instance.host} did not answer with JSON (${response.headers.get('content-type') ?? 'no content type'})`);
        }
        return { body, link: parseLinkHeader(response.headers.get('link')) };
      }
      const detail = await response
        .json()
        .then((b: unknown) => (b && typeof b === 'object' && 'error' in b ? String((b as { error: unknown }).error) : ''))
        .catch(() => '');
      const said = detail ? `: ${detail.slice(0, 200)}` : '';
      if (response.status === 429) {
        const reset = this.rate?.resetAt ?? null;
        const retryAfter = retryAfterMs(response.headers.get('retry-after'), now);
        const pause = reset !== null && reset > now ? reset - now + 250 : (retryAfter ?? this.backoff(attempt));
        if (this.rate) this.rate = { ...this.rate, remaining: 0 };
        if (attempt >= maxRetries) throw new MastodonError(`rate-limited by ${this.instance.host} (HTTP 429)${said}`, pause);
        result.retries++;
        await wait(pause, `rate-limited by ${this.instance.host} (HTTP 429)`);
        if (this.rate) this.rate = { ...this.rate, remaining: this.rate.limit ?? 1 };
        continue;
      }
      if (response.status >= 500) {
        if (attempt >= maxRetries) throw new MastodonError(`HTTP ${response.status} ${response.statusText} from ${this.instance.host} (after ${attempt + 1} attempts)${said}`);
        result.retries++;
        const retryAfter = retryAfterMs(response.headers.get('retry-after'), now);
        await wait(Math.max(this.backoff(attempt), retryAfter ?? 0), `HTTP ${response.status} from ${this.instance.host}`);
        continue;
      }
      if (response.status === 401 || response.status === 403) {
        throw new MastodonError(
          `${this.instance.host} refused the timeline (HTTP ${response.status})${said}: ${this.config.token ? 'the token was not accepted' : 'this instance does not show it without an access token; set a token'}`,
        );
      }
      if (response.status === 404) throw new MastodonError(`no such timeline on ${this.instance.host} (HTTP 404): is this a Mastodon-compatible instance?`);
      throw new MastodonError(`HTTP ${response.status} ${response.statusText} from ${this.instance.host}${said}`);
    }
  }

  /** 1 s, 2 s, 4 s … capped at 30 s, with ±25 % jitter. */
  private backoff(attempt: number): number {
    const base = Math.min(30_000, 1000 * 2 ** attempt);
    return Math.round(base * (0.75 + this.random() * 0.5));
  }
}
