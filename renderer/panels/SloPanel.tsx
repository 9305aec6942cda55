import { useEffect, useRef } from 'react';
import type { PanelOf } from '../../shared/model/workspace.ts';
import type { SloStatus } from '../../shared/protocol/review.ts';
import { toneIcon } from '../app/status-words.ts';
import { budgetSparklineBase, sparklineData } from '../charts/options.ts';
import { useEChart } from '../charts/useEChart.ts';
import { useWallCharts } from '../charts/wall-charts.ts';
import { useApp, useHubNow } from '../state/react.tsx';
import type { GridPlacement } from '../wall/grid.ts';
import { panelFreshness } from '../wall/model.ts';
import { PanelFrame } from './PanelFrame.tsx';
import { dataCoverageNote } from '../../shared/domain/review/slo-coverage.ts';
import { alertLook, formatBudget, formatBurn, noDataReason } from './slo-view.ts';
import { SLO_POLL_MS, useSloStatuses } from './useSloStatuses.ts';

function BudgetChart({ points, tone }: { points: SloStatus['budgetOverTime']; tone: 'ok' | 'warning' | 'critical' | 'unknown' }) {
  const ref = useRef<HTMLDivElement>(null);
  const { palette, svg } = useWallCharts();
  const push = useEChart(ref, budgetSparklineBase, svg);
  useEffect(() => {
    const color = tone === 'unknown' ? palette.colors.muted : palette.colors[tone];
    push(sparklineData(points.flatMap(([t, v]) => (v === null ? [] : [[t, v * 100] as [number, number]])), color));
  }, [points, tone, push, palette]);
  return <div ref={ref} className="sparkline slo-chart" aria-label="Error budget left over the SLO window" data-testid="slo-budget-chart" />;
}

/** An SLO on the wall: budget left, burn rate now, the alert state in colour and word, the budget over time. */
export function SloPanel({ panel, placement }: { panel: PanelOf<'slo'>; placement: GridPlacement | undefined }) {
  const { slos, error: askError } = useSloStatuses();
  const status = slos?.find((s) => s.id === panel.slo) ?? null;
  const error = askError ?? (slos === null ? null : status ? status.error : 'not evaluated yet');
  const connected = useApp((s) => s.connection.status === 'connected');
  const now = useHubNow();

  const evaluated = status !== null && status.error === null;
  const look = alertLook(evaluated ? status.alert : null);
  const coverage = evaluated ? dataCoverageNote(status.budget, status.windowMs) : null;
  const noData = evaluated ? noDataReason(status) : null;
  // Evaluated with nothing counted: the body says NO DATA and why, the badge "no data" (not "live").
  const freshness = { ...panelFreshness(evaluated ? { lastSuccessAt: status.at, expectedIntervalMs: SLO_POLL_MS } : null, evaluated, SLO_POLL_MS, now, connected), empty: noData !== null };
  return (
    <PanelFrame
      panel={panel}
      placement={placement}
      freshness={freshness}
      state={look.tone}
      chip={false}
      error={error}
      resetKey={status}
      waiting={<p>Waiting for the hub to evaluate the SLO <strong>{panel.slo}</strong></p>}
    >
      {status && (
        <div className="slo" data-alert={look.tone}>
          <div className="slo-figures">
            <div className="slo-figure">
              <span className="slo-number" data-testid={`slo-budget-${panel.id}`}>
                {formatBudget(status.budget?.remaining)}
              </span>
              <span className="slo-label">budget left</span>
            </div>
            <div className="slo-figure">
              <span className="slo-number" data-testid={`slo-burn-${panel.id}`}>
                {formatBurn(status.burnRateNow)}
              </span>
              <span className="slo-label">burn rate (1 h)</span>
            </div>
            <div className="state-chip slo-alert" data-state={look.tone} data-testid={`slo-alert-${panel.id}`}>
              <span aria-hidden="true">{toneIcon[look.tone]} </span>
              {look.word}
            </div>
          </div>
          {noData && (
            <div className="slo-label" data-testid={`slo-nodata-${panel.id}`}>
              {noData}
            </div>
          )}
          <BudgetChart points={status.budgetOverTime} tone={look.tone} />
          <div className="slo-label">
            target {(status.target * 100).toFixed(2).replace(/\.?0+$/, '')}% over {Math.round(status.windowMs / 86_400_000) || '<1'} d
          </div>
          {coverage && (
            <div className="slo-label" data-testid={`slo-coverage-${panel.id}`}>
              budget {coverage}
            </div>
          )}
        </div>
      )}
    </PanelFrame>
  );
}
