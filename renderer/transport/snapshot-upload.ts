/**
 * Sending a queued snapshot's PNG to the hub (`POST /api/v1/incidents/{id}/snapshots`), and
 * what its answer means for the outbox. The Idempotency-Key is the snapshot's own id (made when
 * the picture was taken), so an upload whose answer was lost is answered "replayed" the next time
 * and the hub keeps the picture once.
 *
 * Worth trying again: no answer (the network), 401/403 (a token being replaced: the entries would
 * wait too), 408, 429 and any 5xx. Any other 4xx the hub will always repeat (not a PNG, too big,
 * the id already names another picture, no such incident): the item is marked refused with the
 * hub's words and the queue moves on.
 */
import type { AckError } from '../../shared/protocol/ack.ts';

export type UploadOutcome = { readonly kind: 'stored' } | { readonly kind: 'refused'; readonly error: AckError } | { readonly kind: 'retry'; readonly reason: string };

const RETRY_STATUSES: ReadonlySet<number> = new Set([401, 403, 408, 429]);

/** What an HTTP status from the upload means. */
export function uploadOutcome(status: number, message: string): UploadOutcome {
  if (status >= 200 && status < 300) return { kind: 'stored' };
  if (status >= 500 || RETRY_STATUSES.has(status) || status < 400) return { kind: 'retry', reason: `the hub did not keep the snapshot yet: ${message}` };
  const code = status === 404 ? 'not_found' : status === 413 ? 'too_large' : 'invalid';
  return { kind: 'refused', error: { code, message } };
}

export interface UploadTarget {
  /** The hub's base URL ('' for the page's own origin). */
  readonly base: string;
  readonly token: string | null;
  readonly fetch: typeof fetch;
}

/** Upload one PNG under its id; never throws. */
export async function uploadSnapshot(target: UploadTarget, incidentId: string, assetId: string, png: Blob): Promise<UploadOutcome> {
  // Called unbound: the browser's fetch throws "Illegal invocation" when called as a method of another object.
  const send = target.fetch;
  let response: Response;
  try {
    response = await send(`${target.base}/api/v1/incidents/${encodeURIComponent(incidentId)}/snapshots`, {
      method: 'POST',
      headers: { 'content-type': 'image/png', 'idempotency-key': assetId, ...(target.token ? { authorization: `Bearer ${target.token}` } : {}) },
      body: png,
    });
  } catch (error) {
    return { kind: 'retry', reason: `the hub is unreachable (${error instanceof Error ? error.message : String(error)})` };
  }
  let message = `${response.status} ${response.statusText}`.trim();
  if (!response.ok) {
    try {
      const body = (await response.json()) as { error?: { message?: string }; message?: string };
      message = body.error?.message ?? body.message ?? message;
    } catch {
      // not JSON: the status says enough
    }
  } else {
    // Read the body so the connection is free for the next one.
    await response.arrayBuffer().catch(() => undefined);
  }
  return uploadOutcome(response.status, message);
}
