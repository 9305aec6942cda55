import { useMemo } from 'react';
import { panelValue } from '../../shared/domain/panel-value.ts';
import type { PanelConfig } from '../../shared/model/workspace.ts';
import { ErrorBoundary } from '../app/ErrorBoundary.tsx';
import { formatAge } from '../../shared/domain/freshness.ts';
import { freshnessIcon, toneIcon, toneWord } from '../app/status-words.ts';
import { useApp, useHubNow } from '../state/react.tsx';
import { displayState, hasPoints, panelFrameKey, panelFreshness } from '../wall/model.ts';
import type { GridPlacement } from '../wall/grid.ts';
import { FreshnessBadge } from './FreshnessBadge.tsx';
import { StatBody } from './StatBody.tsx';
import { TimeseriesBody } from './TimeseriesBody.tsx';

interface Props {
  panel: PanelConfig;
  placement: GridPlacement | undefined;
  timeZone: string;
  fontPx: number;
  /** The source's interval from the workspace, until the hub's meta says otherwise. */
  fallbackIntervalMs: number;
}

/**
 * Every panel: title, freshness badge (ticking), the body, and the source's error in words.
 * Old data stays on screen, dimmed and hatched, with its age; before any data, a sentence saying
 * what it waits for. Only the frame re-renders each second; the body only on new data.
 */
export function Panel({ panel, placement, timeZone, fontPx, fallbackIntervalMs }: Props) {
  const key = useMemo(() => panelFrameKey(panel), [panel]);
  const meta = useApp((s) => s.frames[key]?.meta ?? null);
  const withPoints = useApp((s) => hasPoints(s.frames[key]));
  const value = useApp((s) => panelValue(s.frames[key], panel.query.aggregate));
  const status = useApp((s) => s.connection.status);
  const now = useHubNow();

  const freshness = panelFreshness(meta, withPoints, fallbackIntervalMs, now, status === 'connected');
  const state = displayState(value, panel);
  const judged = panel.thresholds !== undefined && value !== null;
  const old = freshness.freshness === 'stale' || freshness.freshness === 'disconnected';

  let body;
  if (panel.type === 'stat') body = <StatBody panel={panel} frameKey={key} value={value} state={state} />;
  else if (panel.type === 'timeseries') body = <TimeseriesBody panel={panel} frameKey={key} timeZone={timeZone} fontPx={fontPx} />;
  else body = <p className="panel-note">This screen cannot draw “{(panel as { type: string }).type}” panels yet.</p>;

  const waitingWhy = status !== 'connected' ? 'not connected to the hub' : meta === null ? 'subscribing' : null;

  return (
    <section
      className="panel"
      data-testid={`panel-${panel.id}`}
      data-type={panel.type}
      data-freshness={freshness.freshness}
      data-state={state}
      data-waiting={freshness.waiting}
      data-old={old}
      style={placement ? { gridColumn: placement.gridColumn, gridRow: placement.gridRow } : undefined}
    >
      <header className="panel-head">
        <h2 className="panel-title" title={panel.description}>
          {panel.title}
        </h2>
        {judged && panel.type !== 'stat' && (
          <span className="state-chip" data-state={state} data-testid={`panel-state-${panel.id}`}>
            <span aria-hidden="true">{toneIcon[state]} </span>
            {toneWord[state]}
          </span>
        )}
        <FreshnessBadge panelId={panel.id} freshness={freshness} />
      </header>
      <div className="panel-body">
        <ErrorBoundary
          resetKey={meta}
          fallback={(error) => <p className="panel-note">This panel failed to draw: {error.message}</p>}
        >
          {body}
        </ErrorBoundary>
        {freshness.waiting && (
          <div className="panel-waiting" data-testid={`panel-waiting-${panel.id}`}>
            <p>
              Waiting for first data from <strong>{panel.source}</strong>
              {waitingWhy && <span className="panel-waiting-why"> · {waitingWhy}</span>}
            </p>
          </div>
        )}
        {old && !freshness.waiting && (
          <div className="panel-old" data-testid={`panel-old-${panel.id}`}>
            <span aria-hidden="true">{freshnessIcon[freshness.freshness]} </span>
            {freshness.freshness === 'disconnected' ? 'last known' : 'old data'}
            {freshness.ageMs !== null && ` · ${formatAge(freshness.ageMs)}`}
          </div>
        )}
      </div>
      {meta?.lastError && (
        <footer className="panel-error" data-testid={`panel-error-${panel.id}`}>
          <span aria-hidden="true">▲ </span>
          {meta.lastError}
        </footer>
      )}
    </section>
  );
}
