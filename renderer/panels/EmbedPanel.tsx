import { useEffect, useMemo, useReducer } from 'react';
import { embedSandbox } from '../../shared/domain/embed.ts';
import type { PanelOf } from '../../shared/model/workspace.ts';
import { useNow } from '../state/react.tsx';
import type { GridPlacement } from '../wall/grid.ts';
import { embedReducer, embedView, embedZoom, initialEmbedState, nextAttemptDelay } from './embed-state.ts';
import { PanelFrame } from './PanelFrame.tsx';

interface Props {
  panel: PanelOf<'embed'>;
  placement: GridPlacement | undefined;
  /** The wall's root font size: the page is scaled with the wall's type unless the workspace says. */
  fontPx: number;
}

function originOf(url: string): { origin: string; host: string } {
  try {
    const parsed = new URL(url);
    return { origin: parsed.origin, host: parsed.host };
  } catch {
    return { origin: '', host: url };
  }
}

/**
 * An external page (a Grafana dashboard, a vendor status page) in a sandboxed frame: scripts in
 * an opaque origin by default; never popups, modals, forms, downloads or top-level navigation;
 * no referrer. Reloaded on the workspace's schedule beside the page on screen, which it replaces
 * only once loaded; a page that does not load in time is reported on the tile.
 */
export function EmbedPanel({ panel, placement, fontPx }: Props) {
  const [state, dispatch] = useReducer(embedReducer, Date.now(), initialEmbedState);
  const now = useNow();
  const { origin, host } = originOf(panel.url);
  const isolation = useMemo(
    () => embedSandbox(panel, typeof window !== 'undefined' && origin === window.location.origin),
    [panel, origin],
  );

  // The page loading must fire `load` within the timeout, or it is abandoned and reported.
  const loading = state.loading;
  useEffect(() => {
    if (!loading) return;
    const left = Math.max(0, panel.loadTimeout - (Date.now() - loading.startedAt));
    const timer = setTimeout(() => dispatch({ type: 'timeout', gen: loading.gen, now: Date.now(), afterMs: panel.loadTimeout }), left);
    return () => clearTimeout(timer);
  }, [loading, panel.loadTimeout]);

  // The next load: on the reload schedule, or a retry after a failure.
  const delay = nextAttemptDelay(state, panel.reload);
  useEffect(() => {
    if (delay === null) return;
    const timer = setTimeout(() => dispatch({ type: 'start', now: Date.now() }), delay);
    return () => clearTimeout(timer);
  }, [delay, state.shown, state.failure]);

  const view = embedView(state, now, host);
  const error = [view.error, isolation.refused].filter(Boolean).join(' · ') || null;
  const slots = [state.shown, state.loading].filter((slot) => slot !== null);
  const zoom = embedZoom(panel.zoom, fontPx);
  // Scaled with a transform: the page lays out in a smaller viewport, then is drawn bigger.
  const frameStyle = zoom === 1 ? undefined : { width: `${100 / zoom}%`, height: `${100 / zoom}%`, transform: `scale(${zoom})`, transformOrigin: '0 0' };

  return (
    <PanelFrame
      panel={panel}
      placement={placement}
      freshness={view.freshness}
      freshnessWord={view.freshness.freshness === 'live' ? 'loaded' : undefined}
      oldWord="old page"
      state="ok"
      chip={false}
      error={error}
      resetKey={state.shown?.gen ?? 0}
      waiting={
        <p data-testid={`embed-waiting-${panel.id}`} data-failed={state.failure !== null}>
          {state.failure && <span aria-hidden="true">▲ </span>}
          {view.waiting}
        </p>
      }
    >
      <div className="embed" data-testid={`embed-${panel.id}`} data-sandbox={isolation.sandbox} data-zoom={zoom}>
        {slots.map((slot) => (
          <iframe
            key={slot.gen}
            className={slot === state.shown ? 'embed-frame' : 'embed-frame embed-frame-next'}
            data-testid={slot === state.shown ? `embed-frame-${panel.id}` : `embed-frame-next-${panel.id}`}
            title={panel.title}
            src={panel.url}
            sandbox={isolation.sandbox}
            referrerPolicy="no-referrer"
            loading="eager"
            tabIndex={-1}
            style={frameStyle}
            onLoad={() => dispatch({ type: 'loaded', gen: slot.gen, now: Date.now() })}
          />
        ))}
      </div>
    </PanelFrame>
  );
}
