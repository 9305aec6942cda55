import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake } from './testing/fake-electron.ts';

vi.mock('electron', async () => (await import('./testing/fake-electron.ts')).electronModule);

const { decidePermission, installSecurityHandlers, isAllowedNavigation, isSafeExternalUrl, openExternal } = await import(
  './security.ts'
);

describe('isSafeExternalUrl', () => {
  it.each([
    'https://example.com/',
    'http://grafana.internal:3000/d/abc?orgId=1',
    'https://status.example.com/incidents/42#timeline',
  ])('accepts %s', (url) => expect(isSafeExternalUrl(url)).toBe(true));

  it.each([
    ['file:///etc/passwd'],
    ['javascript:alert(1)'],
    ['JAVASCRIPT:alert(1)'],
    ['smb://attacker.example/share'],
    ['ms-settings:'],
    ['data:text/html,<script>alert(1)</script>'],
    ['vbscript:msgbox'],
    ['app://mission-control/'],
    ['https://user:pass@example.com/'],
    ['https://user@example.com/'],
    [' https://example.com/'],
    ['https://example.com/\n'],
    ['https://example.com/\u0000'],
    ['https://example.com/\u007f'],
    ['https://example.com/\u00a0'],
    ['https://exa mple.com/'],
    ['not a url'],
    [''],
    ['https://' + 'a'.repeat(3000) + '.com/'],
    [42],
    [null],
    [{ toString: () => 'https://example.com/' }],
  ])('refuses %j', (url) => expect(isSafeExternalUrl(url)).toBe(false));
});

describe('openExternal', () => {
  beforeEach(() => fake.reset());

  it('opens http(s) in the system browser', async () => {
    expect(await openExternal('https://example.com/a b')).toBe(false); // whitespace: refused
    expect(await openExternal('https://example.com/runbook')).toBe(true);
    expect(fake.shell.opened).toEqual(['https://example.com/runbook']);
  });

  it.each(['file:///C:/Windows/System32/calc.exe', 'javascript:alert(1)', 'smb://host/share', 'junk'])(
    'never hands %s to the OS',
    async (url) => {
      expect(await openExternal(url)).toBe(false);
      expect(fake.shell.opened).toEqual([]);
    },
  );
});

describe('isAllowedNavigation', () => {
  it.each([
    ['app://mission-control/#/console', true, true],
    ['app://mission-control/index.html', true, true],
    ['https://evil.example/', true, false],
    ['https://mission-control/', true, false],
    ['app://mission-control.evil.example/', true, false],
    ['app://user@mission-control/', true, false],
    ['file:///etc/passwd', true, false],
    ['javascript:alert(1)', true, false],
    ['data:text/html,hi', true, false],
    ['about:blank', true, false],
    // Embedded dashboards live in sub-frames: http(s) is theirs to navigate, nothing else.
    ['https://grafana.example/d/x', false, true],
    ['about:blank', false, true],
    ['file:///etc/passwd', false, false],
    ['javascript:alert(1)', false, false],
    ['data:text/html,hi', false, false],
  ])('%s (main frame: %s) → %s', (url, isMainFrame, allowed) => {
    expect(isAllowedNavigation(url, isMainFrame)).toBe(allowed);
  });
});

describe('decidePermission', () => {
  it('denies everything by default', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'display-capture', 'unknown']) {
      expect(decidePermission(permission, 'app://mission-control/')).toBe(false);
      expect(decidePermission(permission, 'https://evil.example/')).toBe(false);
    }
  });
  it('lets only the app itself write to the clipboard', () => {
    expect(decidePermission('clipboard-sanitized-write', 'app://mission-control/#/console')).toBe(true);
    expect(decidePermission('clipboard-sanitized-write', 'https://grafana.example/')).toBe(false);
    expect(decidePermission('clipboard-sanitized-write', undefined)).toBe(false);
  });
});

describe('installSecurityHandlers', () => {
  beforeEach(() => {
    fake.reset();
    installSecurityHandlers();
  });

  it('denies permission requests and checks on the default session', () => {
    const granted: boolean[] = [];
    const request = fake.session.defaultSession.permissionRequestHandler as unknown as (...args: unknown[]) => void;
    request({}, 'media', (ok: boolean) => granted.push(ok), { requestingUrl: 'app://mission-control/' });
    request({}, 'geolocation', (ok: boolean) => granted.push(ok), { requestingUrl: 'https://evil.example/' });
    request({}, 'notifications', (ok: boolean) => granted.push(ok), { requestingUrl: 'app://mission-control/' });
    expect(granted).toEqual([false, false, false]);

    const check = fake.session.defaultSession.permissionCheckHandler as unknown as (...args: unknown[]) => boolean;
    expect(check({}, 'media', 'app://mission-control', {})).toBe(false);
    expect(check({}, 'clipboard-read', 'https://evil.example', {})).toBe(false);

    const device = fake.session.defaultSession.devicePermissionHandler as unknown as () => boolean;
    expect(device()).toBe(false);
  });

  it('hardens every webContents ever created, not only the factory windows', () => {
    const { webContents } = new fake.BrowserWindow(); // emits web-contents-created, like Electron

    expect(webContents.openWindow('https://example.com/')).toEqual({ action: 'deny' });
    expect(webContents.openWindow('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(webContents.openWindow('file:///etc/passwd')).toEqual({ action: 'deny' });
    // Only the http(s) one went to the system browser.
    expect(fake.shell.opened).toEqual(['https://example.com/']);

    expect(webContents.attempt('will-navigate', 'https://evil.example/')).toBe(true);
    expect(webContents.attempt('will-navigate', 'app://mission-control/#/wall/main')).toBe(false);
    // A cross-origin iframe trying to navigate the top frame (CVE-2020-15174).
    expect(webContents.attempt('will-frame-navigate', 'https://evil.example/', true)).toBe(true);
    expect(webContents.attempt('will-frame-navigate', 'https://grafana.example/d/x', false)).toBe(false);
    expect(webContents.attempt('will-frame-navigate', 'file:///etc/passwd', false)).toBe(true);
    expect(webContents.attempt('will-redirect', 'https://evil.example/', true)).toBe(true);
    expect(webContents.attempt('will-attach-webview', 'https://evil.example/')).toBe(true);
  });

  it('installs the rules once per webContents', () => {
    const { webContents } = new fake.BrowserWindow();
    expect(webContents.listenerCount('will-navigate')).toBe(1);
  });
});
