import { memo, useMemo, useRef, useState } from 'react';
import type { PanelOf } from '../../shared/model/workspace.ts';
import { drawnMarkerLabels, legendItems, sameLegend, timeseriesBase, timeseriesData, visibleAnnotations } from '../charts/options.ts';
import type { LegendItem, TimeseriesLook } from '../charts/options.ts';
import { useEChart } from '../charts/useEChart.ts';
import { useWallCharts } from '../charts/wall-charts.ts';
import { useApp, useFrameListener } from '../state/react.tsx';
import { keyMomentsOn, useLivePlans } from '../state/live-plans.ts';
import { useWallId } from '../wall/wall-id.ts';

interface Props {
  panel: PanelOf<'timeseries'>;
  frameKey: string;
  timeZone: string;
  fontPx: number;
}

/**
 * All series of the frame as lines, threshold bands behind them, the unit on the value axis.
 * Data goes straight from the store to echarts; React re-renders only when the legend changes
 * (a series comes or goes). The legend is HTML so that it wraps rather than covering the plot.
 */
export const TimeseriesBody = memo(function TimeseriesBody({ panel, frameKey, timeZone, fontPx }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [legend, setLegend] = useState<LegendItem[]>([]);
  // The legend on screen, compared here before any setLegend: React keeps every state update it
  // bails out of (same state) in the hook's queue until the component renders again, and this one
  // renders only when a series comes or goes. An updater per frame was kept, with its items, for days.
  const shownLegend = useRef(legend);
  // The marks drawn, said in words on the chart element (screen readers, tests): set on the
  // element itself when they change, so frames still cost no React render.
  const shownMarks = useRef('');
  const charts = useWallCharts();
  const look = useMemo<TimeseriesLook>(
    () => ({ fontPx, unit: panel.unit, decimals: panel.decimals, timeZone, spanMs: panel.span, thresholds: panel.thresholds, palette: charts.palette }),
    [fontPx, panel.unit, panel.decimals, timeZone, panel.span, panel.thresholds, charts.palette],
  );
  const base = useMemo(() => timeseriesBase(look), [look]);
  const push = useEChart(ref, base, charts.canvas);
  // Incident markers and changes, on every time-series panel (a new array only when one changes).
  const incidentMarks = useApp((s) => s.incidents.annotations);
  // Key moments of the event plans running on this wall, beside them.
  const wallId = useWallId();
  const keyMoments = useLivePlans((s) => keyMomentsOn(s, wallId));
  const annotations = useMemo(() => (keyMoments.length === 0 ? incidentMarks : [...incidentMarks, ...keyMoments].sort((a, b) => a.at - b.at)), [incidentMarks, keyMoments]);
  useFrameListener(
    frameKey,
    (entry) => {
      const series = entry?.series ?? [];
      push((size) => {
        const option = timeseriesData(series, look, panel.title, annotations, size);
        // The labels as drawn at this size (they are canvas text): said on the element, as the marks are.
        const labels = drawnMarkerLabels(option).join(' | ');
        if (ref.current && ref.current.dataset.markLabels !== labels) ref.current.dataset.markLabels = labels;
        return option;
      });
      const marks = visibleAnnotations(series, look.spanMs, annotations)
        .map((a) => a.label)
        .join(' · ');
      if (marks !== shownMarks.current && ref.current) {
        shownMarks.current = marks;
        ref.current.dataset.marks = marks;
        ref.current.setAttribute('aria-label', marks ? `${panel.title}, marked: ${marks}` : panel.title);
      }
      const items = legendItems(series, panel.title, look.palette);
      if (sameLegend(shownLegend.current, items)) return;
      shownLegend.current = items;
      setLegend(items);
    },
    [look, panel.title, annotations],
  );
  return (
    <div className="timeseries">
      {legend.length > 1 && (
        <ul className="ts-legend" data-testid={`legend-${panel.id}`}>
          {legend.map((item) => (
            <li key={item.id}>
              <span className="ts-swatch" style={{ background: item.color }} aria-hidden="true" />
              {item.label}
            </li>
          ))}
        </ul>
      )}
      <div ref={ref} className="chart" role="img" aria-label={panel.title} data-testid={`chart-${panel.id}`} />
      <p className="chart-hidden" data-testid={`chart-hidden-${panel.id}`}>
        Chart hidden: the panel is too short to read it
      </p>
    </div>
  );
});
