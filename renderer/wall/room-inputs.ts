/** The room's states as the radiator reads them (pure): only the counted ones, each known or not. */
import { freshnessOf } from '../../shared/domain/freshness.ts';
import { inFreeze } from '../../shared/domain/planning/timeline.ts';
import type { RoomInputs } from '../../shared/domain/room-signals.ts';
import { SLO_POLL_MS } from '../panels/useSloStatuses.ts';
import { runningFirst } from './event-plans.ts';
import type { RoomState } from './useRoomState.ts';

/**
 * An SLO's alert as the radiator may use it: a PAGE or TICKET counts however old (better safe);
 * "ok" only from an evaluation that is live (as a data panel's value), else it is not known. The
 * freeze is the one of the plan the event strip shows, counted while it is on, as the strip flags it.
 */
export function roomInputs(room: RoomState, now: number, connected: boolean): RoomInputs {
  const { counted, slos } = room;
  const sloAlert = (id: string) => {
    const status = slos.slos?.find((s) => s.id === id);
    if (!status) return null;
    if (status.alert === 'page' || status.alert === 'ticket') return status.alert;
    const live = freshnessOf({ lastSuccessAt: status.at, expectedIntervalMs: SLO_POLL_MS, now, connected }) === 'live';
    return live && status.error === null ? status.alert : null;
  };
  return {
    ...(counted.has('incidents') ? { incidents: room.incidents } : {}),
    ...(counted.has('canaries') ? { canaries: { known: room.canaries.known, entries: room.canaries.failing } } : {}),
    ...(counted.has('slos')
      ? {
          slos: {
            known: connected && slos.slos !== null && slos.error === null,
            statuses: slos.configured.map((s) => ({ name: s.name, alert: sloAlert(s.id), absent: slos.slos?.find((x) => x.id === s.id)?.absent === true })),
          },
        }
      : {}),
    ...(counted.has('pulse') ? { pulse: { known: room.pulse.ready, spike: room.pulse.spike } } : {}),
    ...(counted.has('freeze') ? { freeze: { known: connected && room.plans.known, changes: freezeChanges(room.plans.running, now) } } : {}),
  };
}

/** Changes recorded during the freeze of the plan the strip shows, while that freeze is on. */
function freezeChanges(running: RoomState['plans']['running'], now: number): number {
  const shown = runningFirst(running, now)[0];
  return shown && inFreeze(shown.plan, now) ? (shown.freezeChanges?.count ?? 0) : 0;
}
