/**
 * The desktop bridge, exposed to the UI as `window.missionControl` (bundled to CommonJS: sandboxed
 * preloads cannot load ES modules). Each member is one named invoke on one channel; the raw
 * ipcRenderer and its events never reach the page. The main process checks who calls and with what.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { EMBED_STATE_EVENT, ipcChannels } from '../../shared/bridge.ts';
import type { DesktopBridge, EmbedViewState } from '../../shared/bridge.ts';

const bridge: DesktopBridge = {
  kind: 'desktop',
  hubConnection: () => ipcRenderer.invoke(ipcChannels.hubConnection),
  displays: () => ipcRenderer.invoke(ipcChannels.displays),
  keepAwake: (on) => ipcRenderer.invoke(ipcChannels.keepAwake, on),
  notify: (title, body) => ipcRenderer.invoke(ipcChannels.notify, title, body),
  openExternal: (url) => ipcRenderer.invoke(ipcChannels.openExternal, url),
  printToPdf: () => ipcRenderer.invoke(ipcChannels.printToPdf),
  embeds: {
    show: (spec) => ipcRenderer.invoke(ipcChannels.embedShow, spec),
    hide: (panelId) => ipcRenderer.invoke(ipcChannels.embedHide, panelId),
    // Only the state object reaches the page, never the IPC event (or ipcRenderer through it).
    onState: (listener) => {
      const relay = (_event: unknown, state: EmbedViewState) => listener(state);
      ipcRenderer.on(EMBED_STATE_EVENT, relay);
      return () => void ipcRenderer.removeListener(EMBED_STATE_EVENT, relay);
    },
  },
  wallAssignments: {
    get: () => ipcRenderer.invoke(ipcChannels.wallAssignments),
    set: (assignments) => ipcRenderer.invoke(ipcChannels.wallAssignmentsSet, assignments),
  },
  hubSettings: {
    get: () => ipcRenderer.invoke(ipcChannels.hubSettings),
    set: (choice) => ipcRenderer.invoke(ipcChannels.hubSettingsSet, choice),
  },
};

contextBridge.exposeInMainWorld('missionControl', bridge);
