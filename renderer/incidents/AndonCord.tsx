import { useState } from 'react';
import { severities } from '../../shared/model/incident.ts';
import type { Severity } from '../../shared/model/incident.ts';
import { navigate } from '../app/router.ts';
import { useApp } from '../state/react.tsx';
import { useIncidents } from './context.tsx';
import { severityIcon, severityWord, sevText } from './words.ts';

/**
 * Pull the andon cord: a title and a severity, one action. The person pulling it is commander
 * until someone accepts the role. Works offline: the declaration waits in the outbox like any entry.
 */
export function AndonCord() {
  const incidents = useIncidents();
  const person = useApp((s) => s.identity.person);
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState<Severity>(2);
  const [error, setError] = useState<string | null>(null);

  const declare = async () => {
    if (!title.trim()) {
      setError('What is wrong? One line, e.g. “403s on the EU edge”');
      return;
    }
    try {
      const id = await incidents.declare({ title, severity });
      setTitle('');
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
      <button type="submit" className="andon-cord" data-testid="andon-pull" disabled={!person}>
        <span aria-hidden="true">⚠ </span>Pull the andon cord
      </button>
      {!person && <p className="hint">Enter your name above first: you become the commander.</p>}
      {error && <p className="form-error">{error}</p>}
    </form>
  );
}
