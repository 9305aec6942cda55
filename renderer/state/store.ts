/**
 * One store of slices (zustand vanilla): the transport writes into it from outside React, the
 * screens read it with narrow selectors, and live charts subscribe to it without re-rendering.
 */
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import { createConnectionSlice } from './connection.ts';
import type { ConnectionSlice } from './connection.ts';
import { createFramesSlice } from './frames.ts';
import type { FramesSlice } from './frames.ts';
import { createCanariesSlice } from './canaries.ts';
import type { CanariesSlice } from './canaries.ts';
import { createIncidentsSlice } from './incidents.ts';
import type { IncidentsSlice } from './incidents.ts';
import { createWorkspaceSlice } from './workspace.ts';
import type { WorkspaceSlice } from './workspace.ts';
import { createWallHoldsSlice } from './wall-holds.ts';
import type { WallHoldsSlice } from './wall-holds.ts';

export type AppState = ConnectionSlice & WorkspaceSlice & FramesSlice & IncidentsSlice & CanariesSlice & WallHoldsSlice;
export type AppStore = StoreApi<AppState>;

export function createAppStore(): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createConnectionSlice(...a),
    ...createWorkspaceSlice(...a),
    ...createFramesSlice(...a),
    ...createIncidentsSlice(...a),
    ...createCanariesSlice(...a),
    ...createWallHoldsSlice(...a),
  }));
}
