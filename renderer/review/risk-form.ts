/**
 * The review page's risk form as data: the fields as typed, read into the body of
 * `POST /api/v1/risks` and checked with the API's own schema. Editing posts the same id again,
 * which replaces the risk (the endpoint's documented behaviour), so add and edit share one form.
 */
import { riskBodySchema, riskStatuses, type StoredRisk } from '../../shared/protocol/risks.ts';
import type { z } from 'zod';
import { newId } from '../planner/section.ts';
import { errorsByField } from './field-errors.ts';

export type RiskBody = z.input<typeof riskBodySchema>;
export type RiskStatus = (typeof riskStatuses)[number];
export type RiskCategory = RiskBody['category'];

/** What the form holds, as typed: levels as the select's value, blanks as ''. */
export interface RiskFields {
  title: string;
  category: RiskCategory;
  likelihood: string;
  impact: string;
  effort: string;
  owner: string;
  mitigation: string;
  team: string;
  status: RiskStatus;
}
export type RiskField = keyof RiskFields;

export const riskCategories = riskBodySchema.shape.category.options;

/** A new risk: in the middle of every scale until someone judges it. */
export const blankRiskFields = (team: string | null): RiskFields => ({
  title: '',
  category: 'operational',
  likelihood: '3',
  impact: '3',
  effort: '3',
  owner: '',
  mitigation: '',
  team: team ?? '',
  status: 'open',
});

export const riskFieldsOf = (r: StoredRisk): RiskFields => ({
  title: r.title,
  category: r.category === 'security' ? 'security' : 'operational',
  likelihood: String(r.likelihood),
  impact: String(r.impact),
  effort: String(r.effort),
  owner: r.owner ?? '',
  mitigation: r.mitigation ?? '',
  team: r.team ?? '',
  status: (riskStatuses as readonly string[]).includes(r.status) ? (r.status as RiskStatus) : 'open',
});

/** A new risk's id from its title, unique among every risk stored (the same id would replace one). */
export const newRiskId = (title: string, taken: readonly { id: string }[]): string => newId(title, taken);

/** Errors by field; `id` is the form's own (from the title), so it is shown for the whole form. */
export type RiskReading = { ok: true; body: RiskBody } | { ok: false; errors: Partial<Record<RiskField | 'id', string>> };

const orNull = (text: string): string | null => (text.trim() === '' ? null : text);

export function readRiskFields(fields: RiskFields, id: string): RiskReading {
  const body: RiskBody = {
    id,
    title: fields.title,
    category: fields.category,
    likelihood: Number(fields.likelihood),
    impact: Number(fields.impact),
    effort: Number(fields.effort),
    owner: orNull(fields.owner),
    mitigation: orNull(fields.mitigation),
    team: orNull(fields.team),
    status: fields.status,
  };
  const checked = riskBodySchema.safeParse(body);
  if (checked.success) return { ok: true, body };
  return { ok: false, errors: errorsByField<RiskField | 'id'>(checked.error, body) };
}
