/**
 * The secret the desktop console (and `npm start`'s browser mode) uses as the embedded hub's admin
 * token: generated once, kept in the app-data folder readable by the owner only, handed to the hub
 * as MISSION_CONTROL_ADMIN_TOKEN. Plain Node (no electron import): scripts/start.ts uses it too.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const CONSOLE_TOKEN_FILE = 'console-token';

/**
 * The hub's token format (electron/hub/auth.ts): "mc_" and at least 20 more characters, 200 at most.
 * Ours are "mc_" + 32 random bytes in base64url; a file holding anything else is regenerated.
 */
const TOKEN_PATTERN = /^mc_[A-Za-z0-9_-]{20,197}$/;

export function ensureConsoleToken(file: string): string {
  const existing = readToken(file);
  if (existing !== null) {
    // Tighten a file someone loosened (no-op on Windows, which has no POSIX modes).
    if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    return existing;
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const token = `mc_${randomBytes(32).toString('base64url')}`;
  // mode applies on creation only; chmod covers replacing an invalid file.
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  if (process.platform !== 'win32') chmodSync(file, 0o600);
  return token;
}

function readToken(file: string): string | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
  if (TOKEN_PATTERN.test(text)) return text;
  console.error(`[mission-control] ${file} does not hold a valid token; writing a new one.`);
  return null;
}
