/**
 * Deny-by-default rules for everything web content can ask of the shell: navigation, new windows,
 * <webview>, permissions, and opening URLs in the system browser. The decisions are pure functions
 * (tested as tables); the install functions only wire them to Electron.
 */
import { app, session, shell } from 'electron';
import type { Session, WebContents } from 'electron';
import { isAppUrl } from './app-origin.ts';
import { safeExternalUrl } from '../../shared/domain/external-url.ts';

export function isSafeExternalUrl(url: unknown): boolean {
  return safeExternalUrl(url) !== null;
}

/** The only call to shell.openExternal in the app. */
export async function openExternal(url: unknown): Promise<boolean> {
  const safe = safeExternalUrl(url);
  if (safe === null) return false;
  await shell.openExternal(safe);
  return true;
}

/**
 * Where a frame may navigate. The top frame stays on the app's own origin; sub-frames (embedded
 * dashboards) may load http(s), which the CSP's frame-src governs further.
 */
export function isAllowedNavigation(url: string, isMainFrame: boolean): boolean {
  if (isAppUrl(url)) return true;
  if (isMainFrame) return false;
  if (url === 'about:blank' || url === 'about:srcdoc') return true;
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Permissions the UI needs, granted to the app's own top-level pages only. Notifications go through
 * the bridge (main process), so the web Notification permission is not among them; clipboard write
 * is, for the "copy link" buttons.
 */
const APP_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function decidePermission(permission: string, requestingUrl: string | undefined): boolean {
  return APP_PERMISSIONS.has(permission) && isAppUrl(requestingUrl);
}

export function installSessionSecurity(ses: Session): void {
  // Electron approves every permission request unless a handler says otherwise.
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(decidePermission(permission, details.requestingUrl));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => decidePermission(permission, requestingOrigin));
  ses.setDevicePermissionHandler(() => false);
}

const hardened = new WeakSet<WebContents>();
/** Embedded dashboards' own views: their top frame may navigate within their configured origin only. */
const embedPolicies = new WeakMap<WebContents, (url: string) => boolean>();

/** Give an embed view (electron/main/embeds.ts) its own rule for top-frame navigation. */
export function setEmbedNavigationPolicy(contents: WebContents, allow: (url: string) => boolean): void {
  embedPolicies.set(contents, allow);
}

function navigationAllowed(contents: WebContents, url: string, isMainFrame: boolean): boolean {
  const policy = embedPolicies.get(contents);
  if (policy && isMainFrame) return policy(url);
  return isAllowedNavigation(url, isMainFrame);
}

/**
 * Lock one webContents down: no new windows (http(s) links go to the system browser instead), no
 * navigation or redirect of the top frame away from the app, no <webview>. Idempotent, so both the
 * window factory and the global `web-contents-created` hook can call it.
 */
export function hardenWebContents(contents: WebContents): void {
  if (hardened.has(contents)) return;
  hardened.add(contents);

  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void openExternal(url).catch((error: unknown) => console.error('[security] openExternal failed:', error));
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (!navigationAllowed(contents, event.url, true)) event.preventDefault();
  });
  // Covers every frame, including a cross-origin iframe navigating the top (CVE-2020-15174).
  contents.on('will-frame-navigate', (event) => {
    if (!navigationAllowed(contents, event.url, event.isMainFrame)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!navigationAllowed(contents, event.url, event.isMainFrame)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Call once, on ready: every session rule and every webContents ever created gets the rules. */
export function installSecurityHandlers(): void {
  installSessionSecurity(session.defaultSession);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}
