/**
 * A small hash router: #/console (default), #/wall[/<wallId>][?distance=far], #/incidents,
 * #/incidents/<incidentId>, #/canaries, #/plans, #/plans/<planId>,
 * #/review[/<section>][?week=…&team=…], #/settings, #/enrol (a wall device), #/login[?token=…&next=…]. Hash routes work the same from the
 * hub's `/`, the dev server and the app://mission-control/ protocol.
 */
import { useMemo, useSyncExternalStore } from 'react';
import type { ViewingDistance } from '../../shared/model/workspace.ts';
import { VIEWING_DISTANCES } from './constants.ts';

export type Route =
  | { readonly name: 'console' }
  | {
      readonly name: 'wall';
      readonly wallId: string | null;
      readonly distance: ViewingDistance | null;
      /** `?kiosk` (or `kiosk=1`): an unattended screen whatever its token (`kiosk=0`/`false`: not one). */
      readonly kiosk?: true;
    }
  | { readonly name: 'incidents' }
  | { readonly name: 'incident'; readonly incidentId: string }
  | { readonly name: 'canaries' }
  | { readonly name: 'plans' }
  | { readonly name: 'plan'; readonly planId: string }
  | { readonly name: 'review' }
  | { readonly name: 'settings' }
  | { readonly name: 'enrol' }
  | { readonly name: 'login'; readonly token: string | null; readonly next: string | null }
  | { readonly name: 'not-found'; readonly path: string };

const SIMPLE = ['console', 'incidents', 'canaries', 'plans', 'review', 'settings', 'enrol'] as const;

function isDistance(value: string | null): value is ViewingDistance {
  return value !== null && (VIEWING_DISTANCES as readonly string[]).includes(value);
}

function safeDecode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** Parse `location.hash` ("#/wall/platform?distance=far") into a route. */
export function parseRoute(hash: string): Route {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  const q = raw.indexOf('?');
  const path = q === -1 ? raw : raw.slice(0, q);
  const params = new URLSearchParams(q === -1 ? '' : raw.slice(q + 1));
  const parts = path.split('/').filter((p) => p !== '');
  const [first, second, ...rest] = parts;

  if (first === undefined) return { name: 'console' };
  if (first === 'wall' && rest.length === 0) {
    const wallId = second === undefined ? null : safeDecode(second);
    if (second !== undefined && wallId === null) return { name: 'not-found', path };
    const distance = params.get('distance');
    const kiosk = params.get('kiosk');
    return { name: 'wall', wallId, distance: isDistance(distance) ? distance : null, ...(kiosk !== null && kiosk !== '0' && kiosk !== 'false' ? { kiosk: true as const } : {}) };
  }
  if (first === 'incidents' && second !== undefined && rest.length === 0) {
    const incidentId = safeDecode(second);
    return incidentId ? { name: 'incident', incidentId } : { name: 'not-found', path };
  }
  if (first === 'plans' && second !== undefined && rest.length === 0) {
    const planId = safeDecode(second);
    return planId ? { name: 'plan', planId } : { name: 'not-found', path };
  }
  if (first === 'login' && second === undefined) {
    const token = params.get('token')?.trim() || null;
    const next = params.get('next');
    return { name: 'login', token, next: next !== null && isSafeNext(next) ? next : null };
  }
  // #/review/<section>: a section of the review page (the weekly document links there).
  if (first === 'review' && rest.length === 0) return { name: 'review' };
  if (second === undefined) {
    const simple = SIMPLE.find((name) => name === first);
    if (simple) return { name: simple };
  }
  return { name: 'not-found', path };
}

/** Where a login link may send the screen after storing the token: an in-app route, never a URL. */
export function isSafeNext(next: string): boolean {
  if (!/^\/[a-z]/.test(next) || next.includes('//') || next.length > 300) return false;
  const route = parseRoute(`#${next}`);
  return route.name !== 'not-found' && route.name !== 'login';
}

/** The hash for a route ("#/wall/platform?distance=far"). */
export function routeHash(route: Route): string {
  switch (route.name) {
    case 'wall': {
      const base = route.wallId === null ? '#/wall' : `#/wall/${encodeURIComponent(route.wallId)}`;
      const query = [...(route.distance ? [`distance=${route.distance}`] : []), ...(route.kiosk ? ['kiosk'] : [])].join('&');
      return query ? `${base}?${query}` : base;
    }
    case 'login': {
      const params = new URLSearchParams();
      if (route.token) params.set('token', route.token);
      if (route.next) params.set('next', route.next);
      const query = params.toString();
      return query ? `#/login?${query}` : '#/login';
    }
    case 'incident':
      return `#/incidents/${encodeURIComponent(route.incidentId)}`;
    case 'plan':
      return `#/plans/${encodeURIComponent(route.planId)}`;
    case 'not-found':
      return `#${route.path}`;
    default:
      return `#/${route.name}`;
  }
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

/** The current route, re-rendering on every hash change. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return useMemo(() => parseRoute(hash), [hash]);
}

/** Go to a route, replacing the history entry when asked (used to drop a token from history). */
export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const hash = routeHash(route);
  if (options.replace) {
    window.history.replaceState(null, '', hash);
    // replaceState fires no hashchange: tell the router ourselves.
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = hash;
  }
}
