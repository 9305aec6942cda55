import { useId, useState } from 'react';
import { effortWords, impactWords, levelWords, likelihoodWords } from '../../shared/domain/planning/risk.ts';
import { riskStatuses, type StoredRisk } from '../../shared/protocol/risks.ts';
import { useHub } from '../app/hub-context.tsx';
import { hubPostJson } from '../transport/rest.ts';
import { cancelOnEscape } from './escape.ts';
import { FormField } from './FormField.tsx';
import { useSend } from './useSend.ts';
import { blankRiskFields, newRiskId, readRiskFields, riskCategories, riskFieldsOf, type RiskField, type RiskFields } from './risk-form.ts';

const LEVELS = [1, 2, 3, 4, 5] as const;

/**
 * Add a risk to the backlog, or edit one (scores, owner, plan, status: closing and reopening are
 * a status). Checked with the API's schema before it is sent; the hub's refusal, if any, is shown
 * as it words it. Enter in a field saves, Esc cancels.
 */
export function RiskForm({ risk, taken, teams, defaultTeam, onSaved, onCancel }: { risk: StoredRisk | null; taken: readonly { id: string }[]; teams: readonly string[]; defaultTeam: string | null; onSaved: (saved: StoredRisk) => void; onCancel: () => void }) {
  const hub = useHub();
  const formId = useId();
  const [fields, setFields] = useState<RiskFields>(() => (risk ? riskFieldsOf(risk) : blankRiskFields(defaultTeam)));
  const [errors, setErrors] = useState<Partial<Record<RiskField | 'id', string>>>({});
  const { busy, sendError, send } = useSend(onSaved);
  const set = <F extends RiskField>(field: F, value: RiskFields[F]) => setFields((f) => ({ ...f, [field]: value }));

  const save = async () => {
    const reading = readRiskFields(fields, risk?.id ?? newRiskId(fields.title, taken));
    if (!reading.ok) return setErrors(reading.errors);
    setErrors({});
    await send(async () => (await hubPostJson<{ risk: StoredRisk }>(hub, '/api/v1/risks', JSON.stringify(reading.body))).risk);
  };

  const level = (field: 'likelihood' | 'impact' | 'effort', words: readonly string[], hint: string) => (
    <FormField id={`${formId}-${field}`} label={field[0]!.toUpperCase() + field.slice(1)} hint={hint} error={errors[field]} testId={`risk-form-${field}`}>
      {(control) => (
        <select {...control} value={fields[field]} onChange={(e) => set(field, e.target.value)}>
          {LEVELS.map((n) => (
            <option key={n} value={String(n)}>
              {levelWords(n, words)}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
  const teamChoices = fields.team !== '' && !teams.includes(fields.team) ? [...teams, fields.team] : teams;

  return (
    <form
      className="review-form"
      data-testid={risk ? `risk-edit-form-${risk.id}` : 'risk-add-form'}
      aria-label={risk ? `Edit risk: ${risk.title}` : 'Add a risk'}
      noValidate
      onKeyDown={cancelOnEscape(onCancel)}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <FormField id={`${formId}-title`} label="Title" error={errors.title} testId="risk-form-title">
        {(control) => <input {...control} value={fields.title} maxLength={200} autoFocus autoComplete="off" onChange={(e) => set('title', e.target.value)} />}
      </FormField>
      <FormField id={`${formId}-category`} label="Category" error={errors.category} testId="risk-form-category">
        {(control) => (
          <select {...control} value={fields.category} onChange={(e) => set('category', e.target.value as RiskFields['category'])}>
            {riskCategories.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        )}
      </FormField>
      {level('likelihood', likelihoodWords, 'How likely it is to happen.')}
      {level('impact', impactWords, 'How bad it would be. Likelihood × impact is its score (1–25).')}
      {level('effort', effortWords, 'The work to retire it: with equal scores, the cheaper fix ranks first.')}
      <FormField id={`${formId}-owner`} label="Owner" hint="Who sees the plan through; with a plan, the risk counts as planned." error={errors.owner} testId="risk-form-owner">
        {(control) => <input {...control} value={fields.owner} maxLength={80} placeholder="@name" autoComplete="off" onChange={(e) => set('owner', e.target.value)} />}
      </FormField>
      <FormField id={`${formId}-mitigation`} label="Plan / mitigation" error={errors.mitigation} testId="risk-form-mitigation">
        {(control) => <textarea {...control} value={fields.mitigation} maxLength={2000} rows={3} onChange={(e) => set('mitigation', e.target.value)} />}
      </FormField>
      <FormField id={`${formId}-team`} label="Team" error={errors.team} testId="risk-form-team">
        {(control) => (
          <select {...control} value={fields.team} onChange={(e) => set('team', e.target.value)}>
            <option value="">no team</option>
            {teamChoices.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id={`${formId}-status`} label="Status" hint="open and mitigating stay in the backlog; mitigated, accepted and closed leave it." error={errors.status} testId="risk-form-status">
        {(control) => (
          <select {...control} value={fields.status} onChange={(e) => set('status', e.target.value as RiskFields['status'])}>
            {riskStatuses.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        )}
      </FormField>
      <div className="review-form-actions">
        <button type="submit" className="primary" disabled={busy} data-testid="risk-form-save">
          {risk ? 'Save risk' : 'Add risk'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel <span className="hint">Esc</span>
        </button>
        {(sendError ?? errors.id) && (
          <span className="form-error" role="alert" data-testid="risk-form-error">
            ✖ {sendError ?? `id: ${errors.id}`}
          </span>
        )}
      </div>
    </form>
  );
}
