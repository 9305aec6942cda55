/**
 * The andon prompt on the consoles: a critical canary was confirmed failing, so "Declare an
 * incident?" with the title pre-filled from the check and one action that declares it (the same
 * path as the andon cord: the outbox, then the incident page) for this canary: the hub records
 * the failure in it, acknowledges the canary (withdrawing the prompt on every console) and keeps
 * the check's later failures with that incident while it is open. Or "Add to" an incident already
 * open. A recovery says so, in green. "Not now" dismisses it on this console only, until it fails again.
 */
import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { severities, type Severity } from '../../shared/model/incident.ts';
import type { TimelineView } from '../../shared/domain/incidents/timeline.ts';
import { canaryConsole, canaryIncidentTitle, type CanaryAndon } from '../../shared/protocol/canaries.ts';
import { useHub } from '../app/hub-context.tsx';
import { navigate } from '../app/router.ts';
import { useIncidents } from '../incidents/context.tsx';
import { clock } from '../incidents/words.ts';
import { severityIcon, severityWord, sevText, titleWords } from '../incidents/words.ts';
import { roomTimeZone } from '../state/incidents.ts';
import { useApp, useAppStoreApi } from '../state/react.tsx';
import { openAndons } from './andons.ts';
import './canaries.css';
import { RunbookLink } from '../app/RunbookLink.tsx';

function Prompt({ andon, timeZone }: { andon: CanaryAndon; timeZone: string }) {
  const incidents = useIncidents();
  const hub = useHub();
  const store = useAppStoreApi();
  const person = useApp((s) => s.identity.person);
  const [title, setTitle] = useState(() => canaryIncidentTitle(andon.name, andon.message));
  const [severity, setSeverity] = useState<Severity>(2);
  const [error, setError] = useState<string | null>(null);
  const openIncidents = useApp(useShallow((s) => Object.values(s.incidents.summaries).filter((i) => i.open).sort((a, b) => b.declaredAt - a.declaredAt)));
  const [linkTo, setLinkTo] = useState('');
  const dismiss = () => store.getState().canaryAndonDismissed(andon.id, andon.at);

  if (andon.kind === 'recovery') {
    return (
      <section className="canary-andon" data-kind="recovery" data-testid={`canary-andon-${andon.id}`}>
        <h2>
          <span aria-hidden="true">✓ </span>
          {andon.name} recovered at {clock(andon.at, timeZone)}
        </h2>
        <AndonMessage andon={andon} />
        <div className="canary-andon-actions">
          <button type="button" onClick={dismiss}>
            OK
          </button>
        </div>
      </section>
    );
  }

  if (andon.declaredIncidentId !== undefined) {
    const incidentId = andon.declaredIncidentId;
    return (
      <section className="canary-andon" data-kind={andon.kind} data-testid={`canary-andon-${andon.id}`} role="alert">
        <h2>
          <span aria-hidden="true">✖ </span>
          {andon.name} is failing{andon.failingSince !== null ? ` since ${clock(andon.failingSince, timeZone)}` : ''}
          {andon.kind === 'reminder' ? ' (still, after a snooze): its incident is open.' : ': an incident was declared automatically.'}
        </h2>
        <p className="muted">{andon.message}</p>
        <div className="canary-andon-actions">
          <button
            type="button"
            className="andon-cord"
            onClick={() => {
              dismiss();
              navigate({ name: 'incident', incidentId });
            }}
          >
            Open the incident
          </button>
          <button type="button" onClick={dismiss}>
            OK
          </button>
        </div>
      </section>
    );
  }

  const declare = async () => {
    try {
      // For this canary: the hub records its failure in the incident and withdraws the prompt
      // everywhere. Offline, this console alone forgets it until the outbox is sent.
      const id = await incidents.declare({ title, severity, canary: andon.id });
      dismiss();
      navigate({ name: 'incident', incidentId: id });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const link = async () => {
    const incidentId = linkTo || openIncidents[0]?.id;
    if (!incidentId) return;
    const reply = await hub.request('canary:link', { id: andon.id, incidentId, ...(person ? { by: person } : {}), note: `part of incident: ${openIncidents.find((i) => i.id === incidentId)?.title ?? incidentId}`.slice(0, 500) });
    if (!reply.ok) {
      setError(reply.error.message);
      return;
    }
    dismiss();
    navigate({ name: 'incident', incidentId });
  };

  return (
    <section className="canary-andon" data-kind={andon.kind} data-testid={`canary-andon-${andon.id}`} role="alert">
      <h2>
        <span aria-hidden="true">✖ </span>
        {andon.name} is failing{andon.failingSince !== null ? ` since ${clock(andon.failingSince, timeZone)}` : ''}
        {andon.kind === 'reminder' ? ' (still, after a snooze)' : ''}. Declare an incident?
      </h2>
      <AndonMessage andon={andon} withService />
      <form
        className="canary-andon-actions"
        onSubmit={(event) => {
          event.preventDefault();
          void declare();
        }}
      >
        <input value={title} maxLength={200} aria-label="Incident title" onChange={(event) => setTitle(event.target.value)} data-testid="canary-andon-title" />
        <select value={severity} aria-label="Severity" onChange={(event) => setSeverity(Number(event.target.value) as Severity)}>
          {severities.map((sev) => (
            <option key={sev} value={sev}>
              {severityIcon[sev]} {sevText(sev)} {severityWord[sev]}
            </option>
          ))}
        </select>
        <button type="submit" className="andon-cord" disabled={!person || !title.trim()} data-testid="canary-andon-declare">
          <span aria-hidden="true">⚠ </span>Declare
        </button>
        <button type="button" onClick={dismiss} data-testid="canary-andon-dismiss">
          Not now
        </button>
      </form>
      {openIncidents.length > 0 && (
        <form
          className="canary-andon-actions"
          onSubmit={(event) => {
            event.preventDefault();
            void link();
          }}
        >
          <span>Or it is part of</span>
          <select value={linkTo || openIncidents[0]!.id} aria-label="Open incident" onChange={(event) => setLinkTo(event.target.value)} data-testid="canary-andon-incident">
            {openIncidents.map((i) => (
              <option key={i.id} value={i.id}>
                {sevText(i.severity)} {titleWords(i.title)}
              </option>
            ))}
          </select>
          <button type="submit" data-testid="canary-andon-link">
            Add to this incident
          </button>
        </form>
      )}
      {!person && <p className="hint">Enter your name above first: you become the commander.</p>}
      {error && <p className="form-error">{error}</p>}
    </section>
  );
}

/**
 * The prompts on the incidents page, or (`incident`) on one incident's page: there a recovery shows
 * only if that incident holds the canary's entries (declared or added for it), since "recovered"
 * on an unrelated incident reads as news about that one. Failures show everywhere: they ask for action.
 */
export function AndonPrompts({ incident, compact = false }: { incident?: Pick<TimelineView, 'entries'>; compact?: boolean }) {
  const all = useApp(useShallow((s) => openAndons(s.canaries.andons, s.canaries.dismissed)));
  const timeZone = useApp(roomTimeZone);
  const andons = useMemo(() => (incident ? all.filter((a) => a.kind !== 'recovery' || incident.entries.some((e) => e.console === canaryConsole(a.id))) : all), [all, incident]);
  if (andons.length === 0) return null;
  return (
    <div className="canary-andons" data-testid="canary-andons" data-compact={compact ? 'true' : undefined}>
      {andons.map((a) => (
        <Prompt key={`${a.id}-${a.at}`} andon={a} timeZone={timeZone} />
      ))}
    </div>
  );
}

/** What the check said, with its runbook one click away (opened outside the app). */
function AndonMessage({ andon, withService = false }: { andon: CanaryAndon; withService?: boolean }) {
  return (
    <p className="muted">
      {withService && andon.service ? `${andon.service} · ` : ''}
      {andon.message}
      {andon.runbook && (
        <>
          {' '}
          <RunbookLink url={andon.runbook} testId={`canary-andon-runbook-${andon.id}`} />
        </>
      )}
    </p>
  );
}
