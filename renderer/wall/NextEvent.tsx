/**
 * The header's countdown to the next event this wall will run (a sports night, a premiere),
 * days ahead: the room sees it coming before its strip takes over an hour before the start.
 */
import { formatDuration } from '../../shared/domain/incidents/durations.ts';
import { formatLocal } from '../../shared/domain/planning/markdown.ts';
import { useLivePlans } from '../state/live-plans.ts';
import { useHubNow } from '../state/react.tsx';
import { nextEventFor } from './event-plans.ts';

/** `timeZone`: the room's, as the header's first clock (the venue's may differ). */
export function NextEvent({ wallId, timeZone }: { wallId: string; timeZone: string }) {
  const upcoming = useLivePlans((s) => s.upcoming);
  const running = useLivePlans((s) => s.plans);
  const now = useHubNow();
  const next = nextEventFor(upcoming, running, wallId);
  if (next === null || next.startMs <= now) return null;
  // Whole minutes: a countdown days ahead need not tick every second.
  const left = Math.ceil((next.startMs - now) / 60_000) * 60_000;
  return (
    <span className="next-event" data-testid="next-event" data-plan-id={next.id}>
      <span aria-hidden="true">◷ </span>
      Next event: <strong>{next.name}</strong> in {formatDuration(left)} · {formatLocal(next.startMs, timeZone)}
    </span>
  );
}
