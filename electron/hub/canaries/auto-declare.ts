/**
 * Canaries declaring incidents by themselves (a check's `autoDeclare`): through the incident
 * service's own declare, as the canaries' bot, so the incident is like any other (timeline,
 * banner on the walls, postmortem).
 */
import { ulid } from 'ulid';
import type { IncidentService } from '../incidents/service.ts';
import type { AutoDeclareRequest } from './service.ts';

export const CANARY_ACTOR = { tokenId: null, tokenName: 'canaries' } as const;

export function canaryDeclarer(incidents: Pick<IncidentService, 'declare' | 'summary'>): (request: AutoDeclareRequest) => string {
  return (request) => {
    // A check failing on and off while its incident is still open is that incident, not a new
    // one each time it flaps; once the incident is resolved, the next failure is a new one.
    if (request.previousIncidentId !== null && incidents.summary(request.previousIncidentId)?.open === true) return request.previousIncidentId;
    const id = ulid();
    incidents.declare({ id, title: request.title, severity: request.severity, author: CANARY_ACTOR.tokenName, console: `canary:${request.canaryId}`.slice(0, 64) }, CANARY_ACTOR);
    return id;
  };
}
