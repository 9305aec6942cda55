/**
 * The desktop bridge, exposed to the UI as `window.missionControl` (bundled to CommonJS: sandboxed
 * preloads cannot load ES modules). Each member is one named invoke on one channel; the raw
 * ipcRenderer and its events never reach the page. The main process checks who calls and with what.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { ipcChannels } from '../../shared/bridge.ts';
import type { DesktopBridge } from '../../shared/bridge.ts';

const bridge: DesktopBridge = {
  kind: 'desktop',
  hubConnection: () => ipcRenderer.invoke(ipcChannels.hubConnection),
  displays: () => ipcRenderer.invoke(ipcChannels.displays),
  keepAwake: (on) => ipcRenderer.invoke(ipcChannels.keepAwake, on),
  notify: (title, body) => ipcRenderer.invoke(ipcChannels.notify, title, body),
  openExternal: (url) => ipcRenderer.invoke(ipcChannels.openExternal, url),
  printToPdf: () => ipcRenderer.invoke(ipcChannels.printToPdf),
};

contextBridge.exposeInMainWorld('missionControl', bridge);
