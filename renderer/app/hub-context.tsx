import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import type { HubClient } from '../transport/hub.ts';

const HubContext = createContext<HubClient | null>(null);

export function HubProvider({ hub, children }: { hub: HubClient; children: ReactNode }) {
  return <HubContext value={hub}>{children}</HubContext>;
}

export function useHub(): HubClient {
  const hub = useContext(HubContext);
  if (!hub) throw new Error('useHub outside <HubProvider>');
  return hub;
}
