/**
 * One incident, run from the keyboard: the header (severity, status, commander, time since impact
 * started, the durations, the next status updates counting down), offers waiting for me, the
 * timeline, the side panels (roles and handoffs, tasks, hypotheses, status updates) and the
 * scribe line at the bottom.
 */
import { useState } from 'react';
import { formatDuration, impactElapsed, impactSpanOf, incidentDurations } from '../../shared/domain/incidents/durations.ts';
import type { TimelineView, VisibleEntry } from '../../shared/domain/incidents/timeline.ts';
import type { Severity } from '../../shared/model/incident.ts';
import { routeHash } from '../app/router.ts';
import { AndonPrompts } from '../canaries/AndonPrompt.tsx';
import { useHubNow } from '../state/react.tsx';
import { ClosingCheck, CloseIncidentButton } from './CloseIncident.tsx';
import { useIncidents } from './context.tsx';
import { FollowUpsPanel } from './FollowUps.tsx';
import { MyOffers } from './Handoffs.tsx';
import { useIncidentView, useOutboxFor, useRoomTimeZone, useSummary } from './hooks.ts';
import { IdentityBar } from './IdentityBar.tsx';
import { SeverityChip, StatusChip } from './IncidentList.tsx';
import { OutboxStatus } from './OutboxStatus.tsx';
import { PostmortemCard } from './PostmortemSections.tsx';
import { ConsolesPanel } from './Presence.tsx';
import { RecordCard } from './RecordCard.tsx';
import { RelatedIncidents } from './Related.tsx';
import { RolesPanel } from './Roles.tsx';
import { ScribeLine } from './ScribeLine.tsx';
import { SnapshotCard } from './Snapshots.tsx';
import { NextUpdates, StatusUpdatePanel } from './StatusUpdates.tsx';
import { HypothesesPanel, TasksPanel } from './Tasks.tsx';
import type { PostmortemFormat } from '../transport/incidents.ts';
import { Timeline } from './Timeline.tsx';
import { clock, titleWords, utcText } from './words.ts';

function Durations({ view, timeZone }: { view: TimelineView; timeZone: string }) {
  const durations = Object.values(incidentDurations(view.markers, timeZone)).filter((d) => d.key !== 'declare');
  return (
    <dl className="durations" data-testid="durations">
      {durations.map((d) => (
        <div key={d.key} data-state={d.state} data-testid={`duration-${d.key}`}>
          <dt>{d.label}</dt>
          <dd title={d.reason}>{d.ms !== null ? formatDuration(d.ms) : d.state === 'inconsistent' ? '▲ check markers' : '—'}</dd>
        </div>
      ))}
    </dl>
  );
}

function PostmortemButtons({ incidentId, timeZone }: { incidentId: string; timeZone: string }) {
  const incidents = useIncidents();
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const get = async (format: PostmortemFormat) => {
    setState({ busy: true, error: null });
    try {
      await incidents.downloadPostmortem(incidentId, format, timeZone);
      setState({ busy: false, error: null });
    } catch (e) {
      setState({ busy: false, error: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <span className="postmortem-buttons">
      <button type="button" data-testid="postmortem-md" disabled={state.busy} onClick={() => void get('md')}>
        ⬇ Postmortem (.md)
      </button>
      <button
        type="button"
        data-testid="postmortem-zip"
        disabled={state.busy}
        title="The postmortem and its impact snapshots in one zip: unzipped, it opens offline or pastes into a wiki with the pictures"
        onClick={() => void get('zip')}
      >
        ⬇ With pictures (.zip)
      </button>
      <button
        type="button"
        className="small"
        data-testid="postmortem-html"
        disabled={state.busy}
        title="One web page with the pictures inside: open it and copy into Confluence or Google Docs"
        onClick={() => void get('html')}
      >
        .html
      </button>
      <button type="button" className="small" data-testid="postmortem-json" disabled={state.busy} onClick={() => void get('json')}>
        .json
      </button>
      {state.error && <span className="form-error"> {state.error}</span>}
    </span>
  );
}

export function IncidentView({ incidentId }: { incidentId: string }) {
  const { view, entries } = useIncidentView(incidentId);
  const summary = useSummary(incidentId);
  const outbox = useOutboxFor(incidentId);
  const timeZone = useRoomTimeZone();
  const now = useHubNow();
  const [editing, setEditing] = useState<VisibleEntry | null>(null);
  const [closeAsked, setCloseAsked] = useState(false);
  const declaring = outbox.find((i) => i.type === 'declare');

  const title = summary?.title ?? (declaring?.type === 'declare' ? declaring.payload.title : null);
  const severity: Severity | null = view.severity ?? summary?.severity ?? (declaring?.type === 'declare' ? declaring.payload.severity : null);
  if (title === null && entries.length === 0) {
    return (
      <main className="page" data-testid="incident-missing">
        <h1>No incident “{incidentId}” here yet</h1>
        <p className="muted">It may still be on its way from the hub. </p>
        <p>
          <a href={routeHash({ name: 'incidents' })}>All incidents</a>
        </p>
      </main>
    );
  }
  const commander = view.roles.commander[0] ?? summary?.commander ?? (declaring?.type === 'declare' ? declaring.payload.author : null);
  const span = impactSpanOf(view) ?? (summary ? { from: summary.declaredAt, fromImpact: false, to: null, ended: null } : null);

  return (
    <main className="incident" data-testid="incident-view" data-incident-id={incidentId} data-severity={severity ?? undefined} data-status={view.status}>
      <header className="incident-header">
        <div className="incident-title-row">
          <a className="back-link" href={routeHash({ name: 'incidents' })}>
            ← Incidents
          </a>
          {severity && <SeverityChip severity={severity} />}
          <h1 data-testid="incident-title" title={title !== null ? titleWords(title) : undefined}>
            {title !== null ? titleWords(title) : '(untitled)'}
          </h1>
          <StatusChip status={view.status} />
          {declaring && <span className="pending-badge">◌ declaration not yet sent</span>}
          <span className="spacer" />
          <IdentityBar compact />
        </div>
        <div className="incident-facts">
          <div className="fact">
            <span className="fact-label">Commander</span>
            <span className="fact-value" data-testid="incident-commander">
              {commander ? `@${commander}` : '—'}
            </span>
          </div>
          <div className="fact">
            <span className="fact-label">{span?.fromImpact === false ? 'Declared for' : span && span.to !== null ? 'Impact lasted' : 'Impact for'}</span>
            <span className="fact-value" data-testid="incident-age" data-ended={span?.ended ?? undefined} title={span ? `since ${utcText(span.from)}` : undefined}>
              {span ? formatDuration(impactElapsed(span, now)) : '—'}
              {span && (
                <span className="muted small-text">
                  {' '}
                  {span.to !== null ? `${clock(span.from, timeZone).slice(0, 5)}, ${span.ended} ${clock(span.to, timeZone).slice(0, 5)}` : `since ${clock(span.from, timeZone).slice(0, 5)}`}
                </span>
              )}
            </span>
          </div>
          <div className="fact">
            <span className="fact-label">Next status update</span>
            <NextUpdates view={view} now={now} timeZone={timeZone} compact />
          </div>
          <Durations view={view} timeZone={timeZone} />
          <span className="header-actions">
            <PostmortemButtons incidentId={incidentId} timeZone={timeZone} />
            {view.status === 'resolved' && <CloseIncidentButton incidentId={incidentId} view={view} onBlocked={() => setCloseAsked(true)} />}
          </span>
        </div>
        {view.problems.length > 0 && (
          <details className="problems">
            <summary>▲ {view.problems.length} entries could not apply</summary>
            <ul>
              {view.problems.map((p, i) => (
                <li key={`${p.entryId}-${i}`}>{p.message}</li>
              ))}
            </ul>
          </details>
        )}
        <ClosingCheck incidentId={incidentId} view={view} timeZone={timeZone} asked={closeAsked} onDismiss={() => setCloseAsked(false)} />
      </header>
      <OutboxStatus incidentId={incidentId} />
      <div className="incident-body">
        <section className="timeline-column" aria-label="Timeline">
          <Timeline view={view} outbox={outbox} timeZone={timeZone} onEdit={setEditing} />
        </section>
        {/* Offers and prompts head the side column: above the timeline they squeezed it to a few rows. */}
        <aside className="incident-side">
          <MyOffers incidentId={incidentId} />
          {/* A critical canary failing elsewhere reaches the lead on this page too. */}
          <AndonPrompts incident={view} compact />
          <RecordCard incidentId={incidentId} view={view} timeZone={timeZone} />
          <RelatedIncidents incidentId={incidentId} view={view} />
          <TasksPanel view={view} timeZone={timeZone} />
          <FollowUpsPanel incidentId={incidentId} view={view} timeZone={timeZone} />
          <RolesPanel incidentId={incidentId} view={view} timeZone={timeZone} />
          <HypothesesPanel view={view} />
          <StatusUpdatePanel incidentId={incidentId} view={view} timeZone={timeZone} />
          <SnapshotCard incidentId={incidentId} timeZone={timeZone} />
          <PostmortemCard incidentId={incidentId} view={view} />
          <ConsolesPanel timeZone={timeZone} />
        </aside>
      </div>
      <ScribeLine incidentId={incidentId} view={view} timeZone={timeZone} editing={editing} onEditing={setEditing} />
    </main>
  );
}
