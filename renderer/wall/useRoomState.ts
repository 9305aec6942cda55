/**
 * What a wall knows of the room's other states, for the status radiator and the rotation's holds:
 * the open incidents (the hub broadcasts every summary to walls), the canaries confirmed failing
 * (the board when the wall has a canaries panel, else only the summary of those failing: a wall
 * without one needs no stream of runs; both a viewer token may ask for), the SLOs as last evaluated (GET /api/v1/slos,
 * viewer), the complaint spike (the pulse every wall already follows) and the running plans on this
 * wall (their fired triggers and freeze, as the event strip, which feeds them, reads them). Only the states the
 * workspace counts, or the wall's rotation holds on, are asked for.
 */
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Spike } from '../../shared/domain/pulse/spike.ts';
import { countedRoomKinds, type RoomSignalKind } from '../../shared/domain/room-signals.ts';
import type { WallConfig, Workspace } from '../../shared/model/workspace.ts';
import type { CanaryBoardEntry } from '../../shared/protocol/canaries.ts';
import type { IncidentSummary } from '../../shared/protocol/incidents.ts';
import type { LivePlan } from '../../shared/protocol/plans.ts';
import { useHub } from '../app/hub-context.tsx';
import { useWatchCanaries, useWatchCanarySummary } from '../canaries/hooks.ts';
import { useSloStatuses, type SloStatuses } from '../panels/useSloStatuses.ts';
import { useLivePlans } from '../state/live-plans.ts';
import { useApp } from '../state/react.tsx';
import { pulseFeed } from '../transport/pulse.ts';
import { plansForWall } from './event-plans.ts';

export interface RoomState {
  readonly counted: ReadonlySet<RoomSignalKind>;
  /** `known`: caught up with the hub's incident log since the last (re)connection. */
  readonly incidents: { readonly known: boolean; readonly open: readonly IncidentSummary[] };
  /**
   * `known`: the board is live (asked whole, deltas flowing). Only the canaries confirmed failing;
   * `staleFailing`: the ids of those that went stale since (no result, the failure still open),
   * from the board or the summary.
   */
  readonly canaries: { readonly known: boolean; readonly failing: readonly CanaryBoardEntry[]; readonly staleFailing: readonly string[] };
  /** The workspace's SLOs, and the hub's statuses of them. */
  readonly slos: SloStatuses & { readonly configured: readonly { readonly id: string; readonly name: string }[] };
  /** `ready`: the hub answered since the last (re)connection. */
  readonly pulse: { readonly ready: boolean; readonly spike: Spike | null };
  /** `known`: the hub answered the live plans once. The plans running on this wall, their triggers and freeze changes as the hub judged them. */
  readonly plans: { readonly known: boolean; readonly running: readonly LivePlan[] };
}

const NO_SLOS: readonly { id: string; name: string }[] = [];

export function useRoomState(workspace: Workspace, wall: WallConfig): RoomState {
  const counted = useMemo(() => countedRoomKinds(workspace), [workspace]);
  // A canaries or slo panel the rotation holds on needs its state even when the radiator does not count it.
  const heldTypes = useMemo(() => new Set(wall.rotation?.holdOn.map((id) => wall.panels.find((p) => p.id === id)?.type)), [wall]);
  const summaries = useApp((s) => s.incidents.summaries);
  const incidentsKnown = useApp((s) => s.incidents.caughtUp);
  const open = useMemo(() => Object.values(summaries).filter((s) => s.open), [summaries]);

  const needsCanaries = counted.has('canaries') || heldTypes.has('canaries');
  // Its canaries panels follow the board anyway (kept while the rotation shows other pages).
  const hasCanaryPanel = useMemo(() => wall.panels.some((p) => p.type === 'canaries'), [wall]);
  useWatchCanaries(needsCanaries && hasCanaryPanel);
  useWatchCanarySummary(needsCanaries && !hasCanaryPanel);
  const canariesKnown = useApp((s) => s.canaries.status === 'live' || s.canaries.summaryStatus === 'live');
  const failing = useApp(
    useShallow((s) => (s.canaries.status === 'live' ? (s.canaries.board?.entries.filter((e) => e.health === 'failing-confirmed') ?? []) : (s.canaries.summary?.failing ?? []))),
  );

  const staleFailing = useApp(
    useShallow((s) =>
      s.canaries.status === 'live' ? (s.canaries.board?.entries.filter((e) => e.health === 'stale' && e.confirmedAt !== null).map((e) => e.id) ?? []) : (s.canaries.summary?.staleFailing ?? []),
    ),
  );

  const sloStatuses = useSloStatuses(counted.has('slos') || heldTypes.has('slo'));
  const configured = workspace.slos ?? NO_SLOS;

  // The spike and readiness only, so a pulse update that changes neither draws nothing.
  const feed = pulseFeed(useHub());
  const subscribe = useCallback((listener: () => void) => feed.subscribe(listener, 1), [feed]);
  const spike = useSyncExternalStore(subscribe, () => feed.view().spike);
  const ready = useSyncExternalStore(subscribe, () => feed.view().ready);

  // The event strip on every wall keeps the live plans fed.
  const plansKnown = useLivePlans((s) => s.loadedAt !== null);
  const allPlans = useLivePlans((s) => s.plans);
  const running = useMemo(() => plansForWall(allPlans, wall.id), [allPlans, wall.id]);

  return useMemo(
    () => ({
      counted,
      incidents: { known: incidentsKnown, open },
      canaries: { known: canariesKnown, failing, staleFailing },
      slos: { ...sloStatuses, configured },
      pulse: { ready, spike },
      plans: { known: plansKnown, running },
    }),
    [counted, incidentsKnown, open, canariesKnown, failing, staleFailing, sloStatuses, configured, ready, spike, plansKnown, running],
  );
}
