import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { freshnessOf, worstFreshness } from '../../shared/domain/freshness.ts';
import type { Freshness } from '../../shared/domain/freshness.ts';
import { panelValue } from '../../shared/domain/panel-value.ts';
import { readRoom, withRoomSignals } from '../../shared/domain/room-signals.ts';
import { evaluateStatus } from '../../shared/domain/status-radiator.ts';
import type { PanelReading } from '../../shared/domain/status-radiator.ts';
import { valueState } from '../../shared/domain/value-mapping.ts';
import { isDataPanel } from '../../shared/model/workspace.ts';
import type { DataPanelConfig, WallConfig, Workspace } from '../../shared/model/workspace.ts';
import { ConnectionState } from '../app/ConnectionState.tsx';
import { freshnessIcon, freshnessWord, toneIcon } from '../app/status-words.ts';
import { useApp, useHubNow } from '../state/react.tsx';
import { Clocks } from './Clocks.tsx';
import { NextEvent } from './NextEvent.tsx';
import { panelFrameKey, sourceIntervalMs, statusPanels } from './model.ts';
import { roomInputs } from './room-inputs.ts';
import type { RoomState } from './useRoomState.ts';

interface Watched {
  readonly id: string;
  readonly key: string;
  readonly aggregate: 'sum' | 'avg' | 'max' | 'min';
  readonly fallbackIntervalMs: number;
}

/**
 * What the header needs from the frames, as a flat list of primitives (value, lastSuccessAt,
 * expectedIntervalMs per panel) so it re-renders only when one of them changes.
 */
function useWatched(watched: readonly Watched[]): (number | null)[] {
  return useApp(
    useShallow((s) =>
      watched.flatMap((w) => {
        const entry = s.frames[w.key];
        return [panelValue(entry, w.aggregate), entry?.meta.lastSuccessAt ?? null, entry?.meta.expectedIntervalMs ?? null];
      }),
    ),
  );
}

function watch(workspace: Workspace, panels: readonly DataPanelConfig[]): Watched[] {
  return panels.map((p) => ({
    id: p.id,
    key: panelFrameKey(p),
    aggregate: p.query.aggregate,
    fallbackIntervalMs: sourceIntervalMs(workspace, p.source),
  }));
}

export function StatusHeader({ workspace, wall, room }: { workspace: Workspace; wall: WallConfig; room: RoomState }) {
  const statusList = useMemo(() => statusPanels(workspace), [workspace]);
  const statusWatched = useMemo(() => watch(workspace, statusList), [workspace, statusList]);
  const wallWatched = useMemo(() => watch(workspace, wall.panels.filter(isDataPanel)), [workspace, wall.panels]);
  const statusValues = useWatched(statusWatched);
  const wallValues = useWatched(wallWatched);
  const connected = useApp((s) => s.connection.status === 'connected');
  const issueCount = useApp((s) => s.workspace.issues?.length ?? 0);
  const now = useHubNow();

  const freshnessAt = (values: (number | null)[], i: number, fallback: number): Freshness =>
    freshnessOf({ lastSuccessAt: values[i * 3 + 1] ?? null, expectedIntervalMs: values[i * 3 + 2] ?? fallback, now, connected });

  const readings = new Map<string, PanelReading>();
  statusList.forEach((panel, i) => {
    const value = statusValues[i * 3] ?? null;
    const live = freshnessAt(statusValues, i, statusWatched[i]!.fallbackIntervalMs) === 'live';
    readings.set(panel.id, { value, state: valueState(value, panel), live });
  });
  const dataVerdict = evaluateStatus(workspace.status, readings);

  const wallFreshness = wallWatched.map((w, i) => freshnessAt(wallValues, i, w.fallbackIntervalMs));
  const worst = worstFreshness(wallFreshness);
  const notLive = wallFreshness.filter((f) => f !== 'live').length;

  // The rules name panels by id; the room knows them by title.
  const titles = new Map(statusList.map((p) => [p.id, p.title]));
  const titled = (text: string) => {
    const space = text.indexOf(' ');
    const id = space === -1 ? text : text.slice(0, space);
    const title = titles.get(id);
    return title === undefined ? text : `${title}${space === -1 ? '' : text.slice(space)}`;
  };
  // Then the room's states (incidents, canaries, SLOs, the pulse), already in words.
  const verdict = withRoomSignals(
    { ...dataVerdict, reasons: dataVerdict.reasons.map(titled), unverified: dataVerdict.unverified.map(titled) },
    readRoom(roomInputs(room, now, connected)),
    workspace.status,
  );
  const { reasons, unverified } = verdict;
  const detail = reasons.length > 0 ? reasons.join(' · ') : (verdict.description ?? '');
  return (
    <header className="wall-header">
      <div className="wall-header-top">
        <div className="radiator" data-testid="radiator" data-tone={verdict.tone} data-level={verdict.level}>
          <span className="radiator-icon" aria-hidden="true">
            {toneIcon[verdict.tone]}
          </span>
          <div className="radiator-text">
            <span className="radiator-level" data-testid="radiator-level">
              {verdict.level}
            </span>
            {(detail || unverified.length > 0) && (
              <span className="radiator-reasons" data-testid="radiator-reasons">
                {detail}
                {unverified.length > 0 && `${detail ? ' · ' : ''}not live: ${unverified.join(', ')}`}
              </span>
            )}
          </div>
        </div>
        <Clocks timeZone={workspace.timezone} venueTimeZone={workspace.venueTimezone} />
      </div>
      <div className="wall-strip">
        <h1 className="wall-title">{wall.title}</h1>
        <span className="worst-freshness" data-testid="wall-worst-freshness" data-freshness={worst}>
          <span aria-hidden="true">{freshnessIcon[worst]} </span>
          Data {freshnessWord[worst]}
          {notLive > 0 && ` · ${notLive} of ${wallFreshness.length} panels not live`}
        </span>
        <ConnectionState compact />
        <NextEvent wallId={wall.id} timeZone={workspace.timezone} />
        {issueCount > 0 && (
          <span className="issues-marker" data-testid="workspace-issues" data-count={issueCount}>
            ▲ workspace file refused ({issueCount}) · running the last valid one
          </span>
        )}
      </div>
    </header>
  );
}
