import { useMemo } from 'react';
import { dataAgeState, worseState } from '../../shared/domain/data-age.ts';
import { panelValue } from '../../shared/domain/panel-value.ts';
import { worstSeriesState } from '../../shared/domain/value-mapping.ts';
import type { DataPanelConfig, PanelConfig } from '../../shared/model/workspace.ts';
import { useApp, useHubNow } from '../state/react.tsx';
import type { GridPlacement } from '../wall/grid.ts';
import { displayState, hasPoints, panelFrameKey, panelFreshness } from '../wall/model.ts';
import { CanariesPanel } from './CanariesPanel.tsx';
import { platform } from '../platform/index.ts';
import { DesktopEmbed } from './DesktopEmbed.tsx';
import { EmbedPanel } from './EmbedPanel.tsx';
import { GaugeBody } from './GaugeBody.tsx';
import { PanelFrame } from './PanelFrame.tsx';
import { PostsPanel } from './pulse/PostsPanel.tsx';
import { PulsePanel } from './pulse/PulsePanel.tsx';
import { SloPanel } from './SloPanel.tsx';
import { StatBody } from './StatBody.tsx';
import { StatusGridBody } from './StatusGridBody.tsx';
import { TableBody } from './TableBody.tsx';
import { TextPanel } from './TextPanel.tsx';
import { TimeseriesBody } from './TimeseriesBody.tsx';

interface Props {
  panel: PanelConfig;
  placement: GridPlacement | undefined;
  timeZone: string;
  fontPx: number;
  /** The source's interval from the workspace, until the hub's meta says otherwise. */
  fallbackIntervalMs: number;
}

/** Any panel of a wall: the data panels from the hub's frames, text from the workspace, embeds from their URL. */
export function Panel(props: Props) {
  const { panel } = props;
  if (panel.type === 'text') return <TextPanel panel={panel} placement={props.placement} />;
  if (panel.type === 'embed') {
    // Desktop walls: an isolated view of its own; browsers: a sandboxed iframe. A new URL is a
    // new page: its own load state from scratch.
    const embeds = platform().embeds;
    if (embeds) return <DesktopEmbed key={panel.url} panel={panel} placement={props.placement} fontPx={props.fontPx} embeds={embeds} />;
    return <EmbedPanel key={panel.url} panel={panel} placement={props.placement} fontPx={props.fontPx} />;
  }
  if (panel.type === 'pulse') return <PulsePanel panel={panel} placement={props.placement} timeZone={props.timeZone} fontPx={props.fontPx} />;
  if (panel.type === 'posts') return <PostsPanel panel={panel} placement={props.placement} />;
  if (panel.type === 'canaries') return <CanariesPanel panel={panel} placement={props.placement} />;
  if (panel.type === 'slo') return <SloPanel panel={panel} placement={props.placement} />;
  return <DataPanel {...props} panel={panel} />;
}

/** Types whose state is that of their worst series, not of one aggregated value. */
const perSeries = (panel: DataPanelConfig) => panel.type === 'status-grid' || panel.type === 'table';
/** Types that show their state in the body (big, coloured, with an icon): no chip in the header. */
const stateInBody = (panel: DataPanelConfig) => panel.type === 'stat' || panel.type === 'gauge';

/**
 * A panel showing a frame from the hub. Only the frame re-renders each second (the freshness
 * badge); the bodies re-render on new data (grids also each second, for their tiles' ages).
 */
function DataPanel({ panel, placement, timeZone, fontPx, fallbackIntervalMs }: Props & { panel: DataPanelConfig }) {
  const key = useMemo(() => panelFrameKey(panel), [panel]);
  const meta = useApp((s) => s.frames[key]?.meta ?? null);
  const withPoints = useApp((s) => hasPoints(s.frames[key]));
  const value = useApp((s) => panelValue(s.frames[key], panel.query.aggregate));
  const worst = useApp((s) => (perSeries(panel) ? worstSeriesState(s.frames[key]?.series ?? [], panel) : null));
  const status = useApp((s) => s.connection.status);
  const now = useHubNow();

  const freshness = panelFreshness(meta, withPoints, fallbackIntervalMs, now, status === 'connected');
  const mappings = 'mappings' in panel ? panel.mappings : undefined;
  // Old data can make a panel amber/red whatever its value says (the workspace's staleAfter).
  const ageState = dataAgeState(freshness.ageMs, panel.staleAfter);
  const state = worseState(worst ?? displayState(value, { thresholds: panel.thresholds, mappings }), ageState);
  const judges = panel.thresholds !== undefined || (mappings?.some((m) => m.state !== undefined) ?? false);
  const judged = judges && state !== 'unknown';
  const intervalMs = meta?.expectedIntervalMs ?? fallbackIntervalMs;

  let body;
  switch (panel.type) {
    case 'stat':
      body = <StatBody panel={panel} frameKey={key} value={value} />;
      break;
    case 'gauge':
      body = <GaugeBody panel={panel} value={value} />;
      break;
    case 'timeseries':
      body = <TimeseriesBody panel={panel} frameKey={key} timeZone={timeZone} fontPx={fontPx} />;
      break;
    case 'status-grid':
      body = <StatusGridBody panel={panel} frameKey={key} intervalMs={intervalMs} connected={status === 'connected'} />;
      break;
    case 'table':
      body = <TableBody panel={panel} frameKey={key} />;
      break;
  }

  const waitingWhy = status !== 'connected' ? 'not connected to the hub' : meta === null ? 'subscribing' : null;
  return (
    <PanelFrame
      panel={panel}
      placement={placement}
      freshness={freshness}
      state={state}
      ageState={ageState}
      chip={judged && !stateInBody(panel)}
      error={meta?.lastError ?? null}
      resetKey={meta}
      inspectable
      waiting={
        <p>
          Waiting for first data from <strong>{panel.source}</strong>
          {waitingWhy && <span className="panel-waiting-why"> · {waitingWhy}</span>}
        </p>
      }
    >
      {body}
    </PanelFrame>
  );
}
