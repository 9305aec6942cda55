import { useCallback, useEffect, useMemo, useState } from 'react';
import { isDataPanel } from '../../shared/model/workspace.ts';
import type { ViewingDistance, WallConfig, Workspace } from '../../shared/model/workspace.ts';
import { ConnectionState } from '../app/ConnectionState.tsx';
import type { Route } from '../app/router.ts';
import { routeHash } from '../app/router.ts';
import { inspectorOffered } from '../panels/inspect.ts';
import { InspectorContext, type InspectorControl } from '../panels/inspector-context.ts';
import { PanelInspector } from '../panels/PanelInspector.tsx';
import { useApp, useAppStoreApi } from '../state/react.tsx';
import { useHiddenCursor, useKeepAwake, useRootFont } from './kiosk.ts';
import { sourceIntervalMs, wallWants } from './model.ts';
import { EventStrip } from './EventStrip.tsx';
import { WallIdContext } from './wall-id.ts';
import { WallPages } from './WallPages.tsx';
import { EnrolScreen } from './EnrolScreen.tsx';
import { IncidentBanner } from './IncidentBanner.tsx';
import { PulseSpikeBanner } from './PulseSpikeBanner.tsx';
import { StatusHeader } from './StatusHeader.tsx';
import { useWallTheme } from './theme.ts';
import { useRoomState } from './useRoomState.ts';
import { ChartThemeContext } from '../charts/wall-charts.ts';
import './wall.css';

/** A wall route: kiosk (no chrome, cursor hidden, kept awake), never blank, never a prompt. */
export function WallRoute({ route }: { route: Extract<Route, { name: 'wall' }> }) {
  useHiddenCursor();
  useKeepAwake();
  const status = useApp((s) => s.connection.status);
  const role = useApp((s) => s.connection.role);
  const workspace = useApp((s) => s.workspace.workspace);
  const wall = workspace ? (route.wallId === null ? workspace.walls[0] : workspace.walls.find((w) => w.id === route.wallId)) : undefined;
  const distance: ViewingDistance = route.distance ?? wall?.viewingDistance ?? 'near';
  const fontPx = useRootFont(distance);

  // Never a login page on a wall: it shows its enrolment code until an admin enters it.
  if (status === 'unauthorized') return <EnrolScreen />;
  if (!workspace) {
    return (
      <main className="fullscreen-message" data-testid="wall-connecting">
        <p className="fullscreen-icon" aria-hidden="true">
          ◌
        </p>
        <h1>Waiting for the hub</h1>
        <p className="fullscreen-detail">
          <ConnectionState />
        </p>
      </main>
    );
  }
  if (!wall) {
    return (
      <main className="fullscreen-message" data-testid="wall-not-found">
        <p className="fullscreen-icon" aria-hidden="true">
          ?
        </p>
        <h1>No wall “{route.wallId}” in the workspace</h1>
        <p className="fullscreen-detail">
          Walls:{' '}
          {workspace.walls.map((w, i) => (
            <span key={w.id}>
              {i > 0 && ', '}
              <a href={routeHash({ ...route, wallId: w.id })}>{w.id}</a>
            </span>
          ))}
        </p>
      </main>
    );
  }
  // Only a person at a keyboard may inspect panels: never a wall device (viewer token) or a kiosk.
  return <WallView workspace={workspace} wall={wall} distance={distance} fontPx={fontPx} inspectable={inspectorOffered(role, route.kiosk === true)} />;
}

interface WallViewProps {
  workspace: Workspace;
  wall: WallConfig;
  distance: ViewingDistance;
  fontPx: number;
  /** Whether panels offer "Inspect" (a person at a keyboard). */
  inspectable: boolean;
}

function WallView({ workspace, wall, distance, fontPx, inspectable }: WallViewProps) {
  const store = useAppStoreApi();
  const wants = useMemo(() => wallWants(workspace, wall), [workspace, wall]);
  useEffect(() => store.getState().wantFrames(wants), [store, wants]);
  useWallTheme(wall.theme);
  // The room's states, once for the header's radiator and the rotation's holds.
  const room = useRoomState(workspace, wall);

  const [inspecting, setInspecting] = useState<string | null>(null);
  const closeInspector = useCallback(() => setInspecting(null), []);
  const inspector = useMemo<InspectorControl | null>(() => (inspectable ? { open: setInspecting, current: inspecting } : null), [inspectable, inspecting]);
  // The panel as the workspace has it now (an edit applies; a panel removed closes the drawer).
  const inspected = inspectable && inspecting !== null ? wall.panels.find((p) => p.id === inspecting) : undefined;

  return (
    <div className="wall" data-testid="wall" data-wall-id={wall.id} data-distance={distance} data-theme={wall.theme} data-inspectable={inspectable}>
      <StatusHeader workspace={workspace} wall={wall} room={room} />
      {/* Two or more at once and each goes compact (wall.css): the panels keep most of the screen. */}
      <div className="wall-banners" data-testid="wall-banners">
        <IncidentBanner timeZone={workspace.timezone} />
        <PulseSpikeBanner />
        <EventStrip wallId={wall.id} timeZone={workspace.timezone} />
      </div>
      <InspectorContext value={inspector}>
        <ChartThemeContext value={wall.theme}>
          <WallIdContext value={wall.id}>
            <WallPages workspace={workspace} wall={wall} fontPx={fontPx} room={room} />
          </WallIdContext>
        </ChartThemeContext>
      </InspectorContext>
      {inspected && isDataPanel(inspected) && (
        <PanelInspector
          key={inspected.id}
          workspace={workspace}
          panel={inspected}
          fallbackIntervalMs={sourceIntervalMs(workspace, inspected.source)}
          onClose={closeInspector}
        />
      )}
    </div>
  );
}
