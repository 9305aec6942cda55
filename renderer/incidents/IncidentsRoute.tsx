/**
 * #/incidents: who I am, what this console still holds, role offers waiting for me, the andon
 * cord and the open incidents. #/incidents/<id>: one incident, run from the keyboard.
 */
import './incidents.css';
import { AndonPrompts } from '../canaries/AndonPrompt.tsx';
import { AndonCord } from './AndonCord.tsx';
import { IdentityBar } from './IdentityBar.tsx';
import { IncidentList } from './IncidentList.tsx';
import { IncidentView } from './IncidentView.tsx';
import { MyOffers } from './Handoffs.tsx';
import { OutboxStatus } from './OutboxStatus.tsx';

export function IncidentsRoute({ incidentId }: { incidentId: string | null }) {
  if (incidentId !== null) return <IncidentView key={incidentId} incidentId={incidentId} />;
  return (
    <main className="page incidents-page" data-testid="incidents">
      <div className="incidents-top">
        <h1>Incidents</h1>
        <IdentityBar />
      </div>
      <OutboxStatus />
      <MyOffers incidentId={null} />
      <AndonPrompts />
      <AndonCord />
      <IncidentList />
    </main>
  );
}
