/**
 * Editing a follow-up in the console: the card's fields (owner, due date, type, priority, ticket)
 * read into the todo entry's data, the superseding version that carries them, and what a
 * follow-up still needs before the incident may close — counting the edits this console has
 * queued but not yet sent, since they go to the hub before a close logged after them.
 */
import { dueDateText, readDue } from '../../shared/domain/incidents/follow-up-due.ts';
import { reviseEntry, type FollowUpView, type TimelineView, type VisibleEntryOf } from '../../shared/domain/incidents/timeline.ts';
import { followUpDataSchema, type FollowUpData, type FollowUpType, type NewTimelineEntry, type Priority } from '../../shared/model/incident.ts';
import { HANDLE } from '../transport/incidents.ts';
import type { OutboxItem } from '../transport/outbox.ts';

/** What the card's editor holds, as typed. */
export interface FollowUpFields {
  owner: string;
  /** "7d", "2w" or "2026-12-20". */
  due: string;
  type: FollowUpType | '';
  priority: Priority | '';
  ticketUrl: string;
}
export type FollowUpField = keyof FollowUpFields;

/** The part of a follow-up's data the editor sets; the rest (its closing) stays as it is. */
export type EditedData = Omit<FollowUpData, 'closedAt'>;
const EDITED = ['owner', 'dueAt', 'type', 'priority', 'ticketUrl'] as const satisfies readonly (keyof EditedData)[];

/** The fields as the editor opens on a follow-up (a due date as its day in the room). */
export const fieldsOf = (f: Pick<FollowUpView, keyof EditedData>, timeZone: string): FollowUpFields => ({
  owner: f.owner ?? '',
  due: f.dueAt !== undefined ? dueDateText(f.dueAt, timeZone) : '',
  type: f.type ?? '',
  priority: f.priority ?? '',
  ticketUrl: f.ticketUrl ?? '',
});

export type FieldsReading = { ok: true; data: EditedData } | { ok: false; errors: Partial<Record<FollowUpField, string>> };

/**
 * The data the fields say. A due date left as the editor showed it keeps the instant it had (the
 * day is shown, the time is kept); a new one is read as on the scribe line (7d, 2w, a date).
 */
export function readFields(fields: FollowUpFields, was: Pick<FollowUpView, 'dueAt'>, opened: FollowUpFields, now: number, timeZone: string): FieldsReading {
  const errors: Partial<Record<FollowUpField, string>> = {};
  const data: EditedData = {};

  const owner = fields.owner.trim().replace(/^@/, '');
  if (owner !== '') {
    if (HANDLE.test(owner)) data.owner = owner;
    else errors.owner = `"${fields.owner.trim()}" is not a handle: one word others can @mention (letters first, then letters, digits, ".", "_" or "-")`;
  }

  const due = fields.due.trim();
  if (due !== '' && due === opened.due.trim() && was.dueAt !== undefined) data.dueAt = was.dueAt;
  else if (due !== '') {
    const reading = readDue(due, now, timeZone);
    if (reading === null) errors.due = `"${due}" is not a due date: write 7d, 2w or a date (2026-12-20)`;
    else if ('error' in reading) errors.due = reading.error;
    else data.dueAt = reading.dueAt;
  }

  if (fields.type !== '') data.type = fields.type;
  if (fields.priority !== '') data.priority = fields.priority;

  const ticketUrl = fields.ticketUrl.trim();
  if (ticketUrl !== '') {
    if (followUpDataSchema.shape.ticketUrl.safeParse(ticketUrl).success) data.ticketUrl = ticketUrl;
    else errors.ticketUrl = `"${ticketUrl}" is not a link: a ticket's address starts with https:// (or http://)`;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, data };
}

/** Whether the edited data differs from what the follow-up has. */
export const changesSomething = (previous: Pick<FollowUpView, keyof EditedData>, data: EditedData): boolean => EDITED.some((key) => previous[key] !== data[key]);

/**
 * The new version of the todo entry with these fields; its text, time and closing stay. `base` is
 * the data it builds on: the stored version's, or the change this console still holds for it
 * (a later version replaces an earlier one whole, so it must carry that change too).
 */
export function followUpEdit(previous: VisibleEntryOf<'todo'>, data: EditedData, meta: { id: string; author: string; console: string }, base: FollowUpData = previous.data): NewTimelineEntry {
  const kept = Object.fromEntries(Object.entries(base).filter(([key]) => !(EDITED as readonly string[]).includes(key)));
  return reviseEntry(previous, { data: { ...kept, ...data } }, meta);
}

/** What a follow-up still needs before the incident may close, in words: ["owner", "due date"]; empty when nothing. */
export function stillNeeds(f: Pick<FollowUpView, 'owner' | 'dueAt' | 'closedAt'>): string[] {
  if (f.closedAt !== null) return [];
  return [...(f.owner === undefined ? ['owner'] : []), ...(f.dueAt === undefined ? ['due date'] : [])];
}

/** A follow-up as this console will have it once its queue is sent. */
export interface FollowUpShown extends FollowUpView {
  /** This console holds a change to it that the hub has not stored yet. */
  queued: boolean;
  /** Its data as the latest version says: the change held here, else the stored one. */
  data: FollowUpData;
}

/**
 * The incident's follow-ups with this console's unsent edits applied to what they need (their
 * state, open or closed, stays the hub's until the change is stored).
 */
export function withQueuedEdits(view: TimelineView, outbox: readonly OutboxItem[]): FollowUpShown[] {
  const stored = new Map(view.entries.filter((e) => e.kind === 'todo').map((e) => [e.rootId, e.data as FollowUpData]));
  const latest = new Map<string, Extract<OutboxItem, { type: 'command' }>['payload']>();
  for (const item of outbox) {
    if (item.type !== 'command' || item.refused || item.payload.kind !== 'todo' || item.payload.supersedes === undefined) continue;
    if (view.rootOf[item.id] !== undefined) continue; // stored already; the ack is on its way
    latest.set(view.rootOf[item.payload.supersedes] ?? item.payload.supersedes, item.payload);
  }
  return view.followUps.map((f) => {
    const command = latest.get(f.id);
    if (command?.kind !== 'todo') return { ...f, queued: false, data: stored.get(f.id) ?? {} };
    const data = (command.data ?? {}) as FollowUpData;
    const fields = Object.fromEntries(EDITED.map((key) => [key, data[key]]));
    const closedAt = data.closedAt ?? null;
    const needs = stillNeeds({ owner: data.owner, dueAt: data.dueAt, closedAt });
    return { ...f, ...fields, pending: needs.length > 0, missing: (['owner', 'dueAt', 'type'] as const).filter((key) => data[key] === undefined), queued: true, data };
  });
}

/** The follow-ups that keep the incident from closing: open, and without an owner or a due date. */
export const closingBlockers = <F extends FollowUpView>(followUps: readonly F[]): F[] => followUps.filter((f) => f.pending);

/** This console's close of the incident that the hub refused (a follow-up it did not know of may have come in), until dismissed. */
export const refusedClose = (outbox: readonly OutboxItem[]): Extract<OutboxItem, { type: 'command' }> | undefined =>
  outbox.find((i): i is Extract<OutboxItem, { type: 'command' }> => i.type === 'command' && i.refused !== undefined && i.payload.kind === 'status' && i.payload.data.status === 'closed');

/** Everyone the incident names — role holders, task and follow-up owners, authors — to offer as an owner. */
export function peopleIn(view: TimelineView): string[] {
  const seen = new Map<string, string>();
  const add = (name: string | undefined) => {
    if (name && !seen.has(name.toLowerCase())) seen.set(name.toLowerCase(), name);
  };
  for (const holders of Object.values(view.roles)) holders.forEach(add);
  view.tasks.forEach((t) => add(t.owner));
  view.followUps.forEach((f) => add(f.owner));
  view.entries.forEach((e) => add(e.author));
  return [...seen.values()].sort((a, b) => a.localeCompare(b));
}
