/**
 * The customer pulse in a real hub: posts through `POST /api/v1/ingest/posts` (idempotent by
 * source + id, a bad batch refused whole with each bad field named), live updates to subscribed
 * sockets, the workspace's feeds polled from the demo platform with a broken feed reported in
 * words while the others carry on; and the service on a real SQLite file with a moved clock: a
 * complaint burst raises a spike that explains itself, retention prunes, a restart keeps the minutes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type DemoHandle } from '../../electron/demo/index.ts';
import { PulseService } from '../../electron/hub/pulse/service.ts';
import { openStore, type Store } from '../../electron/hub/store/store.ts';
import type { SpikeEvent } from '../../shared/domain/pulse/spike.ts';
import type { IngestPostInput } from '../../shared/model/post.ts';
import type { Workspace } from '../../shared/model/workspace.ts';
import type { PulseSnapshot, PulseUpdate } from '../../shared/protocol/pulse.ts';
import { eventually, startTestHub, type TestHub } from '../support/hub.ts';
import { spikeVerdict } from '../../renderer/panels/pulse/words.ts';

const workspace = (pulse = '') => `
version: 1
title: Pulse
sources:
  - { id: local, type: scrape, url: "http://127.0.0.1:9/metrics", interval: 5s, timeout: 1s }
walls:
  - id: main
    title: Main
    panels:
      - { id: pulse, title: Customer pulse, type: pulse, gridPos: { x: 0, y: 0, w: 12, h: 6 } }
      - { id: posts, title: Latest posts, type: posts, gridPos: { x: 12, y: 0, w: 12, h: 6 } }
${pulse}`;

const post = (id: string, text: string, extra: Partial<IngestPostInput> = {}): IngestPostInput => ({
  id,
  source: 'x',
  author: `@user${id}`,
  text,
  url: `https://x.com/user/status/${id}`,
  created_at: new Date().toISOString(),
  ...extra,
});

let t: TestHub;
afterEach(async () => t?.close());

async function ingestToken(): Promise<string> {
  const admin = await t.connect(t.adminToken);
  // A machine token: viewer role, posts scope only.
  const created = await admin.emitWithAck('tokens:create', { name: 'scraper', role: 'viewer', scopes: ['posts'] });
  if (!created.ok) throw new Error(created.error.message);
  return created.secret;
}

const ingest = (token: string, body: unknown) =>
  t.http('/api/v1/ingest/posts', { method: 'POST', token, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('POST /api/v1/ingest/posts', () => {
  it('stores and scores a batch once, answering accepted and duplicate counts; a repeat changes nothing', async () => {
    t = await startTestHub(workspace());
    const token = await ingestToken();
    const batch = {
      posts: [
        post('1', 'Getting a 403 on the app since kick-off, why does this keep happening @StreamCoHelp'),
        post('2', 'What a goal!! Picture is perfect tonight 😍'),
        post('3', 'why does it keep loading since kick off??'),
      ],
    };
    const first = await ingest(token, batch);
    expect(first.status).toBe(200);
    const reply = await first.json();
    expect(reply).toMatchObject({ received: 3, accepted: 3, duplicates: 0 });
    expect(reply.posts.map((p: { label: string }) => p.label)).toEqual(['negative', 'positive', 'negative']);
    expect(reply.posts[0].topics).toContain('access');

    const again = await (await ingest(token, { posts: [...batch.posts, post('4', 'Buffering again, for hours')] })).json();
    expect(again).toMatchObject({ received: 4, accepted: 1, duplicates: 3 });
    expect(again.posts.map((p: { status: string }) => p.status)).toEqual(['duplicate', 'duplicate', 'duplicate', 'accepted']);

    const snapshot: PulseSnapshot = await (await t.http('/api/v1/pulse', { token: t.adminToken })).json();
    expect(snapshot.posts.map((p) => p.key).sort()).toEqual(['x:1', 'x:2', 'x:3', 'x:4']);
    const minute = snapshot.minutes.at(-1)!;
    expect(minute.volume).toBe(4);
    expect(minute.negative).toBe(3);
    const driven = snapshot.posts.find((p) => p.key === 'x:1')!;
    expect(driven.sentiment.drivers.map((d) => d.term.toLowerCase())).toContain('403');
  });

  it('refuses a batch with a bad post as a whole, naming each bad field, and stores nothing of it', async () => {
    t = await startTestHub(workspace());
    const token = await ingestToken();
    const res = await ingest(token, {
      posts: [
        post('ok-1', 'fine post'),
        { ...post('bad-1', 'x'), url: 'javascript:alert(1)', created_at: 'yesterday' },
        { ...post('bad-2', 'y'), colour: 'red' },
      ],
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toBe('invalid');
    expect(body.message).toContain('posts[1].url: url must be an absolute http(s) URL');
    expect(body.message).toContain('posts[1].created_at: created_at must be an RFC 3339 date-time');
    expect(body.message).toContain('posts[2].colour: unknown field');
    const snapshot: PulseSnapshot = await (await t.http('/api/v1/pulse', { token: t.adminToken })).json();
    expect(snapshot.posts).toEqual([]);
    // An empty batch and a missing body are refused too.
    expect((await ingest(token, { posts: [] })).status).toBe(400);
  });

  it("reads posts from the workspace's addressed sources as written to the service, and its names as names", async () => {
    t = await startTestHub(
      workspace(`
pulse:
  names: [Joy]
  addressedSources: [zendesk]
`),
    );
    const token = await ingestToken();
    const text = 'my refund should have arrived on Monday';
    const reply = await (
      await ingest(token, {
        posts: [
          post('t1', text, { source: 'zendesk', url: null }),
          post('t2', text),
          post('t3', 'watching the final on Joy tonight'),
        ],
      })
    ).json();
    expect(reply.posts.map((p: { key: string; label: string }) => [p.key, p.label])).toEqual([
      ['zendesk:t1', 'negative'],
      ['x:t2', 'neutral'],
      ['x:t3', 'neutral'],
    ]);
  });

  it('collapses a post another source already brought (same link, or same author and words)', async () => {
    t = await startTestHub(workspace());
    const token = await ingestToken();
    const link = 'https://www.reddit.com/r/streamco/comments/abc123/app_down/';
    await ingest(token, { posts: [post('r1', 'App down for anyone else?', { source: 'reddit', url: link, author: 'u/kim' })] });
    const reply = await (
      await ingest(token, {
        posts: [
          post('s1', 'App down for anyone else? (via scraper)', { source: 'scraper', url: `${link}?utm_source=share` }),
          post('m1', 'app DOWN for anyone else??', { source: 'mirror', url: null, author: 'u/kim' }),
          post('n1', 'Different post', { source: 'scraper', url: null }),
        ],
      })
    ).json();
    expect(reply.posts.map((p: { key: string; status: string }) => [p.key, p.status])).toEqual([
      ['scraper:s1', 'duplicate'],
      ['mirror:m1', 'duplicate'],
      ['scraper:n1', 'accepted'],
    ]);
    expect(reply).toMatchObject({ received: 3, accepted: 1, duplicates: 2 });
  });

  it('needs the posts scope or the responder role', async () => {
    t = await startTestHub(workspace());
    const admin = await t.connect(t.adminToken);
    const viewer = await admin.emitWithAck('tokens:create', { name: 'wall', role: 'viewer' });
    if (!viewer.ok) throw new Error('token');
    const res = await ingest(viewer.secret, { posts: [post('1', 'hello')] });
    expect(res.status).toBe(403);
    expect((await res.json()).message).toMatch(/posts ingest scope/);
  });

  it('sends new posts and changed minutes to subscribed sockets', async () => {
    t = await startTestHub(workspace());
    const token = await ingestToken();
    const wall = await t.connect(t.adminToken);
    const updates: PulseUpdate[] = [];
    wall.on('pulse:update', (u) => updates.push(u));
    const ack = await wall.emitWithAck('pulse:subscribe', { minutes: 30 });
    if (!ack.ok) throw new Error(ack.error.message);
    expect(ack.pulse.minutes).toHaveLength(30);
    expect(ack.pulse.spike).toBeNull();

    await ingest(token, { posts: [post('10', 'App keeps crashing, not working at all'), post('11', 'All good here')] });
    const update = await eventually('an update with the posts', () => updates.find((u) => u.posts.length > 0));
    expect(update.posts.map((p) => p.key)).toEqual(['x:11', 'x:10']);
    expect(update.minutes.at(-1)).toMatchObject({ volume: 2, negative: 1 });

    // A batch listed newest first, as a feed's items are, shows newest written first, as after a reload.
    const minuteAgo = new Date(Date.now() - 60_000).toISOString();
    const seen = updates.length;
    await ingest(token, { posts: [post('21', 'Still buffering'), post('20', 'Buffering since kick-off', { created_at: minuteAgo })] });
    const next = await eventually('an update with the batch', () => updates.slice(seen).find((u) => u.posts.length > 0));
    expect(next.posts.map((p) => p.key)).toEqual(['x:21', 'x:20']);
    const snapshot: PulseSnapshot = await (await t.http('/api/v1/pulse', { token: t.adminToken })).json();
    // newest written first: the post written a minute ago goes below those written since
    const keys = snapshot.posts.map((p) => p.key);
    expect([keys[0], keys.at(-1), keys.length]).toEqual(['x:21', 'x:20', 4]);
  });
});

describe('pulse feeds from the workspace', () => {
  let demo: DemoHandle;
  beforeAll(async () => {
    demo = await startDemo({ port: 0, speed: 60, startAtMinutes: 96 });
  });
  afterAll(() => demo.close());

  it('polls RSS, Atom and Mastodon feeds, collapses the same post across them, and reports a broken feed in words', async () => {
    t = await startTestHub(
      workspace(`
pulse:
  retention: 2d
  feeds:
    - { id: demo-masto, type: mastodon, instance: "${demo.url}", interval: 2s, timeout: 1s }
    - { id: demo-rss, type: rss, url: "${demo.url}/feeds/posts.rss", interval: 2s, timeout: 1s }
    - { id: broken, type: rss, url: "${demo.url}/no-such-feed.xml", interval: 2s, timeout: 1s }
`),
    );
    const wall = await t.connect(t.adminToken);
    const snapshot = async (): Promise<PulseSnapshot> => {
      const ack = await wall.emitWithAck('pulse:subscribe', { minutes: 60 });
      if (!ack.ok) throw new Error(ack.error.message);
      return ack.pulse;
    };
    const s = await eventually(
      'posts from the feeds and the broken feed reported',
      async () => {
        const snap = await snapshot();
        const broken = snap.feeds.find((f) => f.id === 'broken');
        return snap.posts.length > 5 && broken?.lastError && snap.feeds.find((f) => f.id === 'demo-rss')?.lastSuccessAt ? snap : null;
      },
      20_000,
    );
    const broken = s.feeds.find((f) => f.id === 'broken')!;
    expect(broken.lastError).toMatch(/404/);
    expect(broken.lastSuccessAt).toBeNull();
    expect(s.feeds.find((f) => f.id === 'demo-masto')!.lastError).toBeNull();
    // The demo serves the same posts on both: each is stored once (the other feed's copy collapsed).
    const urls = s.posts.map((p) => p.url).filter((u) => u !== null);
    expect(new Set(urls).size).toBe(urls.length);
    expect(s.posts.some((p) => p.sentiment.label === 'negative')).toBe(true);
  });
});

describe('the pulse service on a real store, with a moved clock', () => {
  let dir: string;
  let store: Store;
  afterEach(async () => {
    store?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('raises a complaint spike that explains itself, prunes past the retention and keeps its minutes across a restart', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mc-pulse-'));
    store = openStore(dir);
    let now = Date.UTC(2026, 4, 1, 19, 0, 5);
    const events: SpikeEvent[] = [];
    const options = { now: () => now, log: () => {}, settleMs: 0, events: { update: () => {}, spike: (e: SpikeEvent) => events.push(e) } };
    const service = new PulseService(store.pulse, options);
    service.apply({ pulse: { feeds: [], names: [], addressedSources: [], retention: 86_400_000, spike: { warmup: 600_000 } } } as unknown as Workspace);
    let n = 0;
    const minuteOf = (texts: string[]) =>
      service.ingest({
        posts: texts.map((text) => ({ id: String(n), source: 'x', author: `@a${n++}`, text, url: null, created_at: new Date(now).toISOString() })),
      });
    // A first start: the detector has no baseline, so the walls say it is learning, and until when.
    const readyAt = service.snapshot().baselineReadyAt;
    expect(readyAt).toBeGreaterThan(now + 9 * 60_000);
    expect(readyAt).toBeLessThanOrEqual(now + 11 * 60_000);
    // 15 quiet minutes: a few posts, now and then a complaint.
    for (let m = 0; m < 15; m++) {
      minuteOf(['Enjoying the match', 'Great picture tonight', ...(m % 3 === 0 ? ['stream is a bit laggy'] : [])]);
      now += 60_000;
      service.tick();
    }
    expect(events).toEqual([]);
    expect(service.snapshot().baselineReadyAt).toBeNull();
    // The outage: 40 people a minute about 403s and logins.
    for (let m = 0; m < 2; m++) {
      minuteOf(Array.from({ length: 40 }, (_, i) => (i % 2 ? 'Getting 403 forbidden again, cannot log in!!' : 'Kicked out, error 403 when I try to watch')));
      now += 60_000;
      service.tick();
    }
    const raised = events.find((e) => e.type === 'raised');
    expect(raised).toBeDefined();
    expect(raised!.spike.explanation).toMatch(/complaints .*× baseline/);
    expect(raised!.spike.explanation).toMatch(/403/);
    expect(raised!.spike.topTopics[0]!.topic).toBe('access');
    expect(service.snapshot().spike?.id).toBe(raised!.spike.id);
    // New spike settings mid-spike: the walls hear the old one is over (no banner left behind)…
    events.length = 0;
    service.apply({ pulse: { feeds: [], names: [], addressedSources: [], retention: 86_400_000, spike: { warmup: 600_000, minComplaints: 1000 } } } as unknown as Workspace);
    expect(events.map((e) => [e.type, e.spike.id])).toEqual([['cleared', raised!.spike.id]]);
    expect(service.snapshot().spike).toBeNull();
    // …and the detector, with settings it still meets, raises it again from the minutes kept.
    service.apply({ pulse: { feeds: [], names: [], addressedSources: [], retention: 86_400_000, spike: { warmup: 600_000, minComplaints: 9 } } } as unknown as Workspace);
    minuteOf(Array.from({ length: 40 }, () => 'Error 403 again, kicked out'));
    now += 60_000;
    service.tick();
    expect(events.filter((e) => e.type === 'raised')).toHaveLength(1);
    service.close();

    // A restart on the same file: the minutes are back.
    const again = new PulseService(store.pulse, options);
    const minutes = again.snapshot(30).minutes;
    expect(minutes.reduce((sum, m) => sum + m.volume, 0)).toBe(n);
    // Past the retention, posts and minutes are pruned.
    again.apply({ pulse: { feeds: [], names: [], addressedSources: [], retention: 3_600_000, spike: {} } } as unknown as Workspace);
    expect(again.snapshot(5).baselineReadyAt).toBeNull(); // learned from the minutes kept, not blind again
    now += 2 * 3_600_000;
    again.prune();
    expect(again.snapshot(5).posts).toEqual([]);
    expect(store.pulse.countPosts()).toBe(0);
    again.close();
  });

  it('sends the walls the usual negative share, which an outage does not move: angry posts after it read "elevated", not "normal"', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mc-pulse-'));
    store = openStore(dir);
    let now = Date.UTC(2026, 4, 1, 19, 0, 5);
    const updates: PulseUpdate[] = [];
    const service = new PulseService(store.pulse, { now: () => now, log: () => {}, settleMs: 0, events: { update: (u) => updates.push(u), spike: () => {} } });
    service.apply({ pulse: { feeds: [], names: [], addressedSources: [], retention: 86_400_000, spike: { warmup: 600_000 } } } as unknown as Workspace);
    let n = 0;
    const minute = (angry: number, calm: number) => {
      const texts = [...Array<string>(angry).fill('Getting 403 forbidden again, cannot log in!!'), ...Array<string>(calm).fill('Enjoying the match')];
      service.ingest({ posts: texts.map((text) => ({ id: String(n), source: 'x', author: `@a${n++}`, text, url: null, created_at: new Date(now).toISOString() })) });
      now += 60_000;
      service.tick();
      service.flush();
    };
    expect(service.snapshot().usualNegativeShare).toBeNull(); // learning: nothing usual yet
    for (let m = 0; m < 15; m++) minute(1, 3); // a quarter negative
    const usual = service.snapshot().usualNegativeShare!;
    expect(usual).toBeCloseTo(0.25, 2);
    expect(updates.at(-1)!.usualNegativeShare).toBe(usual);
    for (let m = 0; m < 4; m++) minute(60, 3); // the outage
    expect(service.activeSpike).not.toBeNull();
    // After it: 3 of 5 posts angry, under the 4 complaints a minute that keep a spike on.
    for (let m = 0; m < 12; m++) minute(3, 2);
    expect(service.activeSpike).toBeNull();
    const snapshot = service.snapshot(5);
    expect(snapshot.usualNegativeShare).toBeCloseTo(0.25, 2);
    expect(updates.at(-1)!.usualNegativeShare).toBe(snapshot.usualNegativeShare);
    const recent = { negative: snapshot.minutes.reduce((k, m) => k + m.negative, 0), volume: snapshot.minutes.reduce((k, m) => k + m.volume, 0), usualShare: snapshot.usualNegativeShare ?? null };
    expect(spikeVerdict(snapshot.spike, snapshot.baselineReadyAt, now, recent)).toMatchObject({ state: 'elevated', words: 'elevated', detail: 'no spike · 60% negative (usual 25%)' });
    service.close();
  });

  it('a post whose store failed is not remembered as seen: sent again, it is stored', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mc-pulse-'));
    store = openStore(dir);
    const now = Date.UTC(2026, 4, 1, 19, 0, 5);
    let failNext = true;
    // The disk fails once (an injected fault), then works.
    const flaky = new Proxy(store.pulse, {
      get(target, prop, receiver) {
        if (prop === 'insertPosts' && failNext) {
          return () => {
            failNext = false;
            throw new Error('disk I/O error');
          };
        }
        const value = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const service = new PulseService(flaky, { now: () => now, log: () => {}, settleMs: 0, events: { update: () => {}, spike: () => {} } });
    service.apply({ pulse: { feeds: [], names: [], addressedSources: [], retention: 86_400_000, spike: {} } } as unknown as Workspace);
    const batch = { posts: [{ id: '1', source: 'x', author: '@a', text: 'Buffering again', url: null, created_at: new Date(now).toISOString() }] };
    expect(() => service.ingest(batch)).toThrow(/disk I\/O error/);
    expect(service.ingest(batch)).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(store.pulse.countPosts()).toBe(1);
    service.close();
  });

  it('a batch whose transaction fails after the counts were taken leaves the minute as it was: sent again, it counts once', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mc-pulse-'));
    store = openStore(dir);
    const now = Date.UTC(2026, 4, 1, 19, 0, 5);
    let failNext = true;
    // The disk fails once as the minutes are written (an injected fault), then works: the store rolls back.
    const flaky = new Proxy(store.pulse, {
      get(target, prop, receiver) {
        if (prop === 'insertPosts') {
          return (posts: Parameters<typeof target.insertPosts>[0], onStored: Parameters<typeof target.insertPosts>[1]) =>
            target.insertPosts(posts, (stored) => {
              const buckets = onStored(stored);
              if (failNext) {
                failNext = false;
                throw new Error('disk I/O error');
              }
              return buckets;
            });
        }
        const value = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const service = new PulseService(flaky, { now: () => now, log: () => {}, settleMs: 0, events: { update: () => {}, spike: () => {} } });
    service.apply({ pulse: { feeds: [], names: [], addressedSources: [], retention: 86_400_000, spike: {} } } as unknown as Workspace);
    const at = new Date(now).toISOString();
    const batch = {
      posts: [
        { id: '1', source: 'x', author: '@a', text: 'Buffering again', url: null, created_at: at },
        { id: '2', source: 'x', author: '@b', text: 'Still getting a 403 error', url: null, created_at: at },
      ],
    };
    expect(() => service.ingest(batch)).toThrow(/disk I\/O error/);
    expect(store.pulse.countPosts()).toBe(0);
    expect(service.snapshot(1).minutes.at(-1)).toMatchObject({ volume: 0, complaints: 0 });
    expect(service.ingest(batch)).toMatchObject({ accepted: 2 });
    // Counted once, both authors' complaints included (not 4 posts, nor 2 posts with the complaints lost).
    expect(service.snapshot(1).minutes.at(-1)).toMatchObject({ volume: 2, negative: 2, complaints: 2 });
    expect(store.pulse.minutes(now - 60_000, now + 60_000)).toMatchObject([{ volume: 2, complaints: 2 }]);
    service.close();
  });
});
