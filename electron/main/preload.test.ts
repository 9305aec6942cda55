// The preload (electron/preload/index.ts) is tested here, beside the rest of the shell's tests.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { EMBED_STATE_EVENT, ipcChannels } from '../../shared/bridge.ts';
import type { DesktopBridge } from '../../shared/bridge.ts';
import { fake } from './testing/fake-electron.ts';

vi.mock('electron', async () => (await import('./testing/fake-electron.ts')).electronModule);

describe('preload bridge', () => {
  let bridge: DesktopBridge;

  beforeAll(async () => {
    fake.reset();
    await import('../preload/index.ts');
    bridge = fake.contextBridge.exposed.get('missionControl') as DesktopBridge;
  });

  it('exposes exactly one global, window.missionControl', () => {
    expect([...fake.contextBridge.exposed.keys()]).toEqual(['missionControl']);
  });

  it('exposes the DesktopBridge members and nothing else (no ipcRenderer, no events)', () => {
    expect(Object.keys(bridge).sort()).toEqual(
      ['displays', 'embeds', 'hubConnection', 'hubSettings', 'keepAwake', 'kind', 'notify', 'openExternal', 'printToPdf', 'wallAssignments'].sort(),
    );
    expect(bridge.kind).toBe('desktop');
    expect(Object.keys(bridge.embeds!).sort()).toEqual(['hide', 'onState', 'show']);
    expect(Object.keys(bridge.wallAssignments!).sort()).toEqual(['get', 'set']);
    expect(Object.keys(bridge.hubSettings!).sort()).toEqual(['get', 'set']);
  });

  it('relays embed states to the page without the IPC event, and stops on unsubscribe', () => {
    const got: unknown[] = [];
    const off = bridge.embeds!.onState((state) => got.push(state));
    const state = { panelId: 'grafana', state: 'loaded', error: null, loadedAt: 1 };
    fake.ipcRenderer.emit(EMBED_STATE_EVENT, state);
    off();
    fake.ipcRenderer.emit(EMBED_STATE_EVENT, state);
    expect(got).toEqual([state]);
  });

  it('turns each call into one invoke on its channel, passing only the arguments', async () => {
    fake.ipcRenderer.invocations = [];
    await bridge.hubConnection();
    await bridge.displays();
    await bridge.keepAwake(true);
    await bridge.notify('SEV1', 'Playback errors');
    await bridge.openExternal('https://example.com/');
    await bridge.printToPdf();
    await bridge.wallAssignments!.get();
    await bridge.wallAssignments!.set([{ wallId: 'main', displayId: 2 }]);
    await bridge.hubSettings!.get();
    await bridge.hubSettings!.set({ mode: 'remote', url: 'https://hub.example.com', token: 'mc_x' });
    expect(fake.ipcRenderer.invocations).toEqual([
      { channel: ipcChannels.hubConnection, args: [] },
      { channel: ipcChannels.displays, args: [] },
      { channel: ipcChannels.keepAwake, args: [true] },
      { channel: ipcChannels.notify, args: ['SEV1', 'Playback errors'] },
      { channel: ipcChannels.openExternal, args: ['https://example.com/'] },
      { channel: ipcChannels.printToPdf, args: [] },
      { channel: ipcChannels.wallAssignments, args: [] },
      { channel: ipcChannels.wallAssignmentsSet, args: [[{ wallId: 'main', displayId: 2 }]] },
      { channel: ipcChannels.hubSettings, args: [] },
      { channel: ipcChannels.hubSettingsSet, args: [{ mode: 'remote', url: 'https://hub.example.com', token: 'mc_x' }] },
    ]);
  });
});
