/**
 * The planner: the plans (newest event first), a new plan from a template or a copy of a past
 * plan, and the selected plan's editor.
 */
import { useEffect, useState } from 'react';
import type { PlanSummary, TemplateSummary } from '../../shared/protocol/plans.ts';
import type { FormEvent } from 'react';
import { formatLocal } from '../../shared/domain/planning/markdown.ts';
import { navigate } from '../app/router.ts';
import { useLivePlansFeed } from '../state/live-plans.ts';
import { PlanRequestError, type PlanIssueView } from '../transport/plans.ts';
import { capped, fieldInWords } from './issue-words.ts';
import { PlanEditor } from './PlanEditor.tsx';
import { StateChip } from './StateChip.tsx';
import { PERSON_FIELD_ID, useActingPerson, usePlanList, usePlansApi } from './usePlans.ts';
import { planStateWords } from './words.ts';
import './planner.css';

function NewPlanForm({ plans, templates, by, onCreated }: { plans: readonly PlanSummary[]; templates: readonly TemplateSummary[]; by: string; onCreated: (id: string) => void }) {
  const api = usePlansApi();
  const [from, setFrom] = useState('template:sports-final');
  const [name, setName] = useState('');
  const [start, setStart] = useState('');
  // The zone "Starts" is read in: the template's or the copied plan's, unless typed here.
  const [zone, setZone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [kind, sourceId] = from.split(':') as ['template' | 'copy', string];
  const sourceZone = (kind === 'template' ? templates.find((t) => t.id === sourceId) : plans.find((p) => p.id === sourceId))?.timezone ?? '';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const event = { ...(name.trim() ? { name: name.trim() } : {}), ...(start ? { start } : {}), ...(zone.trim() ? { timezone: zone.trim() } : {}) };
    api
      .create(kind === 'template' ? { template: sourceId } : { copyOf: sourceId }, event, by)
      .then((r) => onCreated(r.id))
      .catch((err: unknown) =>
        setError(err instanceof PlanRequestError && err.issues.length > 0 ? err.issues.map((i) => `${fieldInWords(i.field).replace(/^Event, /, '')}: ${capped(i.message)}`).join('\n') : capped((err as Error).message)),
      );
  };
  return (
    <form className="new-plan" onSubmit={submit} aria-label="New plan" data-testid="new-plan">
      <label>
        Start from
        <select value={from} onChange={(e) => setFrom(e.target.value)} data-testid="new-plan-from">
          <optgroup label="Templates">
            {templates.map((t) => (
              <option key={t.id} value={`template:${t.id}`}>
                {t.name} (template {t.id} v{t.version})
              </option>
            ))}
          </optgroup>
          {plans.length > 0 && (
            <optgroup label="Copy of a past plan">
              {plans.map((p) => (
                <option key={p.id} value={`copy:${p.id}`}>
                  {p.name} ({p.id})
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </label>
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Cup Final 2027" data-testid="new-plan-name" />
      </label>
      <label>
        Time zone
        <input value={zone} onChange={(e) => setZone(e.target.value)} placeholder={sourceZone || 'Europe/London'} spellCheck={false} data-testid="new-plan-zone" />
      </label>
      <label>
        {/* One element, not three flex items: the column label would put "(local,", the zone and ")" on lines of their own. */}
        <span data-testid="new-plan-start-caption">
          Starts (local, <span data-testid="new-plan-start-zone">{zone.trim() || sourceZone || 'the template\'s zone'}</span>)
        </span>
        {/* Required: a template's or a past plan's own date would make a plan in the past, every item overdue. */}
        <input type="datetime-local" required value={start} onChange={(e) => setStart(e.target.value)} data-testid="new-plan-start" />
      </label>
      <button type="submit" className="primary" data-testid="new-plan-create">
        Create plan
      </button>
      {error && (
        <p className="form-error" role="alert" style={{ whiteSpace: 'pre-line' }} data-testid="new-plan-error">
          {error}
        </p>
      )}
    </form>
  );
}

/** Import a plan file (YAML or JSON): stored whole, or refused with each bad field and its line. */
function ImportPlan({ by, onCreated }: { by: string; onCreated: (id: string) => void }) {
  const api = usePlansApi();
  const [issues, setIssues] = useState<readonly PlanIssueView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = async (file: File) => {
    setError(null);
    setIssues([]);
    try {
      onCreated((await api.create(await file.text(), undefined, by)).id);
    } catch (e) {
      setError(e instanceof PlanRequestError && e.issues.length > 0 ? `${file.name} was refused; nothing was imported:` : (e as Error).message);
      setIssues(e instanceof PlanRequestError ? e.issues : []);
    }
  };
  return (
    <div>
      <label>
        Import a plan file (YAML or JSON)
        <input type="file" accept=".yaml,.yml,.json,application/json,application/yaml" onChange={(e) => e.target.files?.[0] && void load(e.target.files[0])} data-testid="import-plan" />
      </label>
      {error && (
        <div className="plan-issues" role="alert" data-testid="import-issues">
          <p>{error}</p>
          <ul>
            {issues.map((i, n) => (
              <li key={n}>
                {i.line ? `line ${i.line}: ` : ''}
                {i.field || 'plan'}: {i.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

export function PlannerRoute({ planId }: { planId: string | null }) {
  useLivePlansFeed();
  const api = usePlansApi();
  const { plans, templates, error, reload } = usePlanList(api);
  // Back at the list (or on another plan): what changed meanwhile (a new template version) shows.
  useEffect(reload, [planId, reload]);
  const { person, setPerson, acting, consoleName } = useActingPerson();
  const opened = (id: string) => {
    reload();
    navigate({ name: 'plan', planId: id });
  };
  return (
    <main className="planner" data-testid="planner">
      <aside className="planner-list">
        <h1>Plans</h1>
        <label>
          Acting as
          <input id={PERSON_FIELD_ID} value={person} onChange={(e) => setPerson(e.target.value)} placeholder={consoleName ?? '@your-name'} data-testid="planner-person" />
        </label>
        {!person.trim() && consoleName && (
          <p className="hint" data-testid="planner-person-console">
            Empty: you act as {consoleName}, the name this console signs incident entries with.
          </p>
        )}
        {error && <p className="form-error">{error}</p>}
        <ul data-testid="plan-list">
          {plans.map((p) => (
            <li key={p.id}>
              <a href={`#/plans/${encodeURIComponent(p.id)}`} aria-current={p.id === planId ? 'page' : undefined} data-testid={`plan-item-${p.id}`}>
                <strong>{p.name}</strong> <StateChip state={planStateWords[p.state]} />
                <br />
                <span className="when">
                  {formatLocal(p.startMs, p.timezone)} · {p.type}, tier {p.tier}
                </span>
              </a>
            </li>
          ))}
          {plans.length === 0 && <li className="muted">No plans yet: start one from a template.</li>}
        </ul>
        <h2>New plan</h2>
        <NewPlanForm plans={plans} templates={templates} by={acting} onCreated={opened} />
        <ImportPlan by={acting} onCreated={opened} />
      </aside>
      {planId ? <PlanEditor key={planId} planId={planId} person={acting} onChanged={reload} /> : <p className="muted">Choose a plan, or start a new one.</p>}
    </main>
  );
}
