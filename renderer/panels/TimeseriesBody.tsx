import { memo, useMemo, useRef } from 'react';
import type { PanelConfig } from '../../shared/model/workspace.ts';
import { timeseriesBase, timeseriesData } from '../charts/options.ts';
import type { TimeseriesLook } from '../charts/options.ts';
import { CANVAS, useEChart } from '../charts/useEChart.ts';
import { useFrameListener } from '../state/react.tsx';

interface Props {
  panel: Extract<PanelConfig, { type: 'timeseries' }>;
  frameKey: string;
  timeZone: string;
  fontPx: number;
}

/** All series of the frame as lines; data goes straight from the store to echarts. */
export const TimeseriesBody = memo(function TimeseriesBody({ panel, frameKey, timeZone, fontPx }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const look = useMemo<TimeseriesLook>(
    () => ({ fontPx, unit: panel.unit, decimals: panel.decimals, timeZone, spanMs: panel.span, thresholds: panel.thresholds }),
    [fontPx, panel.unit, panel.decimals, timeZone, panel.span, panel.thresholds],
  );
  const base = useMemo(() => timeseriesBase(look), [look]);
  const push = useEChart(ref, base, CANVAS);
  useFrameListener(frameKey, (entry) => push(timeseriesData(entry?.series ?? [], look, panel.title)), [look, panel.title]);
  return <div ref={ref} className="chart" data-testid={`chart-${panel.id}`} />;
});
