// RSS 2.0 and Atom 1.0 renderings of the newest posts, plus HTTP conditional-GET validators
// (ETag / Last-Modified → 304), so feed pollers can be exercised exactly as against a real site.

import { escapeHtml, postHtml } from './mastodon.ts';
import type { Post } from './posts.ts';

export interface FeedInfo {
  /** Origin of the demo server, e.g. http://127.0.0.1:9300 */
  baseUrl: string;
  /** URL of this feed document. */
  selfUrl: string;
  /** Used when there are no posts yet. */
  fallbackUpdatedMs: number;
}

const TITLE = 'StreamCo customer posts (demo)';
const DESCRIPTION = 'What viewers are saying about the stream tonight (simulated).';

function xml(text: string): string {
  return escapeHtml(text);
}

function titleOf(post: Post): string {
  const text = `${post.account.displayName}: ${post.text}`;
  return text.length > 100 ? `${text.slice(0, 99)}…` : text;
}

function postUrl(post: Post, baseUrl: string): string {
  return `${baseUrl}/@${post.account.username}/${post.id}`;
}

/** Newest post time, or the fallback: the feed's Last-Modified. */
export function lastModifiedMs(posts: readonly Post[], fallbackMs: number): number {
  return posts.length > 0 ? posts[posts.length - 1]!.createdAtMs : fallbackMs;
}

/** A strong validator that changes whenever the set of items changes. */
export function feedEtag(kind: 'rss' | 'atom', posts: readonly Post[]): string {
  const newest = posts[posts.length - 1];
  return `"${kind}-${newest ? newest.id : '0'}-${posts.length}"`;
}

/** RSS 2.0 with the newest posts first. `posts` is oldest first. */
export function renderRss(posts: readonly Post[], info: FeedInfo): string {
  const updated = new Date(lastModifiedMs(posts, info.fallbackUpdatedMs)).toUTCString();
  const items = [...posts].reverse().map((post) => {
    const url = postUrl(post, info.baseUrl);
    const categories = post.tags.map((t) => `      <category>${xml(t)}</category>\n`).join('');
    return (
      `    <item>\n` +
      `      <title>${xml(titleOf(post))}</title>\n` +
      `      <link>${xml(url)}</link>\n` +
      `      <guid isPermaLink="true">${xml(url)}</guid>\n` +
      `      <pubDate>${new Date(post.createdAtMs).toUTCString()}</pubDate>\n` +
      `      <dc:creator>${xml(`@${post.account.username}`)}</dc:creator>\n` +
      categories +
      `      <description>${xml(postHtml(post, info.baseUrl))}</description>\n` +
      `    </item>\n`
    );
  });
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">\n` +
    `  <channel>\n` +
    `    <title>${xml(TITLE)}</title>\n` +
    `    <link>${xml(info.baseUrl)}/</link>\n` +
    `    <description>${xml(DESCRIPTION)}</description>\n` +
    `    <language>en</language>\n` +
    `    <lastBuildDate>${updated}</lastBuildDate>\n` +
    `    <ttl>1</ttl>\n` +
    `    <atom:link href="${xml(info.selfUrl)}" rel="self" type="application/rss+xml"/>\n` +
    items.join('') +
    `  </channel>\n` +
    `</rss>\n`
  );
}

/** Atom 1.0 with the newest posts first. `posts` is oldest first. */
export function renderAtom(posts: readonly Post[], info: FeedInfo): string {
  const updated = new Date(lastModifiedMs(posts, info.fallbackUpdatedMs)).toISOString();
  const entries = [...posts].reverse().map((post) => {
    const url = postUrl(post, info.baseUrl);
    const time = new Date(post.createdAtMs).toISOString();
    const categories = post.tags.map((t) => `    <category term="${xml(t)}"/>\n`).join('');
    return (
      `  <entry>\n` +
      `    <id>${xml(`${info.baseUrl}/users/${post.account.username}/statuses/${post.id}`)}</id>\n` +
      `    <title>${xml(titleOf(post))}</title>\n` +
      `    <link rel="alternate" type="text/html" href="${xml(url)}"/>\n` +
      `    <published>${time}</published>\n` +
      `    <updated>${time}</updated>\n` +
      `    <author><name>${xml(post.account.displayName)}</name><uri>${xml(`${info.baseUrl}/@${post.account.username}`)}</uri></author>\n` +
      categories +
      `    <content type="html">${xml(postHtml(post, info.baseUrl))}</content>\n` +
      `  </entry>\n`
    );
  });
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">\n` +
    `  <id>${xml(info.baseUrl)}/feeds/posts</id>\n` +
    `  <title>${xml(TITLE)}</title>\n` +
    `  <subtitle>${xml(DESCRIPTION)}</subtitle>\n` +
    `  <updated>${updated}</updated>\n` +
    `  <link rel="self" type="application/atom+xml" href="${xml(info.selfUrl)}"/>\n` +
    `  <link rel="alternate" type="text/html" href="${xml(info.baseUrl)}/"/>\n` +
    `  <generator>Mission Control demo</generator>\n` +
    entries.join('') +
    `</feed>\n`
  );
}

/**
 * RFC 9110 conditional GET: If-None-Match wins when present (weak comparison);
 * otherwise If-Modified-Since against Last-Modified at one-second resolution.
 */
export function isNotModified(
  headers: { 'if-none-match'?: string | undefined; 'if-modified-since'?: string | undefined },
  etag: string,
  lastModified: number,
): boolean {
  const inm = headers['if-none-match'];
  if (inm !== undefined) {
    if (inm.trim() === '*') return true;
    const opaque = (tag: string): string => tag.trim().replace(/^W\//, '');
    return inm.split(',').some((tag) => opaque(tag) === opaque(etag));
  }
  const ims = headers['if-modified-since'];
  if (ims !== undefined) {
    const since = Date.parse(ims);
    if (Number.isNaN(since)) return false;
    return Math.floor(lastModified / 1000) * 1000 <= since;
  }
  return false;
}
