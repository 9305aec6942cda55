import { formatAge } from '../../shared/domain/freshness.ts';
import type { PanelState } from '../../shared/model/workspace.ts';
import { freshnessIcon, freshnessWord, toneIcon } from '../app/status-words.ts';
import { freshnessBadgeWord, type PanelFreshness } from '../wall/model.ts';

interface Props {
  panelId: string;
  freshness: PanelFreshness;
  /** Instead of the level's word, e.g. "workspace" for text that comes with the workspace. */
  word?: string;
  /** The data's age against the panel's staleAfter thresholds: amber/red badge, "old" in words. */
  ageState?: PanelState | null;
}

/** live / delayed / stale / disconnected, with the data's age: "stale · 4 min"; "no data · 6 s" for an empty answer (freshnessBadgeWord). */
export function FreshnessBadge({ panelId, freshness, word, ageState = null }: Props) {
  const { freshness: level, ageMs } = freshness;
  const age = ageMs === null ? 'never' : formatAge(ageMs);
  const tooOld = ageState === 'warning' || ageState === 'critical';
  const shown = word ?? freshnessBadgeWord(freshness, ageState);
  const noData = word === undefined && shown === 'no data';
  return (
    <span
      className="freshness"
      data-testid={`freshness-${panelId}`}
      data-freshness={level}
      data-age-state={ageState ?? undefined}
      data-no-data={noData || undefined}
      title={noData ? (ageMs === null ? 'No data yet' : `Answered ${age} ago, with nothing to show`) : `Data ${freshnessWord[level]}, ${age} old${tooOld ? ` (older than this panel's ${ageState} age)` : ''}`}
    >
      <span className="freshness-icon" aria-hidden="true">
        {tooOld ? toneIcon[ageState] : noData ? freshnessIcon.stale : freshnessIcon[level]}
      </span>
      <span className="freshness-word">{shown}</span>
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
