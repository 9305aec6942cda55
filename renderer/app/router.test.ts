import { describe, expect, it } from 'vitest';
import { consumeLoginLink, loginLink } from './login.ts';
import { isSafeNext, parseRoute, routeHash } from './router.ts';

describe('parseRoute', () => {
  it('defaults to the console', () => {
    for (const hash of ['', '#', '#/', '#/console']) expect(parseRoute(hash)).toEqual({ name: 'console' });
  });

  it('reads walls, with or without an id, and the distance override', () => {
    expect(parseRoute('#/wall')).toEqual({ name: 'wall', wallId: null, distance: null });
    expect(parseRoute('#/wall/platform')).toEqual({ name: 'wall', wallId: 'platform', distance: null });
    expect(parseRoute('#/wall/platform?distance=far')).toEqual({ name: 'wall', wallId: 'platform', distance: 'far' });
    expect(parseRoute('#/wall?distance=desk')).toEqual({ name: 'wall', wallId: null, distance: 'desk' });
    expect(parseRoute('#/wall/platform?distance=moon')).toEqual({ name: 'wall', wallId: 'platform', distance: null });
  });

  it('reads a wall marked kiosk (an unattended screen, whatever its token), and writes it back', () => {
    expect(parseRoute('#/wall/platform?kiosk')).toEqual({ name: 'wall', wallId: 'platform', distance: null, kiosk: true });
    expect(parseRoute('#/wall/platform?distance=far&kiosk=1')).toEqual({ name: 'wall', wallId: 'platform', distance: 'far', kiosk: true });
    expect(parseRoute('#/wall/platform?kiosk=0')).toEqual({ name: 'wall', wallId: 'platform', distance: null });
    expect(parseRoute('#/wall/platform?kiosk=false')).toEqual({ name: 'wall', wallId: 'platform', distance: null });
    expect(routeHash(parseRoute('#/wall/platform?distance=far&kiosk'))).toBe('#/wall/platform?distance=far&kiosk');
  });

  it('reads the simple areas', () => {
    for (const name of ['incidents', 'plans', 'review', 'settings'] as const) expect(parseRoute(`#/${name}`)).toEqual({ name });
    // The weekly document links to a section of the review page.
    expect(parseRoute('#/review/pager?week=2026-W07&team=sre')).toEqual({ name: 'review' });
  });

  it('reads one incident, and writes its hash back', () => {
    expect(parseRoute('#/incidents/01J0ABCDEFGHJKMNPQRSTVWXYZ')).toEqual({ name: 'incident', incidentId: '01J0ABCDEFGHJKMNPQRSTVWXYZ' });
    expect(routeHash({ name: 'incident', incidentId: '01J0ABCDEFGHJKMNPQRSTVWXYZ' })).toBe('#/incidents/01J0ABCDEFGHJKMNPQRSTVWXYZ');
    expect(parseRoute('#/incidents/a/b')).toEqual({ name: 'not-found', path: '/incidents/a/b' });
    expect(parseRoute('#/incidents/%E0%A4%A')).toEqual({ name: 'not-found', path: '/incidents/%E0%A4%A' });
    expect(isSafeNext('/incidents/01J0ABCDEFGHJKMNPQRSTVWXYZ')).toBe(true);
  });

  it('reads one plan, and writes its hash back', () => {
    expect(parseRoute('#/plans/cup-final-2027-05-29')).toEqual({ name: 'plan', planId: 'cup-final-2027-05-29' });
    expect(routeHash({ name: 'plan', planId: 'cup final' })).toBe('#/plans/cup%20final');
    expect(parseRoute('#/plans/a/b')).toEqual({ name: 'not-found', path: '/plans/a/b' });
  });

  it('reads a login link', () => {
    expect(parseRoute('#/login?token=abc%2B1')).toEqual({ name: 'login', token: 'abc+1', next: null });
    expect(parseRoute('#/login')).toEqual({ name: 'login', token: null, next: null });
    expect(parseRoute('#/login?token=x&next=/wall/platform')).toEqual({ name: 'login', token: 'x', next: '/wall/platform' });
  });

  it('never sends a login link outside the app', () => {
    for (const next of ['https://evil.example', '//evil.example', '/login?token=y', 'javascript:alert(1)', '/nowhere']) {
      expect(isSafeNext(next)).toBe(false);
      expect(parseRoute(`#/login?token=x&next=${encodeURIComponent(next)}`)).toMatchObject({ next: null });
    }
    expect(isSafeNext('/wall/platform?distance=far')).toBe(true);
  });

  it('says what is not found', () => {
    expect(parseRoute('#/nope')).toEqual({ name: 'not-found', path: '/nope' });
    expect(parseRoute('#/wall/a/b')).toEqual({ name: 'not-found', path: '/wall/a/b' });
    expect(parseRoute('#/wall/%E0%A4%A')).toEqual({ name: 'not-found', path: '/wall/%E0%A4%A' });
  });
});

describe('routeHash', () => {
  it('round-trips every route', () => {
    for (const hash of ['#/console', '#/wall', '#/wall/platform', '#/wall/platform?distance=near', '#/settings', '#/login', '#/review']) {
      expect(routeHash(parseRoute(hash))).toBe(hash);
    }
  });
});

describe('login links', () => {
  it('stores nothing itself but returns the token and replaces the location', () => {
    let hash = '#/login?token=s3cret&next=%2Fwall%2Fplatform';
    const token = consumeLoginLink({ hash, replaceHash: (h) => (hash = h) });
    expect(token).toBe('s3cret');
    expect(hash).toBe('#/wall/platform');
  });

  it('goes to the console by default and ignores other routes', () => {
    let hash = '#/login?token=abc';
    expect(consumeLoginLink({ hash, replaceHash: (h) => (hash = h) })).toBe('abc');
    expect(hash).toBe('#/console');
    expect(consumeLoginLink({ hash: '#/settings', replaceHash: () => expect.unreachable() })).toBeNull();
    expect(consumeLoginLink({ hash: '#/login', replaceHash: () => expect.unreachable() })).toBeNull();
  });

  it('builds the link a wall opens', () => {
    expect(loginLink('http://10.0.0.5:4820/', 'a b', '/wall')).toBe('http://10.0.0.5:4820/#/login?token=a+b&next=%2Fwall');
    expect(parseRoute(new URL(loginLink('http://h', 'a b', '/wall')).hash)).toMatchObject({
      name: 'login',
      token: 'a b',
      next: '/wall',
    });
  });
});
