/**
 * RSS 2.0, Atom 1.0 and RDF feeds read over real HTTP on loopback: the fixtures in
 * test/fixtures/feeds (see their README) served with ETag / Last-Modified and 304s, plus the ways
 * a feed goes wrong in the real world. One bad feed must never stop the others.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FeedPoller, FeedSet, type FeedConfig } from '../../electron/hub/pulse/feeds/poller.ts';
import { scoringContexts } from '../../electron/hub/pulse/scoring-context.ts';
import { postSchema } from '../../shared/model/post.ts';

const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url));

interface Route {
  body: () => Buffer;
  type: string;
  etag?: boolean;
  lastModified?: string;
  status?: number;
  headers?: Record<string, string>;
}

/** A feed the test edits while it is being polled. */
const live = { items: [] as string[] };
const liveFeed = (): Buffer =>
  Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Live desk</title><link>https://live.example/</link><description>Live</description>\n${live.items.join('\n')}\n</channel></rss>\n`,
  );

const HTTP_DATE = 'Thu, 01 May 2025 21:14:03 GMT';
const routes: Record<string, Route> = {
  '/technology/rss': { body: () => fixture('news-rss2.xml'), type: 'application/rss+xml; charset=utf-8', lastModified: HTTP_DATE },
  '/blog/feed.atom': { body: () => fixture('blog-atom.xml'), type: 'application/atom+xml' },
  '/forum.rdf': { body: () => fixture('forum-rdf.rdf'), type: 'application/rdf+xml' },
  '/podcast.xml': { body: () => fixture('podcast.xml'), type: 'application/rss+xml' },
  '/supporters.xml': { body: () => fixture('broken-dates-entities.xml'), type: 'text/xml' },
  '/cafe.xml': { body: () => fixture('latin1-declared-utf8.xml'), type: 'text/xml; charset=ISO-8859-1' },
  '/sportbar.xml': { body: () => fixture('utf8-declared-cp1252.xml'), type: 'application/rss+xml; charset=utf-8' },
  // Last-Modified only, like many static hosts: the poller must use If-Modified-Since.
  '/history.atom': { body: () => fixture('status-page.atom'), type: 'application/atom+xml', etag: false, lastModified: 'Thu, 01 May 2025 21:52:10 GMT' },
  '/roundup.xml': { body: () => fixture('aggregator-rss2.xml'), type: 'application/rss+xml' },
  '/live.xml': { body: liveFeed, type: 'application/rss+xml' },
  '/truncated.xml': { body: () => fixture('malformed-truncated.xml'), type: 'application/rss+xml' },
  '/mismatched.xml': { body: () => fixture('malformed-mismatched.xml'), type: 'application/rss+xml' },
  '/technology': { body: () => fixture('site-homepage.html'), type: 'text/html; charset=utf-8', etag: false },
  '/gone.xml': { body: () => Buffer.from('<h1>Gone</h1>'), type: 'text/html', status: 410, etag: false },
  '/busy.xml': { body: () => Buffer.from('slow down'), type: 'text/plain', status: 429, etag: false, headers: { 'retry-after': '120' } },
  '/huge.xml': { body: () => Buffer.alloc(9 * 1024 * 1024, 0x20), type: 'application/rss+xml', etag: false },
};

interface Seen {
  path: string;
  ifNoneMatch: string | undefined;
  ifModifiedSince: string | undefined;
  status: number;
}
const seen: Seen[] = [];
let server: Server;
let base: string;

function handle(req: IncomingMessage, res: ServerResponse): void {
  const path = (req.url ?? '/').split('?')[0]!;
  const record = (status: number): void => {
    seen.push({ path, ifNoneMatch: req.headers['if-none-match'], ifModifiedSince: req.headers['if-modified-since'], status });
  };
  if (path === '/old/news.rss') {
    record(301);
    res.writeHead(301, { location: '/technology/rss' }).end();
    return;
  }
  if (path === '/stall.xml') {
    record(0);
    return; // never answers
  }
  const route = routes[path];
  if (!route) {
    record(404);
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  const body = route.body();
  const headers: Record<string, string> = { 'content-type': route.type, ...route.headers };
  if (route.etag !== false) headers.etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
  if (route.lastModified) headers['last-modified'] = route.lastModified;
  const inm = req.headers['if-none-match'];
  const ims = req.headers['if-modified-since'];
  const notModified =
    (route.status ?? 200) === 200 &&
    (inm !== undefined ? headers.etag !== undefined && inm === headers.etag : ims !== undefined && route.lastModified !== undefined && Date.parse(ims) >= Date.parse(route.lastModified));
  if (notModified) {
    record(304);
    delete headers['content-type'];
    res.writeHead(304, headers).end();
    return;
  }
  record(route.status ?? 200);
  res.writeHead(route.status ?? 200, { ...headers, 'content-length': String(body.length) }).end(body);
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  seen.length = 0;
  live.items = [];
});

const feed = (id: string, path: string, extra: Partial<FeedConfig> = {}): FeedConfig => ({ id, url: `${base}${path}`, timeoutMs: 2_000, ...extra });

describe('feeds over HTTP', () => {
  it('reads RSS 2.0, Atom 1.0, RDF and a podcast into plain-text posts', async () => {
    const set = new FeedSet([feed('ledger', '/technology/rss'), feed('eng-blog', '/blog/feed.atom'), feed('forum', '/forum.rdf'), feed('ftt', '/podcast.xml')]);
    const { results, posts } = await set.pollAll();
    expect(results.map((r) => [r.feedId, r.status, r.format, r.error])).toEqual([
      ['ledger', 'updated', 'rss', null],
      ['eng-blog', 'updated', 'atom', null],
      ['forum', 'updated', 'rdf', null],
      ['ftt', 'updated', 'rss', null],
    ]);
    for (const post of posts) expect(() => postSchema.parse(post), post.key).not.toThrow();
    const byId = new Map(posts.map((p) => [p.key, p]));

    const outage = byId.get('ledger:ledger-tech-2025-05-01-streamco-outage')!;
    expect(outage.kind).toBe('feed');
    expect(outage.title).toBe('StreamCo outage leaves football fans staring at ‘403 Forbidden’');
    expect(outage.text).toBe('Subscribers trying to watch Rovers v City were locked out for eight minutes as the streamer’s entitlement service failed.\n\nMore on streaming');
    expect(outage.author).toBe('Priya Raman and Tom Okafor');
    expect(outage.createdAt).toBe(Date.parse('2025-05-01T21:05:41Z'));
    expect(outage.dateSource).toBe('source');
    expect(outage.lang).toBe('en-gb');
    expect(outage.metadata).toMatchObject({ categories: 'Streaming, Football', feed: 'The Daily Ledger – Technology' });
    expect(outage.sentiment.label).toBe('negative');
    expect(outage.sentiment.topics).toContain('access');

    // A relative link resolves against the feed's own URL.
    expect(byId.get('ledger:ledger-tech-2025-05-01-live-sport-explainer')!.url).toBe(`${base}/technology/2025/may/01/why-live-sport-is-hard-for-streaming`);
    // HTML in a title is reduced to text, entities decoded (twice-escaped "&amp;amp;" included); EST is -05:00.
    const review = byId.get('ledger:ledger-tech-2025-04-30-streamco-review')!;
    expect(review.title).toBe('Review: the new StreamCo app is fast & tidy — when it works');
    expect(review.createdAt).toBe(Date.parse('2025-04-30T14:00:00Z'));

    // Atom: xml:base for links, type="html" titles, xhtml content with its line breaks.
    const postmortem = byId.get('eng-blog:tag:engineering.streamco.example,2025-05-02:/blog/postmortem-entitlement-403s')!;
    expect(postmortem.url).toBe('https://engineering.streamco.example/blog/2025/05/postmortem-entitlement-403s/');
    expect(postmortem.title).toBe('Post-mortem: 403s during Rovers v City');
    expect(postmortem.text).toBe('At 21:35 the entitlement cache expired all at once.\n\nTimeline:\n21:35 first 403s\n21:43 cache rebuilt\n\nSee the details.');
    expect(postmortem.author).toBe('Naledi Khumalo');
    expect(postmortem.createdAt).toBe(Date.parse('2025-05-02T08:00:00Z')); // published, not updated
    const cdn = byId.get('eng-blog:tag:engineering.streamco.example,2025-04-20:/blog/cdn-kickoff-surges')!;
    expect(cdn.author).toBe('StreamCo Engineering'); // the feed's author
    expect(cdn.text).toBe('From 150k to 1.2M viewers in ninety seconds — twice a night.');

    // RDF (RSS 1.0): dc:creator, dc:date, escaped HTML in descriptions.
    const forum = byId.get('forum:https://forum.viewers.example/t/app-keeps-logging-me-out/8812')!;
    expect(forum).toMatchObject({ author: 'couch_ultra_77', createdAt: Date.parse('2025-05-01T21:38:12Z'), title: 'App keeps logging me out during matches' });
    expect(forum.text).toBe('Every time a goal goes in the app logs me out and says 403. Anyone else?');
    expect(forum.sentiment.label).toBe('negative');

    // A podcast: the audio is not fetched, the show notes are the text.
    const episode = byId.get('ftt:ftt-ep212-7c1e0a')!;
    expect(episode.text).toBe('We were all locked out at minute 95 – the stream just showed a 403.\n\n• 00:00 The goals\n• 24:10 The outage\n\nSupport the show: fulltimetalk.example/support');
    expect(episode.author).toBe('Full Time Talk Media');
    expect(episode.metadata.enclosures).toBe(1);
    expect(episode.url).toBeNull();
    expect(seen.map((s) => s.path).filter((p) => p.endsWith('.mp3'))).toEqual([]);
  });

  it('sends the validators back and treats 304 as "no new posts, still fresh"', async () => {
    let clock = Date.UTC(2025, 4, 2, 12);
    const poller = new FeedPoller(feed('ledger', '/technology/rss'), { now: () => clock });
    const first = await poller.poll();
    expect(first.status).toBe('updated');
    expect(first.posts).toHaveLength(3);
    const etag = seen[0]!.ifNoneMatch;
    expect(etag).toBeUndefined();

    clock += 60_000;
    const second = await poller.poll();
    expect(second).toMatchObject({ status: 'not-modified', posts: [], error: null });
    expect(seen[1]).toMatchObject({ status: 304, ifModifiedSince: HTTP_DATE });
    expect(seen[1]!.ifNoneMatch).toMatch(/^"[0-9a-f]{16}"$/);
    expect(poller.state.lastSuccessAt).toBe(clock); // fresh as of the 304
    expect(poller.state.lastError).toBeNull();

    // Last-Modified only: If-Modified-Since does the job.
    const status = new FeedPoller(feed('status', '/history.atom'));
    expect((await status.poll()).posts).toHaveLength(3);
    expect((await status.poll()).status).toBe('not-modified');
    expect(seen.at(-1)).toMatchObject({ path: '/history.atom', status: 304, ifNoneMatch: undefined, ifModifiedSince: 'Thu, 01 May 2025 21:52:10 GMT' });
  });

  it('turns only new items of a changed feed into posts; undated items are "backlog" on the first poll, "first-seen" after', async () => {
    live.items = [
      '<item><title>Kick-off delayed</title><guid isPermaLink="false">l1</guid><pubDate>Thu, 01 May 2025 20:00:00 GMT</pubDate></item>',
      '<item><title>Undated note from before</title><guid isPermaLink="false">l2</guid></item>',
    ];
    let clock = Date.UTC(2025, 4, 1, 20, 30);
    const poller = new FeedPoller(feed('live', '/live.xml'), { now: () => clock });
    const first = await poller.poll();
    expect(first.posts.map((p) => [p.id, p.dateSource])).toEqual([
      ['l1', 'source'],
      ['l2', 'backlog'],
    ]);
    expect(first.posts[1]!.createdAt).toBe(clock);

    clock += 60_000;
    expect((await poller.poll()).status).toBe('not-modified');

    live.items.unshift('<item><title>Stream down for many &#8212; we are on it</title><guid isPermaLink="false">l3</guid></item>');
    clock += 60_000;
    const third = await poller.poll();
    expect(third.status).toBe('updated');
    expect(third.counts).toEqual({ items: 3, new: 1, filtered: 0 });
    expect(third.posts).toHaveLength(1);
    expect(third.posts[0]).toMatchObject({ id: 'l3', text: 'Stream down for many — we are on it', title: null, dateSource: 'first-seen', createdAt: clock });
  });

  it('is tolerant of broken dates and entities, and says what it did', async () => {
    const result = await new FeedPoller(feed('supporters', '/supporters.xml')).poll();
    expect(result.status).toBe('updated');
    expect(result.warnings).toEqual([
      'repaired 1 unescaped "&" (the first on line 10)',
      'item without a date: first-seen time used',
      'unreadable date "Mon, 32 Foo 2025 25:61:00 GMT": first-seen time used',
      'date 2099-01-01T00:00:00.000Z is in the future: first-seen time used',
      'link with scheme "javascript:" dropped (only http and https are kept)',
    ]);
    const byLink = new Map(result.posts.map((p) => [p.url ?? p.title, p]));
    expect(result.posts).toHaveLength(8); // the empty item is skipped
    const tickets = byLink.get('http://supporters.example/news/tickets-travel')!;
    expect(tickets.title).toBe('Tickets & travel for the away game');
    expect(tickets.text).toBe('Coach leaves at 9am. Bring your card étudiant if you have one. AT&T customers: hotspot works on the coach.');
    expect(tickets.author).toBe("Rovers Supporters' Club & Friends");
    expect(tickets.dateSource).toBe('backlog');
    const forum = byLink.get('http://supporters.example/news/forum-april')!;
    expect(forum.title).toBe("Fans' forum minutes – April");
    expect(forum.text).toBe('We discussed the stream problems <3 and the new kit. Score was 2 < 3 for once.');
    expect(forum.metadata.dateProblem).toBe('unreadable date "Mon, 32 Foo 2025 25:61:00 GMT"');
    // A German weekday and month name, a zone abbreviation, a space for "T", no zone at all.
    expect(byLink.get('http://supporters.example/news/reunion-mars')!.createdAt).toBe(Date.parse('2025-03-05T18:00:00Z'));
    expect(byLink.get('http://supporters.example/news/watch-party')!.createdAt).toBe(Date.parse('2025-04-24T16:00:00Z'));
    expect(byLink.get('http://supporters.example/news/season-review')!.createdAt).toBe(Date.parse('2025-04-20T10:00:00Z'));
    expect(byLink.get('http://supporters.example/news/old-friend')!.createdAt).toBe(Date.parse('2025-05-01T10:00:00Z'));
    expect(byLink.get('http://supporters.example/news/time-traveller')!.dateSource).toBe('backlog');
    // A javascript: link never becomes a link.
    const click = byLink.get('Click me')!;
    expect(click.url).toBeNull();
    expect(JSON.stringify(result.posts)).not.toMatch(/"url":"javascript:/);
  });

  it('detects wrong declared encodings and says so', async () => {
    const cafe = await new FeedPoller(feed('cafe', '/cafe.xml')).poll();
    expect(cafe.encoding).toBe('utf-8');
    expect(cafe.warnings).toEqual(['declared ISO-8859-1 but the bytes are UTF-8; read as UTF-8']);
    expect(cafe.posts[0]!.title).toBe('Crème de la crème: the derby in 4K');
    expect(cafe.posts[0]!.text).toBe('Déjà vu — the stream froze at the same minute as last year. Señor, ¿por qué? 😤');

    const bar = await new FeedPoller(feed('sportbar', '/sportbar.xml')).poll();
    expect(bar.encoding).toBe('windows-1252');
    expect(bar.warnings).toEqual(['declared utf-8 but the bytes are not UTF-8 (byte 0x96 at offset 95); read as Windows-1252']);
    expect(bar.posts[0]!.title).toBe('Übertragung gestört – „403“ auf allen Geräten');
    expect(bar.posts[0]!.text).toContain('Wir haben’s gemeldet – Entschädigung folgt.');
  });

  it('names the problem of a feed it cannot read, and the other feeds carry on', async () => {
    const set = new FeedSet([
      feed('truncated', '/truncated.xml'),
      feed('mismatched', '/mismatched.xml'),
      feed('homepage', '/technology'),
      feed('gone', '/gone.xml'),
      feed('missing', '/nope.xml'),
      feed('busy', '/busy.xml'),
      feed('stall', '/stall.xml', { timeoutMs: 400 }),
      feed('huge', '/huge.xml'),
      feed('ledger', '/old/news.rss'),
    ]);
    const { results, posts } = await set.pollAll();
    const errors = Object.fromEntries(results.map((r) => [r.feedId, r.error]));
    expect(errors).toEqual({
      truncated: 'the document ends before <title> is closed (open: rss › channel › item › title) — truncated?',
      mismatched: "not well-formed XML (line 8, column 54): Expected closing tag 'b' (opened in line 8, col 20) instead of closing tag 'description'.",
      homepage: `the response is an HTML page, not a feed; the page names a feed at ${base}/technology/rss`,
      gone: 'the feed is gone (HTTP 410 Gone); remove it from the workspace: Gone',
      missing: `no feed at ${base}/nope.xml (HTTP 404 Not Found)`,
      busy: "the feed's server is rate-limiting us (HTTP 429); retry after 120 s: slow down",
      stall: `no answer from ${base}/stall.xml within 400 ms`,
      huge: `the feed is ${9 * 1024 * 1024} bytes, over the ${8 * 1024 * 1024}-byte limit`,
      ledger: null,
    });
    expect(results.find((r) => r.feedId === 'busy')!.retryAfterMs).toBe(120_000);
    expect(results.every((r) => (r.error === null) === (r.status === 'updated'))).toBe(true);
    // The good feed, reached through a redirect: its relative links resolve against where it really is.
    const ledger = results.find((r) => r.feedId === 'ledger')!;
    expect(ledger.url).toBe(`${base}/technology/rss`);
    expect(posts.map((p) => p.source)).toEqual(['ledger', 'ledger', 'ledger']);
  });

  it('collapses duplicates across feeds but not one feed linking several updates to one page', async () => {
    const set = new FeedSet([feed('ledger', '/technology/rss'), feed('eng-blog', '/blog/feed.atom'), feed('status', '/history.atom'), feed('roundup', '/roundup.xml')]);
    const { posts, duplicates } = await set.pollAll();
    expect([...duplicates].sort((a, b) => (a.key < b.key ? -1 : 1))).toEqual([
      // The roundup repeats the blog's words under the blog's name.
      { key: 'roundup:roundup-9979', reason: 'same-text', firstKey: 'eng-blog:tag:engineering.streamco.example,2025-04-20:/blog/cdn-kickoff-surges' },
      // The roundup links the Ledger's story (other tracking parameters, http, www.).
      { key: 'roundup:roundup-9981', reason: 'same-url', firstKey: 'ledger:ledger-tech-2025-05-01-streamco-outage' },
    ]);
    expect(posts.filter((p) => p.source === 'status')).toHaveLength(3); // three updates, one incident page
    expect(posts.filter((p) => p.source === 'roundup').map((p) => p.id)).toEqual(['roundup-9975']);
    // The same poll again brings nothing new (each feed remembers what it has seen).
    const again = await set.pollAll();
    expect(again.posts).toEqual([]);
  });

  it('applies each feed its own keyword and brand filter', async () => {
    const set = new FeedSet([
      feed('ledger', '/technology/rss', { filter: { include: ['StreamCo'], exclude: ['review'] } }),
      feed('forum', '/forum.rdf', { filter: { include: ['403', 'buffer*'], excludeAuthors: ['lerato_sofa'] } }),
    ]);
    const { results, posts } = await set.pollAll();
    expect(results.map((r) => r.counts)).toEqual([
      { items: 3, new: 3, filtered: 2 },
      { items: 2, new: 2, filtered: 1 },
    ]);
    expect(posts.map((p) => p.key).sort()).toEqual(['forum:https://forum.viewers.example/t/app-keeps-logging-me-out/8812', 'ledger:ledger-tech-2025-05-01-streamco-outage']);
  });

  it("reads a support-ticket feed as written to the service, and the service's names as names", async () => {
    live.items = [
      '<item><title>Refund</title><description>my refund should have arrived on Monday</description><guid isPermaLink="false">t1</guid></item>',
      '<item><title>Tonight</title><description>watching the final on Joy tonight</description><guid isPermaLink="false">t2</guid></item>',
    ];
    const labels = async (id: string, scoring?: ReturnType<typeof scoringContexts>) => {
      const result = await new FeedPoller(feed(id, '/live.xml'), scoring ? { scoring } : {}).poll();
      return result.posts.map((p) => [p.id, p.source, p.sentiment.label]);
    };
    const scoring = scoringContexts({ names: ['Joy'], addressedSources: ['tickets'] });
    expect(await labels('tickets')).toEqual([
      ['t1', 'tickets', 'neutral'],
      ['t2', 'tickets', 'positive'],
    ]);
    expect(await labels('tickets', scoring)).toEqual([
      ['t1', 'tickets', 'negative'],
      ['t2', 'tickets', 'neutral'],
    ]);
    // another feed of the same workspace: the names apply, the ticket reading does not
    expect(await labels('news', scoring)).toEqual([
      ['t1', 'news', 'neutral'],
      ['t2', 'news', 'neutral'],
    ]);
  });

  it('refuses two feeds with one id and a bad filter term, before polling', () => {
    expect(() => new FeedSet([feed('a', '/x'), feed('a', '/y')])).toThrow(/two feeds have the id "a"/);
    expect(() => new FeedPoller(feed('a', '/x', { filter: { include: ['a*b'] } }))).toThrow(/only allowed at the end/);
    expect(() => new FeedPoller(feed('My Feed', '/x'))).toThrow(/feed id "My Feed" must be lower-case/);
  });
});
