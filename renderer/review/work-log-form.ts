/**
 * The review page's "Log work" form as data: the fields as typed, read into the body of
 * `POST /api/v1/work-logs` and checked with the API's own schema. The id is made here, once per
 * form opening, so a retry after a lost answer is stored once (the endpoint dedupes by id).
 */
import { formatDuration } from '../../shared/domain/incidents/durations.ts';
import { workLogBodySchema, type StoredWorkLog } from '../../shared/protocol/work-logs.ts';
import type { z } from 'zod';
import { errorsByField } from './field-errors.ts';

export type WorkLogBodyInput = z.input<typeof workLogBodySchema>;

/** What the form holds, as typed; `at` is a datetime-local value on this console's clock. */
export interface WorkLogFields {
  team: string;
  person: string;
  at: string;
  duration: string;
  /** '' until chosen: a default would tip the toil share one way for every log saved in haste. */
  kind: 'toil' | 'project' | '';
  text: string;
}
export type WorkLogField = keyof WorkLogFields;

/** `<input type="datetime-local">`'s value for an instant, on this console's clock. */
export function localDateTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

export const blankWorkLogFields = (o: { team: string; person: string | null; now: number }): WorkLogFields => ({
  team: o.team,
  person: o.person ?? '',
  at: localDateTime(o.now),
  duration: '',
  kind: '',
  text: '',
});

export type WorkLogReading = { ok: true; body: WorkLogBodyInput } | { ok: false; errors: Partial<Record<WorkLogField | 'id', string>> };

export function readWorkLogFields(fields: WorkLogFields, id: string): WorkLogReading {
  const at = fields.at === '' ? Number.NaN : new Date(fields.at).getTime();
  const body: WorkLogBodyInput = {
    id,
    team: fields.team,
    person: fields.person.trim(),
    at,
    duration: fields.duration.trim(),
    toil: fields.kind === 'toil',
    ...(fields.text.trim() === '' ? {} : { text: fields.text.trim() }),
  };
  const errors: Partial<Record<WorkLogField | 'id', string>> = {};
  const checked = workLogBodySchema.safeParse(body);
  if (!checked.success) {
    const { toil, ...rest } = errorsByField<keyof WorkLogBodyInput>(checked.error, { ...body, at: fields.at });
    Object.assign(errors, rest);
    if (toil) errors.kind = toil;
  }
  if (fields.kind === '') errors.kind = 'required: choose toil or project / engineering';
  // The schema sees a number; the person typed a date and time.
  if (Number.isNaN(at)) errors.at = fields.at === '' ? 'required: this cannot be left blank' : `expected a date and time such as ${localDateTime(Date.now())}`;
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, body };
}

/** "Logged 2 h of toil for identity." */
export const loggedWords = (log: StoredWorkLog): string => `Logged ${formatDuration(log.durationMs)} of ${log.toil ? 'toil' : 'project work'} for ${log.team}.`;
