/**
 * What a hub's URL and token must look like before the desktop app tries to join that hub
 * (Settings → Hub). One rule for the form (early words) and the main process (which decides).
 * The app's pages are a secure context: they can only reach another machine over https; plain
 * http works for a hub on this computer alone.
 */
export const MAX_HUB_URL_LENGTH = 2048;
export const MAX_HUB_TOKEN_LENGTH = 1024;

export type HubAddressCheck<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** The WHATWG URL parser (browsers and Node both have it; shared/ compiles without DOM or Node typings). */
interface ParsedUrl {
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
  readonly hostname: string;
  readonly pathname: string;
  readonly origin: string;
}
const WhatwgUrl = (globalThis as unknown as { URL: new (input: string) => ParsedUrl }).URL;

/** localhost, 127.0.0.0/8 and [::1]: the hosts plain http may be used for. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

const EXAMPLE = 'e.g. https://hub.example.com';

/** The hub's base URL (its origin, e.g. "https://hub.example.com:8443"), or why it cannot be joined. */
export function checkHubUrl(input: string): HubAddressCheck<string> {
  const value = input.trim();
  if (value === '') return { ok: false, error: `enter the hub's URL (${EXAMPLE})` };
  if (value.length > MAX_HUB_URL_LENGTH) return { ok: false, error: `the URL is longer than ${MAX_HUB_URL_LENGTH} characters` };
  if (/\s/.test(value)) return { ok: false, error: 'the URL has a space in it' };
  let url: ParsedUrl;
  try {
    url = new WhatwgUrl(value);
  } catch {
    return { ok: false, error: `"${value}" is not a URL (${EXAMPLE})` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, error: `the URL must start with https:// (${EXAMPLE}), not ${url.protocol}//` };
  if (url.username !== '' || url.password !== '') return { ok: false, error: 'leave the user name and password out of the URL: the token goes in its own field' };
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return {
      ok: false,
      error: `${url.hostname} is not this computer, so the hub must be reached over https:// (the app refuses plain http:// to other machines)`,
    };
  }
  // Every API path is absolute (/api/v1/…, /socket.io/): a hub lives at the root of its address.
  if (url.pathname !== '/') {
    return { ok: false, error: `a hub is at the root of its address: use ${url.origin} (without ${url.pathname})` };
  }
  return { ok: true, value: url.origin };
}

/** The token as the hub issued it (mc_…), or why it cannot be one. */
export function checkHubToken(input: string): HubAddressCheck<string> {
  const value = input.trim();
  if (value === '') return { ok: false, error: 'enter the token (mc_…) the hub’s admin made for you' };
  if (value.length > MAX_HUB_TOKEN_LENGTH) return { ok: false, error: `the token is longer than ${MAX_HUB_TOKEN_LENGTH} characters` };
  if (/\s/.test(value)) return { ok: false, error: 'the token has a space in it: paste it again, whole' };
  if (!value.startsWith('mc_')) return { ok: false, error: 'a Mission Control token starts with "mc_": paste the whole token' };
  return { ok: true, value };
}
