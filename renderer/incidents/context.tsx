import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import type { IncidentTransport } from '../transport/incidents.ts';

const IncidentsContext = createContext<IncidentTransport | null>(null);

export function IncidentsProvider({ incidents, children }: { incidents: IncidentTransport; children: ReactNode }) {
  return <IncidentsContext value={incidents}>{children}</IncidentsContext>;
}

/** The incident commands (declare, log, revise…) and the postmortem download. */
export function useIncidents(): IncidentTransport {
  const incidents = useContext(IncidentsContext);
  if (!incidents) throw new Error('useIncidents outside <IncidentsProvider>');
  return incidents;
}
