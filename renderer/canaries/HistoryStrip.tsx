import { memo } from 'react';
import { expandHistory, type CanaryBoardEntry } from '../../shared/protocol/canaries.ts';
import { clock } from '../incidents/words.ts';
import { stripPaths } from './board-view.ts';

/**
 * The last runs, oldest left: a pass is a short green bar, a pass on retry a middle amber one, a
 * failure a full-height red one (shape as well as colour); runs during maintenance carry a dark
 * notch. One SVG with a path per kind of run, not an element per run: a row entering the windowed
 * board costs a handful of layout objects instead of dozens.
 */
export const HistoryStrip = memo(function HistoryStrip({ entry, timeZone }: { entry: Pick<CanaryBoardEntry, 'history' | 'id'>; timeZone: string }) {
  const runs = expandHistory(entry);
  const strip = stripPaths(runs, entry.history.max);
  const failed = runs.filter((r) => r.outcome !== 'pass').length;
  // One title for the strip: formatting a time per run costs more than the whole row at 1,000 tiles.
  const span = runs.length > 0 ? ` (${clock(runs[0]!.at, timeZone)} to ${clock(runs.at(-1)!.at, timeZone)})` : '';
  return (
    <svg
      className="canary-strip"
      data-testid={`canary-strip-${entry.id}`}
      viewBox={`0 0 ${strip.width} ${strip.height}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={`${failed} of the last ${runs.length} runs failed`}
    >
      <title>{`${failed} of the last ${runs.length} runs failed${span}`}</title>
      {strip.paths.map((p) => (
        <path key={p.outcome} className="canary-run" data-outcome={p.outcome} d={p.d} />
      ))}
    </svg>
  );
});
