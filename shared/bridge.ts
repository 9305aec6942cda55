/**
 * What the desktop shell offers the UI beyond a browser (exposed by electron/preload as
 * `window.missionControl`). The browser build implements the same interface with fallbacks
 * (renderer/platform/), so every screen works in both.
 */
export interface HubConnection {
  /** Base URL of the hub, e.g. "http://127.0.0.1:4820". */
  readonly url: string;
  readonly token: string;
}

export interface DisplayInfo {
  readonly id: number;
  readonly label: string;
  readonly bounds: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
  readonly primary: boolean;
}

/** An embedded dashboard in its own isolated view (desktop walls), placed over its tile. */
export interface EmbedViewSpec {
  readonly panelId: string;
  readonly url: string;
  /** Where to draw the page in the window, CSS pixels: the part of its tile's body nothing is drawn over. */
  readonly bounds: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
  /** False while the wall draws over most of the tile: the page stays loaded but is not drawn. */
  readonly visible: boolean;
  readonly reloadMs: number | null;
  readonly loadTimeoutMs: number;
  readonly allowScripts: boolean;
  readonly zoom: number;
}

export interface EmbedViewState {
  readonly panelId: string;
  readonly state: 'loading' | 'loaded' | 'failed';
  /** Why it failed, in words. */
  readonly error: string | null;
  /** When the page shown last loaded (ms), null before the first load. */
  readonly loadedAt: number | null;
}

/** The event the main process sends a window when one of its embeds changed state. */
export const EMBED_STATE_EVENT = 'mc:embed-state';

export interface EmbedViewsBridge {
  show(spec: EmbedViewSpec): Promise<void>;
  hide(panelId: string): Promise<void>;
  onState(listener: (state: EmbedViewState) => void): () => void;
}

export interface DesktopBridge {
  readonly kind: 'desktop' | 'browser';
  /** The embedded (or joined) hub to talk to; null in a browser, which uses its own origin. */
  hubConnection(): Promise<HubConnection | null>;
  displays(): Promise<DisplayInfo[]>;
  /** Keep the screen awake (walls); returns whether it is now held. */
  keepAwake(on: boolean): Promise<boolean>;
  notify(title: string, body: string): Promise<void>;
  /** Open an http(s) URL in the system browser; anything else is refused. */
  openExternal(url: string): Promise<boolean>;
  /** Print the current window to a PDF the user saves; null when cancelled or unsupported. */
  printToPdf(): Promise<string | null>;
  /** Desktop only: embedded dashboards in isolated views (the browser build uses sandboxed iframes). */
  readonly embeds?: EmbedViewsBridge;
}

/** IPC channel names, all under one prefix the main process checks. */
export const IPC_PREFIX = 'mc:';
export const ipcChannels = {
  hubConnection: 'mc:hub-connection',
  displays: 'mc:displays',
  keepAwake: 'mc:keep-awake',
  notify: 'mc:notify',
  openExternal: 'mc:open-external',
  printToPdf: 'mc:print-to-pdf',
  embedShow: 'mc:embed-show',
  embedHide: 'mc:embed-hide',
} as const;
