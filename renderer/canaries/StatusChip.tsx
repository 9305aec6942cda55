import type { CanaryBoardEntry } from '../../shared/protocol/canaries.ts';
import { statusLook, statusText } from './board-view.ts';

/** The tile's status: colour, icon and word ("◆ Failing? 2 of 3 failed"). */
export function CanaryStatusChip({ entry, testId }: { entry: Pick<CanaryBoardEntry, 'status' | 'progress'>; testId?: string }) {
  const look = statusLook[entry.status];
  return (
    <span className="canary-chip" data-tone={look.tone} data-status={entry.status} data-testid={testId}>
      <span aria-hidden="true">{look.icon} </span>
      {statusText(entry)}
    </span>
  );
}
