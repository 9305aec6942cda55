/**
 * Sending a queued snapshot's PNG to the hub (`POST /api/v1/incidents/{id}/snapshots`), and
 * what its answer means for the outbox. The Idempotency-Key is the snapshot's own id (made when
 * the picture was taken), so an upload whose answer was lost is answered "replayed" the next time
 * and the hub keeps the picture once.
 *
 * Worth trying again: no answer (the network, or none within UPLOAD_TIMEOUT_MS), 401/403 (the
 * token may be replaced in Settings, and the entries would wait for it too), 408, 429 and any
 * 5xx. Each comes back with a reason in words built on the hub's own message, so the console can
 * say why the picture has not gone; 401 and 403 also say that signing in again is what helps.
 * Any other 4xx the hub will always repeat (not a PNG, too big, the id already names another
 * picture, no such incident): the item is marked refused with the hub's words and the queue
 * moves on.
 */
import type { AckError } from '../../shared/protocol/ack.ts';

export type UploadOutcome =
  | { readonly kind: 'stored' }
  | { readonly kind: 'refused'; readonly error: AckError }
  | { readonly kind: 'retry'; readonly reason: string; readonly signIn?: boolean };

/** Long enough for the largest picture (2 MiB) over a slow link (~300 kbit/s); an upload that hangs must not hold the queue forever. */
export const UPLOAD_TIMEOUT_MS = 60_000;

/** What an HTTP status from the upload means; `message` is the hub's words (or the status text). */
export function uploadOutcome(status: number, message: string): UploadOutcome {
  if (status >= 200 && status < 300) return { kind: 'stored' };
  // "401: send a valid hub token…"; a bare status text already starts with the number.
  const said = message.startsWith(String(status)) ? message : `${status}: ${message}`;
  if (status === 401) return { kind: 'retry', reason: `the hub did not accept this console's token (${said})`, signIn: true };
  if (status === 403) return { kind: 'retry', reason: `this console's token may not upload snapshots (${said})`, signIn: true };
  if (status === 408) return { kind: 'retry', reason: `the upload took too long for the hub (${said})` };
  if (status === 429) return { kind: 'retry', reason: `the hub is limiting this token's requests (${said})` };
  if (status >= 500) return { kind: 'retry', reason: `the hub failed to keep the snapshot (${said})` };
  if (status < 400) return { kind: 'retry', reason: `the hub answered the upload with ${said}` };
  const code = status === 404 ? 'not_found' : status === 413 ? 'too_large' : 'invalid';
  return { kind: 'refused', error: { code, message } };
}

export interface UploadTarget {
  /** The hub's base URL ('' for the page's own origin). */
  readonly base: string;
  readonly token: string | null;
  readonly fetch: typeof fetch;
  /** Give up on an attempt after this long (default UPLOAD_TIMEOUT_MS). */
  readonly timeoutMs?: number;
}

/** Upload one PNG under its id; never throws. */
export async function uploadSnapshot(target: UploadTarget, incidentId: string, assetId: string, png: Blob): Promise<UploadOutcome> {
  // Called unbound: the browser's fetch throws "Illegal invocation" when called as a method of another object.
  const send = target.fetch;
  const timeoutMs = target.timeoutMs ?? UPLOAD_TIMEOUT_MS;
  let response: Response;
  try {
    response = await send(`${target.base}/api/v1/incidents/${encodeURIComponent(incidentId)}/snapshots`, {
      method: 'POST',
      headers: { 'content-type': 'image/png', 'idempotency-key': assetId, ...(target.token ? { authorization: `Bearer ${target.token}` } : {}) },
      body: png,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') return { kind: 'retry', reason: `the hub did not answer the upload within ${timeoutMs / 1000} s` };
    return { kind: 'retry', reason: `the hub is unreachable (${error instanceof Error ? error.message : String(error)})` };
  }
  let message = `${response.status} ${response.statusText}`.trim();
  if (!response.ok) {
    try {
      const body = (await response.json()) as { error?: { message?: string }; message?: string };
      message = body.error?.message ?? body.message ?? message;
    } catch {
      // not JSON (a proxy's page): the status says enough
    }
  } else {
    // Read the body so the connection is free for the next one.
    await response.arrayBuffer().catch(() => undefined);
  }
  return uploadOutcome(response.status, message);
}
