/**
 * The rules the hub enforces before it stores a command, beyond what the projection itself
 * refuses: who may change someone else's entry, who may answer a handoff, and when an incident
 * may close. Each returns the refusal in words, or null.
 */
import type { RoleName, TimelineEntry } from '../../../shared/model/incident.ts';
import { samePerson, type Problem, type TimelineView } from '../../../shared/domain/incidents/timeline.ts';
import { changedFields, dueMovedOn, TASK_PROGRESS } from '../../../shared/domain/incidents/task-progress.ts';

export { changedFields };

/** The roles that keep the record straight may correct anyone's entries (Dispatch#5092: a scribe that cannot fix a line is no scribe). */
export const EDITOR_ROLES: readonly RoleName[] = ['commander', 'deputy', 'scribe'];

const holdsAny = (view: TimelineView, person: string, roles: readonly RoleName[]): boolean =>
  roles.some((role) => view.roles[role].some((holder) => samePerson(holder, person)));

/**
 * May `revision.author` write this new version of `previous`? Its author may; so may the
 * commander, deputy and scribe. Anyone may pin or unpin a moment, a task's owner may
 * acknowledge it, take more time, finish it or mark it toil (its progress: task-progress.ts), and a follow-up's owner may close or reopen it:
 * none of these rewrites what someone else said.
 */
export function revisionRefusal(view: TimelineView, previous: TimelineEntry, revision: TimelineEntry): string | null {
  const root = view.history[view.rootOf[previous.id] ?? previous.id]?.[0] ?? previous;
  const who = revision.author;
  if (samePerson(who, root.author) || holdsAny(view, who, EDITOR_ROLES)) return null;
  const changed = changedFields(previous, revision);
  if ([...changed].every((field) => field === 'pinned')) return null;
  // Its owner moves it on, never back: the time box only later (dueMovedOn), as the commander set it otherwise.
  if (previous.kind === 'task' && samePerson(who, previous.data.owner) && [...changed].every((f) => f === 'pinned' || TASK_PROGRESS.has(f)) && dueMovedOn(previous, revision)) return null;
  // A follow-up's owner closes (or reopens) it: the rest of it stays as its author wrote it.
  if (previous.kind === 'todo' && previous.data.owner !== undefined && samePerson(who, previous.data.owner) && [...changed].every((f) => f === 'pinned' || f === 'data.closedAt')) return null;
  const what = changed.has('deleted') && revision.deleted ? 'delete' : 'change';
  return `${who} may not ${what} ${root.author}'s entry: only its author, the commander, the deputy or the scribe can (anyone may pin it)`;
}

/** Accept and decline are the receiver's; withdrawing is the giver's. */
export function handoffAnswerRefusal(view: TimelineView, entry: TimelineEntry): string | null {
  if (entry.kind !== 'handoff' || entry.data.step === 'offer') return null;
  const { step, offerId } = entry.data;
  const offer = view.handoffs.find((h) => h.offerId === (view.rootOf[offerId] ?? offerId));
  if (!offer) return null; // the projection says "no such handoff offer"
  if (step === 'cancel') {
    return samePerson(entry.author, offer.from) ? null : `only ${offer.from} can withdraw the ${offer.role} offer to ${offer.to}; this is from ${entry.author}`;
  }
  return samePerson(entry.author, offer.to) ? null : `only ${offer.to} can ${step} the ${offer.role} handoff; this ${step} is from ${entry.author}`;
}

/** No incident closes with a follow-up nobody owns or dates: that is how the same outage happens twice. */
export function closingRefusal(view: TimelineView, entry: TimelineEntry): string | null {
  if (entry.kind !== 'status' || entry.data.status !== 'closed') return null;
  const pending = view.followUps.filter((f) => f.pending);
  if (pending.length === 0) return null;
  const list = pending.map((f) => `"${f.text.slice(0, 80)}"`).join(', ');
  return `the incident cannot be closed while ${pending.length === 1 ? 'a follow-up has' : `${pending.length} follow-ups have`} no owner and due date: ${list}`;
}

/** Problems keyed by the entry's chain (stable across edits) and message. */
export const problemKeys = (view: TimelineView): Set<string> => new Set(view.problems.map((p) => `${view.rootOf[p.entryId] ?? p.entryId}\n${p.message}`));

/** What a trial projection finds wrong that the log did not have before. */
export function newProblems(before: ReadonlySet<string>, trial: TimelineView): Problem[] {
  return trial.problems.filter((p) => !before.has(`${trial.rootOf[p.entryId] ?? p.entryId}\n${p.message}`));
}
