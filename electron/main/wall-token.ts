/**
 * Desktop walls sign in with a viewer token of their own, never the console's admin token: a
 * wall is an unattended screen anyone in the room can touch. The token is created through the
 * hub's REST API with the admin token, kept in the app-data folder (owner-only), checked at each
 * start, and replaced when it was revoked. Plain Node (no electron import), tested on a real hub.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const WALL_TOKEN_FILE = 'wall-token';
export const WALL_TOKEN_NAME = 'desktop walls (this computer)';
const TIMEOUT_MS = 5000;

function readStored(file: string): string | null {
  try {
    const text = readFileSync(file, 'utf8').trim();
    return /^mc_[A-Za-z0-9_-]{20,197}$/.test(text) ? text : null;
  } catch {
    return null;
  }
}

async function works(hubUrl: string, token: string): Promise<boolean> {
  const res = await fetch(new URL('/api/v1/workspace', hubUrl), { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  return res.ok;
}

/**
 * The walls' viewer token: the stored one if the hub still takes it, else a new one made with
 * `adminToken`. Null when neither works (a remote hub whose token cannot create tokens): the
 * caller then gives walls the token it has.
 */
export async function ensureWallToken(hubUrl: string, adminToken: string, file: string): Promise<string | null> {
  try {
    const stored = readStored(file);
    if (stored !== null && (await works(hubUrl, stored))) return stored;
    const res = await fetch(new URL('/api/v1/tokens', hubUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: WALL_TOKEN_NAME, role: 'viewer' }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) return null;
    const { secret } = (await res.json()) as { secret: string };
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, `${secret}\n`, { mode: 0o600 });
    if (process.platform !== 'win32') chmodSync(file, 0o600);
    return secret;
  } catch (error) {
    console.error(`[mission-control] no viewer token for the walls: ${(error as Error).message}`);
    return null;
  }
}
