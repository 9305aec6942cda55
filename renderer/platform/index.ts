import type { DesktopBridge } from '../../shared/bridge.ts';
import { createBrowserBridge } from './browser.ts';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in a plain browser. */
    readonly missionControl?: DesktopBridge;
  }
}

let bridge: DesktopBridge | null = null;

/** The desktop bridge when running in the app, the browser fallbacks otherwise. */
export function platform(): DesktopBridge {
  bridge ??= window.missionControl ?? createBrowserBridge(window);
  return bridge;
}
