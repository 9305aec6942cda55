/**
 * Duplicate posts collapsed across feeds and sources: the same post reached twice (the same
 * source and id), the same page linked from two feeds (the same canonical URL), or the same words
 * from the same author (a cross-post, a copy-paste, a boost seen on two instances) within a
 * window. The first one seen is kept; later ones are reported with the reason.
 *
 * Memory is bounded: entries expire with their window and the oldest are evicted past maxEntries.
 * Keys are 53-bit hashes, so a 10 KB post costs a number, not its text.
 */

export interface DedupeOptions {
  /** How long a source+id or URL is remembered. Default 24 h. */
  idWindowMs?: number;
  /** How long the same text from the same author counts as a duplicate. Default 2 h. */
  textWindowMs?: number;
  /** Entries kept per kind before the oldest are dropped. Default 100,000. */
  maxEntries?: number;
}

export interface DedupeCandidate {
  /** Unique per source: `${source}:${id}`. */
  key: string;
  /** The feed or source the post came from: a URL repeated within one source is not a duplicate
   * (a status page's updates all link to the incident), only across sources. */
  source: string;
  url: string | null;
  author: string;
  text: string;
}

export type DuplicateReason = 'same-id' | 'same-url' | 'same-text';
export type DedupeVerdict = { duplicate: false } | { duplicate: true; reason: DuplicateReason; firstKey: string };

/** cyrb53: a fast 53-bit string hash (public domain, bryc). Collisions are negligible at these sizes. */
export function hash53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

// Query parameters that only track where a click came from.
const TRACKING_PARAM = /^(utm_[a-z]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ref|ref_src|s|cmpid|_hsenc|_hsmi)$/i;

interface ParsedUrl {
  protocol: string;
  hostname: string;
  port: string;
  pathname: string;
  search: string;
  searchParams: { forEach(cb: (value: string, key: string) => void): void };
}
const WhatwgUrl = (globalThis as unknown as { URL: new (input: string) => ParsedUrl }).URL;

/**
 * A URL reduced to what identifies the page: http and https alike, host lower-cased without
 * "www." and default port, no fragment, no tracking parameters, the rest sorted, no trailing "/".
 */
export function canonicalUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: ParsedUrl;
  try {
    parsed = new WhatwgUrl(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
  const port = parsed.port === '' || parsed.port === '80' || parsed.port === '443' ? '' : `:${parsed.port}`;
  const params: [string, string][] = [];
  parsed.searchParams.forEach((value, key) => {
    if (!TRACKING_PARAM.test(key)) params.push([key, value]);
  });
  params.sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1));
  const query = params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  const path = parsed.pathname.length > 1 ? parsed.pathname.replace(/\/+$/, '') : '';
  return `${host}${port}${path}${query ? `?${query}` : ''}`;
}

/**
 * The words of a post, for "same text" comparison: compatibility-folded, lower case, links and
 * invisible characters dropped, punctuation and whitespace runs as one space.
 */
export function normaliseForDedupe(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\bhttps?:\/\/\S+/g, ' ')
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '')
    .replace(/[^\p{L}\p{N}\p{Extended_Pictographic}]+/gu, ' ')
    .trim();
}

class ExpiringSet {
  private readonly entries = new Map<number, { key: string; source: string; at: number }>();
  private readonly windowMs: number;
  private readonly maxEntries: number;
  constructor(windowMs: number, maxEntries: number) {
    this.windowMs = windowMs;
    this.maxEntries = maxEntries;
  }

  get size(): number {
    return this.entries.size;
  }

  prune(now: number): void {
    // Map iteration is insertion order, which is time order as long as the clock does not jump back.
    for (const [hash, entry] of this.entries) {
      if (entry.at > now - this.windowMs && this.entries.size <= this.maxEntries) break;
      this.entries.delete(hash);
    }
  }

  get(hash: number, now: number): { key: string; source: string } | undefined {
    const entry = this.entries.get(hash);
    return entry !== undefined && entry.at > now - this.windowMs ? entry : undefined;
  }

  add(hash: number, key: string, source: string, now: number): void {
    this.entries.delete(hash);
    this.entries.set(hash, { key, source, at: now });
  }

  /** Drop an entry, if it is this post's. */
  remove(hash: number, key: string): void {
    if (this.entries.get(hash)?.key === key) this.entries.delete(hash);
  }
}

interface Hashes {
  id: number;
  url: number | null;
  text: number | null;
}

export class DuplicateFilter {
  private readonly ids: ExpiringSet;
  private readonly urls: ExpiringSet;
  private readonly texts: ExpiringSet;

  constructor(options: DedupeOptions = {}) {
    const idWindow = options.idWindowMs ?? 24 * 3_600_000;
    const textWindow = options.textWindowMs ?? 2 * 3_600_000;
    const max = options.maxEntries ?? 100_000;
    this.ids = new ExpiringSet(idWindow, max);
    this.urls = new ExpiringSet(idWindow, max);
    this.texts = new ExpiringSet(textWindow, max);
  }

  /** Entries remembered, per kind. */
  get size(): { ids: number; urls: number; texts: number } {
    return { ids: this.ids.size, urls: this.urls.size, texts: this.texts.size };
  }

  /** Is this a duplicate of a post seen within the window? If not, it is remembered. `now` is the hub's clock. */
  check(post: DedupeCandidate, now: number): DedupeVerdict {
    const h = hashes(post);
    const verdict = this.#find(post, now, h);
    if (!verdict.duplicate) this.#remember(post, now, h);
    return verdict;
  }

  #find(post: DedupeCandidate, now: number, h: Hashes): DedupeVerdict {
    this.ids.prune(now);
    this.urls.prune(now);
    this.texts.prune(now);
    const byId = this.ids.get(h.id, now);
    if (byId !== undefined) return { duplicate: true, reason: 'same-id', firstKey: byId.key };
    const byUrl = h.url === null ? undefined : this.urls.get(h.url, now);
    if (byUrl !== undefined && byUrl.source !== post.source) return { duplicate: true, reason: 'same-url', firstKey: byUrl.key };
    const byText = h.text === null ? undefined : this.texts.get(h.text, now);
    if (byText !== undefined) return { duplicate: true, reason: 'same-text', firstKey: byText.key };
    return { duplicate: false };
  }

  #remember(post: DedupeCandidate, now: number, h: Hashes): void {
    this.ids.add(h.id, post.key, post.source, now);
    if (h.url !== null && this.urls.get(h.url, now) === undefined) this.urls.add(h.url, post.key, post.source, now);
    if (h.text !== null) this.texts.add(h.text, post.key, post.source, now);
  }

  /** Forget a post remembered but not kept after all (its store failed): it may come again. */
  forget(post: DedupeCandidate): void {
    const h = hashes(post);
    this.ids.remove(h.id, post.key);
    if (h.url !== null) this.urls.remove(h.url, post.key);
    if (h.text !== null) this.texts.remove(h.text, post.key);
  }
}

function hashes(post: DedupeCandidate): Hashes {
  const url = canonicalUrl(post.url);
  const words = normaliseForDedupe(post.text);
  return {
    id: hash53(post.key),
    // A site's front page identifies no post (feeds whose items all link home).
    url: url === null || !/[/?]/.test(url) ? null : hash53(url, 1),
    text: words === '' ? null : hash53(`${normaliseForDedupe(post.author)}\u0000${words}`, 2),
  };
}
