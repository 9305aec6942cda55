import { memo } from 'react';
import { displayValue } from '../../shared/domain/value-mapping.ts';
import type { PanelOf } from '../../shared/model/workspace.ts';
import { Sparkline } from './Sparkline.tsx';
import { StatFigure } from './StatFigure.tsx';

interface Props {
  panel: PanelOf<'stat'>;
  frameKey: string;
  value: number | null;
}

/**
 * The big number (or its mapped text: 1 → "UP"), its state colour and icon, and the sparkline.
 * Re-renders only on a new value.
 */
export const StatBody = memo(function StatBody({ panel, frameKey, value }: Props) {
  return (
    <StatFigure panelId={panel.id} shown={displayValue(value, panel)}>
      {panel.sparkline && <Sparkline panel={panel} frameKey={frameKey} />}
    </StatFigure>
  );
});
