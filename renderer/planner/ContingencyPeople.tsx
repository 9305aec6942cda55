import type { MouseEvent } from 'react';
import type { Plan } from '../../shared/model/plan.ts';
import { platform } from '../platform/index.ts';
import { firedTriggerPeople } from '../../shared/domain/planning/fired-trigger.ts';

function openOutside(event: MouseEvent<HTMLAnchorElement>, href: string): void {
  // The system browser (desktop) or a new tab without opener; never the console itself.
  event.preventDefault();
  void platform().openExternal(href);
}

/** Under a fired trigger in the console: who decides, who to tell, and the runbook to open. */
export function ContingencyPeople({ plan, riskId }: { plan: Plan; riskId: string }) {
  const { decides, notify, runbook } = firedTriggerPeople(plan, riskId);
  if (!decides && !notify && !runbook) return null;
  return (
    <div className="contingency-people" data-testid={`trigger-people-${riskId}`}>
      {decides && <strong>{decides}</strong>}
      {decides && notify && ' · '}
      {notify}
      {runbook && (
        <>
          {(decides || notify) && ' · '}
          <a href={runbook} target="_blank" rel="noopener noreferrer" referrerPolicy="no-referrer" onClick={(e) => openOutside(e, runbook)} data-testid={`trigger-runbook-${riskId}`}>
            open the runbook ↗
          </a>
        </>
      )}
    </div>
  );
}
