/**
 * "Last time this happened …": the incidents linked to this one (first), then past incidents with
 * the same affected service, root cause or title words, asked of the hub when the incident's
 * record or links change, each with why it is listed and a link to its timeline (and so its
 * postmortem). "Link" makes a suggestion a linked incident (with the optional note), "Unlink"
 * undoes it: both are timeline entries, sent through the outbox like any other. Any other
 * incident this console knows can be linked from the picker too, suggested or not.
 */
import { useEffect, useState } from 'react';
import type { RelatedIncident } from '../../shared/domain/incidents/related.ts';
import type { TimelineView } from '../../shared/domain/incidents/timeline.ts';
import { revealInvisibles } from '../../shared/domain/safe-text.ts';
import { routeHash } from '../app/router.ts';
import { useApp, useHubNow } from '../state/react.tsx';
import { useIncidents } from './context.tsx';
import { SeverityChip } from './IncidentList.tsx';

export function RelatedIncidents({ incidentId, view }: { incidentId: string; view: TimelineView }) {
  const incidents = useIncidents();
  const connected = useApp((s) => s.incidents.caughtUp);
  const now = useHubNow();
  const [related, setRelated] = useState<RelatedIncident[] | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState('');
  const summaries = useApp((s) => s.incidents.summaries);
  // The record (title, service, root cause) is what matching uses, and links reorder the list: ask again when either changes.
  const recordVersion = view.entries.filter((e) => e.kind === 'bookkeeping' || e.kind === 'link').length;
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
  if (!related) return null;
  const linked = new Set(related.filter((r) => r.linked).map((r) => r.id));
  const others = Object.values(summaries)
    .filter((s) => s.id !== incidentId && !linked.has(s.id))
    .sort((a, b) => b.declaredAt - a.declaredAt)
    .slice(0, MAX_PICKER_INCIDENTS);
  if (related.length === 0 && others.length === 0) return null;
  const send = (other: string, action: 'link' | 'unlink', text: string) =>
    incidents.log({ incidentId, kind: 'link', text, occurredAt: now, data: { other, action } }).then(
      () => {
        setError(null);
        if (action === 'link') setNote('');
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  return (
    <section className="side-card related" data-testid="related">
      <h3>Last time this happened…</h3>
      {related.length > 0 && <p className="muted">{summaryLine(related)}</p>}
      <ul>
        {related.map((r) => (
          <li key={r.id} data-testid="related-incident">
            <SeverityChip severity={r.severity} /> <a href={routeHash({ name: 'incident', incidentId: r.id })}>{revealInvisibles(r.title)}</a>{' '}
            <span className="muted">
              · {new Date(r.declaredAt).toISOString().slice(0, 10)} · {r.status}
              {r.rootCauseCategory && ` · root cause: ${r.rootCauseCategory}`}
            </span>
            <div className="muted small-text">
              {r.linked && <span className="related-linked">⇔ Linked </span>}
              {r.reasons.join('; ')}
            </div>
            {r.linked ? (
              <button type="button" className="small" data-testid="related-unlink" onClick={() => void send(r.id, 'unlink', '')}>
                Unlink
              </button>
            ) : (
              <button type="button" className="small" data-testid="related-link" title="Link this incident to the one you are on (both will show it)" onClick={() => void send(r.id, 'link', note.trim())}>
                ⇔ Link
              </button>
            )}
          </li>
        ))}
      </ul>
      <input
        className="related-note"
        data-testid="related-note"
        placeholder='Note for the next link (optional): "same CDN origin"'
        maxLength={200}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      {others.length > 0 && (
        <div className="related-picker">
          <select data-testid="related-pick" aria-label="Another incident to link" value={picked} onChange={(e) => setPicked(e.target.value)}>
            <option value="">Link another incident…</option>
            {others.map((o) => (
              <option key={o.id} value={o.id}>
                SEV{o.severity} · {revealInvisibles(o.title)} · {o.status} · {new Date(o.declaredAt).toISOString().slice(0, 10)}
              </option>
            ))}
          </select>{' '}
          <button
            type="button"
            className="small"
            data-testid="related-pick-link"
            disabled={picked === ''}
            onClick={() => void send(picked, 'link', note.trim()).then(() => setPicked(''))}
          >
            ⇔ Link
          </button>
        </div>
      )}
      {error && <p className="form-error">{error}</p>}
    </section>
  );
}

/** The picker lists the newest this many: an old incident is found by its suggestion or its page. */
const MAX_PICKER_INCIDENTS = 50;

/** "Linked to 1 incident; 2 past incidents look like this one, closest first." */
function summaryLine(related: readonly RelatedIncident[]): string {
  const linked = related.filter((r) => r.linked).length;
  const alike = related.length - linked;
  const parts = [
    ...(linked ? [`Linked to ${linked === 1 ? 'one incident' : `${linked} incidents`}`] : []),
    ...(alike ? [alike === 1 ? 'one past incident looks like this one' : `${alike} past incidents look like this one, closest first`] : []),
  ];
  const line = parts.join('; ');
  return `${line.charAt(0).toUpperCase()}${line.slice(1)}.`;
}
