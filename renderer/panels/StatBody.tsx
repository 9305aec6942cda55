import { memo } from 'react';
import type { CSSProperties } from 'react';
import { formatValue } from '../../shared/domain/format.ts';
import type { PanelConfig } from '../../shared/model/workspace.ts';
import { toneIcon, toneWord } from '../app/status-words.ts';
import type { DisplayState } from '../wall/model.ts';
import { Sparkline } from './Sparkline.tsx';

interface Props {
  panel: Extract<PanelConfig, { type: 'stat' }>;
  frameKey: string;
  value: number | null;
  state: DisplayState;
}

/** The big number, its threshold colour and icon, and the sparkline. Re-renders only on a new value. */
export const StatBody = memo(function StatBody({ panel, frameKey, value, state }: Props) {
  const text = formatValue(value, panel.unit, panel.decimals);
  // "2.41K req/s": the number big, the unit after it smaller, so long units do not crowd the number.
  const space = text.indexOf(' ');
  const number = space === -1 ? text : text.slice(0, space);
  const unit = space === -1 ? '' : text.slice(space);
  const judged = panel.thresholds !== undefined && value !== null;
  const chars = number.length + unit.length * 0.5 + (judged ? 1 : 0);
  return (
    <div className="stat" data-judged={judged}>
      {/* The number fits its tile: the longer the text, the smaller (see .stat-value). */}
      <div className="stat-value" data-state={judged ? state : 'none'} style={{ '--mc-chars': chars } as CSSProperties}>
        {judged && (
          <span className="stat-icon" aria-hidden="true">
            {toneIcon[state]}
          </span>
        )}
        <span className="stat-number" data-testid={`panel-value-${panel.id}`}>
          {number}
          {unit && <span className="stat-unit">{unit}</span>}
        </span>
      </div>
      {judged && (
        <div className="stat-state" data-state={state} data-testid={`panel-state-${panel.id}`}>
          {toneWord[state]}
        </div>
      )}
      {panel.sparkline && <Sparkline panel={panel} frameKey={frameKey} />}
    </div>
  );
});
