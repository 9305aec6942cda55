/**
 * What the hub's answer to a snapshot upload means for the outbox: kept, try again later (the
 * network, a token, a busy hub), or refused for good with the hub's words.
 */
import { describe, expect, it } from 'vitest';
import { uploadOutcome, uploadSnapshot } from './snapshot-upload.ts';

describe('snapshot upload', () => {
  it('kept on 200 (replayed) and 201; tried again on auth, timeouts, rate limits and 5xx; refused on any other 4xx', () => {
    for (const status of [200, 201]) expect(uploadOutcome(status, '').kind).toBe('stored');
    for (const status of [401, 403, 408, 429, 500, 502, 503]) expect(uploadOutcome(status, 'x').kind).toBe('retry');
    for (const status of [400, 404, 409, 413, 415]) expect(uploadOutcome(status, 'x').kind).toBe('refused');
    expect(uploadOutcome(413, 'too big')).toEqual({ kind: 'refused', error: { code: 'too_large', message: 'too big' } });
    expect(uploadOutcome(404, 'no incident')).toEqual({ kind: 'refused', error: { code: 'not_found', message: 'no incident' } });
  });

  it('sends the PNG under its id with the token, and never throws: no answer is a retry', async () => {
    const seen: { url: string; headers: Record<string, string> }[] = [];
    const png = new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' });
    const ok = await uploadSnapshot(
      {
        base: 'http://hub:7000',
        token: 't0k',
        fetch: async function (this: unknown, url, init) {
          // As the browser's fetch: only callable unbound.
          if (this !== undefined) throw new TypeError('Illegal invocation');
          seen.push({ url: String(url), headers: init!.headers as Record<string, string> });
          return new Response(JSON.stringify({ message: 'the id already names another picture' }), { status: 409 });
        },
      },
      'INC1',
      'ASSET1',
      png,
    );
    expect(seen[0]).toEqual({
      url: 'http://hub:7000/api/v1/incidents/INC1/snapshots',
      headers: { 'content-type': 'image/png', 'idempotency-key': 'ASSET1', authorization: 'Bearer t0k' },
    });
    expect(ok).toEqual({ kind: 'refused', error: { code: 'invalid', message: 'the id already names another picture' } });
    const down = await uploadSnapshot({ base: '', token: null, fetch: () => Promise.reject(new TypeError('Failed to fetch')) }, 'INC1', 'ASSET1', png);
    expect(down).toEqual({ kind: 'retry', reason: 'the hub is unreachable (Failed to fetch)' });
  });
});
