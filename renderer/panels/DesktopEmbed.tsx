/**
 * An embed on a desktop wall: the page lives in an isolated view of its own (electron/main/
 * embeds.ts) that the main process lays over this tile's body, above the whole page; the tile
 * tracks where it may be drawn and shows the view's load state. The browser build keeps the
 * sandboxed iframe (EmbedPanel).
 */
import { useEffect, useRef, useState } from 'react';
import { formatAge } from '../../shared/domain/freshness.ts';
import type { EmbedViewState, EmbedViewsBridge } from '../../shared/bridge.ts';
import type { PanelOf } from '../../shared/model/workspace.ts';
import { useNow } from '../state/react.tsx';
import type { GridPlacement } from '../wall/grid.ts';
import { asEmbedState, embedView, embedZoom } from './embed-state.ts';
import { PanelFrame } from './PanelFrame.tsx';
import { watchEmbedPlacement } from './watch-embed-placement.ts';

interface Props {
  panel: PanelOf<'embed'>;
  placement: GridPlacement | undefined;
  fontPx: number;
  embeds: EmbedViewsBridge;
}

export function DesktopEmbed({ panel, placement, fontPx, embeds }: Props) {
  const body = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<EmbedViewState | null>(null);
  const [drawn, setDrawn] = useState(true);
  const now = useNow();
  const host = (() => {
    try {
      return new URL(panel.url).host;
    } catch {
      return panel.url;
    }
  })();

  useEffect(() => embeds.onState((state) => state.panelId === panel.id && setView(state)), [embeds, panel.id]);

  // Drawn only where nothing of the wall is over the tile (the view would hide it), following the
  // tile wherever the layout moves it; show() goes out only when that changes.
  useEffect(() => {
    const el = body.current;
    if (!el) return;
    const zoom = embedZoom(panel.zoom, fontPx);
    const stop = watchEmbedPlacement(el, ({ bounds, visible }) => {
      setDrawn(visible);
      void embeds.show({
        panelId: panel.id,
        url: panel.url,
        bounds,
        visible,
        reloadMs: panel.reload ?? null,
        loadTimeoutMs: panel.loadTimeout,
        allowScripts: panel.allowScripts,
        zoom,
      });
    });
    return () => {
      stop();
      void embeds.hide(panel.id);
    };
  }, [embeds, panel, fontPx]);

  const shown = embedView(asEmbedState(view, now, panel.loadTimeout), now, host);
  return (
    <PanelFrame
      panel={panel}
      placement={placement}
      freshness={shown.freshness}
      freshnessWord={shown.freshness.freshness === 'live' ? 'loaded' : undefined}
      oldWord="old page"
      state="ok"
      chip={false}
      error={view?.error ?? shown.error}
      resetKey={view?.loadedAt ?? 0}
      waiting={
        <p data-testid={`embed-waiting-${panel.id}`} data-failed={view?.state === 'failed'}>
          {view?.state === 'failed' && <span aria-hidden="true">▲ </span>}
          {view?.error ?? shown.waiting}
        </p>
      }
    >
      <div ref={body} className="embed" data-testid={`embed-${panel.id}`} data-isolated-view="true" data-drawn={drawn}>
        {!drawn && view?.loadedAt != null && (
          // What shows of the tile while its page is not drawn (the tile's own words say the rest).
          <div className="panel-waiting embed-covered" data-testid={`embed-covered-${panel.id}`}>
            <p>
              {host} · page loaded {formatAge(Math.max(0, now - view.loadedAt))} ago, hidden while the wall shows something over it
            </p>
          </div>
        )}
      </div>
    </PanelFrame>
  );
}
