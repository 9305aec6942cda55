import { useId, useState } from 'react';
import { ulid } from 'ulid';
import type { StoredWorkLog } from '../../shared/protocol/work-logs.ts';
import { useHub } from '../app/hub-context.tsx';
import { hubPostJson } from '../transport/rest.ts';
import { cancelOnEscape } from './escape.ts';
import { FormField } from './FormField.tsx';
import { useSend } from './useSend.ts';
import { blankWorkLogFields, readWorkLogFields, type WorkLogField, type WorkLogFields } from './work-log-form.ts';

/**
 * Log a stretch of work for a team's toil share: team (the workspace's), person (this console's
 * identity unless changed), when, how long, toil or project work, a note. Checked with the API's
 * schema before it is sent. Enter in a field saves, Esc cancels.
 */
export function WorkLogForm({ teams, person, defaultTeam, onSaved, onCancel }: { teams: readonly string[]; person: string | null; defaultTeam: string | null; onSaved: (log: StoredWorkLog) => void; onCancel: () => void }) {
  const hub = useHub();
  const formId = useId();
  // One id per opening: a second press after a lost answer is stored once.
  const [logId] = useState(() => ulid());
  const [fields, setFields] = useState<WorkLogFields>(() => blankWorkLogFields({ team: (defaultTeam !== null && (teams.length === 0 || teams.includes(defaultTeam)) ? defaultTeam : teams[0]) ?? '', person, now: Date.now() }));
  const [errors, setErrors] = useState<Partial<Record<WorkLogField | 'id', string>>>({});
  const { busy, sendError, send } = useSend(onSaved);
  const kindDescribedBy = errors.kind ? `${formId}-kind-error ${formId}-kind-hint` : `${formId}-kind-hint`;
  const set = <F extends WorkLogField>(field: F, value: WorkLogFields[F]) => setFields((f) => ({ ...f, [field]: value }));

  const save = async () => {
    const reading = readWorkLogFields(fields, logId);
    if (!reading.ok) return setErrors(reading.errors);
    setErrors({});
    await send(async () => (await hubPostJson<{ log: StoredWorkLog }>(hub, '/api/v1/work-logs', JSON.stringify(reading.body))).log);
  };

  return (
    <form
      className="review-form"
      data-testid="work-log-form"
      aria-label="Log work"
      noValidate
      onKeyDown={cancelOnEscape(onCancel)}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <FormField id={`${formId}-team`} label="Team" error={errors.team} testId="work-log-team">
        {(control) =>
          teams.length > 0 ? (
            <select {...control} value={fields.team} autoFocus onChange={(e) => set('team', e.target.value)}>
              {teams.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          ) : (
            // A workspace without teams: the team is named as the pager names it.
            <input {...control} value={fields.team} maxLength={120} autoFocus autoComplete="off" onChange={(e) => set('team', e.target.value)} />
          )
        }
      </FormField>
      <FormField id={`${formId}-person`} label="Person" error={errors.person} testId="work-log-person">
        {(control) => <input {...control} value={fields.person} maxLength={80} autoComplete="off" onChange={(e) => set('person', e.target.value)} />}
      </FormField>
      <FormField id={`${formId}-at`} label="Started" hint="On this console's clock." error={errors.at} testId="work-log-at">
        {(control) => <input {...control} type="datetime-local" value={fields.at} onChange={(e) => set('at', e.target.value)} />}
      </FormField>
      <FormField id={`${formId}-duration`} label="Duration" hint='How long: "45m", "2h".' error={errors.duration} testId="work-log-duration">
        {(control) => <input {...control} value={fields.duration} placeholder="45m" autoComplete="off" onChange={(e) => set('duration', e.target.value)} />}
      </FormField>
      {/* A radiogroup (it takes aria-invalid; a fieldset's group role does not), named by its legend, its error tied to it and to each radio so a screen reader says it. */}
      <fieldset
        className="review-field review-choice"
        role="radiogroup"
        aria-labelledby={`${formId}-kind-legend`}
        aria-required="true"
        aria-invalid={errors.kind !== undefined}
        aria-describedby={kindDescribedBy}
        data-testid="work-log-kind"
      >
        <legend id={`${formId}-kind-legend`}>Kind</legend>
        <div>
          <label>
            <input type="radio" name={`${formId}-kind`} value="toil" checked={fields.kind === 'toil'} aria-describedby={kindDescribedBy} onChange={() => set('kind', 'toil')} /> toil
          </label>{' '}
          <label>
            <input type="radio" name={`${formId}-kind`} value="project" checked={fields.kind === 'project'} aria-describedby={kindDescribedBy} onChange={() => set('kind', 'project')} /> project / engineering
          </label>
          <div id={`${formId}-kind-hint`} className="hint">
            Toil: manual, repetitive, automatable work with no lasting value (a restart by hand, a ticket copied across).
          </div>
          {errors.kind && (
            <div id={`${formId}-kind-error`} className="form-error" role="alert" data-testid="work-log-kind-error">
              ✖ {errors.kind}
            </div>
          )}
        </div>
      </fieldset>
      <FormField id={`${formId}-text`} label="Note" error={errors.text} testId="work-log-text">
        {(control) => <textarea {...control} value={fields.text} maxLength={500} rows={2} onChange={(e) => set('text', e.target.value)} />}
      </FormField>
      <div className="review-form-actions">
        <button type="submit" className="primary" disabled={busy} data-testid="work-log-save">
          Log work
        </button>
        <button type="button" onClick={onCancel}>
          Cancel <span className="hint">Esc</span>
        </button>
        {(sendError ?? errors.id) && (
          <span className="form-error" role="alert" data-testid="work-log-error">
            ✖ {sendError ?? `id: ${errors.id}`}
          </span>
        )}
      </div>
    </form>
  );
}

