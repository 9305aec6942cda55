import { useState } from 'react';
import { priorities, severities } from '../../shared/model/incident.ts';
import type { Priority, Severity } from '../../shared/model/incident.ts';
import { navigate } from '../app/router.ts';
import { useApp } from '../state/react.tsx';
import { useIncidents } from './context.tsx';
import { ServiceOptions, useServiceChoices } from './RecordCard.tsx';
import { severityIcon, severityWord, sevText } from './words.ts';

/**
 * Pull the andon cord: a title and a severity, one action (the affected service and a priority
 * too, if known: they go into the incident's record). The person pulling it is commander until
 * someone accepts the role. Works offline: the declaration waits in the outbox like any entry.
 */
export function AndonCord() {
  const incidents = useIncidents();
  const person = useApp((s) => s.identity.person);
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState<Severity>(2);
  const [service, setService] = useState('');
  const [priority, setPriority] = useState<Priority | ''>('');
  const services = useServiceChoices();
  const [error, setError] = useState<string | null>(null);

  const declare = async () => {
    if (!title.trim()) {
      setError('What is wrong? One line, e.g. “403s on the EU edge”');
      return;
    }
    try {
      const id = await incidents.declare({ title, severity, service, ...(priority ? { priority } : {}) });
      setTitle('');
      setService('');
      setPriority('');
      setError(null);
      navigate({ name: 'incident', incidentId: id });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <form
      className="andon"
      data-testid="andon"
      onSubmit={(event) => {
        event.preventDefault();
        void declare();
      }}
    >
      <input
        className="andon-title"
        data-testid="andon-title"
        value={title}
        maxLength={200}
        placeholder="What is wrong? e.g. 403s on the EU edge"
        aria-label="Incident title"
        onChange={(event) => setTitle(event.target.value)}
        disabled={!person}
      />
      <fieldset className="andon-severity" aria-label="Severity">
        {severities.map((sev) => (
          <label key={sev} className="sev-choice" data-sev={sev} data-checked={sev === severity}>
            <input type="radio" name="severity" value={sev} checked={sev === severity} onChange={() => setSeverity(sev)} data-testid={`andon-sev-${sev}`} />
            <span aria-hidden="true">{severityIcon[sev]}</span> {sevText(sev)} <span className="muted">{severityWord[sev]}</span>
          </label>
        ))}
      </fieldset>
      <input
        className="andon-service"
        data-testid="andon-service"
        value={service}
        maxLength={120}
        list="andon-services"
        placeholder="Service (if known)"
        aria-label="Affected service (optional)"
        onChange={(event) => setService(event.target.value)}
        disabled={!person}
      />
      <ServiceOptions id="andon-services" choices={services} />
      <select className="andon-priority" data-testid="andon-priority" value={priority} aria-label="Priority (optional)" onChange={(event) => setPriority(event.target.value as Priority | '')} disabled={!person}>
        <option value="">Priority…</option>
        {priorities.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </select>
      <button type="submit" className="andon-cord" data-testid="andon-pull" disabled={!person}>
        <span aria-hidden="true">⚠ </span>Pull the andon cord
      </button>
      {!person && <p className="hint">Enter your name above first: you become the commander.</p>}
      {error && <p className="form-error">{error}</p>}
    </form>
  );
}
