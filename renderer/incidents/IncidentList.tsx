import { useMemo } from 'react';
import { formatDuration, impactElapsed, summaryImpactSpan } from '../../shared/domain/incidents/durations.ts';
import type { IncidentSummary } from '../../shared/protocol/incidents.ts';
import { routeHash } from '../app/router.ts';
import { useApp, useHubNow } from '../state/react.tsx';
import { byUrgency } from './hooks.ts';
import { countdown, severityIcon, statusIcon, sevText, titleWords } from './words.ts';

export function SeverityChip({ severity }: { severity: IncidentSummary['severity'] }) {
  return (
    <span className="sev-chip" data-sev={severity}>
      <span aria-hidden="true">{severityIcon[severity]} </span>
      {sevText(severity)}
    </span>
  );
}

export function StatusChip({ status }: { status: IncidentSummary['status'] }) {
  return (
    <span className="status-chip" data-status={status}>
      <span aria-hidden="true">{statusIcon[status]} </span>
      {status}
    </span>
  );
}

/** "external in 4:12" or "external overdue 1:05" (red, flashing). */
export function UpdateDue({ due, now }: { due: IncidentSummary['nextUpdateDue']; now: number }) {
  if (!due) return <span className="muted">none due</span>;
  const left = due.dueAt - now;
  return (
    <span className="update-due" data-overdue={left < 0} data-testid="update-due">
      {due.audience} {left < 0 ? `overdue ${countdown(-left)}` : `in ${countdown(left)}`}
    </span>
  );
}

export function IncidentList() {
  const summaries = useApp((s) => s.incidents.summaries);
  const outbox = useApp((s) => s.incidents.outbox);
  const now = useHubNow();
  const { open, closed } = useMemo(() => {
    const all = Object.values(summaries);
    return { open: all.filter((s) => s.open).sort(byUrgency), closed: all.filter((s) => !s.open).sort((a, b) => b.declaredAt - a.declaredAt).slice(0, 20) };
  }, [summaries]);
  const declaring = outbox.filter((i) => i.type === 'declare' && !summaries[i.incidentId]);

  return (
    <section className="incident-list" aria-label="Open incidents">
      <h2>Open incidents {open.length > 0 && <span className="count-badge">{open.length}</span>}</h2>
      {open.length === 0 && declaring.length === 0 ? (
        <p className="muted" data-testid="no-incidents">
          No open incident. The walls show the platform as usual.
        </p>
      ) : (
        <table className="incidents-table" data-testid="incident-table">
          <thead>
            <tr>
              <th>Severity</th>
              <th>Incident</th>
              <th>Status</th>
              <th>Commander</th>
              <th>Impact for</th>
              <th>Open tasks</th>
              <th>Next update</th>
            </tr>
          </thead>
          <tbody>
            {declaring.map((item) =>
              item.type === 'declare' ? (
                <tr key={item.id} data-testid="incident-row" data-pending="true">
                  <td>
                    <SeverityChip severity={item.payload.severity} />
                  </td>
                  <td>
                    <a href={routeHash({ name: 'incident', incidentId: item.incidentId })}>{titleWords(item.payload.title)}</a>
                    <span className="pending-badge"> ◌ not yet sent</span>
                  </td>
                  <td>—</td>
                  <td>@{item.payload.author}</td>
                  <td>—</td>
                  <td>—</td>
                  <td>—</td>
                </tr>
              ) : null,
            )}
            {open.map((s) => (
              <tr key={s.id} data-testid="incident-row" data-incident-id={s.id}>
                <td>
                  <SeverityChip severity={s.severity} />
                </td>
                <td>
                  <a href={routeHash({ name: 'incident', incidentId: s.id })} data-testid="incident-link">
                    {titleWords(s.title)}
                  </a>
                </td>
                <td>
                  <StatusChip status={s.status} />
                </td>
                <td>{s.commander ? `@${s.commander}` : '—'}</td>
                <td>{formatDuration(impactElapsed(summaryImpactSpan(s), now))}</td>
                <td>
                  {s.openTasks}
                  {s.nextTaskDueAt !== null && s.nextTaskDueAt < now && <span className="overdue-word"> ▲ overdue</span>}
                </td>
                <td>
                  <UpdateDue due={s.nextUpdateDue} now={now} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {closed.length > 0 && (
        <details className="closed-incidents">
          <summary>Resolved and closed ({closed.length})</summary>
          <ul>
            {closed.map((s) => (
              <li key={s.id}>
                <SeverityChip severity={s.severity} /> <a href={routeHash({ name: 'incident', incidentId: s.id })}>{titleWords(s.title)}</a> <StatusChip status={s.status} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
