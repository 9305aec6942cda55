/**
 * "Last time this happened …": past incidents with the same affected service, root cause or
 * title words, asked of the hub when the incident's record changes, each with why it is listed
 * and a link to its timeline (and so its postmortem).
 */
import { useEffect, useState } from 'react';
import type { RelatedIncident } from '../../shared/domain/incidents/related.ts';
import type { TimelineView } from '../../shared/domain/incidents/timeline.ts';
import { routeHash } from '../app/router.ts';
import { useApp } from '../state/react.tsx';
import { useIncidents } from './context.tsx';
import { SeverityChip } from './IncidentList.tsx';

export function RelatedIncidents({ incidentId, view }: { incidentId: string; view: TimelineView }) {
  const incidents = useIncidents();
  const connected = useApp((s) => s.incidents.caughtUp);
  const [related, setRelated] = useState<RelatedIncident[] | null>(null);
  // The record (title, service, root cause) is what matching uses: ask again when it changes.
  const recordVersion = view.entries.filter((e) => e.kind === 'bookkeeping').length;
  useEffect(() => {
    if (!connected) return;
    let gone = false;
    incidents.related(incidentId).then(
      (list) => !gone && setRelated(list),
      () => undefined,
    );
    return () => {
      gone = true;
    };
  }, [incidents, incidentId, recordVersion, connected]);
  if (!related || related.length === 0) return null;
  return (
    <section className="side-card related" data-testid="related">
      <h3>Last time this happened…</h3>
      <p className="muted">{related.length === 1 ? 'One past incident looks like this one.' : `${related.length} past incidents look like this one, closest first.`}</p>
      <ul>
        {related.map((r) => (
          <li key={r.id} data-testid="related-incident">
            <SeverityChip severity={r.severity} /> <a href={routeHash({ name: 'incident', incidentId: r.id })}>{r.title}</a>{' '}
            <span className="muted">
              · {new Date(r.declaredAt).toISOString().slice(0, 10)} · {r.status}
              {r.rootCauseCategory && ` · root cause: ${r.rootCauseCategory}`}
            </span>
            <div className="muted small-text">{r.reasons.join('; ')}</div>
          </li>
        ))}
      </ul>
    </section>
  );
}
