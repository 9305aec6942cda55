/**
 * Whether panels offer "Inspect", and which panel is inspected. Only a wall seen by a person at
 * a keyboard provides it (renderer/wall/WallRoute.tsx, inspectorOffered); elsewhere it is null and
 * no panel shows the action.
 */
import { createContext, useContext } from 'react';

export interface InspectorControl {
  /** Open the inspector on a panel (a data panel of the wall shown). */
  open(panelId: string): void;
  /** The panel inspected now, or null. */
  readonly current: string | null;
}

export const InspectorContext = createContext<InspectorControl | null>(null);

export function useInspector(): InspectorControl | null {
  return useContext(InspectorContext);
}
