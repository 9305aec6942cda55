/**
 * Which links may leave the app for the system browser: absolute http(s) URLs only, without
 * credentials, whitespace or control characters. One rule for the desktop shell and the browser.
 */
export const MAX_EXTERNAL_URL_LENGTH = 2048;

/** The normalised URL to open, or null when it must not be opened. */
export function safeExternalUrl(url: unknown): string | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_EXTERNAL_URL_LENGTH) return null;
  // Reject rather than trim: whitespace and control characters are how parsers get confused.
  if (/\s/.test(url) || [...url].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.username !== '' || parsed.password !== '' || parsed.hostname === '') return null;
  return parsed.href;
}
