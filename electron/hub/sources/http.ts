import { SourceError, type PolledSourceConfig } from './adapter.ts';

/** Upstream bodies above this are refused: a runaway endpoint must not exhaust the hub. */
export const MAX_UPSTREAM_BYTES = 16 * 1024 * 1024;

/** The source's own headers plus its credentials (bearer or basic). */
export function sourceHeaders(config: Pick<PolledSourceConfig, 'auth' | 'headers'>): Record<string, string> {
  const headers: Record<string, string> = { ...config.headers };
  if (config.auth?.type === 'bearer') headers.authorization = `Bearer ${config.auth.token}`;
  if (config.auth?.type === 'basic') {
    headers.authorization = `Basic ${Buffer.from(`${config.auth.username}:${config.auth.password}`).toString('base64')}`;
  }
  return headers;
}

/**
 * A response body as text, read chunk by chunk and refused as soon as it passes MAX_UPSTREAM_BYTES
 * (a runaway answer is never held whole in memory).
 */
export async function readCapped(body: ReadableStream<Uint8Array> | null, declaredLength: string | null): Promise<string> {
  const declared = Number(declaredLength ?? 0);
  if (declared > MAX_UPSTREAM_BYTES) {
    await body?.cancel();
    throw new SourceError(`response of ${declared} bytes exceeds the ${MAX_UPSTREAM_BYTES}-byte limit`);
  }
  const reader = body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_UPSTREAM_BYTES) {
      await reader.cancel();
      throw new SourceError(`response exceeds the ${MAX_UPSTREAM_BYTES}-byte limit`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** GET a URL with the source's auth and headers; the body as text, or a SourceError in words. */
export async function fetchText(config: PolledSourceConfig, url: string, signal: AbortSignal, accept: string): Promise<string> {
  const headers: Record<string, string> = { accept, 'user-agent': 'MissionControl-hub', ...sourceHeaders(config) };
  let response: Response;
  try {
    response = await fetch(url, { headers, signal, redirect: 'follow' });
  } catch (error) {
    if (signal.aborted) throw new SourceError(`no answer from ${url} within ${config.timeout} ms`);
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new SourceError(cause?.message ?? cause?.code ?? (error as Error).message);
  }
  if (!response.ok) {
    const snippet = (await response.text().catch(() => '')).replace(/\s+/g, ' ').slice(0, 120);
    throw new SourceError(`HTTP ${response.status} ${response.statusText} from ${url}${snippet ? `: ${snippet}` : ''}`);
  }
  return readCapped(response.body, response.headers.get('content-length'));
}
