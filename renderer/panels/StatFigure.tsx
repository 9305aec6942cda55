import type { CSSProperties, ReactNode } from 'react';
import type { ValueDisplay } from '../../shared/domain/value-mapping.ts';
import { toneIcon, toneWord } from '../app/status-words.ts';
import { textWidth } from './text-width.ts';

interface Props {
  panelId: string;
  shown: ValueDisplay;
  /** Drawn under the figure (a stat's sparkline). */
  children?: ReactNode;
  title?: string;
}

/**
 * The big number (or its mapped text: 1 → "UP") in its state's colour with the state's icon and
 * word, sized to its tile (see .stat in styles.css): a stat's body, and a gauge too short for its dial.
 */
export function StatFigure({ panelId, shown, children, title }: Props) {
  const { judged, state } = shown;
  // "2.41K req/s": the number big, the unit after it smaller, so long units do not crowd the number.
  const chars = textWidth(shown.number) + textWidth(shown.unit) * 0.5 + (judged ? 1.2 : 0);
  // A mapped word says the state itself ("DOWN"); the state word below would only repeat it.
  const stateWord = judged && !shown.mapping?.text;
  // On a short tile the word sits beside the number, and the number's width fit counts it (see .stat).
  const style = { '--mc-chars': chars, '--mc-word-chars': stateWord ? textWidth(toneWord[state]) * 0.45 + 0.6 : 0 } as CSSProperties;
  return (
    <div className="stat" data-judged={judged} data-mapped={shown.mapping?.text !== undefined} data-state-word={stateWord} style={style} title={title}>
      {/* The number fits its tile: the longer the text, the smaller (see .stat-value). */}
      <div className="stat-value" data-state={judged ? state : 'none'}>
        {judged && (
          <span className="stat-icon" aria-hidden="true">
            {toneIcon[state]}
          </span>
        )}
        <span className="stat-number" data-testid={`panel-value-${panelId}`}>
          {shown.number}
          {shown.unit && <span className="stat-unit">{shown.unit}</span>}
        </span>
      </div>
      {stateWord && (
        <div className="stat-state" data-state={state} data-testid={`panel-state-${panelId}`}>
          {toneWord[state]}
        </div>
      )}
      {children}
    </div>
  );
}
