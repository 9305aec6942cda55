import { memo } from 'react';
import type { CanaryBoardEntry } from '../../shared/protocol/canaries.ts';
import { clock } from '../incidents/words.ts';
import { failureLine, ms } from './board-view.ts';
import { HistoryStrip } from './HistoryStrip.tsx';
import { PhaseBar } from './PhaseBar.tsx';
import { CanaryStatusChip } from './StatusChip.tsx';

/** What covers the tile: who acknowledged it until when, the maintenance window, or the last digest. */
export function coverLine(e: CanaryBoardEntry, timeZone: string): string | null {
  if (e.ack) return `Acknowledged by ${e.ack.by}${e.ack.until !== null ? ` until ${clock(e.ack.until, timeZone)}` : ' until it recovers'}${e.ack.note ? ` · ${e.ack.note}` : ''}`;
  if (e.maintenance) return `Maintenance${e.maintenance.endsAt !== null ? ` until ${clock(e.maintenance.endsAt, timeZone)}` : ''}${e.maintenance.reasons.length ? ` · ${e.maintenance.reasons.join(', ')}` : ''}`;
  // The digest says how the window went: news for an hour of runs after it, not for ever.
  if (e.lastDigest && (e.lastResultAt === null || e.lastResultAt - e.lastDigest.endedAt <= DIGEST_SHOWN_MS)) return `After maintenance: ${e.lastDigest.summary}`;
  return null;
}

const DIGEST_SHOWN_MS = 3_600_000;

/** The time line of a tile: "failing since 14:02:10", "recovered at …", or when it last ran. */
export function sinceLine(e: CanaryBoardEntry, timeZone: string): string {
  // A single failure still in a k-of-n window is not "failing": only a failing health says since when.
  if (e.failingSince !== null && (e.health === 'failing-unconfirmed' || e.health === 'failing-confirmed')) return `failing since ${clock(e.failingSince, timeZone)}`;
  if (e.recovered && e.lastResultAt !== null && e.recovered.recoveredAt >= e.lastResultAt - 3 * (e.intervalMs ?? 0)) return `recovered at ${clock(e.recovered.recoveredAt, timeZone)}`;
  return e.lastResultAt !== null ? `last run ${clock(e.lastResultAt, timeZone)}` : 'no run yet';
}

interface Props {
  entry: CanaryBoardEntry;
  timeZone: string;
  top: number;
  height: number;
  selected: boolean;
  onSelect: (id: string) => void;
}

/** One canary on the board: one fixed-height row (the list is windowed). Re-renders only when its entry changes. */
export const CanaryRow = memo(function CanaryRow({ entry: e, timeZone, top, height, selected, onSelect }: Props) {
  const failure = failureLine(e);
  const cover = coverLine(e, timeZone);
  return (
    <div
      role="row"
      className="canary-row"
      data-testid={`canary-${e.id}`}
      data-status={e.status}
      aria-selected={selected}
      style={{ top, height }}
      onClick={() => onSelect(e.id)}
    >
      <div className="canary-cell canary-state" role="cell">
        <CanaryStatusChip entry={e} testId={`canary-status-${e.id}`} />
        <span className="canary-since">{sinceLine(e, timeZone)}</span>
      </div>
      <div className="canary-cell canary-name" role="cell">
        <button type="button" className="canary-link" onClick={() => onSelect(e.id)}>
          {e.critical && <span className="canary-critical" title="critical: a confirmed failure prompts the consoles">★ </span>}
          {e.name}
        </button>
        <span className="canary-target muted">{e.kind === 'suite' ? `JUnit suite${e.last?.junit ? ` · ${e.last.junit.tests} tests` : ''}` : e.target}</span>
      </div>
      <div className="canary-cell" role="cell">
        <HistoryStrip entry={e} timeZone={timeZone} />
        <PhaseBar timings={e.last?.timings ?? null} />
      </div>
      <div className="canary-cell canary-words" role="cell">
        {failure && (
          <span className="canary-failure" data-testid={`canary-failure-${e.id}`} title={failure}>
            {failure}
          </span>
        )}
        {cover && (
          <span className="canary-cover" title={cover}>
            {cover}
          </span>
        )}
        {!failure && !cover && <span className="muted">{e.last ? `${ms(e.last.latencyMs)}` : ''}</span>}
      </div>
    </div>
  );
});
