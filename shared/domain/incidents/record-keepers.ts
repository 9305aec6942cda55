/**
 * Who writes an incident's cause and impact: the judgement the review counts and the postmortem
 * leads with. The commander (the incident's lead), the deputy and the scribe keep the record, as
 * they may correct anyone's entries, and admins always may; another responder proposes a cause
 * with a note or a follow-up. The rest of the record (title, service, priority, region, platform,
 * responsible property, times) stays open to everyone triaging.
 */
import type { RoleName } from '../../model/incident.ts';
import { samePerson, type TimelineView } from './timeline.ts';

export const RECORD_KEEPER_ROLES: readonly RoleName[] = ['commander', 'deputy', 'scribe'];
/** The record's fields only its keepers write. */
export const KEPT_FIELDS = ['rootCauseCategory', 'impact'] as const;
export type KeptField = (typeof KEPT_FIELDS)[number];

const words: Readonly<Record<KeptField, string>> = { rootCauseCategory: 'root cause category', impact: 'impact' };

/**
 * Whether `person` may write the cause and impact (an admin's token always may). While nobody
 * holds a keeper role (an incident nobody has taken yet), the record is open to every responder.
 */
export function keepsRecord(view: Pick<TimelineView, 'roles'>, person: string | null, admin: boolean): boolean {
  if (admin) return true;
  if (RECORD_KEEPER_ROLES.every((role) => view.roles[role].length === 0)) return true;
  return person !== null && RECORD_KEEPER_ROLES.some((role) => view.roles[role].some((holder) => samePerson(holder, person)));
}

/** Who keeps this incident's record, in words: "the commander (ann), the deputy or the scribe". */
export function recordKeepersWords(view: Pick<TimelineView, 'roles'>): string {
  const held = (role: RoleName) => (view.roles[role].length > 0 ? ` (${view.roles[role].join(', ')})` : '');
  return `the commander${held('commander')}, the deputy${held('deputy')} or the scribe${held('scribe')}`;
}

/** Why `author` may not write these fields of the record, or null when they may (or touch none of the kept ones). */
export function keptFieldsRefusal(view: Pick<TimelineView, 'roles'>, author: string, fields: Iterable<string>, admin: boolean): string | null {
  const kept = KEPT_FIELDS.filter((f) => [...fields].includes(f));
  if (kept.length === 0 || keepsRecord(view, author, admin)) return null;
  return `${author} may not set the ${kept.map((f) => words[f]).join(' or the ')}: ${recordKeepersWords(view)} records it, or an admin; propose yours with a note or a follow-up`;
}
