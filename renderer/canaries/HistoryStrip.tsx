import { memo } from 'react';
import { expandHistory, type CanaryBoardEntry } from '../../shared/protocol/canaries.ts';
import { clock } from '../incidents/words.ts';

/**
 * The last runs, oldest left: a pass is a short green bar, a pass on retry a middle amber one, a
 * failure a full-height red one (shape as well as colour); runs during maintenance are hatched.
 */
export const HistoryStrip = memo(function HistoryStrip({ entry, timeZone }: { entry: Pick<CanaryBoardEntry, 'history' | 'id'>; timeZone: string }) {
  const runs = expandHistory(entry);
  const slots = Math.max(entry.history.max, runs.length);
  const failed = runs.filter((r) => r.outcome !== 'pass').length;
  // One title for the strip: formatting a time per run costs more than the whole row at 1,000 tiles.
  const span = runs.length > 0 ? ` (${clock(runs[0]!.at, timeZone)} to ${clock(runs.at(-1)!.at, timeZone)})` : '';
  return (
    <div className="canary-strip" data-testid={`canary-strip-${entry.id}`} title={`${failed} of the last ${runs.length} runs failed${span}`} aria-label={`${failed} of the last ${runs.length} runs failed`}>
      {Array.from({ length: slots - runs.length }, (_, i) => (
        <span key={`e${i}`} className="canary-run" data-outcome="none" />
      ))}
      {runs.map((r) => (
        <span
          key={r.at}
          className="canary-run"
          data-outcome={r.outcome === 'pass' ? (r.retried ? 'retried' : 'pass') : 'fail'}
          data-maintenance={r.maintenance || undefined}
        />
      ))}
    </div>
  );
});
