// The API endpoints that canaries probe (login → entitlement → catalog → manifest), behaving as the
// scenario says: entitlement denies 35–60% with 403 during the outage, a share of logins fail,
// and responses slow down when the platform is strained.

import { json, text, isRecord } from './http.ts';
import type { Reply } from './http.ts';
import { entitlementDenialShare } from './model.ts';
import { MINUTE_MS } from './phases.ts';
import { mulberry32 } from './random.ts';
import type { Scenario } from './scenario.ts';

const TOKEN_PATTERN = /^demo\.[A-Za-z0-9_-]+\.[0-9a-f]{8}$/;

const CATALOG = [
  { id: 'live-rovers-city', title: 'Rovers vs City – Live', kind: 'live' },
  { id: 'live-prematch', title: 'Match Night: the pre-match show', kind: 'live' },
  { id: 'vod-highlights-rd12', title: 'Round 12 highlights', kind: 'vod' },
  { id: 'vod-derby-classic', title: 'Classic derbies: 2009', kind: 'vod' },
  { id: 'vod-doc-cape-storm', title: 'Cape Storm (documentary)', kind: 'vod' },
  { id: 'vod-series-s2e1', title: 'Sideline, season 2 episode 1', kind: 'vod' },
  { id: 'vod-series-s2e2', title: 'Sideline, season 2 episode 2', kind: 'vod' },
  { id: 'vod-kids-1', title: 'Little Strikers', kind: 'vod' },
] as const;

export class CanaryApi {
  private readonly scenario: Scenario;
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(scenario: Scenario, now: () => number) {
    this.scenario = scenario;
    this.now = now;
    this.random = mulberry32(scenario.seed ^ 0x5eed_ca11);
  }

  health(): Reply {
    return json(200, { status: 'ok' });
  }

  login(body: unknown): Reply {
    if (!isRecord(body) || typeof body.username !== 'string' || typeof body.password !== 'string' || !body.username || !body.password) {
      return json(400, { error: 'body must be a JSON object with non-empty string fields username and password' });
    }
    const c = this.scenario.conditions(this.now());
    const delayMs = Math.round(40 * (1 + 2 * c.surge + c.outage));
    // "can't log in": during the outage a share of logins fail
    if (this.random() < 0.1 * c.outage) return { ...json(403, { error: 'login failed' }), delayMs };
    const user = Buffer.from(body.username.slice(0, 64)).toString('base64url');
    const token = `demo.${user || 'user'}.${Math.floor(this.random() * 0xffffffff).toString(16).padStart(8, '0')}`;
    return { ...json(200, { token }), delayMs };
  }

  entitlement(token: string | undefined): Reply {
    if (!token) return json(401, { error: 'missing token (use ?token= or Authorization: Bearer)' });
    if (!TOKEN_PATTERN.test(token)) return json(401, { error: 'invalid token' });
    const now = this.now();
    const c = this.scenario.conditions(now);
    const delayMs = Math.round(10 * (1 + 1.5 * c.surge + 6 * c.outage));
    const denial = entitlementDenialShare(this.scenario.scenarioTimeMs(now) / MINUTE_MS, this.scenario.outageMode);
    if (this.random() < denial) return { ...json(403, { error: 'forbidden' }), delayMs };
    return { ...json(200, { entitled: true, plan: 'premium' }), delayMs };
  }

  catalog(): Reply {
    const c = this.scenario.conditions(this.now());
    const items = CATALOG.map((item) => ({ ...item, live: item.kind === 'live' }));
    return { ...json(200, { items, total: items.length }), delayMs: Math.round(20 * (1 + 8 * c.surge)) };
  }

  manifest(): Reply {
    const c = this.scenario.conditions(this.now());
    const body = [
      '#EXTM3U',
      '#EXT-X-VERSION:6',
      '#EXT-X-INDEPENDENT-SEGMENTS',
      '#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360,CODECS="avc1.4d401e,mp4a.40.2"',
      '360p/index.m3u8',
      '#EXT-X-STREAM-INF:BANDWIDTH=2800000,RESOLUTION=1280x720,CODECS="avc1.4d401f,mp4a.40.2"',
      '720p/index.m3u8',
      '#EXT-X-STREAM-INF:BANDWIDTH=6000000,RESOLUTION=1920x1080,CODECS="avc1.640028,mp4a.40.2"',
      '1080p/index.m3u8',
      '',
    ].join('\n');
    return { ...text(200, body, 'application/vnd.apple.mpegurl'), delayMs: Math.round(15 * (1 + 4 * c.surge + c.outage)) };
  }
}
