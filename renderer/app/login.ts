/**
 * `#/login?token=SECRET[&next=/wall/x]`: store the token and replace the location, so the secret
 * stays neither in the address bar nor in the history.
 */
import { parseRoute, routeHash } from './router.ts';
import type { Route } from './router.ts';

export interface LoginLocation {
  readonly hash: string;
  replaceHash(hash: string): void;
}

/** If the location is a login link with a token, return the token and move to the next route. */
export function consumeLoginLink(location: LoginLocation): string | null {
  const route = parseRoute(location.hash);
  if (route.name !== 'login' || route.token === null) return null;
  const next: Route = route.next ? parseRoute(`#${route.next}`) : { name: 'console' };
  location.replaceHash(routeHash(next));
  return route.token;
}

export function windowLoginLocation(): LoginLocation {
  return {
    get hash() {
      return window.location.hash;
    },
    replaceHash: (hash) => window.history.replaceState(null, '', hash),
  };
}

/** The link that signs a screen in (what the hub prints for its first admin token). */
export function loginLink(hubUrl: string, token: string, next?: string): string {
  const base = hubUrl.replace(/\/+$/, '');
  return `${base}/${routeHash({ name: 'login', token, next: next ?? null })}`;
}
