/**
 * The main-process side of the bridge (shared/bridge.ts). Every handler first checks who is
 * asking — the top frame of one of our windows, showing our own origin (and, for the console's
 * own settings, not a wall window: a wall is a viewer) — then checks the arguments; anything else
 * is refused before any work is done. The only ipcMain.handle calls.
 */
import { BrowserWindow, dialog, ipcMain, Notification, screen } from 'electron';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { ipcChannels } from '../../shared/bridge.ts';
import { MAX_HUB_TOKEN_LENGTH, MAX_HUB_URL_LENGTH } from '../../shared/domain/hub-address.ts';
import type { DisplayInfo, HubConnection, WallAssignmentsSaveResult, WallAssignmentsState } from '../../shared/bridge.ts';
import { isAppUrl } from './app-origin.ts';
import { holdAwake, releaseAwake } from './keep-awake.ts';
import { openExternal } from './security.ts';
import { embedHostFor } from './embeds.ts';
import { createHubChoice } from './hub-choice.ts';
import type { HubChoiceOptions } from './hub-choice.ts';
import { MAX_WALL_ASSIGNMENTS, saveWallAssignments, wallAssignmentSchema } from './settings.ts';
import type { WallAssignment } from './settings.ts';
import { isWallWebContents } from './walls.ts';
import type { Walls } from './walls.ts';
import { isOurWebContents } from './window-factory.ts';

export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>): boolean {
  const frame = event.senderFrame; // null once the frame navigated away or was destroyed
  if (!frame) return false;
  if (frame.parent !== null) return false; // iframes (embedded dashboards) get nothing
  if (!isAppUrl(frame.url)) return false;
  return isOurWebContents(event.sender);
}

function handle<Args extends z.ZodTuple>(
  channel: string,
  args: Args,
  fn: (event: IpcMainInvokeEvent, ...args: z.infer<Args>) => unknown,
  { walls = true }: { /** Whether wall windows may call it too. */ readonly walls?: boolean } = {},
): void {
  ipcMain.handle(channel, async (event, ...raw: unknown[]) => {
    if (!isTrustedSender(event)) throw new Error(`refused: ${channel} from an untrusted sender`);
    if (!walls && isWallWebContents(event.sender)) throw new Error(`refused: ${channel} from a wall window`);
    const parsed = args.safeParse(raw);
    if (!parsed.success) throw new Error(`refused: ${channel} with invalid arguments`);
    return fn(event, ...(parsed.data as z.infer<Args>));
  });
}

export function toDisplayInfo(): DisplayInfo[] {
  const primaryId = screen.getPrimaryDisplay().id;
  return screen.getAllDisplays().map((display, index) => ({
    id: display.id,
    label: display.label || `Display ${index + 1}`,
    bounds: { ...display.bounds },
    primary: display.id === primaryId,
  }));
}

function pdfFileName(now: Date): string {
  return `mission-control-${now.toISOString().slice(0, 19).replace(/[T:]/g, '-')}.pdf`;
}

/** What the Displays card reads and saves: settings.json's `walls`, and the running wall windows. */
export interface WallAssignmentOptions {
  /** settings.json. */
  readonly file: string;
  /** The wall windows; null before they start. */
  readonly walls: () => Walls | null;
  /** The ids of the workspace's walls, from the hub; null when it cannot say (not reachable). */
  readonly wallIds: () => Promise<readonly string[] | null>;
}

export interface IpcOptions {
  /** The hub in use (embedded or joined); null while none is known. */
  readonly hubConnection: () => HubConnection | null;
  /** What wall windows get instead: the hub with the walls' viewer token. */
  readonly wallConnection?: () => Promise<HubConnection | null>;
  /** Without it the wall-assignment channels answer that this app has none. */
  readonly wallAssignments?: WallAssignmentOptions;
  /** Without it the hub-settings channels answer that this app cannot change its hub. */
  readonly hubSettings?: HubChoiceOptions;
}

const pair = ({ wallId, displayId }: WallAssignment): WallAssignment => ({ wallId, displayId });
const pairKey = ({ wallId, displayId }: WallAssignment) => `${displayId}\u0000${wallId}`;

function wallAssignmentsState(options: WallAssignmentOptions, walls: Walls): WallAssignmentsState {
  return { assignments: walls.assignments().map(pair), displays: toDisplayInfo(), open: walls.openWalls().map(pair), file: options.file };
}

/** Why these assignments cannot be saved, or null. A display gets one wall; a wall must be one of the workspace's. */
function refusal(next: readonly WallAssignment[], saved: readonly WallAssignment[], known: readonly string[] | null): string | null {
  const byDisplay = new Map<number, string>();
  for (const { wallId, displayId } of next) {
    const other = byDisplay.get(displayId);
    if (other !== undefined) return `display ${displayId} is given two walls ("${other}" and "${wallId}"): one wall per display`;
    byDisplay.set(displayId, wallId);
  }
  if (known === null) return null;
  // An assignment saved before is kept as it is even if its wall has left the workspace since.
  const kept = new Set(saved.map(pairKey));
  const ids = new Set(known);
  const unknown = [...new Set(next.filter((a) => !ids.has(a.wallId) && !kept.has(pairKey(a))).map((a) => a.wallId))];
  if (unknown.length === 0) return null;
  const names = unknown.map((id) => `"${id}"`).join(', ');
  return `the workspace has no wall ${names} (its walls: ${known.join(', ') || 'none'}); nothing was saved`;
}

function registerWallAssignments(options: WallAssignmentOptions | undefined): void {
  const running = (): Walls => {
    if (!options) throw new Error('this app has no wall settings');
    const walls = options.walls();
    if (!walls) throw new Error('the wall windows are not started yet: try again in a moment');
    return walls;
  };
  handle(ipcChannels.wallAssignments, z.tuple([]), () => wallAssignmentsState(options!, running()), { walls: false });

  // One save at a time, in the order asked: the check against the hub is async.
  let queue: Promise<unknown> = Promise.resolve();
  const save = async (next: WallAssignment[]): Promise<WallAssignmentsSaveResult> => {
    const walls = running();
    const known = await options!.wallIds();
    const refused = refusal(next, walls.assignments(), known);
    if (refused !== null) return { ok: false, error: refused };
    const written = saveWallAssignments(options!.file, next);
    if (!written.ok) return written;
    walls.setAssignments(next);
    const note = known === null ? 'the hub could not be asked which walls the workspace has: saved without checking the wall names' : null;
    return { ok: true, state: wallAssignmentsState(options!, walls), note };
  };
  handle(
    ipcChannels.wallAssignmentsSet,
    z.tuple([z.array(wallAssignmentSchema).max(MAX_WALL_ASSIGNMENTS)]),
    (_event, next) => {
      const result = queue.then(() => save(next));
      queue = result.catch(() => undefined);
      return result;
    },
    { walls: false },
  );
}

/** Settings → Hub. Console only: a wall is a viewer. The token goes in, never back out. */
function registerHubSettings(options: HubChoiceOptions | undefined): void {
  const hubChoice = options ? createHubChoice(options) : null;
  const handler = () => {
    if (!hubChoice) throw new Error('this app cannot change its hub');
    return hubChoice;
  };
  handle(ipcChannels.hubSettings, z.tuple([]), () => handler().state(), { walls: false });
  const choice = z.discriminatedUnion('mode', [
    z.strictObject({
      mode: z.literal('remote'),
      url: z.string().max(MAX_HUB_URL_LENGTH),
      token: z.string().max(MAX_HUB_TOKEN_LENGTH),
      limitedOk: z.literal(true).optional(),
    }),
    z.strictObject({ mode: z.literal('embedded') }),
  ]);
  handle(ipcChannels.hubSettingsSet, z.tuple([choice]), (_event, next) => handler().choose(next), { walls: false });
}

export function registerIpcHandlers(options: IpcOptions): void {
  const watched = new WeakSet<WebContents>();
  handle(ipcChannels.hubConnection, z.tuple([]), (event) =>
    options.wallConnection && isWallWebContents(event.sender) ? options.wallConnection() : options.hubConnection(),
  );

  handle(ipcChannels.displays, z.tuple([]), () => toDisplayInfo());

  handle(ipcChannels.keepAwake, z.tuple([z.boolean()]), (event, on) => {
    const owner = `window:${event.sender.id}`;
    if (!on) return releaseAwake(owner);
    // A closed window must not keep the screen on forever.
    if (!watched.has(event.sender)) {
      watched.add(event.sender);
      event.sender.once('destroyed', () => releaseAwake(owner));
    }
    return holdAwake(owner);
  });

  handle(ipcChannels.notify, z.tuple([z.string().min(1).max(200), z.string().max(2000)]), (_event, title, body) => {
    if (Notification.isSupported()) new Notification({ title, body, silent: false }).show();
  });

  handle(ipcChannels.openExternal, z.tuple([z.string().max(2048)]), (_event, url) => openExternal(url));

  const embedSpec = z
    .object({
      panelId: z.string().min(1).max(64),
      url: z.url({ protocol: /^https?$/ }).max(2048),
      bounds: z.object({ x: z.number(), y: z.number(), width: z.number().min(0).max(20_000), height: z.number().min(0).max(20_000) }).strict(),
      visible: z.boolean(),
      reloadMs: z.number().int().min(10_000).nullable(),
      loadTimeoutMs: z.number().int().min(1000).max(300_000),
      allowScripts: z.boolean(),
      zoom: z.number().min(0.25).max(5),
    })
    .strict();
  handle(ipcChannels.embedShow, z.tuple([embedSpec]), (event, spec) => void embedHostFor(event.sender)?.show(spec));
  handle(ipcChannels.embedHide, z.tuple([z.string().min(1).max(64)]), (event, panelId) => void embedHostFor(event.sender)?.hide(panelId));

  registerWallAssignments(options.wallAssignments);
  registerHubSettings(options.hubSettings);

  handle(ipcChannels.printToPdf, z.tuple([]), async (event) => {
    const pdf = await event.sender.printToPDF({ printBackground: true, landscape: true });
    const win = BrowserWindow.fromWebContents(event.sender);
    const saveOptions = {
      title: 'Save as PDF',
      defaultPath: pdfFileName(new Date()),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    };
    const choice = win ? await dialog.showSaveDialog(win, saveOptions) : await dialog.showSaveDialog(saveOptions);
    if (choice.canceled || !choice.filePath) return null;
    await writeFile(choice.filePath, pdf);
    return choice.filePath;
  });
}
