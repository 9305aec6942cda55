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

/** Which wall this computer shows full screen on which display (the desktop app's settings.json). */
export interface WallAssignment {
  /** A wall of the workspace: the window shows #/wall/<wallId>. */
  readonly wallId: string;
  /** A display's id as `displays()` lists it. */
  readonly displayId: number;
}

export interface WallAssignmentsState {
  /** As saved, in order; an assignment to a display that is not connected now is kept and waits for it. */
  readonly assignments: readonly WallAssignment[];
  /** The displays connected now. */
  readonly displays: readonly DisplayInfo[];
  /** The wall windows open now, by display. */
  readonly open: readonly WallAssignment[];
  /** Where the assignments are saved (settings.json in the app-data folder). */
  readonly file: string;
}

export type WallAssignmentsSaveResult =
  | { readonly ok: true; readonly state: WallAssignmentsState; /** Something worth saying about a save that went through. */ readonly note: string | null }
  | { readonly ok: false; /** Why nothing was saved, in words. */ readonly error: string };

/** Desktop only: assign the workspace's walls to this computer's displays. */
export interface WallAssignmentsBridge {
  get(): Promise<WallAssignmentsState>;
  /** Replace every assignment: saved to settings.json, and the wall windows opened, moved or closed at once. */
  set(assignments: readonly WallAssignment[]): Promise<WallAssignmentsSaveResult>;
}

/** The hub this app uses now (Settings → Hub). A joined hub's token is never handed back: only that one is saved. */
export type HubInUse =
  | {
      readonly mode: 'embedded';
      /** Where the embedded hub listens (loopback, a random port). */
      readonly url: string;
      /** Its workspace file; null when it runs the demo's. */
      readonly workspace: string | null;
      /** Whether the simulated platform runs beside it. */
      readonly demo: boolean;
    }
  | { readonly mode: 'remote'; readonly url: string; readonly tokenSaved: true };

export interface HubSettingsState {
  /** Null while the hub is still starting. */
  readonly inUse: HubInUse | null;
  /** Where the choice is saved (settings.json in the app-data folder). */
  readonly file: string;
  /** While on a shared hub: the embedded hub "Use the embedded hub again" goes back to (its workspace file, or null for the demo's). */
  readonly embedded?: { readonly workspace: string | null };
}

/** Join a shared hub by its URL and a token it issued, or go back to the hub inside the app. */
export type HubChoice =
  | {
      readonly mode: 'remote';
      readonly url: string;
      readonly token: string;
      /** The person read what this token cannot do (a viewer or planner token) and joins with it anyway. */
      readonly limitedOk?: true;
    }
  | { readonly mode: 'embedded' };

export type HubChoiceResult =
  | { readonly ok: true; /** What happens now, in words: the app restarts onto the hub chosen. */ readonly message: string }
  | { readonly ok: false; /** Why nothing was saved, in words. */ readonly error: string }
  | {
      readonly ok: false;
      /** The hub took the token, but the token cannot run incidents: nothing saved until the person joins with it anyway (limitedOk). */
      readonly limited: string;
    };

/** Desktop only: which hub the app uses (a browser uses its own origin's hub). */
export interface HubSettingsBridge {
  get(): Promise<HubSettingsState>;
  /** A remote hub is checked first (it answers, it takes the token); then saved, and the app restarts onto it. */
  set(choice: HubChoice): Promise<HubChoiceResult>;
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
  /** Desktop only: which wall goes full screen on which display (a browser opens a wall by its URL). */
  readonly wallAssignments?: WallAssignmentsBridge;
  /** Desktop only: join a shared hub by URL and token, or use the embedded one. */
  readonly hubSettings?: HubSettingsBridge;
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
  wallAssignments: 'mc:wall-assignments',
  wallAssignmentsSet: 'mc:wall-assignments-set',
  hubSettings: 'mc:hub-settings',
  hubSettingsSet: 'mc:hub-settings-set',
} as const;
