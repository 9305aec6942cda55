/**
 * The id of the wall a panel is drawn on (WallRoute provides it), for what depends on the wall,
 * such as the key moments of the plans that run on it. Null outside a wall (a snapshot in an
 * incident record).
 */
import { createContext, useContext } from 'react';

export const WallIdContext = createContext<string | null>(null);

export function useWallId(): string | null {
  return useContext(WallIdContext);
}
