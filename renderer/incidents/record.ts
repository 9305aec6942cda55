/**
 * The incident's record (its bookkeeping) as the console shows and edits it: the current value of
 * each field and who set it, from the same fold of the `bookkeeping` entries as the hub's
 * (shared/domain/incidents/bookkeeping.ts), with this console's unsent ones on top; and the
 * one bookkeeping entry a save sends — only the fields that changed, a blank one cleared.
 */
import { bookkeepingSettings } from '../../shared/domain/incidents/bookkeeping.ts';
import { knownCauses, spellingKey } from '../../shared/domain/review/incident-trends.ts';
import type { TimelineView } from '../../shared/domain/incidents/timeline.ts';
import { bookkeepingDataSchema, priorities } from '../../shared/model/incident.ts';
import type { EntryDataInput, Priority } from '../../shared/model/incident.ts';
import type { TeamConfig } from '../../shared/model/review.ts';
import type { OutboxItem } from '../transport/outbox.ts';

/** The fields the Record card edits, in its order (start/end are the markers' business). */
export const recordFields = ['title', 'service', 'priority', 'region', 'platform', 'rootCauseCategory', 'responsibleProperty', 'impact'] as const;
export type RecordField = (typeof recordFields)[number];

export const recordFieldLabels: Readonly<Record<RecordField, string>> = {
  title: 'Title',
  service: 'Affected service',
  priority: 'Priority',
  region: 'Region',
  platform: 'Platform',
  rootCauseCategory: 'Root cause category',
  impact: 'Impact',
  responsibleProperty: 'Responsible property',
};

/** Offered for the root-cause category when the workspace names none (free text is fine). */
export const rootCauseSuggestions = ['change', 'config', 'capacity', 'dependency', 'software bug', 'infrastructure', 'third party', 'security'] as const;

/** The causes the room knows: the workspace's (else the defaults), then those recorded in its incidents, most used first. */
export function causeChoices(workspaceCauses: readonly string[] | undefined, used: readonly (string | null | undefined)[]): string[] {
  return knownCauses(workspaceCauses ?? rootCauseSuggestions, used);
}

/** A typed cause that is a known one written another way ("Config-change ") is saved in the known spelling, so the review has one bucket. */
export function withKnownCause(edits: RecordEdits, known: readonly string[]): RecordEdits {
  const typed = edits.rootCauseCategory;
  if (typed === undefined || typed.trim() === '') return edits;
  const match = known.find((c) => spellingKey(c) === spellingKey(typed));
  return match === undefined ? edits : { ...edits, rootCauseCategory: match };
}

export interface RecordValue {
  readonly value: string | null;
  /** Who set it (or cleared it) last; null while never set. */
  readonly by: string | null;
  readonly at: number | null;
  /** Set by this console and not yet stored by the hub. */
  readonly pending: boolean;
}
export type CurrentRecord = Readonly<Record<RecordField, RecordValue>>;

const UNSET: RecordValue = { value: null, by: null, at: null, pending: false };

function apply(out: Record<RecordField, RecordValue>, data: Readonly<Record<string, unknown>>, by: string, at: number, pending: boolean): void {
  for (const field of recordFields) {
    const value = data[field];
    if (value === undefined) continue;
    out[field] = { value: typeof value === 'string' ? value : null, by, at, pending };
  }
}

/**
 * Each field's value now: the last bookkeeping entry that gave it wins (null: cleared), then what
 * this console has queued and the hub has not yet stored.
 */
export function currentRecord(view: TimelineView, outbox: readonly OutboxItem[] = []): CurrentRecord {
  const out = Object.fromEntries(recordFields.map((f) => [f, UNSET])) as Record<RecordField, RecordValue>;
  const stored = bookkeepingSettings(view);
  for (const field of recordFields) {
    const setting = stored[field];
    if (setting) out[field] = { value: typeof setting.value === 'string' ? setting.value : null, by: setting.by, at: setting.at, pending: false };
  }
  for (const item of outbox) {
    // Refused: not applied. Stored already (the hub's broadcast came before its ack): counted once.
    if (item.refused || view.rootOf[item.id] !== undefined) continue;
    if (item.type === 'declare') apply(out, { title: item.payload.title, priority: item.payload.priority, service: item.payload.service }, item.payload.author, item.payload.occurredAt ?? item.queuedAt, true);
    else if (item.type === 'command' && item.payload.kind === 'bookkeeping') apply(out, item.payload.data, item.payload.author, item.payload.occurredAt, true);
  }
  return out;
}

/** What the card's inputs hold: the fields someone has typed in; the others show the current value. */
export type RecordEdits = Partial<Record<RecordField, string>>;

export type RecordChange =
  | { readonly kind: 'none' }
  | { readonly kind: 'invalid'; readonly message: string }
  | { readonly kind: 'change'; readonly data: EntryDataInput<'bookkeeping'>; readonly text: string };

const short = (value: string, max = 80): string => {
  const line = value.replace(/\s+/g, ' ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

/**
 * The bookkeeping entry a save sends: each edited field whose value differs from the current one
 * (trimmed; blank clears it), with a sentence for the timeline. Nothing changed is `none`; a
 * value the hub would refuse is `invalid`, in words, and nothing is sent.
 */
export function recordChange(current: CurrentRecord, edits: RecordEdits): RecordChange {
  const data: Record<string, string | null> = {};
  const said: string[] = [];
  for (const field of recordFields) {
    const typed = edits[field];
    if (typed === undefined) continue;
    const value = typed.trim() === '' ? null : typed.trim();
    if (value === current[field].value) continue;
    if (field === 'title' && value === null) return { kind: 'invalid', message: 'The title cannot be blank: say in one line what is wrong' };
    if (field === 'priority' && value !== null && !priorities.includes(value as Priority)) return { kind: 'invalid', message: `Priority: one of ${priorities.join(', ')}` };
    data[field] = value;
    said.push(value === null ? `${recordFieldLabels[field].toLowerCase()} cleared` : `${recordFieldLabels[field].toLowerCase()}: ${short(value)}`);
  }
  if (said.length === 0) return { kind: 'none' };
  const checked = bookkeepingDataSchema.safeParse(data);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    const field = issue.path[0] as RecordField | undefined;
    return { kind: 'invalid', message: `${field ? recordFieldLabels[field] : 'Record'}: ${issue.message}` };
  }
  return { kind: 'change', data: data as EntryDataInput<'bookkeeping'>, text: `Record — ${said.join('; ')}` };
}

export interface ServiceChoice {
  readonly service: string;
  /** The team owning it (the first team listing it, as the review attributes pages). */
  readonly team: string;
}

/** The services the workspace's teams are paged for, each once (its first team's), by name. */
export function serviceChoices(teams: readonly Pick<TeamConfig, 'id' | 'name' | 'services'>[] | undefined): ServiceChoice[] {
  const seen = new Map<string, ServiceChoice>();
  for (const team of teams ?? []) {
    for (const service of team.services) if (!seen.has(service)) seen.set(service, { service, team: team.name ?? team.id });
  }
  return [...seen.values()].sort((a, b) => a.service.localeCompare(b.service));
}
