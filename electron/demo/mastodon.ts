// A Mastodon-compatible view of the posts: Status JSON, timeline paging (limit, max_id, since_id,
// min_id, with a Link header) and the X-RateLimit-* headers, so the real Mastodon adapter can be
// pointed at the demo unchanged.

import type { Post } from './posts.ts';

export interface MastodonAccount {
  id: string;
  username: string;
  acct: string;
  display_name: string;
  locked: boolean;
  bot: boolean;
  discoverable: boolean;
  group: boolean;
  created_at: string;
  note: string;
  url: string;
  avatar: string;
  avatar_static: string;
  header: string;
  header_static: string;
  followers_count: number;
  following_count: number;
  statuses_count: number;
  last_status_at: string;
  emojis: [];
  fields: [];
}

export interface MastodonStatus {
  id: string;
  created_at: string;
  in_reply_to_id: null;
  in_reply_to_account_id: null;
  sensitive: boolean;
  spoiler_text: string;
  visibility: 'public';
  language: string;
  uri: string;
  url: string;
  replies_count: number;
  reblogs_count: number;
  favourites_count: number;
  edited_at: null;
  content: string;
  reblog: null;
  account: MastodonAccount;
  media_attachments: [];
  mentions: [];
  tags: { name: string; url: string }[];
  emojis: [];
  card: null;
  poll: null;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Post text as Mastodon HTML: escaped, in a <p>, hashtags as tag links. */
export function postHtml(post: Post, baseUrl: string): string {
  // A hashtag starts a word; "&#39;" from escaping an apostrophe must not become one.
  const html = escapeHtml(post.text).replace(
    /(?<![&\w])#([A-Za-z][A-Za-z0-9_]*)/g,
    (_m, tag: string) =>
      `<a href="${baseUrl}/tags/${tag.toLowerCase()}" class="mention hashtag" rel="tag">#<span>${tag}</span></a>`,
  );
  return `<p>${html}</p>`;
}

export function toStatus(post: Post, baseUrl: string): MastodonStatus {
  const { account } = post;
  const profile = `${baseUrl}/@${account.username}`;
  const created = new Date(post.createdAtMs).toISOString();
  return {
    id: post.id,
    created_at: created,
    in_reply_to_id: null,
    in_reply_to_account_id: null,
    sensitive: false,
    spoiler_text: '',
    visibility: 'public',
    language: post.language,
    uri: `${baseUrl}/users/${account.username}/statuses/${post.id}`,
    url: `${profile}/${post.id}`,
    replies_count: post.seq % 7,
    reblogs_count: post.mood === 'angry' ? post.seq % 13 : post.seq % 4,
    favourites_count: post.seq % 23,
    edited_at: null,
    content: postHtml(post, baseUrl),
    reblog: null,
    account: {
      id: account.id,
      username: account.username,
      acct: account.username,
      display_name: account.displayName,
      locked: false,
      bot: false,
      discoverable: true,
      group: false,
      created_at: new Date(account.createdAtMs).toISOString(),
      note: '',
      url: profile,
      avatar: `${baseUrl}/avatars/original/missing.png`,
      avatar_static: `${baseUrl}/avatars/original/missing.png`,
      header: `${baseUrl}/headers/original/missing.png`,
      header_static: `${baseUrl}/headers/original/missing.png`,
      followers_count: Number(account.id) % 900,
      following_count: Number(account.id) % 300,
      statuses_count: 100 + (Number(account.id) % 5000),
      last_status_at: created.slice(0, 10),
      emojis: [],
      fields: [],
    },
    media_attachments: [],
    mentions: [],
    tags: post.tags.map((name) => ({ name: name.toLowerCase(), url: `${baseUrl}/tags/${name.toLowerCase()}` })),
    emojis: [],
    card: null,
    poll: null,
  };
}

export interface TimelineQuery {
  limit: number;
  maxId?: bigint;
  sinceId?: bigint;
  minId?: bigint;
  /** Only posts with this hashtag (case-insensitive, without '#'). */
  tag?: string;
}

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 40;

/** Parse the paging parameters; an error message names the bad parameter. */
export function parseTimelineQuery(params: URLSearchParams, tag?: string): TimelineQuery | { error: string } {
  const query: TimelineQuery = { limit: DEFAULT_LIMIT };
  const limit = params.get('limit');
  if (limit !== null && limit !== '') {
    const n = Number(limit);
    if (!Number.isInteger(n) || n < 1) return { error: 'limit must be a positive integer' };
    query.limit = Math.min(MAX_LIMIT, n);
  }
  for (const [param, field] of [
    ['max_id', 'maxId'],
    ['since_id', 'sinceId'],
    ['min_id', 'minId'],
  ] as const) {
    const value = params.get(param);
    if (value === null || value === '') continue;
    if (!/^\d{1,30}$/.test(value)) return { error: `${param} must be a numeric status id` };
    query[field] = BigInt(value);
  }
  if (tag !== undefined) query.tag = tag.replace(/^#/, '').toLowerCase();
  return query;
}

/** Select a page of posts (`posts` oldest first), returned newest first like Mastodon. */
export function selectTimeline(posts: readonly Post[], query: TimelineQuery): Post[] {
  const matches = posts.filter(
    (p) =>
      (query.maxId === undefined || p.idValue < query.maxId) &&
      (query.sinceId === undefined || p.idValue > query.sinceId) &&
      (query.minId === undefined || p.idValue > query.minId) &&
      (query.tag === undefined || p.tags.some((t) => t.toLowerCase() === query.tag)),
  );
  // min_id pages forward from the given id (the oldest ones after it); otherwise the newest.
  const page = query.minId !== undefined ? matches.slice(0, query.limit) : matches.slice(-query.limit);
  return page.reverse();
}

/** Link header: rel="next" pages into older posts, rel="prev" polls for newer ones. */
export function linkHeader(pageUrl: URL, page: readonly Post[]): string | undefined {
  const newest = page[0];
  const oldest = page[page.length - 1];
  if (!newest || !oldest) return undefined;
  const link = (param: 'max_id' | 'min_id', id: string): string => {
    const url = new URL(pageUrl.href);
    for (const p of ['max_id', 'since_id', 'min_id']) url.searchParams.delete(p);
    url.searchParams.set(param, id);
    return url.href;
  };
  return `<${link('max_id', oldest.id)}>; rel="next", <${link('min_id', newest.id)}>; rel="prev"`;
}

export interface RateLimitResult {
  allowed: boolean;
  limit: number;
  remaining: number;
  resetAtMs: number;
}

/** Fixed-window rate limit per client (Mastodon's default is 300 requests per 5 minutes). */
export class RateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  private readonly windows = new Map<string, { startMs: number; used: number }>();

  constructor(limit = 300, windowMs = 5 * 60_000) {
    this.limit = limit;
    this.windowMs = windowMs;
  }

  take(client: string, nowMs: number): RateLimitResult {
    let window = this.windows.get(client);
    if (!window || nowMs >= window.startMs + this.windowMs) {
      if (this.windows.size > 10_000) this.windows.clear(); // bounded memory
      window = { startMs: nowMs - (nowMs % this.windowMs), used: 0 };
      this.windows.set(client, window);
    }
    const allowed = window.used < this.limit;
    if (allowed) window.used++;
    return {
      allowed,
      limit: this.limit,
      remaining: this.limit - window.used,
      resetAtMs: window.startMs + this.windowMs,
    };
  }
}
