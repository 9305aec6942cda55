/**
 * Which links may leave the app for the system browser: absolute http(s) URLs only, without
 * credentials, whitespace or control characters. One rule for the desktop shell and the browser.
 */
export const MAX_EXTERNAL_URL_LENGTH = 2048;

/**
 * The WHATWG URL parser, which browsers and Node both have; shared/ compiles without the DOM or
 * Node typings, so it is reached through globalThis with the few members used here.
 */
interface ParsedUrl {
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
  readonly hostname: string;
  readonly href: string;
}
const WhatwgUrl = (globalThis as unknown as { URL: new (input: string) => ParsedUrl }).URL;

/** The normalised URL to open, or null when it must not be opened. */
export function safeExternalUrl(url: unknown): string | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_EXTERNAL_URL_LENGTH) return null;
  // Reject rather than trim: whitespace and control characters are how parsers get confused.
  if (/\s/.test(url) || [...url].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return null;
  let parsed: ParsedUrl;
  try {
    parsed = new WhatwgUrl(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.username !== '' || parsed.password !== '' || parsed.hostname === '') return null;
  return parsed.href;
}
