// The demo platform over real HTTP on loopback: metrics format and consistency, feeds with
// conditional GET, Mastodon paging, the outage control and robustness against bad input.

import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from '../../electron/demo/index.ts';
import type { DemoHandle } from '../../electron/demo/index.ts';
import { matchState } from '../../electron/demo/match-centre.ts';

// --- a tiny Prometheus text-format (0.0.4) reader and checker ------------------------------------

interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
  /** name{labels} exactly as written */
  key: string;
}

const SAMPLE_LINE =
  /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*",?)*)\})? (-?[0-9.eE+-]+|[+-]Inf|NaN)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

function parseValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  return Number(text);
}

/** Parse and validate exposition text; throws with the line number on any problem. */
function parseExposition(text: string): { samples: PromSample[]; types: Map<string, string> } {
  expect(text.endsWith('\n')).toBe(true);
  const types = new Map<string, string>();
  const helps = new Set<string>();
  const samples: PromSample[] = [];
  const familyOf = (name: string): string => {
    for (const suffix of ['_bucket', '_sum', '_count']) {
      const base = name.slice(0, -suffix.length);
      if (name.endsWith(suffix) && types.get(base) === 'histogram') return base;
    }
    return name;
  };
  text
    .slice(0, -1)
    .split('\n')
    .forEach((line, i) => {
      const where = `line ${i + 1}: ${line}`;
      if (line.startsWith('# HELP ')) {
        const name = line.split(' ')[2]!;
        expect(helps.has(name), `duplicate HELP, ${where}`).toBe(false);
        helps.add(name);
      } else if (line.startsWith('# TYPE ')) {
        const [, , name, type] = line.split(' ');
        expect(['counter', 'gauge', 'histogram', 'summary', 'untyped'], where).toContain(type);
        expect(types.has(name!), `duplicate TYPE, ${where}`).toBe(false);
        types.set(name!, type!);
      } else if (line.startsWith('#')) {
        // other comments are allowed
      } else {
        const match = SAMPLE_LINE.exec(line);
        expect(match, `not a sample line, ${where}`).not.toBeNull();
        const [, name, labelText = '', value] = match!;
        const family = familyOf(name!);
        expect(helps.has(family), `no HELP before, ${where}`).toBe(true);
        expect(types.has(family), `no TYPE before, ${where}`).toBe(true);
        const labels: Record<string, string> = {};
        for (const [, k, v] of labelText.matchAll(LABEL)) labels[k!] = v!.replace(/\\n/g, '\n').replace(/\\(.)/g, '$1');
        const parsed = parseValue(value!);
        expect(Number.isNaN(parsed) && value !== 'NaN', `bad value, ${where}`).toBe(false);
        samples.push({ name: name!, labels, value: parsed, key: line.slice(0, line.lastIndexOf(' ')) });
      }
    });

  // Histograms: cumulative buckets, +Inf bucket equals _count, _sum present.
  for (const [family, type] of types) {
    if (type !== 'histogram') continue;
    const groups = new Map<string, PromSample[]>();
    for (const s of samples.filter((s) => s.name === `${family}_bucket`)) {
      const { le: _le, ...rest } = s.labels;
      const id = JSON.stringify(rest);
      groups.set(id, [...(groups.get(id) ?? []), s]);
    }
    expect(groups.size).toBeGreaterThan(0);
    for (const [id, buckets] of groups) {
      const les = buckets.map((b) => parseValue(b.labels.le!));
      expect([...les].sort((a, b) => a - b)).toEqual(les);
      expect(les[les.length - 1]).toBe(Infinity);
      for (let i = 1; i < buckets.length; i++) expect(buckets[i]!.value).toBeGreaterThanOrEqual(buckets[i - 1]!.value);
      const same = (s: PromSample): boolean => {
        const { le: _le, ...rest } = s.labels;
        return JSON.stringify(rest) === id;
      };
      const count = samples.find((s) => s.name === `${family}_count` && same(s));
      const sum = samples.find((s) => s.name === `${family}_sum` && same(s));
      expect(count, `${family}_count for ${id}`).toBeDefined();
      expect(sum, `${family}_sum for ${id}`).toBeDefined();
      expect(buckets[buckets.length - 1]!.value).toBe(count!.value);
    }
  }
  return { samples, types };
}

function sumOf(samples: readonly PromSample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((a, s) => a + s.value, 0);
}

function valueOf(samples: readonly PromSample[], name: string): number {
  const sample = samples.find((s) => s.name === name);
  if (!sample) throw new Error(`no sample ${name}`);
  return sample.value;
}

// --- helpers --------------------------------------------------------------------------------------

interface DemoState {
  scenarioTimeMs: number;
  speed: number;
  phase: string;
  outage: boolean;
  outageMode: string;
  loop: { index: number; lengthMs: number };
  counters: Record<string, number>;
  rates: Record<string, number>;
  gauges: Record<string, number>;
  phases: { name: string; startMs: number; endMs: number }[];
}

interface Status {
  id: string;
  created_at: string;
  content: string;
  url: string;
  language: string;
  tags: { name: string }[];
  account: { id: string; username: string; acct: string; display_name: string; url: string };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function getJson<T>(url: string, init?: RequestInit): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await fetch(url, init);
  return { status: res.status, body: (await res.json()) as T, headers: res.headers };
}

async function scrape(demo: DemoHandle): Promise<PromSample[]> {
  const res = await fetch(`${demo.url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  return parseExposition(await res.text()).samples;
}

const control = (demo: DemoHandle, body: unknown): Promise<{ status: number; body: DemoState }> =>
  getJson<DemoState>(`${demo.url}/demo/control`, { method: 'POST', body: JSON.stringify(body) });

const demos: DemoHandle[] = [];
async function demo(options: Parameters<typeof startDemo>[0]): Promise<DemoHandle> {
  const handle = await startDemo({ port: 0, ...options });
  demos.push(handle);
  return handle;
}
afterAll(async () => {
  await Promise.all(demos.map((d) => d.close()));
});

// --- tests ----------------------------------------------------------------------------------------

describe('/metrics', () => {
  let fast: DemoHandle;
  beforeAll(async () => {
    fast = await demo({ speed: 60, startAtMinutes: 40, seed: 11 });
  });

  it('is valid exposition format with every family documented', async () => {
    const res = await fetch(`${fast.url}/metrics`);
    const { samples, types } = parseExposition(await res.text());
    expect(Object.fromEntries([...types].filter(([name]) => name.startsWith('mc_')))).toMatchObject({
      mc_concurrent_streams: 'gauge',
      mc_http_requests_total: 'counter',
      mc_cdn_requests_total: 'counter',
      mc_playback_errors_total: 'counter',
      mc_request_duration_seconds: 'histogram',
      mc_scenario_time_seconds: 'gauge',
      mc_scenario_phase: 'gauge',
    });
    expect(new Set(samples.filter((s) => s.name === 'mc_concurrent_streams').map((s) => s.labels.region))).toEqual(
      new Set(['eu-west', 'eu-central', 'af-south', 'us-east']),
    );
    expect(sumOf(samples, 'mc_scenario_phase')).toBe(1);
    expect(sumOf(samples, 'mc_scenario_phase', { phase: 'first-half' })).toBe(1);
    for (const service of ['api', 'entitlement', 'playback', 'login']) {
      expect(sumOf(samples, 'mc_request_duration_seconds_count', { service })).toBe(
        sumOf(samples, 'mc_http_requests_total', { service }),
      );
    }
  });

  it('passes promtool (the real Prometheus linter) when it is installed', async (ctx) => {
    const which = spawnSync('promtool', ['--version']);
    if (which.error) {
      ctx.skip('promtool is not installed');
      return;
    }
    const text = await (await fetch(`${fast.url}/metrics`)).text();
    const result = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(`${result.stdout}${result.stderr}`).toBe('');
    expect(result.status).toBe(0);
  });

  it('counts what /demo/state says the rates are, and never goes down', async () => {
    const before = await getJson<DemoState>(`${fast.url}/demo/state`);
    const first = await scrape(fast);
    await sleep(1000);
    const second = await scrape(fast);
    const after = await getJson<DemoState>(`${fast.url}/demo/state`);

    // real seconds between the scrapes, from the scenario clock in each scrape
    const seconds = (valueOf(second, 'mc_scenario_time_seconds') - valueOf(first, 'mc_scenario_time_seconds')) / 60;
    expect(seconds).toBeGreaterThan(0.9);
    expect(seconds).toBeLessThan(3);

    const keys = [
      'mc_http_requests_total{code="200",region="af-south",service="api"}',
      'mc_http_requests_total{code="200",region="eu-west",service="playback"}',
      'mc_cdn_requests_total{cdn="akamai",result="hit"}',
      'mc_request_duration_seconds_count{service="api"}',
    ];
    for (const key of keys) {
      const delta = second.find((s) => s.key === key)!.value - first.find((s) => s.key === key)!.value;
      const rate = (before.body.rates[key]! + after.body.rates[key]!) / 2;
      expect(rate, key).toBeGreaterThan(100);
      expect(delta / seconds / rate, key).toBeGreaterThan(0.9);
      expect(delta / seconds / rate, key).toBeLessThan(1.1);
      // the exact counters in /demo/state bracket the scraped ones
      expect(before.body.counters[key]!).toBeLessThanOrEqual(first.find((s) => s.key === key)!.value);
      expect(after.body.counters[key]!).toBeGreaterThanOrEqual(second.find((s) => s.key === key)!.value);
    }

    const byKey = new Map(first.map((s) => [s.key, s.value]));
    for (const s of second) {
      if (/_total\{|_bucket\{|_count\{|_sum\{/.test(s.key)) expect(s.value, s.key).toBeGreaterThanOrEqual(byKey.get(s.key)!);
    }
  });

  it('describes the scenario in /demo/state', async () => {
    const { status, body } = await getJson<DemoState>(`${fast.url}/demo/state`);
    expect(status).toBe(200);
    expect(body.speed).toBe(60);
    expect(body.phase).toBe('first-half');
    expect(body.outage).toBe(false);
    expect(body.loop.lengthMs).toBe(150 * 60_000);
    expect(body.phases.map((p) => p.name)).toEqual(['pre-match', 'first-half', 'half-time', 'second-half', 'post-match']);
    expect(body.scenarioTimeMs).toBeGreaterThan(40 * 60_000);
    expect(body.counters['mc_http_requests_total{code="403",region="af-south",service="entitlement"}']).toBeTypeOf('number');
    const streams = Object.entries(body.gauges)
      .filter(([k]) => k.startsWith('mc_concurrent_streams'))
      .reduce((a, [, v]) => a + v, 0);
    expect(streams).toBeGreaterThan(1_000_000);
  });
});

describe('the match centre page (/demo/match)', () => {
  it('says the score, the match clock and the last moment in words, as HTML that fills its frame', async () => {
    const d = await demo({ speed: 1, startAtMinutes: 96, seed: 3 });
    const res = await fetch(`${d.url}/demo/match`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toContain('<p id="score">Rovers 1–1 City</p>');
    expect(html).toContain('<p id="clock">62′ · Second half</p>');
    expect(html).toContain('<p id="last">Entitlement 403s begin</p>');
    expect(html).not.toContain('"counters"');
  });

  it('follows the night from before kick-off to full time', () => {
    expect(matchState(5 * 60_000)).toEqual({ score: 'Rovers 0–0 City', clock: 'Kick-off in 15 min', last: null });
    expect(matchState(20 * 60_000)).toMatchObject({ clock: '1′ · First half', last: 'Kick-off' });
    expect(matchState(40 * 60_000)).toMatchObject({ score: 'Rovers 1–0 City', clock: '21′ · First half' });
    expect(matchState(70 * 60_000)).toMatchObject({ clock: 'Half-time' });
    expect(matchState(124 * 60_000)).toMatchObject({ score: 'Rovers 2–1 City', clock: '90′ · Second half' });
    expect(matchState(130 * 60_000)).toMatchObject({ score: 'Rovers 2–1 City', clock: 'Full time', last: 'Final whistle' });
  });
});

describe('outage control and canary targets', () => {
  let d: DemoHandle;
  beforeAll(async () => {
    d = await demo({ speed: 1, startAtMinutes: 0, seed: 2 });
  });

  async function login(): Promise<string> {
    const res = await getJson<{ token: string }>(`${d.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'canary', password: 'secret' }),
    });
    expect(res.status).toBe(200);
    return res.body.token;
  }

  async function entitlementCodes(token: string, n: number): Promise<number[]> {
    const codes: number[] = [];
    for (let i = 0; i < n; i++) {
      const res = await fetch(i % 2 ? `${d.url}/api/entitlement?token=${token}` : `${d.url}/api/entitlement`, {
        headers: i % 2 ? {} : { authorization: `Bearer ${token}` },
      });
      const body = (await res.json()) as { entitled?: boolean; error?: string };
      if (res.status === 200) expect(body).toEqual({ entitled: true, plan: 'premium' });
      if (res.status === 403) expect(body).toEqual({ error: 'forbidden' });
      codes.push(res.status);
    }
    return codes;
  }

  it('serves health, catalog and manifest', async () => {
    expect(await getJson(`${d.url}/api/health`)).toMatchObject({ status: 200, body: { status: 'ok' } });
    const catalog = await getJson<{ items: unknown[] }>(`${d.url}/api/catalog`);
    expect(catalog.status).toBe(200);
    expect(catalog.body.items.length).toBeGreaterThan(0);
    const manifest = await fetch(`${d.url}/api/playback/manifest`);
    expect(manifest.status).toBe(200);
    expect(await manifest.text()).toMatch(/^#EXTM3U\n/);
  });

  it('entitles everyone before the outage', async () => {
    const token = await login();
    expect(await entitlementCodes(token, 20)).toEqual(Array(20).fill(200));
    expect((await fetch(`${d.url}/api/entitlement`)).status).toBe(401);
  });

  it('returns 403s after a jump into the outage, and recovers when forced off', async () => {
    const jumped = await control(d, { jumpToMinutes: 97 });
    expect(jumped.status).toBe(200);
    expect(jumped.body).toMatchObject({ outage: true, phase: 'second-half' });
    const token = await login().catch(login); // a share of logins fails during the outage
    const codes = await entitlementCodes(token, 40);
    const denied = codes.filter((c) => c === 403).length;
    expect(denied).toBeGreaterThan(5); // 35–60% expected
    expect(denied).toBeLessThan(35);
    expect(codes.every((c) => c === 200 || c === 403)).toBe(true);

    // the metrics tell the same story
    const state = (await getJson<DemoState>(`${d.url}/demo/state`)).body;
    const key = (code: string): string => `mc_http_requests_total{code="${code}",region="af-south",service="entitlement"}`;
    expect(state.rates[key('403')]! / (state.rates[key('200')]! + state.rates[key('403')]!)).toBeGreaterThan(0.3);

    const off = await control(d, { outage: 'force-off' });
    expect(off.body).toMatchObject({ outage: false, outageMode: 'force-off' });
    expect(await entitlementCodes(token, 10)).toEqual(Array(10).fill(200));
    expect((await control(d, { outage: 'scripted' })).body.outage).toBe(true);
    expect((await control(d, { jumpToMinutes: 10 })).body.outage).toBe(false);
  });

  it('rejects bad input with clear errors and keeps serving', async () => {
    const badJson = await getJson<{ error: string }>(`${d.url}/api/login`, { method: 'POST', body: '{"username": ' });
    expect(badJson).toMatchObject({ status: 400, body: { error: expect.stringMatching(/JSON/) } });
    expect((await getJson(`${d.url}/api/login`, { method: 'POST', body: '{"username":"x"}' })).status).toBe(400);
    expect((await getJson(`${d.url}/api/login`, { method: 'POST', body: '[1,2]' })).status).toBe(400);
    expect((await getJson(`${d.url}/api/login`, { method: 'POST', body: 'x'.repeat(200_000) }).catch(() => ({ status: 413 }))).status).toBe(413);
    expect((await control(d, { jumpToMinutes: -5 })).status).toBe(400);
    expect((await control(d, { outage: 'maybe' })).status).toBe(400);
    expect((await control(d, {})).status).toBe(400);
    expect((await getJson(`${d.url}/demo/control`, { method: 'POST', body: 'nope' })).status).toBe(400);
    const missing = await getJson<{ error: string }>(`${d.url}/no/such/thing`);
    expect(missing).toMatchObject({ status: 404, body: { error: expect.any(String) } });
    const wrongMethod = await fetch(`${d.url}/metrics`, { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toContain('GET');
    expect((await getJson(`${d.url}/api/v1/timelines/tag/%E0%A4%A`)).status).toBe(400);
    expect((await getJson(`${d.url}/api/health`)).status).toBe(200);
  });
});

describe('customer post feeds', () => {
  let slow: DemoHandle;
  let storm: DemoHandle;
  beforeAll(async () => {
    slow = await demo({ speed: 1, startAtMinutes: 2, seed: 3 }); // ~3 posts a minute: feeds stay still
    storm = await demo({ speed: 60, startAtMinutes: 96, seed: 4 }); // the outage: ~100 posts a second
  });

  for (const kind of ['rss', 'atom'] as const) {
    it(`${kind}: serves the feed with validators and answers 304 to conditional GETs`, async () => {
      const url = `${slow.url}/feeds/posts.${kind}`;
      let res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain(kind === 'rss' ? 'application/rss+xml' : 'application/atom+xml');
      const body = await res.text();
      expect(body).toContain(kind === 'rss' ? '<rss version="2.0"' : '<feed xmlns="http://www.w3.org/2005/Atom"');
      expect(body).toContain(kind === 'rss' ? '<item>' : '<entry>');
      let etag = res.headers.get('etag')!;
      let lastModified = res.headers.get('last-modified')!;
      expect(etag).toMatch(/^"[^"]+"$/);
      expect(Number.isNaN(Date.parse(lastModified))).toBe(false);

      // a post may land in between (rarely): then the second round must match
      let notModified = await fetch(url, { headers: { 'if-none-match': etag } });
      if (notModified.status === 200) {
        etag = notModified.headers.get('etag')!;
        lastModified = notModified.headers.get('last-modified')!;
        notModified = await fetch(url, { headers: { 'if-none-match': etag } });
      }
      expect(notModified.status).toBe(304);
      expect(await notModified.text()).toBe('');
      expect(notModified.headers.get('etag')).toBe(etag);

      const sinceDate = await fetch(url, { headers: { 'if-modified-since': lastModified } });
      expect([304, 200]).toContain(sinceDate.status);
      if (sinceDate.status === 200) expect(sinceDate.headers.get('last-modified')).not.toBe(lastModified);
      res = await fetch(url, { headers: { 'if-none-match': '"something-else"' } });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<');
    });
  }

  it('mastodon: public timeline with Mastodon statuses, paging headers and rate-limit headers', async () => {
    const { status, body, headers } = await getJson<Status[]>(`${storm.url}/api/v1/timelines/public?limit=5`);
    expect(status).toBe(200);
    expect(body).toHaveLength(5);
    const ids = body.map((s) => BigInt(s.id));
    for (let i = 1; i < ids.length; i++) expect(ids[i - 1]! > ids[i]!).toBe(true); // newest first
    const first = body[0]!;
    expect(first.content).toMatch(/^<p>.*<\/p>$/s);
    expect(Number.isNaN(Date.parse(first.created_at))).toBe(false);
    expect(first.created_at).toBe(new Date(first.created_at).toISOString());
    expect(first.account).toMatchObject({ id: expect.any(String), username: expect.any(String), acct: expect.any(String) });
    expect(first.url).toContain(first.id);
    expect(first.language).toBe('en');
    expect(headers.get('x-ratelimit-limit')).toBe('300');
    expect(Number(headers.get('x-ratelimit-remaining'))).toBeLessThan(300);
    expect(Number.isNaN(Date.parse(headers.get('x-ratelimit-reset')!))).toBe(false);
    const link = headers.get('link')!;
    expect(link).toMatch(/<[^>]+max_id=\d+[^>]*>; rel="next"/);
    expect(link).toMatch(/<[^>]+min_id=\d+[^>]*>; rel="prev"/);

    // following rel="next" gives strictly older posts
    const next = /<([^>]+)>; rel="next"/.exec(link)![1]!;
    const older = await getJson<Status[]>(next);
    expect(older.body.length).toBeGreaterThan(0);
    for (const s of older.body) expect(BigInt(s.id) < ids[ids.length - 1]!).toBe(true);
  });

  it('mastodon: since_id returns only newer posts, and the outage is angry', async () => {
    const latest = (await getJson<Status[]>(`${storm.url}/api/v1/timelines/public?limit=1`)).body[0]!;
    await sleep(400);
    const newer = await getJson<Status[]>(`${storm.url}/api/v1/timelines/public?since_id=${latest.id}&limit=40`);
    expect(newer.status).toBe(200);
    expect(newer.body.length).toBeGreaterThan(0);
    for (const s of newer.body) expect(BigInt(s.id) > BigInt(latest.id)).toBe(true);
    const angry = newer.body.filter((s) => /403|StreamDown|log in|Login|Black screen|Buffering|spinning/i.test(s.content));
    expect(angry.length / newer.body.length).toBeGreaterThan(0.6);

    const empty = await getJson<Status[]>(`${storm.url}/api/v1/timelines/public?since_id=99999999999999999999999`);
    expect(empty.body).toEqual([]);
    expect((await getJson(`${storm.url}/api/v1/timelines/public?since_id=abc`)).status).toBe(400);
  });

  it('mastodon: the hashtag timeline only has posts with that tag', async () => {
    const { status, body } = await getJson<Status[]>(`${storm.url}/api/v1/timelines/tag/StreamDown?limit=20`);
    expect(status).toBe(200);
    expect(body.length).toBeGreaterThan(0);
    for (const s of body) expect(s.tags.map((t) => t.name)).toContain('streamdown');
  });
});

describe('npm run demo (cli.ts)', () => {
  const cli = fileURLToPath(new URL('../../electron/demo/cli.ts', import.meta.url));

  it('prints its URL, serves, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [cli, '--port', '0', '--speed', '5', '--seed', '9', '--start-at', '30'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0]!);
      });
      child.once('exit', (code) => reject(new Error(`exited early (${code}): ${stderr}`)));
    });
    expect(line).toMatch(/^Demo platform \(match night\) on http:\/\/127\.0\.0\.1:\d+ {2}speed 5×$/);
    const url = /(http:\/\/\S+)/.exec(line)![1]!;
    expect((await getJson<DemoState>(`${url}/demo/state`)).body).toMatchObject({ speed: 5, phase: 'first-half' });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
  });

  it('rejects bad flags with one line and exit code 2', () => {
    for (const args of [['--port', 'abc'], ['--port', '0', '--speed', '-1'], ['--port', '0', '--bogus'], []]) {
      const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
