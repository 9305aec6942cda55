/**
 * Incident mode on every wall: while an incident is open, a banner readable from across the room
 * (severity by colour, icon and word; status; commander; time since impact started; the next
 * status update counting down, flashing once overdue; open tasks, flashing when one is overdue),
 * the most severe incident first with a count of the others, and a strip of its key moments
 * (pinned entries). Walls only read: summaries and entries come from the hub's broadcasts.
 */
import '../incidents/incidents.css';
import { useMemo } from 'react';
import { formatDuration, impactElapsed, summaryImpactSpan } from '../../shared/domain/incidents/durations.ts';
import type { IncidentSummary } from '../../shared/protocol/incidents.ts';
import { byUrgency, useIncidentView } from '../incidents/hooks.ts';
import { ConsolesFact } from '../incidents/Presence.tsx';
import { clock, countdown, entryWords, kindLook, severityIcon, severityWord, statusIcon, sevText, titleWords } from '../incidents/words.ts';
import { useApp, useHubNow } from '../state/react.tsx';

const KEY_MOMENTS = 5;

function KeyMoments({ incidentId, timeZone }: { incidentId: string; timeZone: string }) {
  const { view } = useIncidentView(incidentId);
  const pinned = view.pinned.slice(-KEY_MOMENTS);
  if (pinned.length === 0) return null;
  return (
    <ol className="key-moments" data-testid="key-moments" aria-label="Key moments">
      {pinned.map((e) => (
        <li key={e.rootId} data-kind={e.kind} data-testid="key-moment">
          <span className="km-star" aria-hidden="true">
            ★
          </span>
          <span className="km-time">{clock(e.occurredAt, timeZone).slice(0, 5)}</span>
          <span className="km-kind" aria-hidden="true">
            {kindLook[e.kind].icon}
          </span>
          <span className="km-text">{entryWords(e)}</span>
        </li>
      ))}
    </ol>
  );
}

function Banner({ summary, others, timeZone }: { summary: IncidentSummary; others: number; timeZone: string }) {
  const now = useHubNow();
  const span = summaryImpactSpan(summary);
  const due = summary.nextUpdateDue;
  const left = due ? due.dueAt - now : null;
  const tasksOverdue = summary.nextTaskDueAt !== null && summary.nextTaskDueAt < now;
  return (
    <section className="incident-banner" data-testid="incident-banner" data-sev={summary.severity} data-incident-id={summary.id} aria-live="polite">
      <div className="ib-main">
        <span className="ib-sev" data-testid="banner-severity">
          <span className="ib-sev-icon" aria-hidden="true">
            {severityIcon[summary.severity]}
          </span>
          <span className="ib-sev-text">
            {sevText(summary.severity)}
            <span className="ib-sev-word">{severityWord[summary.severity]}</span>
          </span>
        </span>
        <div className="ib-titles">
          <span className="ib-title" data-testid="banner-title">
            {titleWords(summary.title)}
          </span>
          <span className="ib-line">
            <span className="ib-status" data-testid="banner-status" data-status={summary.status}>
              <span aria-hidden="true">{statusIcon[summary.status]} </span>
              {summary.status}
            </span>
            <span className="ib-commander" data-testid="banner-commander">
              Commander {summary.commander ? `@${summary.commander}` : '—'}
            </span>
          </span>
        </div>
        <div className="ib-fact" data-testid="banner-age">
          <span className="ib-label">{span.fromImpact ? (span.to !== null ? 'Impact lasted' : 'Impact for') : 'Declared'}</span>
          <span className="ib-value">{formatDuration(impactElapsed(span, now))}</span>
          <span className="ib-sub">
            {span.to !== null ? `${clock(span.from, timeZone).slice(0, 5)}–${clock(span.to, timeZone).slice(0, 5)}` : `since ${clock(span.from, timeZone).slice(0, 5)}`}
          </span>
        </div>
        <div className="ib-fact" data-testid="banner-next-update" data-overdue={left !== null && left < 0}>
          <span className="ib-label">Next update{due ? ` · ${due.audience}` : ''}</span>
          <span className="ib-value">{left === null ? '—' : left < 0 ? `▲ ${countdown(-left)} late` : countdown(left)}</span>
          {due && <span className="ib-sub">due {clock(due.dueAt, timeZone).slice(0, 5)}</span>}
        </div>
        <div className="ib-fact" data-testid="banner-tasks" data-overdue={tasksOverdue}>
          <span className="ib-label">Open tasks</span>
          <span className="ib-value">{summary.openTasks}</span>
          {tasksOverdue && <span className="ib-sub">▲ overdue</span>}
        </div>
        <ConsolesFact />
        {others > 0 && (
          <div className="ib-more" data-testid="banner-more" data-count={others}>
            +{others} more {others === 1 ? 'incident' : 'incidents'}
          </div>
        )}
      </div>
      <KeyMoments incidentId={summary.id} timeZone={timeZone} />
    </section>
  );
}

export function IncidentBanner({ timeZone }: { timeZone: string }) {
  const summaries = useApp((s) => s.incidents.summaries);
  const open = useMemo(() => Object.values(summaries).filter((s) => s.open).sort(byUrgency), [summaries]);
  const top = open[0];
  if (!top) return null;
  return <Banner summary={top} others={open.length - 1} timeZone={timeZone} />;
}
