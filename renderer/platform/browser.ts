/**
 * The desktop bridge's interface, implemented with what a browser offers. Every method degrades
 * to a harmless no-op rather than prompting: walls never show a permission prompt.
 */
import type { DesktopBridge, DisplayInfo } from '../../shared/bridge.ts';
import { safeExternalUrl } from '../../shared/domain/external-url.ts';

interface WakeLockSentinelLike {
  readonly released: boolean;
  release(): Promise<void>;
}

/** The parts of `window` the bridge uses, so tests can hand it a fake. */
export interface BrowserWindowLike {
  open(url: string, target: string, features: string): unknown;
  print(): void;
  readonly screen?: { readonly width: number; readonly height: number };
  readonly navigator: { readonly wakeLock?: { request(type: 'screen'): Promise<WakeLockSentinelLike> } };
  readonly document?: {
    readonly visibilityState: string;
    addEventListener(type: 'visibilitychange', listener: () => void): void;
    removeEventListener(type: 'visibilitychange', listener: () => void): void;
  };
  readonly Notification?: { readonly permission: string; new (title: string, options?: { body?: string }): unknown };
}

export function createBrowserBridge(win: BrowserWindowLike): DesktopBridge {
  let sentinel: WakeLockSentinelLike | null = null;
  let wantAwake = false;

  const acquire = async (): Promise<boolean> => {
    const wakeLock = win.navigator.wakeLock;
    if (!wakeLock) return false;
    if (sentinel && !sentinel.released) return true;
    try {
      sentinel = await wakeLock.request('screen');
      return true;
    } catch {
      // Refused (hidden tab, battery saver, policy): nothing to ask the user on a wall.
      return false;
    }
  };
  // The browser releases the lock whenever the page is hidden; take it again when it is back.
  const onVisibility = () => {
    if (wantAwake && win.document?.visibilityState === 'visible') void acquire();
  };

  return {
    kind: 'browser',
    hubConnection: async () => null,
    displays: async (): Promise<DisplayInfo[]> => {
      const screen = win.screen;
      if (!screen) return [];
      return [{ id: 0, label: 'This screen', bounds: { x: 0, y: 0, width: screen.width, height: screen.height }, primary: true }];
    },
    keepAwake: async (on) => {
      if (on === wantAwake && (!on || (sentinel && !sentinel.released))) return on;
      wantAwake = on;
      if (on) {
        win.document?.addEventListener('visibilitychange', onVisibility);
        return acquire();
      }
      win.document?.removeEventListener('visibilitychange', onVisibility);
      const held = sentinel;
      sentinel = null;
      if (held && !held.released) await held.release().catch(() => undefined);
      return false;
    },
    notify: async (title, body) => {
      const N = win.Notification;
      // Only when already permitted: asking would be a prompt.
      if (!N || N.permission !== 'granted') return;
      try {
        new N(title, { body });
      } catch {
        // Some browsers only allow notifications from a service worker: a no-op then.
      }
    },
    openExternal: async (candidate) => {
      const url = safeExternalUrl(candidate);
      if (url === null) return false;
      // With noopener, window.open returns null even on success: validity is the answer.
      win.open(url, '_blank', 'noopener,noreferrer');
      return true;
    },
    printToPdf: async () => {
      win.print();
      return null;
    },
  };
}
