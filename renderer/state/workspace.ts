import type { StateCreator } from 'zustand/vanilla';
import type { WorkspaceState } from '../../shared/protocol/events.ts';
import type { AppState } from './store.ts';

export interface WorkspaceSlice {
  /** The workspace in force (the last valid one) and why the file on disk was refused, if it was. */
  readonly workspace: WorkspaceState;
  workspaceChanged(state: WorkspaceState): void;
}

export const emptyWorkspace: WorkspaceState = { workspace: null, issues: null, loadedAt: null };

export const createWorkspaceSlice: StateCreator<AppState, [], [], WorkspaceSlice> = (set) => ({
  workspace: emptyWorkspace,
  workspaceChanged: (workspace) =>
    set((state) =>
      // An invalid reload may carry no workspace at all: keep the last valid one on screen.
      workspace.workspace === null && state.workspace.workspace !== null
        ? { workspace: { ...workspace, workspace: state.workspace.workspace, loadedAt: state.workspace.loadedAt } }
        : { workspace },
    ),
});
