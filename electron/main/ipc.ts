/**
 * The main-process side of the bridge (shared/bridge.ts). Every handler first checks who is
 * asking — the top frame of one of our windows, showing our own origin — then checks the
 * arguments; anything else is refused before any work is done. The only ipcMain.handle calls.
 */
import { BrowserWindow, dialog, ipcMain, Notification, screen } from 'electron';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { ipcChannels } from '../../shared/bridge.ts';
import type { DisplayInfo, HubConnection } from '../../shared/bridge.ts';
import { isAppUrl } from './app-origin.ts';
import { holdAwake, releaseAwake } from './keep-awake.ts';
import { openExternal } from './security.ts';
import { embedHostFor } from './embeds.ts';
import { isWallWebContents } from './walls.ts';
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
): void {
  ipcMain.handle(channel, async (event, ...raw: unknown[]) => {
    if (!isTrustedSender(event)) throw new Error(`refused: ${channel} from an untrusted sender`);
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

export interface IpcOptions {
  /** The hub in use (embedded or joined); null while none is known. */
  readonly hubConnection: () => HubConnection | null;
  /** What wall windows get instead: the hub with the walls' viewer token. */
  readonly wallConnection?: () => Promise<HubConnection | null>;
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
