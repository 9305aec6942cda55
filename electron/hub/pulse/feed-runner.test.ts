import { afterEach, describe, expect, it } from 'vitest';
import type { Post } from '../../../shared/model/post.ts';
import type { PulseFeedConfig } from '../../../shared/model/pulse-config.ts';
import { FeedRunner } from './feed-runner.ts';

const RSS = (items: number) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Shop news</title><link>https://shop.example/</link>
${Array.from({ length: items }, (_, i) => `<item><guid>item-${i}</guid><title>Item ${i}</title><description>The app keeps buffering ${i}</description><link>https://shop.example/p/${i}</link><pubDate>${new Date(Date.now() - 60_000).toUTCString()}</pubDate></item>`).join('')}
</channel></rss>`;

const feed = (id: string, interval: number): PulseFeedConfig => ({ id, type: 'rss', url: `https://feeds.example/${id}.xml`, interval, timeout: 1000 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Poll until `check` holds (timings stretch on a loaded machine: only lower bounds are asserted). */
async function until(what: string, check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

let runner: FeedRunner | null = null;
afterEach(() => runner?.close());

function start(respond: (url: string, n: number) => Response) {
  const calls: { url: string; at: number }[] = [];
  const stored: Post[] = [];
  const counts = new Map<string, number>();
  runner = new FeedRunner({
    store: (_id, posts) => {
      stored.push(...posts);
      return posts.length;
    },
    cursor: () => null,
    saveCursor: () => {},
    changed: () => {},
    log: () => {},
    random: () => 0.5, // no jitter: the delays below are exact
    fetch: (async (input: string | URL | Request) => {
      const url = String(input);
      const n = (counts.get(url) ?? 0) + 1;
      counts.set(url, n);
      calls.push({ url, at: Date.now() });
      return respond(url, n);
    }) as typeof fetch,
  });
  return { runner, calls, stored };
}

describe('FeedRunner', () => {
  it('backs off exponentially after failures, says why in words, and recovers to its interval', async () => {
    const { runner, calls, stored } = start((url, n) =>
      url.includes('flaky') && n <= 3 ? new Response('down', { status: 500 }) : new Response(RSS(2), { status: 200, headers: { 'content-type': 'application/rss+xml' } }),
    );
    runner.apply([feed('flaky', 60)]);
    await until('the recovery', () => runner.statuses()[0]!.lastSuccessAt !== null);
    const status = runner.statuses()[0]!;
    const times = calls.map((c) => c.at);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    // 60, 120, 240 ms after the 1st, 2nd and 3rd failure; then the interval again.
    expect(gaps[0]).toBeGreaterThanOrEqual(55);
    expect(gaps[1]).toBeGreaterThanOrEqual(115);
    expect(gaps[2]).toBeGreaterThanOrEqual(235);
    expect(status.lastError).toBeNull();
    expect(status.lastSuccessAt).not.toBeNull();
    expect(status.posts).toBe(2);
    expect(stored.map((p) => p.key)).toEqual(expect.arrayContaining(['flaky:item-0', 'flaky:item-1']));
  });

  it('waits out a Retry-After, keeps the error in words, and one failing feed does not stop another', async () => {
    const { runner, calls } = start((url) =>
      url.includes('busy')
        ? new Response('slow down', { status: 503, headers: { 'retry-after': '1' } })
        : new Response(RSS(1), { status: 200, headers: { 'content-type': 'application/rss+xml' } }),
    );
    runner.apply([feed('busy', 50), feed('calm', 50)]);
    await until('the calm feed polled a few times', () => calls.filter((c) => c.url.includes('calm')).length > 3 && runner.statuses().every((s) => s.lastAttemptAt !== null));
    const busy = runner.statuses().find((s) => s.id === 'busy')!;
    const calm = runner.statuses().find((s) => s.id === 'calm')!;
    expect(busy.lastError).toMatch(/503/);
    expect(busy.nextPollAt! - busy.lastAttemptAt!).toBeGreaterThanOrEqual(950);
    expect(calm.lastError).toBeNull();
    // The busy feed is not asked again within its Retry-After (a second).
    const busyCalls = calls.filter((c) => c.url.includes('busy')).map((c) => c.at);
    for (let i = 1; i < busyCalls.length; i++) expect(busyCalls[i]! - busyCalls[i - 1]!).toBeGreaterThanOrEqual(950);
  });

  it('keeps an unchanged feed running across a workspace reload and stops a removed one', async () => {
    const { runner, calls } = start(() => new Response(RSS(1), { status: 200, headers: { 'content-type': 'application/rss+xml' } }));
    runner.apply([feed('a', 40), feed('b', 40)]);
    await until('both polled', () => runner.statuses().every((s) => s.lastSuccessAt !== null));
    const before = runner.statuses().find((s) => s.id === 'a')!;
    runner.apply([feed('a', 40)]);
    expect(runner.statuses().map((s) => s.id)).toEqual(['a']);
    expect(runner.statuses()[0]!.lastSuccessAt).toBe(before.lastSuccessAt); // the same poller, not a new one
    const bCalls = calls.filter((c) => c.url.includes('/b.xml')).length;
    await sleep(200);
    expect(calls.filter((c) => c.url.includes('/b.xml')).length).toBe(bCalls);
  });

  it('keeps an unreachable Mastodon instance reported as failing while its own backoff runs', async () => {
    const { runner, calls } = start(() => {
      throw new TypeError('fetch failed: connect ECONNREFUSED');
    });
    runner.apply([{ id: 'fans', type: 'mastodon', instance: 'https://masto.example', interval: 50, timeout: 40 }]);
    await until('a few polls', () => calls.length >= 2 && runner.statuses()[0]!.lastAttemptAt !== null);
    await sleep(300);
    const status = runner.statuses()[0]!;
    expect(status.lastError).toMatch(/ECONNREFUSED|masto\.example|fetch failed/);
    expect(status.lastSuccessAt).toBeNull();
  });

  it('says what a feed it read could not read or had to repair, keeps it through a 304, and neutralises a server\'s words', async () => {
    const repaired = `<?xml version="1.0"?><rss version="2.0"><channel><title>Fans & friends</title><link>https://fans.example/</link>
<item><guid>a</guid><title>Buffering again</title><pubDate>not a date</pubDate></item></channel></rss>`;
    const { runner } = start((_url, n) =>
      n === 1
        ? new Response(repaired, { status: 200, headers: { 'content-type': 'application/rss+xml', etag: '"v1"' } })
        : n === 2
          ? new Response(null, { status: 304, headers: { etag: '"v1"' } })
          : new Response('overloaded \u202Egnp.exe\u200B', { status: 503 }),
    );
    runner.apply([feed('fans', 40)]);
    await until('the first read', () => runner.statuses()[0]!.lastSuccessAt !== null);
    const first = runner.statuses()[0]!;
    expect(first.lastError).toBeNull();
    expect(first.warnings.join(' | ')).toMatch(/repaired 1 unescaped "&"/);
    expect(first.warnings.join(' | ')).toMatch(/date/);
    const firstSuccess = first.lastSuccessAt;
    await until('the 304', () => runner.statuses()[0]!.lastSuccessAt !== firstSuccess);
    expect(runner.statuses()[0]!.warnings).toEqual(first.warnings);
    await until('the failure', () => runner.statuses()[0]!.lastError !== null);
    const failing = runner.statuses()[0]!.lastError!;
    expect(failing).toMatch(/503/);
    expect(failing).not.toMatch(/[\u202E\u200B]/);
  });
});
