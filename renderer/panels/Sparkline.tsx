import { useRef } from 'react';
import { panelValue } from '../../shared/domain/panel-value.ts';
import { valueState } from '../../shared/domain/value-mapping.ts';
import type { PanelOf } from '../../shared/model/workspace.ts';
import { aggregatePoints, sparklineBase, sparklineData } from '../charts/options.ts';
import { useEChart } from '../charts/useEChart.ts';
import { useWallCharts } from '../charts/wall-charts.ts';
import { useFrameListener } from '../state/react.tsx';

/** The stat's recent history: small, SVG, updated without re-rendering React. */
export function Sparkline({ panel, frameKey }: { panel: PanelOf<'stat'>; frameKey: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const { palette, svg } = useWallCharts();
  const push = useEChart(ref, sparklineBase, svg);
  useFrameListener(
    frameKey,
    (entry) => {
      const series = entry?.series ?? [];
      // Coloured from the frame itself, so colour and line always agree.
      const judges = panel.thresholds !== undefined || panel.mappings?.some((m) => m.state !== undefined);
      const state = judges ? valueState(panelValue(entry, panel.query.aggregate), panel) : null;
      const color = state ? palette.colors[state] : palette.colors.muted;
      push(sparklineData(aggregatePoints(series, panel.query.aggregate), color));
    },
    [panel, palette],
  );
  return <div ref={ref} className="sparkline" aria-hidden="true" />;
}
