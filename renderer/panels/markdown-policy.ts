/**
 * What markdown on a wall may point at. Links: absolute http(s) only (the app's one rule,
 * safeExternalUrl), opened outside the app. Images: only from origins the workspace lists;
 * anything else is dropped and its alt text shown. Raw HTML is never rendered (react-markdown
 * shows it as text; no raw-HTML plugin is used).
 */
import { safeExternalUrl } from '../../shared/domain/external-url.ts';

/** The href a link keeps, or null when it must not be a link at all. */
export function markdownHref(url: string): string | null {
  return safeExternalUrl(url);
}

/** "https://Status.Example.com:443" → "https://status.example.com"; null if it is not an http(s) origin. */
export function normalizeOrigin(origin: string): string | null {
  const safe = safeExternalUrl(origin);
  return safe === null ? null : new URL(safe).origin;
}

/** The src an image keeps, or null when its origin is not allowed. */
export function markdownImageSrc(url: string, allowedOrigins: readonly string[]): string | null {
  const safe = safeExternalUrl(url);
  if (safe === null) return null;
  const origin = new URL(safe).origin;
  return allowedOrigins.some((allowed) => normalizeOrigin(allowed) === origin) ? safe : null;
}

/** For react-markdown's urlTransform: "" removes what is not allowed (the components then render text). */
export function markdownUrlTransform(allowedImageOrigins: readonly string[]): (url: string, key: string) => string {
  return (url, key) => {
    if (key === 'href') return markdownHref(url) ?? '';
    if (key === 'src') return markdownImageSrc(url, allowedImageOrigins) ?? '';
    // cite and any other URL attribute: nothing to follow on a wall.
    return '';
  };
}
