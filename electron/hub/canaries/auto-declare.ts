/**
 * Incidents for canaries' failures, declared by a check itself (`autoDeclare`, as the canaries'
 * bot) or by a person from its andon prompt: both through `declareForCanary`, so the incident
 * starts with what the canary knew (the affected service, impact started = failing since,
 * detected = confirmed, the failed check in the timeline), and the check's later failures and
 * recovery are written to it while it is open.
 */
import { ulid } from 'ulid';
import type { NewTimelineEntry } from '../../../shared/model/incident.ts';
import { canaryConsole, type CanaryBoardEntry } from '../../../shared/protocol/canaries.ts';
import type { DeclareReply } from '../../../shared/protocol/incidents.ts';
import type { Actor, DeclareRequest, IncidentService } from '../incidents/service.ts';
import type { AutoDeclareRequest, CanaryFailure, CanaryService } from './service.ts';

export const CANARY_ACTOR = { tokenId: null, tokenName: 'canaries' } as const;

type Incidents = Pick<IncidentService, 'declare' | 'summary' | 'command'>;

/** The entries an incident for `failure` starts with, beside the declaration. */
function failureEntries(incidentId: string, failure: CanaryFailure): NewTimelineEntry[] {
  const base = { incidentId, author: CANARY_ACTOR.tokenName, console: canaryConsole(failure.canaryId), pinned: true };
  const entries: NewTimelineEntry[] = [];
  if (failure.failingSince !== null) entries.push({ ...base, id: ulid(), kind: 'marker', text: '', occurredAt: failure.failingSince, data: { marker: 'impact_started' } });
  if (failure.confirmedAt !== null) {
    entries.push({ ...base, id: ulid(), kind: 'marker', text: '', occurredAt: failure.confirmedAt, data: { marker: 'detected' } });
  }
  const at = failure.confirmedAt ?? failure.failingSince;
  if (at !== null) entries.push({ ...base, id: ulid(), kind: 'note', text: `Canary ${failure.name} (${failure.canaryId}) ${failure.message}`.slice(0, 10_000), occurredAt: at, data: {} });
  return entries;
}

/** Declare `req` for a canary's failure (null: nothing known, a plain declaration). */
export function declareForCanary(incidents: Incidents, req: DeclareRequest, failure: CanaryFailure | null, actor: Actor, also: readonly NewTimelineEntry[] = []): DeclareReply {
  if (failure === null) return incidents.declare(req, actor, also);
  const service = req.service ?? failure.service ?? undefined;
  return incidents.declare({ ...req, ...(service !== undefined ? { service } : {}) }, actor, [...failureEntries(req.id, failure), ...also]);
}

/**
 * A console's declaration: one from a canary's prompt (`req.canary`) records the failure and
 * attaches the canary to the incident (which withdraws the prompt everywhere).
 */
export function declareIncident(
  incidents: Incidents,
  canaries: Pick<CanaryService, 'currentFailure' | 'attachIncident' | 'incidentOfFailure'>,
  req: DeclareRequest,
  actor: Actor,
): DeclareReply {
  const { canary, ...declaration } = req;
  if (canary === undefined) return incidents.declare(declaration, actor);
  const failure = canaries.currentFailure(canary);
  // Two consoles pressed Declare on the same prompt: the second is kept (nothing sent is
  // dropped) but says whose incident the failure already is, so a lead can close it as a duplicate.
  const earlier = canaries.incidentOfFailure(canary);
  if (earlier !== null && earlier !== req.id && failure !== null) {
    const title = incidents.summary(earlier)?.title ?? earlier;
    const text = `Possible duplicate: this failure of ${failure.name} is already incident "${title}" (${earlier}), declared first`;
    const note = { id: ulid(), incidentId: req.id, kind: 'note', text: text.slice(0, 10_000), occurredAt: req.occurredAt ?? Date.now(), author: CANARY_ACTOR.tokenName, console: canaryConsole(canary), pinned: true, data: {} } as const;
    return declareForCanary(incidents, declaration, failure, actor, [note]);
  }
  const reply = declareForCanary(incidents, declaration, failure, actor);
  if (failure !== null) canaries.attachIncident(canary, req.id, req.author, `incident declared: ${req.title}`.slice(0, 500), actor.tokenId);
  return reply;
}

/**
 * A person adds a canary's failure to an open incident (`canary:link`): its prompt is withdrawn,
 * and the incident's timeline names the failed check, as a declaration for it would.
 */
export function linkCanary(
  incidents: Incidents,
  canaries: Pick<CanaryService, 'currentFailure' | 'attachIncident'>,
  req: { id: string; incidentId: string; note?: string | undefined },
  by: string,
  tokenId: string | null,
): CanaryBoardEntry {
  const failure = canaries.currentFailure(req.id);
  const entry = canaries.attachIncident(req.id, req.incidentId, by, req.note, tokenId);
  if (failure !== null) {
    const at = failure.confirmedAt ?? failure.failingSince ?? Date.now();
    // The link is made: a note that cannot be written must not report it as failed (a retry
    // would write the note twice).
    try {
      noteFor(incidents, req.incidentId, failure.canaryId, `Canary ${failure.name} (${failure.canaryId}) ${failure.message}, added by ${by}`, at);
    } catch (error) {
      console.error(`[hub] canary ${failure.name}: linked to incident ${req.incidentId}, but its note was not written: ${(error as Error).message}`);
    }
  }
  return entry;
}

function noteFor(incidents: Incidents, incidentId: string, canaryId: string, text: string, at: number): void {
  incidents.command({ id: ulid(), incidentId, kind: 'note', text: text.slice(0, 10_000), occurredAt: at, author: CANARY_ACTOR.tokenName, console: canaryConsole(canaryId), data: {} }, CANARY_ACTOR);
}

/** The hub's side of a canary: declaring for `autoDeclare`, and writing to the incident a failure belongs to. */
export function canaryIncidents(incidents: Incidents) {
  return {
    declare: (request: AutoDeclareRequest): string => {
      const { title, severity, ...failure } = request;
      const id = ulid();
      declareForCanary(incidents, { id, title, severity, author: CANARY_ACTOR.tokenName, console: canaryConsole(request.canaryId) }, failure, CANARY_ACTOR);
      return id;
    },
    incidentOpen: (incidentId: string): boolean => incidents.summary(incidentId)?.open === true,
    incidentNote: (incidentId: string, note: { canaryId: string; text: string; at: number }): void => noteFor(incidents, incidentId, note.canaryId, note.text, note.at),
  };
}
