/**
 * One plan: its state (moved on the hub), and a draft of its sections that is saved as a whole
 * (the hub validates the whole plan; a refusal lists each bad field and nothing is saved).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatDuration } from '../../shared/domain/incidents/durations.ts';
import { goLiveRefusal } from '../../shared/domain/planning/go-no-go.ts';
import { formatLocal } from '../../shared/domain/planning/markdown.ts';
import { readinessSummary } from '../../shared/domain/planning/readiness.ts';
import { planWindowOrNull } from '../../shared/domain/planning/timeline.ts';
import { revealInvisibles } from '../../shared/domain/safe-text.ts';
import { planStateTransitions, type CheckIn, type Plan, type PlanState } from '../../shared/model/plan.ts';
import type { PlanRecord } from '../../shared/protocol/plans.ts';
import { useHub } from '../app/hub-context.tsx';
import { useApp } from '../state/react.tsx';
import { PlanRequestError, watchPlanChanges, type PlanIssueView } from '../transport/plans.ts';
import { ActionsSection } from './ActionsSection.tsx';
import { CapacitySection } from './CapacitySection.tsx';
import { CheckInForm } from './CheckInForm.tsx';
import { CheckInsSection } from './CheckInsSection.tsx';
import { DocumentsSection } from './DocumentsSection.tsx';
import { EscalationSection } from './EscalationSection.tsx';
import { ForecastSection } from './ForecastSection.tsx';
import { GoNoGoSection } from './GoNoGoSection.tsx';
import { HeaderSection } from './HeaderSection.tsx';
import { KeyMomentsSection } from './KeyMomentsSection.tsx';
import { PartnersSection } from './PartnersSection.tsx';
import { PeopleSection } from './PeopleSection.tsx';
import { PlanIssues } from './PlanIssues.tsx';
import { ReadinessSection } from './ReadinessSection.tsx';
import { RisksSection } from './RisksSection.tsx';
import { SlosSection } from './SlosSection.tsx';
import { StandbySection } from './StandbySection.tsx';
import { StateChip } from './StateChip.tsx';
import { TriggerPrompt } from './TriggerPrompt.tsx';
import { YamlSection } from './YamlSection.tsx';
import { NEEDS_PERSON, PERSON_FIELD_ID, usePlansApi } from './usePlans.ts';
import { planStateWords } from './words.ts';

const stateAction: Record<PlanState, string> = { draft: 'Back to draft', planned: 'Mark planned', ready: 'Mark ready', live: 'Go live', closed: 'Close' };

/** A bookkeeping time in the event's zone (the zone its other times are shown in), or in UTC if that zone is unreadable. */
function whenShown(ms: number, timeZone: string): string {
  try {
    return formatLocal(ms, timeZone);
  } catch {
    return new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  }
}

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** What closing a live plan now would cut short, in words (none: close at once). */
function closeWarnings(plan: Plan, now: number, openIncidents: readonly { title: string; severity: number; status: string }[]): string[] {
  const out: string[] = [];
  const w = planWindowOrNull(plan); // an unreadable window: nothing to say about it
  if (w !== null && now < w.endMs) out.push(`the event window runs until ${formatLocal(w.endMs, w.timeZone)} (${formatDuration(w.endMs - now)} from now)`);
  if (openIncidents.length > 0) out.push(`${openIncidents.length} incident${openIncidents.length === 1 ? ' is' : 's are'} still open: ${openIncidents.map((i) => `SEV${i.severity} ${revealInvisibles(i.title)} (${i.status})`).join('; ')}`);
  return out;
}

/** `person`: who acts (the planner's "Acting as", else the console's name); '' while nobody is named. */
export function PlanEditor({ planId, person, onChanged }: { planId: string; person: string; onChanged: () => void }) {
  const api = usePlansApi();
  const now = useNow(15_000);
  const [record, setRecord] = useState<PlanRecord | null>(null);
  const [draft, setDraft] = useState<Plan | null>(null);
  const [checkIns, setCheckIns] = useState<CheckIn[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [issues, setIssues] = useState<readonly PlanIssueView[]>([]);
  const [confirmClose, setConfirmClose] = useState<string[] | null>(null);
  const openIncidents = useApp(useShallow((s) => Object.values(s.incidents.summaries).filter((i) => i.open)));
  const dirty = record !== null && draft !== null && JSON.stringify(record.plan) !== JSON.stringify(draft);

  const loaded = useCallback((r: PlanRecord) => {
    setRecord(r);
    setDraft(r.plan);
  }, []);
  const fail = useCallback((e: unknown) => {
    setMessage(null);
    setError((e as Error).message);
    setIssues(e instanceof PlanRequestError ? e.issues : []);
  }, []);
  const reloadCheckIns = useCallback(() => {
    api.checkIns(planId).then(setCheckIns, () => {});
  }, [api, planId]);

  useEffect(() => {
    api.get(planId).then(loaded, fail);
    reloadCheckIns();
  }, [api, planId, loaded, fail, reloadCheckIns]);

  // Someone else changed it (a check-in, a state, a save): take it, unless there are edits here,
  // asked both when the change is heard and when the plan has come (typing may begin in between, and
  // taking the plan then would wipe it; a save of those edits meets the revision conflict instead).
  const hub = useHub();
  const dirtyRef = useRef(false);
  dirtyRef.current = dirty;
  useEffect(
    () =>
      watchPlanChanges(hub, (changedId) => {
        if (changedId !== planId) return;
        reloadCheckIns();
        if (!dirtyRef.current) api.get(planId).then((r) => dirtyRef.current || loaded(r), () => {});
      }),
    [hub, api, planId, loaded, reloadCheckIns],
  );

  const edit = useCallback((fn: (d: Plan) => void) => {
    setDraft((d) => {
      if (!d) return d;
      const copy = structuredClone(d);
      fn(copy);
      return copy;
    });
  }, []);

  if (!record || !draft) return <main className="plan-editor">{error ? <p className="form-error">{error}</p> : <p className="muted">Loading the plan…</p>}</main>;

  // Who acts, never the owner in their place: a decision or a state move names who made it.
  const by = person.trim();
  const needsPerson = by === '';
  const done = (what: string) => (r: PlanRecord) => {
    loaded(r);
    setError(null);
    setIssues([]);
    setMessage(what);
    onChanged();
  };
  const save = () => api.save(planId, draft, record.revision, by).then(done('Saved.'), fail);
  const moveTo = (to: PlanState) => api.setState(planId, to, by).then(done(`Now ${to}.`), fail);
  const state = record.plan.event.state;
  let redItems: string[] = [];
  try {
    redItems = readinessSummary(record.plan, now).items.filter((a) => a.state === 'red').map((a) => a.item.item);
  } catch {
    // an unreadable window: the readiness section says so
  }
  let notYetLive: string | null = null;
  try {
    notYetLive = state === 'ready' ? goLiveRefusal(record.plan, now) : null;
  } catch {
    // an unreadable window: the hub says why
  }
  const section = { plan: draft, edit, now };

  return (
    <div className="plan-editor" data-testid="plan-editor">
      <div className="plan-toolbar">
        <h1>{record.plan.event.name}</h1>
        <StateChip state={planStateWords[state]} testId="plan-state" />
        {planStateTransitions[state].map((to) => (
          <button
            key={to}
            type="button"
            disabled={dirty || needsPerson || (to === 'live' && notYetLive !== null)}
            title={dirty ? 'Save your changes first' : needsPerson ? NEEDS_PERSON : to === 'live' && notYetLive ? notYetLive : undefined}
            onClick={() => {
              const warnings = state === 'live' && to === 'closed' ? closeWarnings(record.plan, Date.now(), openIncidents) : [];
              if (warnings.length > 0) setConfirmClose(warnings);
              else moveTo(to);
            }}
            data-testid={`plan-to-${to}`}
          >
            {stateAction[to]}
          </button>
        ))}
        <button type="button" className="primary" disabled={!dirty || state === 'closed'} onClick={() => void save()} data-testid="plan-save">
          Save
        </button>
        <button type="button" disabled={!dirty} onClick={() => setDraft(record.plan)}>
          Discard changes
        </button>
        <span className="muted">
          revision {record.revision}
          {record.plan.basedOn ? ` · from template ${record.plan.basedOn.template} v${record.plan.basedOn.version}` : ''}
        </span>
        <span className="muted" data-testid="plan-changed-by">
          last changed by {record.updatedBy}, {whenShown(record.updatedAt, record.plan.event.timezone)}
        </span>
        {record.closedBy !== null && record.closedAt !== null && (
          <span data-testid="plan-closed-by">
            closed by {record.closedBy}, {whenShown(record.closedAt, record.plan.event.timezone)}
          </span>
        )}
        {message && (
          <span role="status" data-testid="plan-message">
            {message}
          </span>
        )}
      </div>
      {dirty && state !== 'closed' && (
        <p className="hint" data-testid="plan-unsaved">
          Unsaved changes: save or discard them before moving the state or recording a decision.
        </p>
      )}
      {needsPerson && state !== 'closed' && (
        <p className="hint" data-testid="plan-needs-person">
          Who is acting? State moves, go/no-go decisions, lessons, contact tests and check-ins are recorded with a name:{' '}
          <button type="button" onClick={() => document.getElementById(PERSON_FIELD_ID)?.focus()} data-testid="plan-name-yourself">
            Type yours in “Acting as”
          </button>
        </p>
      )}
      {!dirty && state === 'planned' && redItems.length > 0 && (
        <p className="hint" data-testid="plan-ready-red">
          ▲ {redItems.length} readiness item{redItems.length === 1 ? ' is' : 's are'} red ({redItems.join('; ')}): marking the plan ready does not make them ready.
        </p>
      )}
      {!dirty && notYetLive && (
        <p className="hint" data-testid="plan-not-yet-live">
          {notYetLive}
        </p>
      )}
      {confirmClose && (
        <div className="plan-issues" role="alertdialog" aria-label="Close the plan?" data-testid="plan-close-confirm">
          <p>Close {record.plan.event.name} now? It comes off the walls and its triggers are no longer watched.</p>
          <ul>
            {confirmClose.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
          <button
            type="button"
            onClick={() => {
              setConfirmClose(null);
              void moveTo('closed');
            }}
            data-testid="plan-close-anyway"
          >
            Close anyway
          </button>
          <button type="button" className="primary" onClick={() => setConfirmClose(null)} data-testid="plan-close-keep">
            Keep it live
          </button>
        </div>
      )}
      {error && <PlanIssues error={error} issues={issues} testId="plan-issues" />}
      {state === 'live' && <TriggerPrompt planId={planId} />}
      {(state === 'ready' || state === 'live') && (
        <section className="plan-section" aria-label="Check in">
          <h2>Check in</h2>
          <CheckInForm api={api} planId={planId} plan={record.plan} person={person} onSent={reloadCheckIns} />
        </section>
      )}
      <HeaderSection {...section} />
      <KeyMomentsSection {...section} />
      <ForecastSection {...section} />
      <CapacitySection {...section} />
      <ReadinessSection {...section} />
      <RisksSection {...section} />
      <PeopleSection {...section} />
      <StandbySection {...section} />
      <EscalationSection {...section} />
      <PartnersSection {...section} by={by} />
      <CheckInsSection {...section} checkIns={checkIns} />
      <SlosSection {...section} />
      <GoNoGoSection
        {...section}
        unsaved={dirty}
        needsPerson={needsPerson}
        onDecide={({ outcome, override }) => api.decide(planId, outcome, by, override ? { override } : {}).then(done(`Decision recorded: ${outcome.replace(/_/g, ' ')}.`), fail)}
      />
      <ActionsSection
        {...section}
        needsPerson={needsPerson}
        onPushLessons={
          record.plan.basedOn && !dirty
            ? () =>
                api.pushLessons(planId, by).then((r) => {
                  setError(null);
                  setMessage(`Template ${r.template} is now version ${r.version} (${r.added.length} lesson${r.added.length === 1 ? '' : 's'} added).`);
                  onChanged();
                }, fail)
            : null
        }
      />
      {/* Its refusal shows beside its own Save button, thousands of pixels below the list at the top. */}
      <YamlSection plan={record.plan} disabled={dirty || state === 'closed'} onSave={(yaml) => api.save(planId, yaml, record.revision, by).then(done('Saved.'))} />
      <DocumentsSection api={api} planId={planId} people={[...new Set(record.plan.people.roster.map((r) => r.person))]} />
    </div>
  );
}
