import type { ReactNode } from 'react';
import type { PanelOf } from '../../shared/model/workspace.ts';
import { useApp } from '../state/react.tsx';
import type { GridPlacement } from '../wall/grid.ts';
import type { PanelFreshness } from '../wall/model.ts';
import { MarkdownText } from './MarkdownText.tsx';
import { PanelFrame } from './PanelFrame.tsx';

/** Text from the workspace: as current as the workspace itself, so its badge says so. */
export function TextPanel({ panel, placement }: { panel: PanelOf<'text'>; placement: GridPlacement | undefined }) {
  const connected = useApp((s) => s.connection.status === 'connected');
  const freshness: PanelFreshness = { freshness: connected ? 'live' : 'disconnected', ageMs: null, waiting: false };
  let body: ReactNode;
  if (panel.content.trim() === '') body = <p className="panel-note">(no text)</p>;
  else body = <MarkdownText content={panel.content} allowImagesFrom={panel.allowImagesFrom} />;
  return (
    <PanelFrame
      panel={panel}
      placement={placement}
      freshness={freshness}
      freshnessWord={connected ? 'workspace' : undefined}
      state="ok"
      chip={false}
      waiting={null}
      error={null}
      resetKey={panel}
    >
      <div className="text-panel" data-testid={`text-${panel.id}`}>
        {body}
      </div>
    </PanelFrame>
  );
}
