/**
 * The app's own origin. The UI is served from a custom, privileged scheme (never file://), so
 * "is this ours?" is one exact comparison of scheme and host on a parsed URL — never a prefix
 * test, which `app://mission-control.evil` would pass.
 */
import { DESKTOP_APP_HOST, DESKTOP_APP_ORIGIN, DESKTOP_APP_SCHEME } from '../../shared/protocol/origins.ts';

export const APP_SCHEME = DESKTOP_APP_SCHEME;
export const APP_HOST = DESKTOP_APP_HOST;
export const APP_ORIGIN = DESKTOP_APP_ORIGIN;

/** The URL of a UI route, e.g. appUrl('/console') → app://mission-control/#/console. */
export function appUrl(route: string): string {
  return `${APP_ORIGIN}/#${route.startsWith('/') ? route : `/${route}`}`;
}

export function isAppUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // WHATWG gives non-special schemes an opaque origin ("null"), so compare the parts instead.
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
