/**
 * Conditional GET of a feed: the validators of the last 200 (ETag, Last-Modified) are sent back
 * as If-None-Match / If-Modified-Since, and a 304 means "nothing new, and the feed is fresh".
 * Bodies are read as bytes (the encoding is decided from the bytes, encoding.ts) with a size
 * limit; every failure is a FeedError in words, like the hub's other sources (sources/http.ts).
 */
import { FeedError, retryAfterMs } from '../errors.ts';

/** Feeds larger than this are refused. Big news feeds are ~1 MB; 8 MB leaves room for podcasts with long show notes. */
export const MAX_FEED_BYTES = 8 * 1024 * 1024;

export const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1';
export const USER_AGENT = 'MissionControl-hub (customer pulse feed reader)';

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export interface FeedFetchOptions {
  validators?: Validators;
  timeoutMs?: number;
  headers?: Record<string, string>;
  maxBytes?: number;
  signal?: AbortSignal;
  /** The hub's clock (for Retry-After dates). */
  now?: () => number;
  fetch?: typeof fetch;
}

export type FeedResponse =
  | { status: 304; url: string; validators: Validators }
  | { status: 200; url: string; validators: Validators; bytes: Uint8Array; contentType: string | null };

async function readLimited(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw new FeedError(`the feed is ${declared} bytes, over the ${maxBytes}-byte limit`);
  }
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new FeedError(`the feed exceeds the ${maxBytes}-byte limit`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

export async function fetchFeed(url: string, options: FeedFetchOptions = {}): Promise<FeedResponse> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const now = options.now ?? Date.now;
  const headers: Record<string, string> = { accept: FEED_ACCEPT, 'user-agent': USER_AGENT, ...options.headers };
  if (options.validators?.etag) headers['if-none-match'] = options.validators.etag;
  if (options.validators?.lastModified) headers['if-modified-since'] = options.validators.lastModified;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, { headers, signal, redirect: 'follow' });
  } catch (error) {
    if (timeout.aborted) throw new FeedError(`no answer from ${url} within ${timeoutMs} ms`);
    if (options.signal?.aborted) throw new FeedError('the poll was cancelled');
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new FeedError(`cannot reach ${url}: ${cause?.message ?? cause?.code ?? (error as Error).message}`);
  }
  const finalUrl = response.url || url;
  const validators: Validators = {
    etag: response.headers.get('etag'),
    lastModified: response.headers.get('last-modified'),
  };
  if (response.status === 304) {
    await response.body?.cancel().catch(() => {});
    // A 304 may omit the validators; the ones sent still hold.
    return {
      status: 304,
      url: finalUrl,
      validators: { etag: validators.etag ?? options.validators?.etag ?? null, lastModified: validators.lastModified ?? options.validators?.lastModified ?? null },
    };
  }
  if (!response.ok) {
    const snippet = (await response.text().catch(() => '')).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 120);
    const wait = retryAfterMs(response.headers.get('retry-after'), now());
    const what =
      response.status === 410 ? 'the feed is gone (HTTP 410 Gone); remove it from the workspace'
      : response.status === 404 ? `no feed at ${finalUrl} (HTTP 404 Not Found)`
      : response.status === 401 || response.status === 403 ? `the feed refused access (HTTP ${response.status} ${response.statusText}): it needs credentials or blocks this client`
      : response.status === 429 ? `the feed's server is rate-limiting us (HTTP 429)${wait !== null ? `; retry after ${Math.ceil(wait / 1000)} s` : ''}`
      : `HTTP ${response.status} ${response.statusText} from ${finalUrl}`;
    throw new FeedError(`${what}${snippet && response.status !== 404 ? `: ${snippet}` : ''}`, wait);
  }
  const bytes = await readLimited(response, options.maxBytes ?? MAX_FEED_BYTES).catch((error: unknown) => {
    if (error instanceof FeedError) throw error;
    if (timeout.aborted) throw new FeedError(`the feed at ${url} did not finish within ${timeoutMs} ms`);
    throw new FeedError(`the connection broke while reading the feed: ${(error as Error).message}`);
  });
  return { status: 200, url: finalUrl, validators, bytes, contentType: response.headers.get('content-type') };
}
