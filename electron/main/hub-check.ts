/**
 * Before the app joins another hub (Settings → Hub), ask it: does it answer, is it a Mission
 * Control hub, and does it take the token? Each failure is said in words a person can act on.
 * Plain Node (no electron import), tested against real servers on loopback. The token only ever
 * goes in the Authorization header: never into an answer or a log line.
 */
import { z } from 'zod';
import { checkHubToken, checkHubUrl } from '../../shared/domain/hub-address.ts';
import { ingestScopeSchema, roleSchema } from '../../shared/model/auth.ts';
import type { IngestScope, Role } from '../../shared/model/auth.ts';

export const HUB_CHECK_TIMEOUT_MS = 5000;

export type HubCheckResult =
  | {
      readonly ok: true;
      /** The hub's base URL, normalised. */
      readonly url: string;
      readonly token: string;
      readonly version: string;
      /** What the token may do, as the hub says (GET /api/v1/token); null from a hub too old to say. */
      readonly access: { readonly role: Role; readonly scopes: readonly IngestScope[] } | null;
    }
  | { readonly ok: false; readonly error: string };

/** Why a request got no answer, in words (undici puts the system's reason in `cause`). */
function unreachableWords(error: unknown, timeoutMs: number): string {
  const err = error as { name?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return `no answer within ${timeoutMs / 1000} s`;
  const code = err.cause?.code ?? '';
  if (code === 'ECONNREFUSED') return 'nothing is listening there (connection refused)';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'no such host (the name does not resolve)';
  if (code === 'ECONNRESET') return 'the connection was reset';
  if (/CERT|SSL|TLS/i.test(code)) return `its TLS certificate is not trusted (${code})`;
  return err.cause?.message ?? (error instanceof Error ? error.message : String(error));
}

function isHealth(body: unknown): body is { status: 'ok'; version: string } {
  const b = body as { status?: unknown; version?: unknown } | null;
  return typeof b === 'object' && b !== null && b.status === 'ok' && typeof b.version === 'string';
}

/** The hub at `rawUrl` answers its health check and accepts `rawToken`; or why not. */
export async function checkHub(rawUrl: string, rawToken: string, timeoutMs = HUB_CHECK_TIMEOUT_MS): Promise<HubCheckResult> {
  const url = checkHubUrl(rawUrl);
  if (!url.ok) return url;
  const token = checkHubToken(rawToken);
  if (!token.ok) return token;
  const base = url.value;
  // No redirects: a hub answers at its own address, and the token must not follow one elsewhere.
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(new URL(path, base), { headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });

  let health: Response;
  try {
    health = await get('/api/v1/health');
  } catch (error) {
    return { ok: false, error: `cannot reach ${base}: ${unreachableWords(error, timeoutMs)}` };
  }
  const body: unknown = await health.json().catch(() => null);
  if (!health.ok || !isHealth(body)) {
    const what = health.status >= 300 && health.status < 400 ? `a redirect to ${health.headers.get('location') ?? 'elsewhere'}` : `HTTP ${health.status}`;
    return { ok: false, error: `${base} answers, but it is not a Mission Control hub (GET /api/v1/health gave ${what}, not the hub's health)` };
  }

  let workspace: Response;
  try {
    workspace = await get('/api/v1/workspace', { authorization: `Bearer ${token.value}` });
    await workspace.body?.cancel();
  } catch (error) {
    return { ok: false, error: `cannot reach ${base}: ${unreachableWords(error, timeoutMs)}` };
  }
  if (workspace.status === 401) return { ok: false, error: `the hub at ${base} refused the token: it is not one of its tokens, or it was revoked` };
  if (workspace.status === 403) return { ok: false, error: `the hub at ${base} knows the token but will not let it read the workspace: ask its admin for a viewer token or better` };
  if (workspace.status === 429) return { ok: false, error: `the hub at ${base} is rate-limiting this token: try again in a moment` };
  if (!workspace.ok) return { ok: false, error: `the hub at ${base} answered HTTP ${workspace.status} to GET /api/v1/workspace` };
  return { ok: true, url: base, token: token.value, version: body.version, access: await tokenAccess(get, token.value) };
}

const accessSchema = z.object({ role: roleSchema, scopes: z.array(ingestScopeSchema) });

/** The token's role and scopes; null when the hub does not say (an older hub, or any failure: the token already worked). */
async function tokenAccess(get: (path: string, headers: Record<string, string>) => Promise<Response>, token: string) {
  try {
    const res = await get('/api/v1/token', { authorization: `Bearer ${token}` });
    const parsed = accessSchema.safeParse(await res.json().catch(() => null));
    return res.ok && parsed.success ? { role: parsed.data.role, scopes: parsed.data.scopes } : null;
  } catch {
    return null;
  }
}
