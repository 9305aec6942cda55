import { describe, expect, it } from 'vitest';
import { createPlansApi, PlanRequestError } from './plans.ts';

const hub = { hubUrl: () => 'http://hub.test/', token: () => 'mc_secret' };

describe('the plans REST client', () => {
  it('sends the token and YAML as YAML, and turns a refusal into its fields', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const api = createPlansApi(hub, async (url, init = {}) => {
      calls.push({ url: String(url), init });
      return new Response(JSON.stringify({ error: 'invalid_plan', message: 'the plan was refused: event.tier: …', issues: [{ field: 'event.tier', message: 'expected 1, 2 or 3', line: 7, column: 9 }] }), {
        status: 400,
        headers: { 'content-type': 'application/json' },
      });
    });
    const refused = await api.create('version: 1\n').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PlanRequestError);
    expect((refused as PlanRequestError).status).toBe(400);
    expect((refused as PlanRequestError).issues).toEqual([{ field: 'event.tier', message: 'expected 1, 2 or 3', line: 7, column: 9 }]);
    expect(calls[0]!.url).toBe('http://hub.test/api/v1/plans');
    const headers = new Headers(calls[0]!.init.headers);
    expect(headers.get('authorization')).toBe('Bearer mc_secret');
    expect(headers.get('content-type')).toBe('application/yaml');
  });

  it('escapes plan ids in paths', async () => {
    const urls: string[] = [];
    const api = createPlansApi(hub, async (url) => {
      urls.push(String(url));
      return new Response('{"plans":[]}', { status: 200 });
    });
    await api.text('cup final', 'report.md');
    await api.live();
    expect(urls).toEqual(['http://hub.test/api/v1/plans/cup%20final/report.md', 'http://hub.test/api/v1/live-plans']);
  });
});
