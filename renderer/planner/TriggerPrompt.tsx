/**
 * A running plan's risk triggers that fired (the hub watches them against the live frames): each
 * with its contingency plan and one action to declare it as an incident.
 */
import { useState } from 'react';
import { navigate } from '../app/router.ts';
import { useIncidents } from '../incidents/context.tsx';
import { useLivePlans } from '../state/live-plans.ts';
import { useApp } from '../state/react.tsx';
import { usePerson, usePlansApi } from './usePlans.ts';
import { ContingencyPeople } from './ContingencyPeople.tsx';
import { StateChip } from './StateChip.tsx';
import { triggerWords } from './words.ts';

export function TriggerPrompt({ planId }: { planId?: string }) {
  const plans = useLivePlans((s) => s.plans);
  const incidents = useIncidents();
  const api = usePlansApi();
  const [error, setError] = useState<string | null>(null);
  const identity = useApp((s) => s.identity.person);
  const [plannerPerson] = usePerson();
  const fired = plans
    .filter((p) => planId === undefined || p.id === planId)
    .flatMap((live) => live.triggers.filter((t) => t.state === 'fired').map((trigger) => ({ live, trigger })));
  if (fired.length === 0) return null;
  const declare = async (planIdOfTrigger: string, riskId: string, firedAt: number | null, title: string) => {
    // Whoever acts in the planner is who declares, unless the console knows them already.
    if (!identity && plannerPerson.trim()) incidents.setPerson(plannerPerson.trim());
    try {
      const id = await incidents.declare({ title: title.slice(0, 200), severity: 2 });
      // The declaration is queued (the outbox delivers it): its console opens at once, and the
      // link that lists the incident with the risk in the report goes behind it (a busy hub must
      // not hold the person who declared on the planner).
      navigate({ name: 'incident', incidentId: id });
      // The firing the person saw, not one that began meanwhile.
      void api.linkIncident(planIdOfTrigger, riskId, id, firedAt).catch(() => {});
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <section className="plan-section" role="alert" data-testid="trigger-prompt">
      <h2>Risk trigger fired</h2>
      <ul>
        {fired.map(({ live, trigger }) => (
          <li key={`${live.id}:${trigger.riskId}`} data-testid={`trigger-prompt-${trigger.riskId}`}>
            <StateChip state={triggerWords.fired} /> <strong>{trigger.title}</strong> ({live.plan.event.name}): {trigger.description}
            {trigger.value !== null ? `, now ${trigger.value.toLocaleString('en')}` : ''}
            <div>Contingency: {trigger.contingency}</div>
            <ContingencyPeople plan={live.plan} riskId={trigger.riskId} />
            {trigger.incidentId ? (
              <div>
                Declared: <a href={`#/incidents/${encodeURIComponent(trigger.incidentId)}`}>open the incident</a>
              </div>
            ) : (
              <button type="button" onClick={() => void declare(live.id, trigger.riskId, trigger.firedAt, `${trigger.title} (${live.plan.event.name})`)} data-testid={`trigger-declare-${trigger.riskId}`}>
                Declare an incident
              </button>
            )}
          </li>
        ))}
      </ul>
      {error && <p className="form-error">{error}</p>}
    </section>
  );
}
