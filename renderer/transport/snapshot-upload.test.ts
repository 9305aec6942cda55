/**
 * What the hub's answer to a snapshot upload means for the outbox: kept, try again later (the
 * network, a token, a busy hub, no answer in time) with the reason in words, or refused for good
 * with the hub's words.
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

  it('says why an upload will be tried again, in the hub’s own words, and when signing in again is what helps', () => {
    // The messages are the hub's (electron/hub/server/http.ts): what a console would really see.
    expect(uploadOutcome(401, 'send a valid hub token as "Authorization: Bearer mc_…"')).toEqual({
      kind: 'retry',
      reason: 'the hub did not accept this console\'s token (401: send a valid hub token as "Authorization: Bearer mc_…")',
      signIn: true,
    });
    expect(uploadOutcome(403, 'this endpoint needs the responder role; this token is viewer')).toEqual({
      kind: 'retry',
      reason: 'this console\'s token may not upload snapshots (403: this endpoint needs the responder role; this token is viewer)',
      signIn: true,
    });
    expect(uploadOutcome(429, 'too many requests from this token; slow down')).toEqual({
      kind: 'retry',
      reason: 'the hub is limiting this token\'s requests (429: too many requests from this token; slow down)',
    });
    expect(uploadOutcome(500, 'the hub failed to handle this request; it has been logged')).toEqual({
      kind: 'retry',
      reason: 'the hub failed to keep the snapshot (500: the hub failed to handle this request; it has been logged)',
    });
    // A proxy's page is not JSON: its status line is the reason, not said twice.
    expect(uploadOutcome(502, '502 Bad Gateway')).toEqual({ kind: 'retry', reason: 'the hub failed to keep the snapshot (502 Bad Gateway)' });
    expect(uploadOutcome(408, 'Request Timeout').kind).toBe('retry');
  });

  it('gives up on an upload that hangs, so the queue is not held forever: a retry saying so', async () => {
    const png = new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' });
    const hangs: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) => init!.signal!.addEventListener('abort', () => reject(init!.signal!.reason as Error)));
    const startedAt = Date.now();
    const outcome = await uploadSnapshot({ base: '', token: 't', fetch: hangs, timeoutMs: 100 }, 'INC1', 'ASSET1', png);
    expect(outcome).toEqual({ kind: 'retry', reason: 'the hub did not answer the upload within 0.1 s' });
    expect(Date.now() - startedAt).toBeLessThan(2000);
  });

  it('reads the hub’s JSON answer for the words; a page that is not JSON gives its status line', async () => {
    const png = new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' });
    const answer = (body: string, status: number, statusText: string): typeof fetch => async () => new Response(body, { status, statusText });
    const revoked = await uploadSnapshot(
      { base: '', token: 't', fetch: answer(JSON.stringify({ error: 'unauthorized', message: 'send a valid hub token as "Authorization: Bearer mc_…"' }), 401, 'Unauthorized') },
      'INC1',
      'ASSET1',
      png,
    );
    expect(revoked).toMatchObject({ kind: 'retry', signIn: true, reason: expect.stringContaining('(401: send a valid hub token') as unknown });
    const proxy = await uploadSnapshot({ base: '', token: 't', fetch: answer('<html>bad gateway</html>', 502, 'Bad Gateway') }, 'INC1', 'ASSET1', png);
    expect(proxy).toEqual({ kind: 'retry', reason: 'the hub failed to keep the snapshot (502 Bad Gateway)' });
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
