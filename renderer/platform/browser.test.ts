import { describe, expect, it, vi } from 'vitest';
import { createBrowserBridge } from './browser.ts';
import { safeExternalUrl } from '../../shared/domain/external-url.ts';
import type { BrowserWindowLike } from './browser.ts';

function fakeWindow(over: Partial<BrowserWindowLike> = {}) {
  const open = vi.fn();
  const print = vi.fn();
  const win: BrowserWindowLike = { open, print, navigator: {}, ...over };
  return { win, open, print };
}

describe('openExternal', () => {
  it('opens http(s) URLs in a new tab without opener or referrer', async () => {
    const { win, open } = fakeWindow();
    const bridge = createBrowserBridge(win);
    expect(await bridge.openExternal('https://grafana.example/d/abc?from=now-1h')).toBe(true);
    expect(open).toHaveBeenCalledWith('https://grafana.example/d/abc?from=now-1h', '_blank', 'noopener,noreferrer');
    expect(await bridge.openExternal('http://runbooks.internal/restart')).toBe(true);
  });

  it('refuses everything else', async () => {
    const { win, open } = fakeWindow();
    const bridge = createBrowserBridge(win);
    for (const url of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'mailto:ops@example.com',
      'vbscript:msgbox',
      '/relative/path',
      '//evil.example/x',
      'not a url',
      '',
      'https://',
      `https://a.example/${'x'.repeat(9000)}`,
    ]) {
      expect(await bridge.openExternal(url), url).toBe(false);
    }
    expect(open).not.toHaveBeenCalled();
  });

  it('normalizes what it lets through', () => {
    expect(safeExternalUrl('HTTPS://Example.COM/a%20b')).toBe('https://example.com/a%20b');
    expect(safeExternalUrl('https://example.com/a b')).toBeNull(); // whitespace is refused, not trimmed
  });
});

describe('the other fallbacks', () => {
  it('has no hub of its own: the page talks to its origin', async () => {
    expect(await createBrowserBridge(fakeWindow().win).hubConnection()).toBeNull();
  });

  it('prints with window.print and returns null', async () => {
    const { win, print } = fakeWindow();
    expect(await createBrowserBridge(win).printToPdf()).toBeNull();
    expect(print).toHaveBeenCalledOnce();
  });

  it('keeps the screen awake with the Wake Lock API when it exists', async () => {
    const release = vi.fn(async () => undefined);
    const request = vi.fn(async () => ({ released: false, release }));
    const listeners = new Set<() => void>();
    const { win } = fakeWindow({
      navigator: { wakeLock: { request } },
      document: {
        visibilityState: 'visible',
        addEventListener: (_t, l) => listeners.add(l),
        removeEventListener: (_t, l) => listeners.delete(l),
      },
    });
    const bridge = createBrowserBridge(win);
    expect(await bridge.keepAwake(true)).toBe(true);
    expect(request).toHaveBeenCalledWith('screen');
    expect(listeners.size).toBe(1);
    expect(await bridge.keepAwake(false)).toBe(false);
    expect(release).toHaveBeenCalledOnce();
    expect(listeners.size).toBe(0);
    expect(await createBrowserBridge(fakeWindow().win).keepAwake(true)).toBe(false);
  });

  it('notifies only when already permitted, never asks', async () => {
    const created: string[] = [];
    class N {
      static permission = 'default';
      constructor(title: string) {
        created.push(title);
      }
    }
    const { win } = fakeWindow({ Notification: N });
    await createBrowserBridge(win).notify('Incident', 'SEV1 declared');
    expect(created).toEqual([]);
    N.permission = 'granted';
    await createBrowserBridge(win).notify('Incident', 'SEV1 declared');
    expect(created).toEqual(['Incident']);
  });
});
