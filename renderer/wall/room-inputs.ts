/** The room's states as the radiator reads them (pure): only the counted ones, each known or not. */
import { freshnessOf } from '../../shared/domain/freshness.ts';
import { mostUrgentFirst } from '../../shared/domain/planning/fired-trigger.ts';
import { inFreeze } from '../../shared/domain/planning/timeline.ts';
import type { RoomInputs } from '../../shared/domain/room-signals.ts';
import { SLO_POLL_MS } from '../panels/useSloStatuses.ts';
import { runningFirst } from './event-plans.ts';
import type { RoomState } from './useRoomState.ts';

/**
 * An SLO's alert as the radiator may use it: a PAGE or TICKET counts however old (better safe);
 * "ok" only from an evaluation that is live (as a data panel's value), else it is not known. The
 * event is the plan the event strip shows: its fired triggers, and its freeze while it is on, as
 * the strip flags them.
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
    ...(counted.has('event') ? { event: eventInputs(room.plans, now, connected) } : {}),
  };
}

/** The plan the strip shows: its triggers fired, the most urgent first, and the changes during its freeze while that is on. */
function eventInputs(plans: RoomState['plans'], now: number, connected: boolean): NonNullable<RoomInputs['event']> {
  const shown = runningFirst(plans.running, now)[0];
  return {
    known: connected && plans.known,
    fired: shown ? mostUrgentFirst(shown.plan, shown.triggers.filter((t) => t.state === 'fired')).map((t) => t.description) : [],
    freezeChanges: shown && inFreeze(shown.plan, now) ? (shown.freezeChanges?.count ?? 0) : 0,
  };
}
