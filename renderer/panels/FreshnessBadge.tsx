import { formatAge } from '../../shared/domain/freshness.ts';
import { freshnessIcon, freshnessWord } from '../app/status-words.ts';
import type { PanelFreshness } from '../wall/model.ts';

interface Props {
  panelId: string;
  freshness: PanelFreshness;
  /** Instead of the level's word, e.g. "workspace" for text that comes with the workspace. */
  word?: string;
}

/** live / delayed / stale / disconnected, with the data's age: "stale · 4 min". */
export function FreshnessBadge({ panelId, freshness, word }: Props) {
  const { freshness: level, ageMs, waiting } = freshness;
  const age = ageMs === null ? 'never' : formatAge(ageMs);
  return (
    <span className="freshness" data-testid={`freshness-${panelId}`} data-freshness={level} title={`Data ${freshnessWord[level]}, ${age} old`}>
      <span className="freshness-icon" aria-hidden="true">
        {freshnessIcon[level]}
      </span>
      <span className="freshness-word">{word ?? (waiting && ageMs === null && level !== 'disconnected' ? 'no data' : freshnessWord[level])}</span>
      {ageMs !== null && (
        <span className="freshness-sep" aria-hidden="true">
          ·
        </span>
      )}
      <span className="freshness-age" data-testid={`freshness-age-${panelId}`}>
        {ageMs === null ? '' : age}
      </span>
    </span>
  );
}
